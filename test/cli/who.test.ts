import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { cli, tempStorePath } from "../support/cli.js";
import { describeEachDialect } from "../support/stores.js";

describeEachDialect("who is meant: a WHO acts only on the person it names", (dialect) => {
  it("Dan is not Jordan Lee: gave and person rm refuse with exit 3, say whom they might mean, and write nothing", async () => {
    const { run } = cli({ dialect });
    await run("person", "add", "Jordan Lee");
    const gave = await run("gave", "Dan", "Coffee");
    expect(gave.code).toBe(3);
    expect(gave.stderr).toBe("goodwill: No one is called Dan. Did you mean Jordan Lee?\n");
    const rm = await run("person", "rm", "Dan", "--yes");
    expect(rm.code).toBe(3);
    expect(rm.stderr).toContain("Did you mean Jordan Lee?");
    const json = await run("gave", "Dan", "Coffee", "--json");
    expect(JSON.parse(json.stderr).error).toMatchObject({
      code: "not_found",
      details: { candidates: [expect.objectContaining({ name: "Jordan Lee" })] },
    });
    const shown = (await run("show", "Jordan Lee", "--json")).json();
    expect(shown.timeline).toEqual([]);
    expect((await run("person", "list", "--json")).json().people).toHaveLength(1);
    // with a namesake, the hint says the name is two people's: it cannot be the answer as it is
    await run("person", "add", "Jordan Lee", "--new", "--email", "jordan.lee@example.com");
    expect((await run("gave", "Dan", "Coffee")).stderr).toBe(
      "goodwill: No one is called Dan. Did you mean Jordan Lee (2 people by that name)?\n",
    );
  });

  it("Ann is not Joanna: a name inside a word is only offered", async () => {
    const { run } = cli({ dialect });
    await run("person", "add", "Joanna Smith");
    const shown = await run("show", "Ann");
    expect(shown.code).toBe(3);
    expect(shown.stderr).toContain("No one is called Ann. Did you mean Joanna Smith?");
    expect(shown.stdout).toBe("");
  });

  it("the starts of the words are enough: jo le is Jordan Lee, in either order, accents and case aside", async () => {
    const { run } = cli({ dialect });
    await run("person", "add", "Jordan Lee");
    await run("person", "add", "Jolene Park");
    await run("person", "add", "Sofía Marín-Soto");
    expect((await run("show", "jo le", "--json")).json().person.name).toBe("Jordan Lee");
    expect((await run("show", "LE JO", "--json")).json().person.name).toBe("Jordan Lee");
    expect((await run("show", "soto", "--json")).json().person.name).toBe("Sofía Marín-Soto");
    expect((await run("show", "sofia marin", "--json")).json().person.name).toBe("Sofía Marín-Soto");
    // "jo" starts both Jordan and Jolene: not a guess either way
    expect((await run("show", "jo")).code).toBe(4);
  });

  it("a nickname is a word of the name too", async () => {
    const { run } = cli({ dialect });
    const file = join(dirname(tempStorePath()), "people.vcf");
    writeFileSync(
      file,
      "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Robert Smith\r\nN:Smith;Robert;;;\r\nNICKNAME:Bobby\r\nEND:VCARD\r\n",
    );
    expect((await run("import", file)).code).toBe(0);
    expect((await run("show", "bob sm", "--json")).json().person.name).toBe("Robert Smith");
  });

  it("two Raj Patel: exit 4 lists both with organization, department, email, date added and entries", async () => {
    const { run } = cli({ dialect });
    await run("init", "--name", "Mark Rivera", "--org", "Brightline");
    const first = (
      await run("person", "add", "Raj Patel", "--dept", "IT", "--email", "raj@brightline.example", "--json")
    ).json();
    await run("gave", first.id, "Coffee");
    await run("log", first.id, "Lunch");
    const second = (await run("person", "add", "Raj Patel", "--org", "Cofebuz", "--new", "--json")).json();
    const result = await run("gave", "raj", "Coffee");
    expect(result.code).toBe(4);
    const lines = result.stderr.split("\n");
    expect(lines).toContain(
      `  Raj Patel  IT, Brightline · raj@brightline.example · added 2026-11-25 · 2 entries  (${first.id})`,
    );
    expect(lines).toContain(`  Raj Patel  Cofebuz · no email · added 2026-11-25 · 0 entries  (${second.id})`);
    // namesakes: more of the name cannot tell them apart, the end of the id can
    expect(lines[0]).toBe(
      `goodwill: "raj" could be 2 people; they share the name: say which with an email, the id or its last 8 characters:`,
    );
    const json = await run("person", "rm", "Raj Patel", "--yes", "--json");
    expect(json.code).toBe(4);
    expect(JSON.parse(json.stderr).error.details.candidates).toEqual(
      expect.arrayContaining([
        {
          id: first.id,
          name: "Raj Patel",
          organization: "Brightline",
          department: "IT",
          email: "raj@brightline.example",
          addedOn: "2026-11-25",
          entries: 2,
        },
        expect.objectContaining({ id: second.id, organization: "Cofebuz", email: null, entries: 0 }),
      ]),
    );
    expect((await run("person", "list", "--json")).json().people).toHaveLength(2);
    const bySuffix = await run("gave", second.id.slice(-8), "Tea", "--json");
    expect(bySuffix.json().entry.counterpart).toMatchObject({ kind: "person", id: second.id });
    expect((await run("gave", "ffffffffffff", "Tea")).code).toBe(3);
  });

  it("IT is not Dana Whitfield: the hint after fulfilling a department's ask thanks the department", async () => {
    const { run } = cli({ dialect });
    await run("demo");
    const asks = (await run("asks", "--open", "--json")).json().asks;
    const it = asks.find((a: { counterpart: string }) => a.counterpart === "IT");
    const fulfilled = await run("ask", "fulfill", String(it.number));
    expect(fulfilled.code).toBe(0);
    const hint = /\(goodwill (thank [^)]+)\)/.exec(fulfilled.stdout)?.[1];
    expect(hint).toBe("thank dept:IT");
    const thanked = await run(...(hint as string).split(" "), "--json");
    expect(thanked.code).toBe(0);
    expect(thanked.json().entry.counterpart).toMatchObject({ kind: "department", name: "IT" });
    // the bare word is no person: refused, with the department named
    const bare = await run("thank", "IT");
    expect(bare.code).toBe(3);
    expect(bare.stderr).toContain("Did you mean Dana Whitfield? For the department, say dept:IT.");
  });

  it("IT is not Ita Byrne: a department's name that starts a person's asks which is meant, and writes nothing", async () => {
    const { run } = cli({ dialect });
    await run("init", "--name", "Sam", "--org", "Acme", "--dept", "Sales");
    await run("person", "add", "Finn Olsen", "--dept", "IT");
    const ita = (await run("person", "add", "Ita Byrne", "--org", "Globex", "--json")).json();
    const received = await run("received", "IT", "fixed the wifi");
    expect(received.code).toBe(4);
    expect(received.stderr).toContain(
      `"IT" is a department and also finds a person. For the department, say dept:IT; for the person, more of the name, an email or the id:`,
    );
    expect(received.stderr).toContain(`Ita Byrne  Globex`);
    const json = await run("thank", "it", "--json");
    expect(JSON.parse(json.stderr).error).toMatchObject({
      code: "ambiguous",
      details: { department: "dept:it", candidates: [expect.objectContaining({ id: ita.id })] },
    });
    // a second person it finds: both are listed
    await run("person", "add", "Itzel Ruiz");
    const both = await run("ask", "IT", "A new laptop");
    expect(both.code).toBe(4);
    expect(both.stderr).toContain("also finds people. For the department, say dept:IT; for one of them,");
    expect(both.stderr).toContain("Itzel Ruiz");
    expect((await run("ledger", "--json")).json().entries).toEqual([]);
    expect((await run("asks", "--json")).json().asks).toEqual([]);
    // said plainly, each goes where it was meant
    expect((await run("received", "dept:IT", "fixed the wifi")).code).toBe(0);
    expect((await run("received", "Ita", "a tip", "--json")).json().entry.counterpart).toMatchObject({
      kind: "person",
      id: ita.id,
    });
  });

  it("dept:Fin is no department: Finance is offered, nothing is written", async () => {
    const { run } = cli({ dialect });
    await run("init", "--name", "Sam", "--org", "Acme");
    await run("person", "add", "Lin Wu", "--dept", "Finance");
    await run("person", "add", "Ray Ko", "--dept", "Field Ops");
    const fin = await run("gave", "dept:Fin", "Cake");
    expect([fin.code, fin.stderr]).toEqual([
      3,
      'goodwill: No department called "Fin". Did you mean dept:Finance? Add it with "goodwill dept add Fin" or add a person with --dept.\n',
    ]);
    expect((await run("gave", "dept:F", "Cake")).stderr).toContain(
      'Did you mean "dept:Field Ops" or dept:Finance?',
    );
    expect((await run("gave", "dept:Acme/fin", "Cake")).stderr).toContain("Did you mean dept:Acme/Finance?");
    expect((await run("ledger", "--json")).json().entries).toEqual([]);
  });

  it("the hint after fulfilling a person's ask names them by id when two share the name", async () => {
    const { run } = cli({ dialect });
    const first = (await run("person", "add", "Raj Patel", "--org", "Brightline", "--json")).json();
    await run("person", "add", "Raj Patel", "--org", "Cofebuz", "--new");
    await run("ask", first.id, "A hand with the move");
    const fulfilled = await run("ask", "fulfill", "1");
    expect(fulfilled.stdout).toContain(`(goodwill thank ${first.id})`);
  });
});

