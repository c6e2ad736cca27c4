import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { api } from "../http/support.js";
import { cli, tempStorePath } from "../support/cli.js";
import { describeEachDialect } from "../support/stores.js";

const FIXTURES = join(process.cwd(), "../shared/fixtures");

const LONG_NOTE = "Notes from a long phone call. ".repeat(1100).trim(); // 32,999 characters
const LONG_NAME = `Maximilian ${"Long".repeat(60)}`; // 251 characters

/** A vCard file whose cards each have something Goodwill cannot keep as it is. */
function awkwardCards(): string {
  const card = (...lines: string[]) => ["BEGIN:VCARD", "VERSION:3.0", ...lines, "END:VCARD"];
  return [
    ...card("FN:Ann Able", "BDAY:1975-02-30", "EMAIL:ann at example dot com", "EMAIL:ann@example.com"),
    ...card("FN:Bob Baker", "TEL:call me maybe", "TEL:+1 555 0100", `NOTE:${LONG_NOTE}`),
    ...card(`FN:${LONG_NAME}`, ...Array.from({ length: 53 }, (_, i) => `EMAIL:max${i}@example.com`)),
    ...card("FN:Cleo Clean", "BDAY:--02-29", "EMAIL:cleo@example.com"),
  ].join("\r\n");
}

const EXPECTED_WARNINGS = [
  { record: 1, line: 1, field: "birthday", message: "birthday 1975-02-30 is not a date: left out" },
  {
    record: 1,
    line: 1,
    field: "emails",
    message: 'email "ann at example dot com" is not an email address: left out',
  },
  { record: 2, line: 8, field: "phones", message: 'phone "call me maybe" is not a phone number: left out' },
  { record: 2, line: 8, field: "note", message: "note shortened to 10,000 characters (it had 32,999)" },
  { record: 3, line: 15, field: "name", message: "name shortened to 200 characters (it had 251)" },
  {
    record: 3,
    line: 15,
    field: "emails",
    message: "53 emails, more than the 50 a person can have: the first 50 kept, 3 left out",
  },
];

