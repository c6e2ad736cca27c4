/**
 * The capture pipeline on both stores, fed captured items directly (the readers have their own
 * tests): who is who, what becomes a moment, what is skipped and counted, and that running it again
 * adds nothing.
 */
import { expect, it } from "vitest";
import { captureItems, keptBody } from "../../src/app/capture/capture-items.js";
import { saveCaptureSettings } from "../../src/app/capture/capture-settings.js";
import type { AppContext } from "../../src/app/context.js";
import type {
  CapturedItem,
  CapturedMail,
  CapturedMeeting,
  CaptureProblem,
} from "../../src/contract/capture.js";
import { journaledService } from "../../src/service/journaled-service.js";
import { getPersonStats, recomputePersonStats } from "../../src/storage/stats.repository.js";
import { describeEachDialect, freshContext, NOW, relativeDifference } from "../support/stores.js";

const DAY = 86_400_000;
const who = (address: string, name: string | null = null) => ({ address, name });

function mail(key: string, fields: Partial<CapturedMail>): CapturedMail {
  return {
    kind: "email",
    sourceKey: `mail:${key}`,
    at: NOW - 10 * DAY,
    from: null,
    to: [],
    cc: [],
    deliveredTo: [],
    subject: key,
    text: "",
    bulk: null,
    ...fields,
  };
}

function meeting(key: string, fields: Partial<CapturedMeeting>): CapturedMeeting {
  return {
    kind: "meeting",
    sourceKey: `ics:${key}`,
    at: NOW - 5 * DAY,
    allDay: false,
    organizer: null,
    attendees: [],
    title: key,
    description: "",
    cancelled: false,
    ...fields,
  };
}

async function* stream(items: (CapturedItem | CaptureProblem)[]) {
  yield* items;
}

