/*
 * One-tap links from a note, through the HTTP API without signing in (the signed link is the
 * permission): opening one describes it and changes nothing; posting it does it once (the thank-you
 * lands in the ledger and the thanks owed goes), and it can be undone; a second post, a link over a
 * week old and a tampered link are refused.
 */
import { expect, it } from "vitest";
import { actionToken } from "../../src/app/reminders/links.js";
import { api } from "../http/support.js";
import { describeEachDialect, NOW, type TestDialect } from "../support/stores.js";
import { danaStory, THURSDAY } from "./story.js";
import { wallClock } from "./support.js";

const DAY = 86_400_000;

/** Dana (a team account) and the one-tap links of her Thursday note, as the API previews it. */
async function danaAndHerNote(dialect: TestDialect) {
  const server = await api(dialect);
  const dana = await server.account("dana@northwind.example");
  const people = await danaStory({
    store: server.store,
    db: server.store.db,
    ownerId: dana.ownerId,
    now: NOW,
  });
  const at = wallClock(THURSDAY, "08:00", "Europe/Berlin");
  server.setClock(at);
  await server.call("PATCH", "/api/v1/reminders", {
    token: dana.token,
    body: { publicUrl: "https://goodwill.northwind.example" },
  });
  const preview = await server.call("GET", "/api/v1/reminders/preview", { token: dana.token });
  expect(preview.status).toBe(200);
  const items: { title: string; action: { url: string } | null }[] = preview.body.note.items;
  const linkOf = (title: string) => {
    const url = items.find((i) => i.title === title)?.action?.url ?? "";
    expect(url.startsWith("https://goodwill.northwind.example/act/")).toBe(true);
    return url.slice(url.lastIndexOf("/") + 1);
  };
  /** What Dana's records say: Kevin's ledger, and whom Today says she owes thanks. */
  const state = async () => {
    const ledger = await server.call("GET", `/api/v1/ledger?subject=${people.kevin.id}`, {
      token: dana.token,
    });
    const today = await server.call("GET", "/api/v1/today", { token: dana.token });
    return {
      entries: ledger.body.entries.map((e: { direction: string; kind: string; summary: string }) =>
        [e.direction, e.kind, e.summary].join(" "),
      ),
      thanksOwed: today.body.thanksOwed.map((t: { counterpart: { name: string } }) => t.counterpart.name),
    };
  };
  return { ...server, dana, people, at, linkOf, state };
}

