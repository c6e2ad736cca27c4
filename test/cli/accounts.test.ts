/**
 * The server administrator's account commands, straight on the store: user list, user passwd and
 * user rm (with `user add` and `token` to set the scene).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { sql } from "kysely";
import { expect, it } from "vitest";
import {
  checkPassword,
  createApiToken,
  createSession,
  sessionOwner,
  tokenOwner,
} from "../../src/app/accounts.js";
import { OWNER_TABLES } from "../../src/storage/owner.repository.js";
import type { Store } from "../../src/storage/store.js";
import { openStore } from "../../src/storage/store.js";
import { runCommand } from "../support/cli.js";
import { describeEachDialect, freshStoreUrl, NOW, type TestDialect } from "../support/stores.js";

const ANN = { email: "ann@example.com", password: "correct horse battery" };
const BOB = { email: "bob@example.com", password: "another good password" };

async function admin(dialect: TestDialect) {
  const url = await freshStoreUrl(dialect);
  const run = (args: string[], stdin = "") =>
    runCommand(args, { GOODWILL_DATABASE_URL: url, GOODWILL_NOW: new Date(NOW).toISOString() }, stdin);
  const add = async (account: { email: string; password: string }, name: string) =>
    expect(
      (await run(["user", "add", account.email, "--name", name, "--password-stdin"], `${account.password}\n`))
        .code,
    ).toBe(0);
  return { url, run, add };
}

/** How many rows each owner table holds for the owner. */
async function rowsOf(store: Store, ownerId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of [...OWNER_TABLES, "owners"] as const) {
    const column = table === "owners" ? "id" : "owner_id";
    const { rows } = await sql<{ n: string | number }>`select count(*) as n from ${sql.table(table)}
      where ${sql.ref(column)} = ${ownerId}`.execute(store.db);
    counts[table] = Number(rows[0]?.n);
  }
  return counts;
}

/** Every table of the schema that has an owner_id column, from the database's own catalogue. */
async function tablesWithOwners(store: Store): Promise<string[]> {
  const query =
    store.dialect.name === "sqlite"
      ? sql<{ name: string }>`select m.name from sqlite_master m, pragma_table_info(m.name) c
          where m.type = 'table' and c.name = 'owner_id'`
      : sql<{ name: string }>`select table_name as name from information_schema.columns
          where table_schema = current_schema() and column_name = 'owner_id'`;
  return (await query.execute(store.db)).rows.map((r) => r.name).sort();
}