describeEachDialect("person rm and person merge say what goes and need --yes", (dialect) => {
  async function jordanWithHistory() {
    const session = cli({ dialect });
    const { run } = session;
    await run("person", "add", "Jordan Lee");
    await run("person", "add", "Jordan L.", "--email", "jl@example.com");
    await run("gave", "Jordan Lee", "Coffee");
    await run("received", "Jordan Lee", "Advice");
    await run("log", "Jordan Lee", "Lunch");
    await run("note", "Jordan Lee", "Likes tea");
    await run("gave", "Jordan L.", "A book");
    return session;
  }

  it("without --yes and without a terminal, rm exits 2, says what would go and removes nothing", async () => {
    const { run } = await jordanWithHistory();
    const refused = await run("person", "rm", "Jordan Lee");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("Jordan Lee: 2 ledger entries, 1 moment, 1 note.");
    expect(refused.stderr).toContain("add --yes");
    expect(refused.stdout).toBe("");
    expect((await run("show", "Jordan Lee", "--json")).json().timeline).toHaveLength(4);
    const removed = await run("person", "rm", "Jordan Lee", "--yes");
    expect(removed.code).toBe(0);
    expect(removed.stdout).toBe(
      "Removed Jordan Lee and their history (2 ledger entries, 1 moment, 1 note). (goodwill undo brings them back)\n",
    );
    expect((await run("show", "Jordan Lee")).code).toBe(3);
    // and one undo brings Jordan back with everything
    expect((await run("undo")).stdout).toBe("Undid: Deleted Jordan Lee and their history.\n");
    expect((await run("show", "Jordan Lee", "--json")).json().timeline).toHaveLength(4);
  });

  it("says 1 ledger entry, not 1 ledger entries", async () => {
    const { run } = await jordanWithHistory();
    const refused = await run("person", "rm", "Jordan L.", "--json");
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stderr).error).toMatchObject({
      code: "usage",
      message: expect.stringContaining("Jordan L.: 1 ledger entry."),
      details: { history: expect.objectContaining({ ledgerEntries: 1, moments: 0 }) },
    });
  });

  it("merge says what moves over and needs --yes too", async () => {
    const { run } = await jordanWithHistory();
    const refused = await run("person", "merge", "Jordan L.", "Jordan Lee");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      "Merging Jordan L. into Jordan Lee: 1 ledger entry and their contact details move over",
    );
    expect((await run("person", "list", "--json")).json().people).toHaveLength(2);
    const merged = await run("person", "merge", "Jordan L.", "Jordan Lee", "--yes");
    expect(merged.code).toBe(0);
    expect((await run("person", "list", "--json")).json().people).toHaveLength(1);
  });

  it("on a terminal it asks, and only y goes ahead", async () => {
    const { run, env } = await jordanWithHistory();
    await run("person", "list");
    const onTerminal = async (answer: string, ...args: string[]) => {
      let stdout = "";
      let stderr = "";
      const asked: string[] = [];
      const code = await runCli(args, {
        out: (t) => {
          stdout += t;
        },
        err: (t) => {
          stderr += t;
        },
        env,
        stdoutIsTTY: false,
        stderrIsTTY: false,
        stdinIsTTY: true,
        readStdin: async () => "",
        prompt: async (question) => {
          asked.push(question);
          return answer;
        },
      });
      return { code, stdout, stderr, asked };
    };
    const no = await onTerminal("", "person", "rm", "Jordan Lee");
    expect(no).toMatchObject({
      code: 0,
      stdout: "Nothing removed; Jordan Lee stays.\n",
      stderr: "Jordan Lee: 2 ledger entries, 1 moment, 1 note.\n",
      asked: ["Remove Jordan Lee and all of this? [y/N] "],
    });
    expect((await run("show", "Jordan Lee")).code).toBe(0);
    const yes = await onTerminal("y", "person", "rm", "Jordan Lee");
    expect(yes.code).toBe(0);
    expect(yes.stdout).toContain("Removed Jordan Lee");
    expect((await run("show", "Jordan Lee")).code).toBe(3);
  });

  it("someone archived is said to be archived, with how to bring them back, and comes back with --unarchive", async () => {
    const { run } = cli({ dialect });
    await run("person", "add", "Raj Patel", "--nickname", "Rajju", "--email", "raj@example.com");
    const archived = await run("person", "edit", "Raj", "--archive");
    expect(archived.code).toBe(0);
    const id = (await run("show", "raj@example.com", "--json")).json().person.id as string;
    expect(archived.stdout).toContain(`To bring them back: goodwill person edit ${id} --unarchive`);
    expect((await run("person", "list", "--json")).json().people).toEqual([]);
    // another person's name holding "raj" is no reason to hide that Raj is archived
    await run("person", "add", "Ana Seraj");
    for (const who of ["Raj", "Rajju", "Raj Patel", id.slice(-12)]) {
      const refused = await run("gave", who, "Coffee");
      expect(refused.code, who).toBe(3);
      expect(refused.stderr, who).toBe(
        `goodwill: Raj Patel is archived. To bring them back: goodwill person edit ${id} --unarchive\n`,
      );
    }
    expect((await run("person", "edit", id, "--archive", "--unarchive")).code).toBe(2);
    const back = await run("person", "edit", id, "--unarchive");
    expect(back.stdout).toBe("Raj Patel is back in your people.\n");
    expect((await run("gave", "Rajju", "Coffee")).code).toBe(0);
    expect((await run("ledger", "Raj", "--json")).json().balance.entries).toBe(1);
  });
});