describeEachDialect("one-tap links from a note", (dialect) => {
  it("opening a link describes it and changes nothing; posting it records the thank-you once, undoably", async () => {
    const { call, dana, people, at, linkOf, state } = await danaAndHerNote(dialect);
    const token = linkOf("Thank Kevin Liu");
    const before = await state();
    expect(before).toEqual({ entries: ["received favor fixed my laptop"], thanksOwed: ["Kevin Liu"] });
    const undoBefore = (await call("GET", "/api/v1/undo", { token: dana.token })).body.entries.length;

    // A mail program's link preview, then Dana herself, open the page: nothing happens.
    for (let i = 0; i < 2; i++) {
      const opened = await call("GET", `/api/v1/reminders/actions/${token}`);
      expect(opened.status).toBe(200);
      expect(opened.body).toEqual({
        action: "thanked",
        question: "Mark that you thanked Kevin Liu for “fixed my laptop”?",
        target: { kind: "person", id: people.kevin.id, name: "Kevin Liu" },
        summary: "fixed my laptop",
        expiresAt: new Date(at + 7 * DAY).toISOString(),
        usedAt: null,
        expired: false,
      });
    }
    expect(await state()).toEqual(before);
    expect((await call("GET", "/api/v1/undo", { token: dana.token })).body.entries).toHaveLength(undoBefore);

    // She taps "I thanked them".
    const done = await call("POST", `/api/v1/reminders/actions/${token}`);
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ done: true, message: "Thanked Kevin Liu.", undo: expect.any(String) });
    expect(done.headers.get("goodwill-undo")).toBe(done.body.undo);
    expect(await state()).toEqual({
      entries: ["gave thanks Thanked them for: fixed my laptop", "received favor fixed my laptop"],
      thanksOwed: [],
    });
    const journal = (await call("GET", "/api/v1/undo", { token: dana.token })).body.entries;
    expect(journal[0]).toMatchObject({ id: done.body.undo, kind: "write", undoneAt: null });

    // Tapped again (or by whoever the mail was forwarded to): refused, nothing recorded twice.
    const again = await call("POST", `/api/v1/reminders/actions/${token}`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("conflict");
    expect(again.body.error.message).toMatch(
      /^This link was used already \(2026-11-26 07:00 UTC\): each link in a note works once\.$/,
    );
    expect((await call("GET", `/api/v1/reminders/actions/${token}`)).body.usedAt).toBe(
      new Date(at).toISOString(),
    );
    expect((await state()).entries).toHaveLength(2);

    // Undone from Recent changes: the thanks are owed again.
    const undone = await call("POST", `/api/v1/undo/${done.body.undo}`, { token: dana.token });
    expect(undone.status).toBe(200);
    expect(await state()).toEqual(before);
  });

  it("a promise's Done link completes it once; after seven days a link is refused as expired", async () => {
    const { call, dana, setClock, at, linkOf } = await danaAndHerNote(dialect);
    const kept = linkOf("Keep your promise to Priya Shah");
    const touched = linkOf("Get in touch with Tom Becker");
    const openPromises = async () =>
      (await call("GET", "/api/v1/commitments", { token: dana.token })).body.commitments.map(
        (c: { summary: string }) => c.summary,
      );
    expect(await openPromises()).toEqual(["send Priya the onboarding deck"]);
    const tomsLastContact = async () =>
      (await call("GET", "/api/v1/people?q=Tom%20Becker", { token: dana.token })).body.people[0]
        .lastContactAt;
    const lastContact = await tomsLastContact();
    expect(lastContact).toMatch(/^2026-09-01T/);

    setClock(at + 6 * DAY);
    const done = await call("POST", `/api/v1/reminders/actions/${kept}`);
    expect(done.status).toBe(200);
    expect(done.body.message).toBe("Done: send Priya the onboarding deck.");
    expect(await openPromises()).toEqual([]);
    expect((await call("POST", `/api/v1/reminders/actions/${kept}`)).status).toBe(409);

    setClock(at + 8 * DAY);
    const described = await call("GET", `/api/v1/reminders/actions/${touched}`);
    expect(described.body).toMatchObject({ action: "touched", expired: true, usedAt: null });
    const late = await call("POST", `/api/v1/reminders/actions/${touched}`);
    expect(late.status).toBe(409);
    expect(late.body.error.message).toBe(
      "This link expired on 2026-12-03: links in a note work for 7 days. Open Today in Goodwill to do it there.",
    );
    expect(await tomsLastContact()).toBe(lastContact);
  });

  it("a tampered link, or one signed by another server, is not found and does nothing", async () => {
    const { call, people, linkOf, state, dana } = await danaAndHerNote(dialect);
    const token = linkOf("Thank Kevin Liu");
    const before = await state();
    const [payload, signature] = token.split(".") as [string, string];

    // Someone edits the link to thank another person with it.
    const body = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    const edited = Buffer.from(JSON.stringify({ ...body, i: people.tom.id, n: "Tom Becker" })).toString(
      "base64url",
    );
    const forged = actionToken(
      "another server's key",
      { o: dana.ownerId, a: "thanked", t: "person", i: people.kevin.id, n: "Kevin Liu", s: null },
      Date.now(),
    );
    for (const bad of [`${edited}.${signature}`, `${payload}.${signature.slice(0, -2)}xx`, forged]) {
      for (const method of ["GET", "POST"]) {
        const answer = await call(method, `/api/v1/reminders/actions/${bad}`);
        expect(answer.status, `${method} ${bad}`).toBe(404);
        expect(answer.body.error.message).toBe(
          "This link is not one Goodwill made, or it was cut short: open Today in Goodwill instead.",
        );
      }
    }
    expect(await state()).toEqual(before);
    // The real link still works.
    expect((await call("POST", `/api/v1/reminders/actions/${token}`)).status).toBe(200);
  });
});