describeEachDialect("goodwill user list, passwd and rm", (dialect) => {
  it("user list: every account with its name, when it was added and its active API tokens", async () => {
    const { run, add } = await admin(dialect);
    const empty = await run(["user", "list"]);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toMatch(/^No accounts: a server on this store runs in local mode/);
    expect((await run(["user", "list", "--json"])).json()).toEqual({ accounts: [] });

    await add(BOB, "Bob");
    await add(ANN, "Ann");
    const kept = (await run(["token", "create", "--user", ANN.email, "--json"])).json();
    const gone = (await run(["token", "create", "--user", ANN.email, "--json"])).json();
    expect((await run(["token", "revoke", gone.id, "--user", ANN.email])).code).toBe(0);
    expect(kept.token).toMatch(/^gw_/);

    expect((await run(["user", "list", "--json"])).json()).toEqual({
      accounts: [
        { email: ANN.email, name: "Ann", createdAt: "2026-11-25T12:00:00.000Z", activeTokens: 1 },
        { email: BOB.email, name: "Bob", createdAt: "2026-11-25T12:00:00.000Z", activeTokens: 0 },
      ],
    });
    expect((await run(["user", "list"])).stdout).toBe(
      [
        "Email            Name  Added       API tokens",
        "ann@example.com  Ann   2026-11-25           1",
        "bob@example.com  Bob   2026-11-25           0",
        "",
      ].join("\n"),
    );
  });

  it("user passwd: the new password works, the old one no longer does, sessions end and tokens keep working", async () => {
    const { url, run, add } = await admin(dialect);
    await add(ANN, "Ann");
    await add(BOB, "Bob");
    const store = await openStore(url);
    try {
      const ann = await checkPassword(store.db, ANN.email, ANN.password);
      if (!ann) throw new Error("Ann cannot sign in");
      const laptop = await createSession(store.db, ann.ownerId, NOW);
      const phone = await createSession(store.db, ann.ownerId, NOW);
      const bob = (await checkPassword(store.db, BOB.email, BOB.password))?.ownerId as string;
      const bobs = await createSession(store.db, bob, NOW);
      const { token } = await createApiToken(store.db, ann.ownerId, "script", new Date(NOW).toISOString());

      expect((await run(["user", "passwd", ANN.email], "a new long password\n")).code).toBe(2);
      const short = await run(["user", "passwd", ANN.email, "--password-stdin"], "short\n");
      expect(short.code).toBe(4);
      expect(short.stderr).toMatch(/too short: use at least 10 characters/);
      const nobody = await run(
        ["user", "passwd", "carl@example.com", "--password-stdin"],
        "a new long password\n",
      );
      expect(nobody.code).toBe(3);
      expect(nobody.stderr).toMatch(/There is no account for carl@example.com/);
      // nothing changed yet
      expect(await sessionOwner(store.db, laptop, NOW)).toBe(ann.ownerId);

      const changed = await run(["user", "passwd", ANN.email, "--password-stdin"], "a new long password\n");
      expect(changed.code).toBe(0);
      expect(changed.stdout).toMatch(
        /^Set a new password for ann@example.com and signed out its 2 sessions\. Its API tokens still work/,
      );
      expect(await checkPassword(store.db, ANN.email, ANN.password)).toBeNull();
      expect((await checkPassword(store.db, ANN.email, "a new long password"))?.ownerId).toBe(ann.ownerId);
      expect(await sessionOwner(store.db, laptop, NOW)).toBeNull();
      expect(await sessionOwner(store.db, phone, NOW)).toBeNull();
      expect(await sessionOwner(store.db, bobs, NOW)).toBe(bob);
      expect(await tokenOwner(store.db, token, NOW)).toEqual({ ownerId: ann.ownerId, revokedAt: null });
      expect(
        (
          await run(["user", "passwd", ANN.email, "--password-stdin", "--json"], "yet another password\n")
        ).json(),
      ).toEqual({ account: { email: ANN.email, name: "Ann" }, sessionsEnded: 0 });
    } finally {
      await store.close();
    }
  });

  it("user rm: asks for --yes saying what would go, then removes every row of the account and nothing of another's", async () => {
    const { url, run, add } = await admin(dialect);
    await add(ANN, "Ann");
    await add(BOB, "Bob");
    // Ann's account holds a bit of everything: the demo story, a need, an offer, one of her own, an introduction, a note,
    // a token, a session and a calendar link; Bob's a little of his own.
    expect((await run(["--as", ANN.email, "demo"])).code).toBe(0);
    expect((await run(["--as", ANN.email, "need", "Raj", "A quieter printer"])).code).toBe(0);
    expect((await run(["--as", ANN.email, "offer", "Linda", "Knows payroll rules"])).code).toBe(0);
    expect((await run(["--as", ANN.email, "offer", "me", "I can review contracts"])).code).toBe(0);
    expect((await run(["--as", ANN.email, "intro", "Raj", "Linda", "Both love printers"])).code).toBe(0);
    expect((await run(["--as", ANN.email, "note", "Raj", "Runs the lunch-and-learn"])).code).toBe(0);
    expect((await run(["token", "create", "--user", ANN.email])).code).toBe(0);
    expect((await run(["--as", ANN.email, "forwarding", "--new"])).code).toBe(0);
    for (const email of [ANN.email, BOB.email])
      expect((await run(["token", "create", "--dav", "--user", email])).code).toBe(0);
    const card = join(mkdtempSync(join(tmpdir(), "goodwill-card-")), "nia.vcf");
    writeFileSync(
      card,
      "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Nia Okafor\r\nTEL:+44 20 7946 0958\r\nURL:https://nia.example\r\nANNIVERSARY:20190612\r\nRELATED;TYPE=spouse:Sam Okafor\r\nEND:VCARD\r\n",
    );
    expect((await run(["--as", ANN.email, "import", card])).code).toBe(0);
    // Mail history: a message from Nia at an address she is not known by (a capture source, a
    // correspondent, and an alias suggestion in the inbox).
    const mbox = join(dirname(card), "mail.mbox");
    writeFileSync(
      mbox,
      "From nia@new.example Mon Mar 03 09:15:00 2025\nFrom: Nia Okafor <nia@new.example>\nTo: ann@example.com\nSubject: Hello\nDate: Mon, 3 Mar 2025 10:15:00 +0100\nMessage-ID: <nia.1@new.example>\n\nHi!\n",
    );
    expect((await run(["--as", ANN.email, "import", mbox])).code).toBe(0);
    expect(
      (await run(["--as", BOB.email, "person", "add", "Raj Patel", "--email", "raj@example.com"])).code,
    ).toBe(0);
    expect((await run(["--as", BOB.email, "gave", "Raj", "Coffee"])).code).toBe(0);

    const store = await openStore(url);
    try {
      const ann = (await checkPassword(store.db, ANN.email, ANN.password))?.ownerId as string;
      const bob = (await checkPassword(store.db, BOB.email, BOB.password))?.ownerId as string;
      await createSession(store.db, ann, NOW);
      await createSession(store.db, bob, NOW);
      const { rotateCalendarKey } = await import("../../src/app/accounts.js");
      await rotateCalendarKey(store.db, ann);
      // A message to Ann's forwarding address: a moment with Raj, a source, a correspondent, a suggestion.
      const { deliverForwarded } = await import("../../src/app/capture/forwarding.js");
      await deliverForwarded(store, () => NOW)(
        [ann],
        Buffer.from(
          "From: Raj Patel <raj.patel@brightline.example>\r\nTo: ann@example.com, Pat New <pat@new.example>\r\nSubject: Thanks\r\nMessage-ID: <t1@brightline.example>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n\r\nThanks for the intro to Linda!\r\n",
        ),
      );
      // Reminders' rows: a delivery, a push subscription, a used one-tap link (Bob's too, to keep).
      const reminders = await import("../../src/storage/reminder.repository.js");
      for (const owner of [ann, bob]) {
        const at = new Date(NOW).toISOString();
        await reminders.claimDelivery(
          store.db,
          { ownerId: owner, kind: "daily", localDate: "2026-11-25", channel: "email" },
          at,
          at,
        );
        await reminders.savePushSubscription(store.db, {
          owner_id: owner,
          id: `sub-${owner}`,
          endpoint: `https://push.example/${owner}`,
          p256dh: "key",
          auth: "auth",
          label: null,
          created_at: at,
        });
        await reminders.useActionNonce(store.db, owner, "nonce", at);
        // The address book's cards and change counter, as a phone's first sync makes them.
        const { syncCards } = await import("../../src/app/dav-address-book.js");
        await syncCards({ store, db: store.db, ownerId: owner, now: NOW });
        const { claimIdempotencyKey } = await import("../../src/storage/idempotency.repository.js");
        await claimIdempotencyKey(store.db, {
          ownerId: owner,
          key: "queued-1",
          requestHash: "h",
          nowIso: at,
        });
        // The Inbox's rows, as an import of mail leaves them: a source, a suggestion, a correspondent.
        const inboxRows = await import("../capture/inbox-rows.js");
        await inboxRows.suggest(store.db, owner, {
          kind: "ask",
          personId: null,
          summary: "review my deck",
          because: "could you review my deck",
          at,
        });
        await inboxRows.correspondent(store.db, owner, {
          email: "lena@example.com",
          name: "Lena",
          messages: 2,
          lastAt: at,
        });
      }

      // An edit after the first sync names the person whose card the next sync compares.
      for (const email of [ANN.email, BOB.email])
        expect((await run(["--as", email, "person", "edit", "Raj", "--title", "CTO"])).code).toBe(0);

      // The list of tables to empty is the schema's: a new table with owners must join it.
      expect([...OWNER_TABLES].sort()).toEqual(await tablesWithOwners(store));
      const annBefore = await rowsOf(store, ann);
      const bobBefore = await rowsOf(store, bob);
      // every table holds some of Ann's rows, so "all gone" below means something
      // (journal_state only holds a row while a write is under way, so it is empty between commands)
      expect(Object.keys(annBefore).filter((t) => annBefore[t] === 0 && t !== "journal_state")).toEqual([]);

      const unconfirmed = await run(["user", "rm", ANN.email]);
      expect(unconfirmed.code).toBe(2);
      expect(unconfirmed.stderr).toMatch(
        new RegExp(
          `^goodwill: Removing ann@example.com deletes the account and everything in it for good: ${annBefore.people} people, ${annBefore.exchanges} ledger entries, ${annBefore.interactions} moments\\. Keep a copy first \\(goodwill --as ann@example.com export`,
        ),
      );
      expect(await rowsOf(store, ann)).toEqual(annBefore);

      const removed = await run(["user", "rm", ANN.email, "--yes", "--json"]);
      expect(removed.code).toBe(0);
      // (the demo's profile renamed the account after the story's Mark)
      expect(removed.json()).toEqual({ removed: { email: ANN.email, name: expect.stringMatching(/^Mark/) } });
      expect(Object.values(await rowsOf(store, ann)).every((n) => n === 0)).toBe(true);
      expect(await rowsOf(store, bob)).toEqual(bobBefore);
      // Bob's search index still answers (on SQLite the full-text index lives beside the rows)
      expect((await run(["--as", BOB.email, "search", "coffee", "--json"])).json().results).toHaveLength(1);
      expect(
        (await run(["user", "list", "--json"])).json().accounts.map((a: { email: string }) => a.email),
      ).toEqual([BOB.email]);
      expect((await run(["--as", ANN.email, "today"])).code).toBe(3);

      // The last account stays, and an unknown one is named.
      const last = await run(["user", "rm", BOB.email, "--yes"]);
      expect(last.code).toBe(4);
      expect(last.stderr).toMatch(
        /bob@example.com is the last account: without accounts the server starts in local mode/,
      );
      expect(await rowsOf(store, bob)).toEqual(bobBefore);
      expect((await run(["user", "rm", ANN.email, "--yes"])).code).toBe(3);
    } finally {
      await store.close();
    }
  });
});
