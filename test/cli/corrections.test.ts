/**
 * Issue 10 §2–§3, from the user's side: every record can be corrected and deleted, and every write
 * undone — the last one with `goodwill undo`, any of the last 30 days by its id, a whole import with
 * `goodwill import undo`.
 */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect, it } from "vitest";
import { cli, tempStorePath } from "../support/cli.js";
import { describeEachDialect } from "../support/stores.js";

describeEachDialect("fixing a mistake", (dialect) => {
  it("a ledger entry logged with the wrong weight and person is corrected, and the balances follow", async () => {
    const { run } = cli({ dialect });
    await run("person", "add", "Jordan Lee");
    await run("person", "add", "Kevin O'Brien");
    await run("received", "Jordan", "Swapped the hard drive");
    const ledger = (await run("ledger", "Jordan", "--json")).json();
    const id = ledger.entries[0].id as string;
    expect(ledger.balance.received).toBeCloseTo(2, 5);

    // The short id printed at the end of each line is enough.
    const printed = (await run("ledger", "Jordan")).stdout;
    expect(printed).toContain(id.slice(-8));
    const edited = await run(
      "ledger",
      "edit",
      id.slice(-8),
      "--weight",
      "3",
      "--who",
      "Kevin",
      "--summary",
      "Swapped the drive",
    );
    expect(edited.code).toBe(0);
    expect(edited.stdout).toContain("Swapped the drive");

    const jordan = (await run("ledger", "Jordan", "--json")).json();
    const kevin = (await run("ledger", "Kevin", "--json")).json();
    expect(jordan.entries).toEqual([]);
    expect(jordan.balance.received).toBe(0);
    expect(kevin.entries.map((e: { summary: string; weight: number }) => [e.summary, e.weight])).toEqual([
      ["Swapped the drive", 3],
    ]);
    expect(kevin.balance.received).toBeCloseTo(3, 5);
    // The thank-you is now owed to Kevin, not Jordan.
    const today = (await run("today", "--json")).json();
    expect(today.thanksOwed.map((t: { counterpart: { name: string } }) => t.counterpart.name)).toEqual([
      "Kevin O'Brien",
    ]);
  });

  it("every kind of record can be deleted, and undo brings each back as it was", async () => {
    const { run } = cli({ dialect });
    await run("person", "add", "Ann Able");
    await run("gave", "Ann", "Coffee");
    await run("log", "Ann", "Lunch at the chapter meeting");
    await run("note", "Ann", "Prefers mornings");
    await run("promise", "Ann", "Send the slides");
    await run("ask", "Ann", "An intro to her CFO");
    await run("need", "Ann", "hiring a designer");
    await run("offer", "Ann", "knows payroll rules");
    await run("person", "add", "Bob Baker");
    await run("intro", "Ann", "Bob", "both run small firms");
    const shown = (await run("show", "Ann", "--json")).json();
    const byType = (type: string) =>
      shown.timeline.find((t: { type: string }) => t.type === type) as { id: string; summary: string };

    const before = (await run("show", "Ann", "--json")).json();
    const deletions: [string, string][] = [
      ["ledger", byType("gave").id],
      ["moment", byType("moment").id.slice(-8)],
      ["note", byType("note").id],
      ["promise", "1"],
      ["ask", "#1"],
      ["need", "1"],
      ["offer", "1"],
      ["intro", "1"],
    ];
    for (const [noun, ref] of deletions) {
      const result = await run(noun, "rm", ref);
      expect({ noun, code: result.code, err: result.stderr }).toEqual({ noun, code: 0, err: "" });
      expect(result.stdout).toMatch(/^Deleted the /);
    }
    const emptied = (await run("show", "Ann", "--json")).json();
    expect(emptied.timeline).toEqual([]);
    expect(emptied.needs).toEqual([]);
    expect(emptied.offers).toEqual([]);
    expect(emptied.balance.gave).toBe(0);
    expect((await run("intros", "--json")).json().introductions).toEqual([]);

    for (let i = 0; i < deletions.length; i++)
      expect((await run("undo")).stdout).toMatch(/^Undid: Deleted the /);
    const restored = (await run("show", "Ann", "--json")).json();
    expect(restored.timeline).toEqual(before.timeline);
    expect(restored.balance).toEqual(before.balance);
    expect(restored.strength).toEqual(before.strength);
    expect(restored.needs).toEqual(before.needs);
    expect((await run("intros", "--json")).json().introductions).toHaveLength(1);
    // and search finds them again
    expect((await run("search", "payroll", "--json")).json().results.length).toBeGreaterThan(0);
  });

  it("undo says what it undid, refuses to undo twice, and --list shows the last changes", async () => {
    const { run } = cli({ dialect });
    await run("person", "add", "Jordan Lee");
    await run("gave", "Jordan", "Coffee");
    const undone = await run("undo", "--json");
    expect(undone.json().summary).toBe("Undid: Gave Jordan Lee “Coffee”.");
    expect((await run("ledger", "Jordan", "--json")).json().entries).toEqual([]);

    const list = (await run("undo", "--list", "--json")).json().entries;
    expect(
      list.map((e: { description: string; undoneAt: string | null }) => [e.description, e.undoneAt !== null]),
    ).toEqual([
      ["Gave Jordan Lee “Coffee”", true],
      ["Added Jordan Lee", false],
    ]);
    const again = await run("undo", list[0].id);
    expect(again.code).toBe(4);
    expect(again.stderr).toContain("already undone");

    // the newest still in force is next: adding Jordan
    expect((await run("undo")).stdout).toBe("Undid: Added Jordan Lee.\n");
    expect((await run("person", "list", "--json")).json().people).toEqual([]);
    const nothing = await run("undo");
    expect(nothing.code).toBe(3);
    expect(nothing.stderr).toContain("Nothing to undo");
  });

  it("undo --list tells a promise kept by me from one kept to me; show says a contact was today", async () => {
    const { run } = cli({ dialect });
    await run("person", "add", "Linda Park");
    await run("promise", "Linda", "Send the deck");
    await run("promise", "Linda", "Reimburse the fee", "--they");
    await run("done", "1");
    await run("done", "2");
    const list = (await run("undo", "--list", "--json")).json().entries;
    expect(list.slice(0, 2).map((e: { description: string }) => e.description)).toEqual([
      "Marked Linda Park's promise #2 kept “Reimburse the fee”",
      "Kept promise #1 “Send the deck”",
    ]);
    await run("log", "Linda", "Coffee");
    expect((await run("show", "Linda")).stdout).toContain("last contact today");
  });

  it("an older change is undone only when nothing after it touched the same records", async () => {
    const { run } = cli({ dialect });
    await run("person", "add", "Jordan Lee");
    await run("gave", "Jordan", "Coffee");
    const added = (await run("undo", "--list", "--json")).json().entries[1];
    expect(added.description).toBe("Added Jordan Lee");
    // Jordan has a ledger entry since: removing Jordan would lose it.
    const refused = await run("undo", added.id.slice(-8));
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain("history with Jordan Lee logged since");
    expect((await run("person", "list", "--json")).json().people).toHaveLength(1);

    await run("person", "edit", "Jordan", "--title", "Engineer");
    await run("person", "edit", "Jordan", "--title", "Manager");
    const edits = (await run("undo", "--list", "--json")).json().entries;
    const blocked = await run("undo", edits[1].id);
    expect(blocked.code).toBe(4);
    expect(blocked.stderr).toContain("changed afterwards (Edited Jordan Lee)");
    expect((await run("show", "Jordan", "--json")).json().person.title).toBe("Manager");
  });

  it("a merge undone gives each person back their own history", async () => {
    const { run } = cli({ dialect });
    await run("person", "add", "Raj Patel", "--email", "raj@acme.example");
    await run("person", "add", "Raj P", "--email", "rp@home.example");
    await run("gave", "raj@acme.example", "Coffee");
    await run("received", "rp@home.example", "A lift home");
    await run("note", "rp@home.example", "Drives a blue van");
    const merged = await run("person", "merge", "rp@home.example", "raj@acme.example", "--yes");
    expect(merged.code).toBe(0);
    expect((await run("show", "raj@acme.example", "--json")).json().timeline).toHaveLength(3);
    expect((await run("undo")).stdout).toBe("Undid: Merged Raj P into Raj Patel.\n");
    const raj = (await run("show", "raj@acme.example", "--json")).json();
    const rp = (await run("show", "rp@home.example", "--json")).json();
    expect(raj.timeline.map((t: { summary: string }) => t.summary)).toEqual(["Coffee"]);
    expect(rp.timeline.map((t: { summary: string }) => t.summary).sort()).toEqual([
      "A lift home",
      "Drives a blue van",
    ]);
    expect(raj.person.emails).toEqual(["raj@acme.example"]);
    expect(rp.person.emails).toEqual(["rp@home.example"]);
    expect(rp.balance.received).toBeGreaterThan(0);
  });

  it("the journal keeps 30 days", async () => {
    const db = dialect === "sqlite" ? tempStorePath() : undefined;
    const first = cli({ dialect, ...(db ? { db } : {}), now: "2026-10-01T12:00:00.000Z" });
    await first.run("person", "add", "Ann Able");
    const later = cli({ db: await first.db, now: "2026-11-05T12:00:00.000Z" });
    await later.run("person", "add", "Bob Baker");
    const entries = (await later.run("undo", "--list", "--json")).json().entries;
    expect(entries.map((e: { description: string }) => e.description)).toEqual(["Added Bob Baker"]);
  });

  it("an edit that names a field its kind does not have is refused, naming the ones it has", async () => {
    const { run } = cli({ dialect });
    await run("person", "add", "Ann Able");
    await run("note", "Ann", "Prefers mornings");
    const note = (await run("show", "Ann", "--json")).json().timeline[0];
    const nothing = await run("note", "edit", note.id);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain("Say what to change: --body");
    const missing = await run("ledger", "rm", "0123abcd");
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain("There is no ledger entry 0123abcd");
    const edited = await run("note", "edit", note.id, "--body", "Prefers afternoons");
    expect(edited.code).toBe(0);
    expect((await run("search", "afternoons", "--json")).json().results).toHaveLength(1);
    expect((await run("search", "mornings", "--json")).json().results).toHaveLength(0);
  });

  it("an import is one change: import undo removes the people it created and puts back what it filled in, keeping anyone with history since", async () => {
    const db = dialect === "sqlite" ? tempStorePath() : undefined;
    const { run } = cli({ dialect, ...(db ? { db } : {}) });
    await run("person", "add", "Sam Existing", "--email", "sam@example.com");
    const dir = join(tempStorePath(), "..");
    const file = join(dir, "contacts.csv");
    writeFileSync(
      file,
      "Name,Email,Phone,Organization\nAnn Able,ann@example.com,+1 555 0100,Acme\nBob Baker,bob@example.com,,Acme\nSam Existing,sam@example.com,+1 555 0199,Globex\n",
    );
    const imported = (await run("import", file, "--json")).json();
    expect([imported.created, imported.updated]).toEqual([2, 1]);
    const imports = (await run("imports", "--json")).json().imports;
    expect(imports).toHaveLength(1);
    expect(imports[0].import).toEqual({
      file: "contacts.csv",
      format: "csv",
      created: 2,
      updated: 1,
      unchanged: 0,
    });

    await run("gave", "Bob", "Lunch");
    const undone = await run("import", "undo");
    expect(undone.code).toBe(0);
    expect(undone.stdout).toContain("removed 1 person it created, put back 1 person it had filled in");
    expect(undone.stdout).toContain("kept 1 person with history or changes since: Bob Baker");
    const names = (await run("person", "list", "--json"))
      .json()
      .people.map((p: { person: { name: string } }) => p.person.name);
    expect(names).toEqual(["Bob Baker", "Sam Existing"]);
    // Bob stays whole: still found by search, with the details the import gave him
    expect((await run("search", "Baker", "--json")).json().results.length).toBeGreaterThan(0);
    expect((await run("show", "Bob", "--json")).json().person.emails).toEqual(["bob@example.com"]);
    const sam = (await run("show", "Sam", "--json")).json().person;
    expect(sam.phones).toEqual([]);
    expect(sam.organization).toBeNull();
    // Globex came with the import and no one is there any more: it went with it.
    const orgs = (await run("org", "list", "--json"))
      .json()
      .organizations.map((o: { name: string }) => o.name);
    expect(orgs).toEqual(["Acme"]);
    expect((await run("imports", "--json")).json().imports[0].undoneAt).not.toBeNull();
    const again = await run("import", "undo");
    expect(again.code).toBe(3);
  });

  it("an import none of which can be taken back yet is refused, naming whom, and stays to be undone later", async () => {
    const { run } = cli({ dialect });
    await run("person", "add", "Pat Quinn", "--email", "pat@example.com");
    const file = join(dirname(tempStorePath()), "update.csv");
    writeFileSync(
      file,
      "Name,Email,Phone\nNew Person,new@example.com,\nPat Quinn,pat@example.com,+1 555 0142\n",
    );
    expect((await run("import", file)).code).toBe(0);
    await run("log", "New Person", "Coffee");
    await run("person", "edit", "Pat", "--title", "Boss");
    const refused = await run("import", "undo");
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain(
      "can be taken back now: there is history with New Person and Pat Quinn logged since. Delete that first (goodwill undo --list shows it), then undo the import again.",
    );
    expect((await run("imports", "--json")).json().imports[0].undoneAt).toBeNull();
    // once the later changes are taken back, the import is
    expect((await run("undo")).code).toBe(0);
    expect((await run("undo")).code).toBe(0);
    const undone = await run("import", "undo");
    expect(undone.code, undone.stderr).toBe(0);
    const names = (await run("person", "list", "--json"))
      .json()
      .people.map((p: { person: { name: string } }) => p.person.name);
    expect(names).toEqual(["Pat Quinn"]);
    expect((await run("show", "Pat", "--json")).json().person.phones).toEqual([]);
  });

  it("an undo refused for history logged since names whom it is with", async () => {
    const { run } = cli({ dialect });
    await run("person", "add", "Ann Able");
    await run("gave", "Ann", "Coffee");
    const refused = await run("undo", (await run("undo", "--list", "--json")).json().entries.at(-1).id);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain("there is history with Ann Able logged since");
  });
});
