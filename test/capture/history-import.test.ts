/**
 * `goodwill import` of mail and calendar history, through the CLI as a user types it, on both
 * stores: the readers' fixtures (test/fixtures/capture/) become moments for the people you know.
 */
import { cpSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { openStore } from "../../src/storage/store.js";
import { api } from "../http/support.js";
import { cli, tempStorePath } from "../support/cli.js";
import { describeEachDialect, type TestDialect } from "../support/stores.js";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "../fixtures/capture");
const fixture = (name: string) => join(FIXTURES, name);

async function withPeople(dialect: TestDialect) {
  const c = cli({ dialect });
  for (const [name, email] of [
    ["Sofía García", "sofia@example.org"],
    ["José Martínez", "jose@example.net"],
    ["Guest Seven", "guest07@example.net"],
    ["Liang Chen", "liang@example.cn"],
  ] as const)
    expect((await c.run("person", "add", name, "--email", email)).code).toBe(0);
  return c;
}

/** Rows of the store the CLI writes, read through a store of our own. */
async function rows<T>(url: string, read: (db: Awaited<ReturnType<typeof openStore>>["db"]) => Promise<T>) {
  const store = await openStore(url);
  try {
    return await read(store.db);
  } finally {
    await store.close();
  }
}

const moments = (url: string) =>
  rows(url, (db) =>
    db
      .selectFrom("interactions as i")
      .leftJoin("interaction_participants as ip", (j) =>
        j.onRef("ip.owner_id", "=", "i.owner_id").onRef("ip.interaction_id", "=", "i.id"),
      )
      .leftJoin("people as p", (j) =>
        j.onRef("p.owner_id", "=", "ip.owner_id").onRef("p.id", "=", "ip.person_id"),
      )
      .select(["i.summary", "i.channel", "i.initiated_by", "i.occurred_at", "i.notes", "p.display_name"])
      .orderBy("i.occurred_at")
      .orderBy("p.display_name")
      .execute(),
  );

