import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { ensureLocalOwner } from "../../src/storage/owner.repository.js";
import { cli } from "../support/cli.js";
import { describeEachDialect, openStoreAgain, type TestDialect } from "../support/stores.js";
import { correspondent, type Suggestion, suggest } from "./inbox-rows.js";

/** Mark's store with Sofía and Ben, and a way to leave what an import of his mail would leave. */
async function mailbox(dialect: TestDialect) {
  const c = cli({ dialect });
  await c.run("init", "--name", "Mark", "--org", "Brightline");
  const sofia = (
    await c.run("person", "add", "Sofía Ramírez", "--email", "sofia@example.com", "--json")
  ).json();
  const ben = (await c.run("person", "add", "Ben Osei", "--json")).json();
  const store = await openStoreAgain(await c.db);
  const owner = await ensureLocalOwner(store.db, new Date().toISOString());
  return {
    ...c,
    sofia: sofia.id as string,
    ben: ben.id as string,
    suggest: (s: Suggestion) => suggest(store.db, owner.id, s),
    correspondent: (x: Parameters<typeof correspondent>[2]) => correspondent(store.db, owner.id, x),
  };
}

/** Sofía thanked Mark for an introduction: the suggestion that he gave her the intro. */
const introFrom = (sofia: string): Suggestion => ({
  kind: "gave",
  personId: sofia,
  summary: "the intro",
  because: "thanks for the intro",
  at: "2026-11-02T09:00:00.000Z",
  subject: "Re: meeting Ana",
  exchangeKind: "intro",
});