async function count(ctx: AppContext, table: "interactions" | "capture_sources" | "inbox_items") {
  const row = await ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("owner_id", "=", ctx.ownerId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function history(): (CapturedItem | CaptureProblem)[] {
  return [
    mail("1", {
      from: who("me@example.com", "Me"),
      to: [who("Ann@Example.com", "Ann Lee")],
      cc: [who("carol@elsewhere.example", "Carol Diaz")],
      subject: "Lunch next week",
      text: "Shall we have lunch on Tuesday? ".repeat(20),
      at: NOW - 30 * DAY,
    }),
    mail("2", {
      from: who("bob@example.com", "Bob Stone"),
      to: [who("me@example.com")],
      subject: "",
      text: "Thanks for the intro to Sofía, it went well.",
      at: NOW - 20 * DAY,
    }),
    mail("list", { from: who("news@lists.example"), to: [who("ann@example.com")], bulk: "list" }),
    mail("noreply", { from: who("no-reply@shop.example"), to: [who("me@example.com")], bulk: "no-reply" }),
    mail("stranger", {
      from: who("dave@unknown.example", "Dave Moss"),
      to: [who("me@example.com")],
      at: NOW - 15 * DAY,
    }),
    mail("alias", {
      from: who("bob.stone@newjob.example", "Bob Stone"),
      to: [who("me@example.com")],
      at: NOW - 14 * DAY,
    }),
    meeting("standup", {
      organizer: who("ann@example.com"),
      attendees: [who("bob@example.com"), who("me@example.com")],
      title: "Planning",
      at: NOW - 3 * DAY,
    }),
    meeting("cancelled", { organizer: who("ann@example.com"), cancelled: true }),
    meeting("later", { organizer: who("ann@example.com"), at: NOW + 3 * DAY }),
    { kind: "problem", where: "message 9 (byte 4096)", message: "it is not a mail message" },
    mail("2", { from: who("bob@example.com"), subject: "the same message again" }),
  ];
}

describeEachDialect("capturing history", (dialect) => {
  async function setUp() {
    const ctx = await freshContext(dialect);
    const service = journaledService(ctx);
    const ann = await service.addPerson({ name: "Ann Lee", emails: ["ann@example.com"] });
    const bob = await service.addPerson({ name: "Bob Stone", emails: ["bob@example.com"] });
    await saveCaptureSettings(ctx, { me: ["me@example.com"] });
    return { ctx, service, ann: ann.id, bob: bob.id };
  }

  it("logs a moment for each message and meeting with someone known, on its day, with who began it", async () => {
    const { ctx, ann, bob } = await setUp();
    const result = await captureItems(ctx, stream(history()), { format: "mbox", bodies: "snippet" });
    expect(result).toMatchObject({
      read: 11,
      logged: 3,
      people: 2,
      alreadyImported: 1,
      unmatched: 2,
      skipped: { list: 1, "no-reply": 1, "auto-reply": 0, cancelled: 1, future: 1 },
      problems: { count: 1, first: [{ where: "message 9 (byte 4096)" }] },
      myAddresses: { addresses: ["me@example.com"], source: "setting" },
    });
    const moments = await ctx.db
      .selectFrom("interactions")
      .selectAll()
      .where("owner_id", "=", ctx.ownerId)
      .orderBy("occurred_at")
      .execute();
    expect(moments.map((m) => [m.summary, m.channel, m.initiated_by, m.occurred_at.slice(0, 10)])).toEqual([
      ["Lunch next week", "email", "me", new Date(NOW - 30 * DAY).toISOString().slice(0, 10)],
      ["(no subject)", "email", "them", new Date(NOW - 20 * DAY).toISOString().slice(0, 10)],
      ["Planning", "meeting", "them", new Date(NOW - 3 * DAY).toISOString().slice(0, 10)],
    ]);
    // The snippet policy: the first 200 characters of the body, no more.
    expect(moments[0]?.notes?.length).toBe(201);
    const planning = await ctx.db
      .selectFrom("interaction_participants")
      .select("person_id")
      .where("interaction_id", "=", moments[2]?.id ?? "")
      .execute();
    expect(planning.map((p) => p.person_id).sort()).toEqual([ann, bob].sort());
    // The aggregates the agenda reads are what a recomputation from the history gives.
    for (const id of [ann, bob]) {
      const running = await getPersonStats(ctx.db, ctx.ownerId, id);
      await recomputePersonStats(ctx.db, ctx.ownerId, id);
      const exact = await getPersonStats(ctx.db, ctx.ownerId, id);
      expect(running.contacts.contacts).toBe(exact.contacts.contacts);
      expect(running.contacts.lastAt).toBe(exact.contacts.lastAt);
      expect(relativeDifference(running.contacts.frequency, exact.contacts.frequency)).toBeLessThan(1e-9);
    }
  });

  it("counts unknown people once per message and suggests an alias for a known name", async () => {
    const { ctx, bob } = await setUp();
    const result = await captureItems(ctx, stream(history()), { format: "mbox", bodies: "none" });
    expect(result.frequent.map((f) => [f.email, f.messages])).toEqual([
      ["bob.stone@newjob.example", 1],
      ["dave@unknown.example", 1],
      ["carol@elsewhere.example", 1],
    ]);
    const alias = await ctx.db
      .selectFrom("inbox_items")
      .selectAll()
      .where("owner_id", "=", ctx.ownerId)
      .where("kind", "=", "alias")
      .execute();
    expect(alias).toHaveLength(1);
    expect(alias[0]).toMatchObject({ person_id: bob, status: "open" });
    expect(JSON.parse(alias[0]?.detail ?? "{}")).toEqual({
      email: "bob.stone@newjob.example",
      name: "Bob Stone",
    });
    const notes = await ctx.db.selectFrom("interactions").select("notes").execute();
    expect(notes.every((n) => n.notes === null)).toBe(true);
  });

  it("adds nothing the second time, and logs an unmatched message once its person is added", async () => {
    const { ctx, service } = await setUp();
    await captureItems(ctx, stream(history()), { format: "mbox", bodies: "snippet" });
    const moments = await count(ctx, "interactions");
    const sources = await count(ctx, "capture_sources");
    const inbox = await count(ctx, "inbox_items");
    const again = await captureItems(ctx, stream(history()), { format: "mbox", bodies: "snippet" });
    expect(again).toMatchObject({ logged: 0, suggested: 0, unmatched: 2, alreadyImported: 7 });
    expect(await count(ctx, "interactions")).toBe(moments);
    expect(await count(ctx, "capture_sources")).toBe(sources);
    expect(await count(ctx, "inbox_items")).toBe(inbox);
    expect(again.frequent.find((f) => f.email === "dave@unknown.example")?.messages).toBe(1);

    await service.addPerson({ name: "Dave Moss", emails: ["dave@unknown.example"] });
    const third = await captureItems(ctx, stream(history()), { format: "mbox", bodies: "snippet" });
    expect(third).toMatchObject({ logged: 1, people: 1, unmatched: 1 });
    expect(await count(ctx, "interactions")).toBe(moments + 1);
    const fourth = await captureItems(ctx, stream(history()), { format: "mbox", bodies: "snippet" });
    expect(fourth.logged).toBe(0);
  });

  it("infers my address from where the mail was delivered when none is known", async () => {
    const ctx = await freshContext(dialect);
    await journaledService(ctx).addPerson({ name: "Ann Lee", emails: ["ann@example.com"] });
    const result = await captureItems(
      ctx,
      stream([
        mail("in", {
          from: who("ann@example.com"),
          to: [who("me@home.example")],
          deliveredTo: ["me@home.example"],
        }),
        mail("out", { from: who("me@home.example"), to: [who("ann@example.com")], at: NOW - 2 * DAY }),
      ]),
      { format: "mbox", bodies: "snippet" },
    );
    expect(result.myAddresses).toEqual({ addresses: ["me@home.example"], source: "inferred" });
    const rows = await ctx.db
      .selectFrom("interactions")
      .select(["initiated_by"])
      .orderBy("occurred_at")
      .execute();
    expect(rows.map((r) => r.initiated_by)).toEqual(["them", "me"]);
    expect(result.frequent).toEqual([]);
  });
});

it("keeps none, a snippet or all of a body", () => {
  const body = `${"a".repeat(250)}  `;
  expect(keptBody(body, "none")).toBeNull();
  expect(keptBody(body, "snippet")).toBe(`${"a".repeat(200)}…`);
  expect(keptBody(body, "all")).toBe("a".repeat(250));
  expect(keptBody("   ", "all")).toBeNull();
});