describeEachDialect("goodwill import of mail history", (dialect) => {
  it("logs the messages with people you know, skips lists and no-reply senders, and adds nothing the second time", async () => {
    const c = await withPeople(dialect);
    const url = await c.db;
    const first = await c.run("import", fixture("takeout.mbox"), "--me", "ana@example.com", "--json");
    expect(first.code, first.stderr).toBe(0);
    expect(first.json()).toMatchObject({
      kind: "history",
      format: "mbox",
      read: 10,
      logged: 5,
      people: 4,
      unmatched: 1,
      skipped: { list: 1, "no-reply": 1, "auto-reply": 1 },
      problems: { count: 1, first: [{ where: "message 7 (byte 4288)" }] },
      myAddresses: { addresses: ["ana@example.com"], source: "setting" },
    });
    const logged = await moments(url);
    expect(
      logged.map((m) => [m.occurred_at.slice(0, 10), m.display_name, m.initiated_by, m.channel]),
    ).toEqual([
      ["2025-03-03", "Sofía García", "them", "email"],
      ["2025-03-04", "José Martínez", "them", "email"],
      // The message to 40 people: one moment, with the two of them who are people here.
      ["2025-03-05", "Guest Seven", "me", "email"],
      ["2025-03-05", "Sofía García", "me", "email"],
      ["2025-03-07", "Liang Chen", "them", "email"],
      ["2025-03-08", "Liang Chen", "them", "email"],
    ]);
    expect(logged[0]?.summary).toBe("Café next week?");
    // The snippet: at most the first 200 characters of the message's own words.
    expect(logged.every((m) => (m.notes ?? "").length <= 201)).toBe(true);
    expect(logged[0]?.notes).toMatch(/Could you look at my deck/);
    // The other 39 guests, Renée (cc) and Peter are people you write to, not yet people here.
    const frequent = first.json().frequent.map((f: { email: string }) => f.email);
    expect(frequent).toContain("peter@example.de");
    expect(frequent).not.toContain("guest07@example.net");
    expect(frequent).not.toContain("users@lists.example.org");
    expect(frequent).not.toContain("ana@example.com");

    const second = await c.run("import", fixture("takeout.mbox"), "--json");
    expect(second.json()).toMatchObject({ logged: 0, alreadyImported: 8, unmatched: 1, suggested: 0 });
    expect(await moments(url)).toHaveLength(6);
    const human = await c.run("import", fixture("takeout.mbox"));
    expect(human.stdout).toMatch(/Read 10 messages from .*takeout\.mbox \(mbox\): logged 0 moments/);
    expect(human.stdout).toMatch(/8 already imported, 1 with nobody you know yet/);
  });

  it("keeps no body with --bodies none, and remembers it for the next import", async () => {
    const c = await withPeople(dialect);
    const url = await c.db;
    expect((await c.run("import", fixture("thunderbird.mbox"), "--bodies", "none")).code).toBe(0);
    expect((await c.run("import", fixture("apple-mail.mbox"), "--json")).json().bodies).toBe("none");
    const logged = await moments(url);
    expect(logged.length).toBeGreaterThanOrEqual(2);
    expect(logged.every((m) => m.notes === null)).toBe(true);
    const bad = await c.run("import", fixture("thunderbird.mbox"), "--bodies", "some");
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--bodies/);
  });

  it("reads an Apple Mail export folder, a folder of .eml files, and says so when a file is neither", async () => {
    const c = await withPeople(dialect);
    const dir = dirname(tempStorePath());
    const apple = join(dir, "Inbox.mbox");
    mkdirSync(apple);
    cpSync(fixture("apple-mail.mbox"), join(apple, "mbox"));
    const fromApple = await c.run("import", apple, "--json");
    expect(fromApple.code, fromApple.stderr).toBe(0);
    expect(fromApple.json()).toMatchObject({ format: "mbox", read: 1, logged: 1 });

    const folder = join(dir, "mail");
    mkdirSync(join(folder, "sub"), { recursive: true });
    cpSync(fixture("plain.eml"), join(folder, "plain.eml"));
    cpSync(fixture("gmail-forward.eml"), join(folder, "sub", "forward.eml"));
    const fromFolder = await c.run("import", folder, "--json");
    expect(fromFolder.code, fromFolder.stderr).toBe(0);
    expect(fromFolder.json()).toMatchObject({ format: "eml", read: 2 });
    expect(fromFolder.json().logged).toBeGreaterThanOrEqual(1);

    const empty = join(dir, "empty");
    mkdirSync(empty);
    const none = await c.run("import", empty);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toMatch(/without mail Goodwill can read/);
  });

  it("logs each past instance of a recurring meeting once, and none of the cancelled ones", async () => {
    const c = await withPeople(dialect);
    const url = await c.db;
    const result = await c.run("import", fixture("google.ics"), "--json");
    expect(result.code, result.stderr).toBe(0);
    expect(result.json()).toMatchObject({ format: "ics", skipped: { cancelled: 2 } });
    const weekly = (await moments(url)).filter((m) => m.summary.startsWith("1:1 Ana / Sofía"));
    const days = weekly.map((m) => m.occurred_at.slice(0, 10));
    expect(days.slice(0, 4)).toEqual(["2025-01-06", "2025-01-13", "2025-01-27", "2025-02-10"]);
    expect(new Set(days).size).toBe(days.length);
    expect(weekly.every((m) => m.channel === "meeting" && m.display_name === "Sofía García")).toBe(true);
    // Nothing after the clock (2026-11-25) is logged.
    expect(days.every((d) => d <= "2026-11-25")).toBe(true);
    const again = await c.run("import", fixture("google.ics"), "--json");
    expect(again.json().logged).toBe(0);
  });

  it("undo takes a history import back, and importing again then logs it again", async () => {
    const c = await withPeople(dialect);
    const url = await c.db;
    await c.run("import", fixture("takeout.mbox"), "--me", "ana@example.com");
    const undone = await c.run("undo");
    expect(undone.code, undone.stderr).toBe(0);
    expect(undone.stdout).toMatch(/removed 5 moments and \d+ suggested entr(y|ies), forgot 9 messages/);
    expect(await moments(url)).toHaveLength(0);
    const left = await rows(url, async (db) => ({
      sources: (await db.selectFrom("capture_sources").select("source_key").execute()).length,
      inbox: (await db.selectFrom("inbox_items").select("id").execute()).length,
      correspondents: (await db.selectFrom("capture_correspondents").select("email").execute()).length,
      stats: await db.selectFrom("person_stats").select(["contacts"]).where("contacts", ">", 0).execute(),
    }));
    expect(left).toEqual({ sources: 0, inbox: 0, correspondents: 0, stats: [] });
    const again = await c.run("import", fixture("takeout.mbox"), "--json");
    expect(again.json()).toMatchObject({ logged: 5, alreadyImported: 0 });
  });
});

describeEachDialect("POST /api/v1/import of mail history", (dialect) => {
  it("takes an mbox upload, detects it, and logs into the uploader's account only", async () => {
    const { call, account } = await api(dialect);
    const ann = await account("ana@example.com");
    const bob = await account("bob@example.com");
    for (const who of [ann, bob])
      await call("POST", "/api/v1/people", {
        token: who.token,
        body: { name: "Sofía García", emails: ["sofia@example.org"] },
      });
    const upload = await call("POST", "/api/v1/import?filename=takeout.mbox&bodies=none", {
      token: ann.token,
      raw: readFileSync(fixture("takeout.mbox")),
    });
    expect(upload.status, JSON.stringify(upload.body)).toBe(200);
    expect(upload.body).toMatchObject({
      kind: "history",
      format: "mbox",
      // Sofía's own message, and Ana's message to 40 people Sofía is among.
      logged: 2,
      bodies: "none",
      myAddresses: { source: "account", addresses: ["ana@example.com"] },
    });
    const again = await call("POST", "/api/v1/import?filename=takeout.mbox", {
      token: ann.token,
      raw: readFileSync(fixture("takeout.mbox")),
    });
    expect(again.body).toMatchObject({ logged: 0 });
    // Bob's Sofía has no moment: the import was Ann's.
    const bobs = await call("GET", "/api/v1/people", { token: bob.token });
    const sofia = bobs.body.people[0];
    const timeline = await call("GET", `/api/v1/people/${sofia.id}/timeline`, { token: bob.token });
    expect(JSON.stringify(timeline.body)).not.toMatch(/Café next week/);
  });
});