describeEachDialect("import warnings", (dialect) => {
  it("a value left out or shortened is a warning on its record; the rest of the record is imported", async () => {
    const { run } = cli({ dialect });
    const file = join(tempStorePath(), "..", "awkward.vcf");
    writeFileSync(file, awkwardCards());
    const result = await run("import", file, "--json");
    expect(result.code, result.stderr).toBe(0);
    const summary = result.json();
    expect(summary).toMatchObject({ format: "vcard", created: 4, skipped: 0, errors: [] });
    expect(summary.warnings).toEqual(EXPECTED_WARNINGS);

    const ann = (await run("show", "Ann Able", "--json")).json().person;
    expect(ann).toMatchObject({ birthday: null, emails: ["ann@example.com"] });
    const bob = (await run("show", "Bob Baker", "--json")).json();
    expect(bob.person.phones).toEqual(["+1 555 0100"]);
    const note = bob.timeline.find((t: { type: string }) => t.type === "note");
    expect(note.summary.length).toBeLessThanOrEqual(10_000);
    const max = (await run("show", "max0@example.com", "--json")).json().person;
    expect(max.name).toHaveLength(200);
    expect(max.emails).toHaveLength(50);
    expect((await run("show", "Cleo Clean", "--json")).json().person.birthday).toBe("--02-29");

    // Importing the same file again finds the same people: nothing new, and the same warnings.
    const again = (await run("import", file, "--json")).json();
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    expect(again.warnings).toEqual(EXPECTED_WARNINGS);
  });

  it("the human output lists the first 20 warnings after the summary, then says how many more", async () => {
    const { run } = cli({ dialect });
    const file = join(tempStorePath(), "..", "birthdays.csv");
    const rows = Array.from({ length: 25 }, (_, i) => `Person ${i + 1},p${i + 1}@example.com,1975-02-30`);
    writeFileSync(file, ["Name,Email,Birthday", ...rows].join("\n"));
    const { stdout, code } = await run("import", file);
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    expect(lines[0]).toMatch(/^Imported 25 contacts .*25 new/);
    expect(stdout).toContain("25 values left out or shortened:");
    expect(stdout).toContain("  record 1 (line 2): birthday 1975-02-30 is not a date: left out");
    expect(stdout).toContain("  record 20 (line 21): birthday 1975-02-30 is not a date: left out");
    expect(stdout).not.toContain("record 21 (line 22)");
    expect(stdout).toContain("… and 5 more (--json lists them all)");
  });

  it("a real export's placeholder phones are left out with a warning (Outlook 2003)", async () => {
    const { run } = cli({ dialect });
    const summary = (await run("import", join(FIXTURES, "vcard/ez-vcard/outlook-2003.vcf"), "--json")).json();
    expect(summary.created).toBe(1);
    expect(summary.warnings).toContainEqual({
      record: 1,
      line: 1,
      field: "phones",
      message: "phone BusinessPhone is not a phone number: left out",
    });
  });

  it("a file in which every record failed exits 4 and shows why; nothing is imported", async () => {
    const { run } = cli({ dialect });
    const file = join(tempStorePath(), "..", "nameless.vcf");
    writeFileSync(
      file,
      [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "TEL:+1 555 0000",
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:3.0",
        "END:VCARD",
      ].join("\r\n"),
    );
    const result = await run("import", file);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(
      "None of the 2 records in this vcard file could be read, so nothing was imported:",
    );
    expect(result.stderr).toContain("record 1 (line 1): the card has no name, organization or email");
    expect(result.stderr).toContain("record 2 (line 5): the card has no name, organization or email");
    expect((await run("person", "list", "--json")).json().people).toEqual([]);
    // An empty file is still "not an address book", as before.
    const empty = join(tempStorePath(), "..", "empty.vcf");
    writeFileSync(empty, "");
    const nothing = await run("import", empty, "--json");
    expect(nothing.code).toBe(4);
    expect(JSON.parse(nothing.stderr).error.code).toBe("not_an_address_book");
  });

  it("a hand-edited backup: a layer or closeness out of range is mended with a warning, not refused", async () => {
    const { run } = cli({ dialect });
    await run("person", "add", "Dana Dee", "--layer", "15", "--closeness", "4");
    const exported = (await run("export", "--format", "json", "--json")).json();
    const person = exported.people[0];
    person.layer = 7;
    person.closeness = 9;
    person.birthday = "1975-02-30";
    const other = cli({ dialect });
    const file = join(tempStorePath(), "..", "backup.json");
    writeFileSync(file, JSON.stringify(exported, null, 2));
    const restored = await other.run("import", file, "--json");
    expect(restored.code, restored.stderr).toBe(0);
    // The line the record starts on: its opening brace, the line before its id.
    const line = JSON.stringify(exported, null, 2)
      .split("\n")
      .findIndex((l) => l.includes(`"id": "${person.id}"`));
    expect(restored.json().warnings).toEqual([
      {
        record: 1,
        line,
        field: "layer",
        message: "layer 7 is not a Dunbar layer (5, 15, 50, 150, 500): 5 used, the nearest",
      },
      { record: 1, line, field: "closeness", message: "closeness 9 is not from 1 to 5: 5 used" },
      { record: 1, line, field: "birthday", message: "birthday 1975-02-30 is not a date: left out" },
    ]);
    expect((await other.run("show", "Dana Dee", "--json")).json().person).toMatchObject({
      layer: 5,
      closeness: 5,
    });
  });

  it("the API answers an import with the same warnings", async () => {
    const { call, account } = await api(dialect);
    const t = { token: (await account("ann@example.com")).token };
    const imported = await call("POST", "/api/v1/import?filename=awkward.vcf", { ...t, raw: awkwardCards() });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ format: "vcard", created: 4 });
    expect(imported.body.warnings).toEqual(EXPECTED_WARNINGS);
    const nameless = await call("POST", "/api/v1/import", {
      ...t,
      raw: "BEGIN:VCARD\r\nVERSION:3.0\r\nTEL:+1 555 0000\r\nEND:VCARD\r\n",
    });
    expect(nameless.status).toBe(422);
    expect(nameless.body.error).toMatchObject({
      code: "invalid",
      details: { errors: [{ record: 1, line: 1, message: "the card has no name, organization or email" }] },
    });
  });
});