describeEachDialect("the Inbox from the command line", (dialect) => {
  it("lists open suggestions newest first, numbered, each with why and the message's subject", async () => {
    const m = await mailbox(dialect);
    await m.suggest(introFrom(m.sofia));
    await m.suggest({
      kind: "ask",
      personId: m.ben,
      summary: "review my deck",
      because: "could you review my deck",
      at: "2026-11-10T09:00:00.000Z",
      subject: "Deck for Friday",
    });
    const list = await m.run("inbox");
    expect(list.code).toBe(0);
    const lines = list.stdout.split("\n");
    expect(lines[0]).toMatch(/^#2 {2}2026-11-10 {2}Ben Osei asks: review my deck$/);
    expect(lines[1]).toContain("because the message says ‘could you review my deck’ — “Deck for Friday”");
    expect(lines[2]).toMatch(/^#1 {2}2026-11-02 {2}You gave Sofía Ramírez: the intro$/);
    expect(lines[3]).toContain("because the message says ‘thanks for the intro’ — “Re: meeting Ana”");
    const json = (await m.run("inbox", "--json")).json();
    expect(json.open).toBe(2);
    expect(json.items[1]).toMatchObject({
      number: 1,
      kind: "gave",
      person: { id: m.sofia, name: "Sofía Ramírez" },
      exchangeKind: "intro",
      subject: "Re: meeting Ana",
      status: "open",
    });
  });

  it("accepting a give records it on the message's day as the suggested kind, once; undo brings the item back", async () => {
    const m = await mailbox(dialect);
    await m.suggest(introFrom(m.sofia));
    const accepted = await m.run("inbox", "accept", "1");
    expect(accepted.stdout).toBe("Recorded: You gave Sofía Ramírez: the intro\n");
    const ledger = (await m.run("ledger", "Sofía", "--json")).json();
    expect(ledger.entries).toHaveLength(1);
    expect(ledger.entries[0]).toMatchObject({
      direction: "gave",
      kind: "intro",
      summary: "the intro",
      occurredAt: "2026-11-02T09:00:00.000Z",
    });
    expect((await m.run("inbox", "--json")).json().items).toEqual([]);
    const again = await m.run("inbox", "accept", "1");
    expect(again.code).toBe(4);
    expect(again.stderr).toContain("Inbox item #1 was accepted already");

    const undone = await m.run("undo", "--json");
    expect(undone.json().undone.description).toBe(
      "Accepted from the Inbox: “You gave Sofía Ramírez: the intro”",
    );
    expect((await m.run("ledger", "Sofía", "--json")).json().entries).toEqual([]);
    expect((await m.run("inbox", "--json")).json().items.map((i: { number: number }) => i.number)).toEqual([
      1,
    ]);
  });

  it("a thank-you accepted closes the thanks owed in today", async () => {
    const m = await mailbox(dialect);
    await m.run("received", "Sofía", "Reviewed my deck", "--on", "2026-11-20");
    expect((await m.run("today", "--json")).json().thanksOwed).toHaveLength(1);
    await m.suggest({
      kind: "thanks",
      personId: m.sofia,
      summary: "reviewing my deck",
      because: "thank you so much for reviewing my deck",
      at: "2026-11-21T08:00:00.000Z",
      subject: "Thank you!",
    });
    await m.run("inbox", "accept", "1");
    const today = (await m.run("today", "--json")).json();
    expect(today.thanksOwed).toEqual([]);
    const entry = (await m.run("ledger", "Sofía", "--json")).json().entries[0];
    expect(entry).toMatchObject({ direction: "gave", kind: "thanks", summary: "reviewing my deck" });
  });

  it("an ask accepted is my promise by default, or their need with --as need", async () => {
    const m = await mailbox(dialect);
    await m.suggest({
      kind: "ask",
      personId: m.ben,
      summary: "review my deck",
      because: "could you review my deck",
      at: "2026-11-10T09:00:00.000Z",
    });
    await m.suggest({
      kind: "ask",
      personId: m.ben,
      summary: "a venue for the offsite",
      because: "could you find a venue for the offsite",
      at: "2026-11-11T09:00:00.000Z",
    });
    expect((await m.run("inbox", "accept", "1")).stdout).toBe(
      "Recorded: You promised Ben Osei: review their deck\n",
    );
    const promises = (await m.run("promises", "--json")).json().commitments;
    expect(promises).toHaveLength(1);
    expect(promises[0]).toMatchObject({ direction: "i_owe", summary: "review their deck", status: "open" });
    await m.run("inbox", "accept", "2", "--need");
    expect((await m.run("needs", "--json")).json().needs.map((n: { text: string }) => n.text)).toEqual([
      "a venue for the offsite",
    ]);
    const wrong = await m.run("inbox", "accept", "2", "--need");
    expect(wrong.stderr).toContain("Inbox item #2 was accepted already");
  });

  it("an alias accepted makes the address the person's, so the next mail from it matches them", async () => {
    const m = await mailbox(dialect);
    await m.suggest({
      kind: "alias",
      personId: m.sofia,
      summary: "s.ramirez@gmail.com",
      because: "signed “Sofía Ramírez”",
      at: "2026-11-12T09:00:00.000Z",
      address: "s.ramirez@gmail.com",
    });
    expect((await m.run("inbox")).stdout).toContain("Is s.ramirez@gmail.com Sofía Ramírez?");
    expect((await m.run("show", "s.ramirez@gmail.com")).code).toBe(3);
    await m.run("inbox", "accept", "1");
    const shown = (await m.run("show", "s.ramirez@gmail.com", "--json")).json().person;
    expect(shown).toMatchObject({ id: m.sofia, emails: ["sofia@example.com", "s.ramirez@gmail.com"] });
    await m.run("undo");
    expect((await m.run("show", "s.ramirez@gmail.com")).code).toBe(3);
  });

  it("edit changes the summary, kind, exchange kind and person; accept takes the same changes", async () => {
    const m = await mailbox(dialect);
    await m.suggest({
      kind: "gave",
      personId: m.sofia,
      summary: "the thing",
      because: "thanks for the thing",
      at: "2026-11-02T09:00:00.000Z",
    });
    await m.suggest({
      kind: "gave",
      personId: m.sofia,
      summary: "lunch",
      because: "thanks for lunch",
      at: "2026-11-03T09:00:00.000Z",
    });
    const edited = await m.run(
      "inbox",
      "edit",
      "1",
      "--kind",
      "received",
      "--exchange",
      "advice",
      "--summary",
      "pricing advice",
      "--person",
      "Ben",
    );
    expect(edited.stdout).toContain("#1 now says: Ben Osei gave you: pricing advice");
    expect((await m.run("ledger", "--json")).json().entries).toEqual([]);
    await m.run("inbox", "accept", "1");
    await m.run("inbox", "accept", "2", "--exchange", "gift", "--summary", "a long lunch");
    const entries = (await m.run("ledger", "--json")).json().entries;
    expect(
      entries.map(
        (e: { direction: string; kind: string; summary: string; counterpart: { name: string } }) => [
          e.direction,
          e.kind,
          e.summary,
          e.counterpart.name,
        ],
      ),
    ).toEqual([
      ["gave", "gift", "a long lunch", "Sofía Ramírez"],
      ["received", "advice", "pricing advice", "Ben Osei"],
    ]);
    expect((await m.run("inbox", "edit", "1", "--kind", "alias")).code).toBe(4);
  });

  it("numbers stay with their items: dismissing several leaves the others' numbers, and undo returns them", async () => {
    const m = await mailbox(dialect);
    for (const [i, day] of ["01", "02", "03"].entries())
      await m.suggest({
        kind: "received",
        personId: m.ben,
        summary: `help ${i + 1}`,
        because: "I went ahead and",
        at: `2026-11-${day}T09:00:00.000Z`,
        createdAt: `2026-11-24T09:00:0${i}.000Z`,
      });
    const dismissed = await m.run("inbox", "dismiss", "1", "#2");
    expect(dismissed.stdout).toBe("Dismissed 2 items: #1, #2.\n");
    const left = (await m.run("inbox", "--json")).json().items;
    expect(left.map((i: { number: number; summary: string }) => [i.number, i.summary])).toEqual([
      [3, "help 3"],
    ]);
    expect((await m.run("inbox", "dismiss", "1")).code).toBe(4);
    expect((await m.run("inbox", "accept", "9")).stderr).toContain("No Inbox item is #9");
    await m.run("undo");
    expect((await m.run("inbox", "--json")).json().open).toBe(3);
  });

  it("people you write to often: ranked by messages, added in one step with their address, undone in one", async () => {
    const m = await mailbox(dialect);
    await m.correspondent({
      email: "lena.park@studio.example",
      name: null,
      messages: 4,
      lastAt: "2026-11-20T09:00:00.000Z",
    });
    await m.correspondent({
      email: "tom@example.org",
      name: "Tom Byrne",
      messages: 9,
      lastAt: "2026-11-01T09:00:00.000Z",
    });
    await m.correspondent({
      email: "ops@example.org",
      name: "Ops",
      messages: 2,
      lastAt: "2026-11-02T09:00:00.000Z",
    });
    const listed = (await m.run("inbox", "people", "--json")).json().people;
    expect(
      listed.map((p: { number: number; email: string; messages: number }) => [p.number, p.email, p.messages]),
    ).toEqual([
      [1, "tom@example.org", 9],
      [2, "lena.park@studio.example", 4],
      [3, "ops@example.org", 2],
    ]);
    expect((await m.run("inbox", "people")).stdout).toMatch(
      /^1 {2}Tom Byrne {2}tom@example\.org +9 messages {2}last 2026-11-01$/m,
    );
    const added = await m.run("inbox", "people", "add", "1", "lena.park@studio.example");
    expect(added.stdout).toContain(
      "Added Tom Byrne <tom@example.org>, Lena Park <lena.park@studio.example>.",
    );
    expect(added.stdout).toContain("Import the same export again");
    expect((await m.run("show", "tom@example.org", "--json")).json().person).toMatchObject({
      name: "Tom Byrne",
      emails: ["tom@example.org"],
    });
    await m.run("inbox", "people", "dismiss", "ops@example.org");
    expect((await m.run("inbox", "people", "--json")).json().people).toEqual([]);
    await m.run("undo");
    await m.run("undo");
    expect((await m.run("inbox", "people", "--json")).json().people).toHaveLength(3);
    expect((await m.run("show", "tom@example.org")).code).toBe(3);
  });

  it("after a real import: decisions stay decided on a re-import, and people added get their messages logged", async () => {
    const c = cli({ dialect });
    await c.run("init", "--name", "Ana");
    for (const [name, email] of [
      ["Sofía García", "sofia@example.org"],
      ["José Martínez", "jose@example.net"],
    ] as const)
      await c.run("person", "add", name, "--email", email);
    const mbox = join(dirname(fileURLToPath(import.meta.url)), "../fixtures/capture/takeout.mbox");
    expect((await c.run("import", mbox, "--me", "ana@example.com")).code).toBe(0);
    const before = (await c.run("inbox", "--json")).json().items;
    expect(before.length).toBeGreaterThanOrEqual(2);
    const [first, second] = before as { number: number; text: string; subject: string | null }[];
    expect(first?.subject).not.toBeNull();
    await c.run("inbox", "accept", String(first?.number));
    await c.run("inbox", "dismiss", String(second?.number));
    const someone = (await c.run("inbox", "people", "--json")).json().people[0];
    await c.run("inbox", "people", "add", "1");
    const again = await c.run("import", mbox, "--me", "ana@example.com", "--json");
    expect(again.code).toBe(0);
    const after = (await c.run("inbox", "--json")).json().items.map((i: { text: string }) => i.text);
    expect(after).toEqual(before.slice(2).map((i: { text: string }) => i.text));
    const shown = (await c.run("show", someone.email, "--json")).json();
    expect(shown.person.name).toBe(someone.name);
    expect(JSON.stringify(shown)).toContain('"channel":"email"');
  });
});
