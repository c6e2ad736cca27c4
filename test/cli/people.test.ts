import { describe, expect, it } from "vitest";
import { cli } from "../support/cli.js";
import { describeEachDialect } from "../support/stores.js";

describeEachDialect("goodwill person", (dialect) => {
  it("adds a person with everything the flags say, and shows them in the list", async () => {
    const { run } = cli({ dialect });
    expect(
      (await run("init", "--name", "Mark Rivera", "--org", "Brightline", "--dept", "Project Management"))
        .code,
    ).toBe(0);
    const added = await run(
      "person",
      "add",
      "Raj Patel",
      "--dept",
      "IT",
      "--title",
      "Support lead",
      "--email",
      "raj@brightline.example",
      "--email",
      "raj.p@home.example",
      "--phone",
      "+1 555 010 2030",
      "--tag",
      "it",
      "--layer",
      "50",
      "--closeness",
      "2",
      "--birthday",
      "--04-12",
      "--met",
      "First day laptop setup",
      "--met-on",
      "2023-11-20",
      "--json",
    );
    expect(added.code).toBe(0);
    const person = added.json();
    expect(person).toMatchObject({
      name: "Raj Patel",
      organization: "Brightline",
      department: "IT",
      title: "Support lead",
      emails: ["raj@brightline.example", "raj.p@home.example"],
      phones: ["+1 555 010 2030"],
      tags: ["it"],
      layer: 50,
      closeness: 2,
      ledgerMode: "track",
      isColleague: true,
      birthday: "--04-12",
      met: { text: "First day laptop setup", on: "2023-11-20" },
    });
    expect(person.id).toMatch(/^[0-9a-f-]{36}$/);

    const list = await run("person", "list");
    expect(list.code).toBe(0);
    expect(list.stdout).toContain("Raj Patel");
    expect(list.stdout).toContain("IT, Brightline");
  });

  it("init again to fix a name keeps the organization and department, says what changed and how to put it back", async () => {
    const { run } = cli({ dialect });
    const nameless = await run("init", "--org", "Acme");
    expect([nameless.code, nameless.stderr]).toEqual([
      2,
      'goodwill: Say your name the first time: goodwill init --name "Your Name".\n',
    ]);
    await run("init", "--name", "Sam", "--org", "Acme", "--dept", "Sales", "--work-week", "sun-thu");
    await run("person", "add", "Ian Tech", "--dept", "IT");
    const renamed = await run("init", "--name", "Sam Smith");
    expect(renamed.code).toBe(0);
    expect(renamed.stdout).toContain("People at Acme are your colleagues; you work in Sales.");
    expect(renamed.stdout).toContain("Changed from: name Sam. goodwill undo puts it back.\n");
    expect((await run("show", "Ian", "--json")).json().person.isColleague).toBe(true);
    // another organization: the department, which was Acme's, goes with it
    const moved = await run("init", "--name", "Sam Smith", "--org", "Globex Corp");
    expect(moved.stdout).toContain(
      "Changed from: organization Acme, department Sales. goodwill undo puts it back.",
    );
    expect((await run("init", "--name", "Sam Smith", "--org", "Acme", "--dept", "Sales")).code).toBe(0);
    // the time zone alone: the name stays too
    const zoned = await run("init", "--time-zone", "Europe/Berlin", "--json");
    expect(zoned.json().profile).toMatchObject({
      name: "Sam Smith",
      department: "Sales",
      timeZone: "Europe/Berlin",
    });
    // "" is none
    await run("init", "--name", "Sam Smith", "--dept", "");
    const profile = (await run("init", "--name", "Sam Smith", "--json")).json().profile;
    expect(profile).toMatchObject({ name: "Sam Smith", organization: "Acme", department: null });
    expect([...profile.workWeek].sort()).toEqual(["mon", "sun", "thu", "tue", "wed"]);
  });

  it("init is a change like any other: undo puts the profile back, and only the profile", async () => {
    const { run } = cli({ dialect });
    await run(
      "init",
      "--name",
      "Mark Reyes",
      "--org",
      "Brightline",
      "--dept",
      "Finance",
      "--work-week",
      "sun-thu",
    );
    await run("person", "add", "Raj Patel", "--dept", "IT");
    await run("gave", "Raj", "Coffee");
    // a slip: the wrong department, a new organization, and a time zone
    await run(
      "init",
      "--name",
      "Mark R",
      "--org",
      "Globex",
      "--dept",
      "Legal",
      "--time-zone",
      "Europe/Berlin",
    );
    const listed = (await run("undo", "--list", "--json")).json().entries[0];
    expect(listed.description).toBe("Changed your profile (Mark R, Legal at Globex)");
    const undone = await run("undo");
    expect(undone.code, undone.stderr).toBe(0);
    expect(undone.stdout).toContain("Undid: Changed your profile (Mark R, Legal at Globex)");
    const profile = (await run("init", "--json")).json().profile;
    expect(profile).toMatchObject({
      name: "Mark Reyes",
      organization: "Brightline",
      department: "Finance",
      timeZone: "UTC",
    });
    expect([...profile.workWeek].sort()).toEqual(["mon", "sun", "thu", "tue", "wed"]);
    // Raj is a colleague again, the gift stands, and Globex, which no one uses, went with the slip
    expect((await run("show", "Raj", "--json")).json().person.isColleague).toBe(true);
    expect((await run("ledger", "Raj", "--json")).json().balance.entries).toBe(1);
    const orgs = (await run("org", "list", "--json"))
      .json()
      .organizations.map((o: { name: string }) => o.name);
    expect(orgs).not.toContain("Globex");
    // reading the profile, or giving it the values it has, changes nothing and is no change to undo
    const newest = (await run("undo", "--list", "--json")).json().entries[0].id;
    await run("init", "--json");
    await run("init", "--name", "Mark Reyes", "--org", "Brightline");
    expect((await run("undo", "--list", "--json")).json().entries[0].id).toBe(newest);
    // an older profile change waits for the newer one
    await run("init", "--name", "Mark A");
    await run("init", "--name", "Mark B");
    const older = (await run("undo", "--list", "--json")).json().entries[1];
    const refused = await run("undo", older.id);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain(
      "your profile was changed again afterwards (Changed your profile (Mark B",
    );
  });

  it("defaults a manually added person to layer 150 and closeness 3", async () => {
    const { run } = cli({ dialect });
    const person = (await run("person", "add", "Tim Keller", "--org", "Cofebuz", "--json")).json();
    expect(person.layer).toBe(150);
    expect(person.closeness).toBe(3);
    expect(person.isColleague).toBe(false);
  });

  it("finds people by accent- and case-insensitive name, a unique part of it, or an email", async () => {
    const { run } = cli({ dialect });
    await run("person", "add", "Sofía Marín", "--email", "sofia@brightline.example");
    await run("person", "add", "Tim Keller");
    expect((await run("show", "sofia marin", "--json")).json().person.name).toBe("Sofía Marín");
    expect((await run("show", "MARÍN", "--json")).json().person.name).toBe("Sofía Marín");
    expect((await run("show", "SOFIA@brightline.example", "--json")).json().person.name).toBe("Sofía Marín");
    expect((await run("show", "kell", "--json")).json().person.name).toBe("Tim Keller");
  });

  it("exits 4 and lists the candidates when a name is ambiguous", async () => {
    const { run } = cli({ dialect });
    await run("person", "add", "Dana Whitfield");
    await run("person", "add", "Dana Kim");
    const result = await run("gave", "dana", "Coffee");
    expect(result.code).toBe(4);
    expect(result.stderr).toContain("Dana Whitfield");
    expect(result.stderr).toContain("Dana Kim");
    const json = await run("gave", "dana", "Coffee", "--json");
    expect(JSON.parse(json.stderr).error.code).toBe("ambiguous");
    expect(JSON.parse(json.stderr).error.details.candidates).toHaveLength(2);
    expect(json.stdout).toBe("");
  });

  it("exits 3 for someone unknown, with a message that says what to do", async () => {
    const { run } = cli({ dialect });
    const result = await run("show", "Nobody Here");
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/No one called "Nobody Here".*goodwill person add/);
  });

  it("edits a person and replaces the lists it is given", async () => {
    const { run } = cli({ dialect });
    await run("person", "add", "Linda Okafor", "--email", "old@example.com", "--tag", "finance");
    const edited = (
      await run(
        "person",
        "edit",
        "Linda",
        "--email",
        "linda@example.com",
        "--title",
        "Payroll",
        "--communal",
        "--json",
      )
    ).json();
    expect(edited.emails).toEqual(["linda@example.com"]);
    expect(edited.tags).toEqual(["finance"]);
    expect(edited.title).toBe("Payroll");
    expect(edited.ledgerMode).toBe("communal");
    const renamed = (
      await run("person", "edit", "Linda", "--name", "Linda O. Okafor", "--track", "--json")
    ).json();
    expect(renamed.name).toBe("Linda O. Okafor");
    expect(renamed.ledgerMode).toBe("track");
    // in words: what a list given took out
    await run("person", "edit", "Linda", "--email", "a@example.com", "--email", "b@example.com");
    expect(
      (await run("person", "edit", "Linda", "--email", "b@example.com", "--tag", "payroll")).stdout,
    ).toBe(
      "Updated Linda O. Okafor. The list given replaced the one kept: no longer email a@example.com; tag finance (goodwill undo brings them back).\n",
    );
    expect((await run("person", "edit", "Linda", "--title", "Head of Payroll")).stdout).toBe(
      "Updated Linda O. Okafor.\n",
    );
  });

  it("show lists the 30 newest timeline items and says how to see the rest; --all lists every one", async () => {
    const { run } = cli({ dialect });
    await run("person", "add", "Ann O'Neil");
    for (let i = 1; i <= 32; i++)
      await run("log", "Ann", `Chat ${String(i).padStart(2, "0")}`, "--on", `${40 - i} days ago`);
    const newest = (await run("show", "Ann", "--json")).json();
    expect(newest.timeline.map((t: { summary: string }) => t.summary).slice(0, 2)).toEqual([
      "Chat 32",
      "Chat 31",
    ]);
    expect(newest.timeline).toHaveLength(30);
    expect(newest.timelineNext).toEqual(expect.any(String));
    const text = (await run("show", "Ann")).stdout;
    expect(text).toContain("Chat 03");
    expect(text).not.toContain("Chat 02");
    expect(text).toMatch(/\n {2}Older items: goodwill show Ann --all\n$/);
    const all = (await run("show", "Ann", "--all", "--json")).json();
    expect(all.timeline.map((t: { summary: string }) => t.summary)).toEqual(
      Array.from({ length: 32 }, (_, i) => `Chat ${String(32 - i).padStart(2, "0")}`),
    );
    expect(all.timelineNext).toBeNull();
    const allText = (await run("show", "Ann", "--all")).stdout;
    expect(allText).toMatch(/Chat 01 +other +[0-9a-f]{8}\n$/);
    expect(allText).not.toContain("Older items");
  });

  it("removes a person with their history", async () => {
    const { run } = cli({ dialect });
    await run("person", "add", "Kevin O'Brien");
    await run("gave", "Kevin", "Coffee");
    await run("log", "Kevin", "Chat");
    expect((await run("person", "rm", "Kevin", "--yes")).code).toBe(0);
    expect((await run("show", "Kevin")).code).toBe(3);
    expect((await run("ledger", "--json")).json().entries).toEqual([]);
    expect((await run("search", "Coffee", "--json")).json().results).toEqual([]);
  });

  describe("bad input is refused with a clear message and nothing is written", () => {
    const cases: [string, string[], RegExp][] = [
      [
        "an unknown layer",
        ["--layer", "42"],
        /--layer "42" is not a Dunbar layer; use one of 5, 15, 50, 150, 500/,
      ],
      ["a closeness out of range", ["--closeness", "9"], /--closeness "9" must be a whole number from 1/],
      ["an impossible birthday", ["--birthday", "2026-02-30"], /--birthday "2026-02-30" is not a date/],
      ["an impossible meeting date", ["--met-on", "2025-13-01"], /--met-on "2025-13-01"/],
      ["a malformed email", ["--email", "not-an-email"], /"not-an-email" is not an email address/],
      [
        "a cadence that is not a number",
        ["--cadence", "weekly"],
        /--cadence "weekly" must be a number of days/,
      ],
    ];
    for (const [what, flags, message] of cases) {
      it(`${what}`, async () => {
        const { run } = cli({ dialect });
        const result = await run("person", "add", "Pat Morgan", ...flags);
        expect(result.code).toBe(4);
        expect(result.stderr).toMatch(message);
        expect((await run("person", "list", "--json")).json().people).toEqual([]);
      });
    }

    it("an empty name", async () => {
      const { run } = cli({ dialect });
      const result = await run("person", "add", "   ");
      expect(result.code).toBe(4);
      expect(result.stderr).toMatch(/name is empty/);
    });

    it("an unknown option is a usage error (exit 2)", async () => {
      const { run } = cli({ dialect });
      const result = await run("person", "add", "Pat", "--favourite-colour", "blue");
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/unknown option '--favourite-colour'/);
    });

    it("an unknown command is a usage error with a suggestion", async () => {
      const { run } = cli({ dialect });
      const result = await run("gvae", "Pat", "x");
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/Did you mean gave\?/);
    });
  });
});
