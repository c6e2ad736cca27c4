import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { cli, tempStorePath } from "../support/cli.js";
import { describeEachDialect } from "../support/stores.js";

const FIXTURES = join(process.cwd(), "../shared/fixtures");
const fixture = (...parts: string[]) => join(FIXTURES, ...parts);
const allFixtures = [
  ...readdirSync(fixture("vcard", "ez-vcard"))
    .filter((f) => f.endsWith(".vcf"))
    .map((f) => fixture("vcard", "ez-vcard", f)),
  ...readdirSync(fixture("vcard", "node-vcf"))
    .filter((f) => f.endsWith(".vcf"))
    .map((f) => fixture("vcard", "node-vcf", f)),
  ...readdirSync(fixture("csv")).map((f) => fixture("csv", f)),
];

/** Fixtures with no readable record at all: an invalid import (exit 4) that lists why. */
const NOTHING_READABLE = new Set(["photo-base64.vcf", "quoted-list.vcf"]);

// biome-ignore lint/suspicious/noExplicitAny: JSON documents
const byName = (people: any[], name: string) => people.find((p) => p.person.name === name)?.person;

describeEachDialect("goodwill import", (dialect) => {
  it("reads every fixture without a crash, and a second import of each changes nothing", async () => {
    const { run } = cli({ dialect });
    for (const file of allFixtures) {
      const result = await run("import", file, "--json");
      if (NOTHING_READABLE.has(file.split("/").at(-1) ?? "")) {
        expect(result.code, file).toBe(4);
        expect(JSON.parse(result.stderr).error).toMatchObject({
          code: "invalid",
          message: expect.stringMatching(
            /could not be read, so nothing was imported:\n {2}record 1 \(line 1\): /,
          ),
          details: { errors: [{ record: 1, line: 1, message: expect.stringMatching(/no name/) }] },
        });
        continue;
      }
      expect(result.code, `${file}: ${result.stderr}`).toBe(0);
      const summary = result.json();
      expect(summary.created + summary.updated + summary.unchanged + summary.skipped).toBeGreaterThan(0);
      for (const e of summary.errors)
        expect(e).toEqual({
          record: expect.any(Number),
          line: expect.any(Number),
          message: expect.any(String),
        });
      for (const w of summary.warnings)
        expect(w).toEqual({
          record: expect.any(Number),
          line: expect.any(Number),
          field: expect.any(String),
          message: expect.stringMatching(/: left out|shortened to/),
        });
    }
    for (const file of allFixtures.filter((f) => !NOTHING_READABLE.has(f.split("/").at(-1) ?? ""))) {
      const again = (await run("import", file, "--json")).json();
      expect({ file, created: again.created, updated: again.updated }).toEqual({
        file,
        created: 0,
        updated: 0,
      });
    }
  });

  it("LinkedIn: the header after the Notes: preamble, Connected On as when we met, layer 500", async () => {
    const { run } = cli({ dialect });
    const summary = (await run("import", fixture("csv", "linkedin-connections.csv"), "--json")).json();
    expect(summary).toMatchObject({ format: "linkedin", created: 4, updated: 0, skipped: 0, errors: [] });
    const people = (await run("person", "list", "--json")).json().people;
    expect(byName(people, "José Martínez")).toMatchObject({
      organization: "Northwind Traders",
      title: "Controller",
      emails: ["jose@example.org"],
      layer: 500,
      met: { on: "2023-03-14" },
      urls: ["https://www.linkedin.com/in/jose-example"],
    });
    expect(byName(people, "Grace Hopper")).toMatchObject({
      organization: "US Navy",
      met: { on: "2019-09-30" },
    });
  });

  it("Google: multi-values split on :::, system labels dropped, a year-less birthday kept as month and day", async () => {
    const { run } = cli({ dialect });
    expect((await run("import", fixture("csv", "google-contacts.csv"), "--json")).json()).toMatchObject({
      format: "google",
      created: 2,
    });
    const people = (await run("person", "list", "--json")).json().people;
    expect(byName(people, "Raj Patel")).toMatchObject({
      organization: "Northwind Traders",
      department: "IT",
      title: "Sysadmin",
      emails: ["raj@northwind.example", "raj.patel@example.net"],
      phones: ["+1 555 0101", "+1 555 0102"],
      birthday: "--11-30",
      tags: [],
    });
    expect(byName(people, "Dana Whitfield")).toMatchObject({
      nickname: "Dee",
      birthday: "1984-05-02",
      tags: ["Work"],
    });
    const notes = (await run("search", "cycling", "--json")).json().results;
    expect(notes).toEqual([
      expect.objectContaining({ kind: "note", person: expect.objectContaining({ name: "Dana Whitfield" }) }),
    ]);
  });

  it("Outlook: 0/0/00 is no birthday, categories split on ;", async () => {
    const { run } = cli({ dialect });
    expect((await run("import", fixture("csv", "outlook-contacts.csv"), "--json")).json()).toMatchObject({
      format: "outlook",
      created: 2,
    });
    const people = (await run("person", "list", "--json")).json().people;
    expect(byName(people, "Tyler Blik")).toMatchObject({
      organization: "Blik Design",
      birthday: null,
      tags: ["SMPS", "Prospects"],
      phones: ["+1 555 0300"],
    });
    expect(byName(people, "Concetta Russo")).toMatchObject({
      department: "Marketing",
      birthday: "1990-03-14",
      tags: ["Colleagues"],
    });
  });

  it("merges a contact that matches by email or phone: fills what is empty, never overwrites what was typed", async () => {
    const { run } = cli({ dialect });
    await run(
      "person",
      "add",
      "Raj P.",
      "--email",
      "RAJ@northwind.example",
      "--title",
      "My IT friend",
      "--layer",
      "50",
    );
    await run("person", "add", "Dana", "--phone", "+1 (555) 01-00");
    const summary = (await run("import", fixture("csv", "google-contacts.csv"), "--json")).json();
    expect(summary).toMatchObject({ created: 0, updated: 2 });
    const people = (await run("person", "list", "--json")).json().people;
    expect(people).toHaveLength(2);
    expect(byName(people, "Raj P.")).toMatchObject({
      title: "My IT friend",
      layer: 50,
      organization: "Northwind Traders",
      birthday: "--11-30",
      emails: ["RAJ@northwind.example", "raj.patel@example.net"],
    });
    expect(byName(people, "Dana")).toMatchObject({
      organization: "Northwind Traders",
      emails: ["dana@northwind.example", "dana.w@example.net"],
    });
  });

  it("reports a record that cannot be read with its number and line, and imports the rest", async () => {
    const { run } = cli({ dialect });
    const file = join(tempStorePath(), "..", "contacts.vcf");
    writeFileSync(
      file,
      [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:Ann Able",
        "EMAIL:ann@example.com",
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:3.0",
        "TEL:+1 555 0000",
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:Bob Baker",
        "END:VCARD",
      ].join("\r\n"),
    );
    const summary = (await run("import", file, "--json")).json();
    expect(summary).toMatchObject({ format: "vcard", created: 2, skipped: 1 });
    expect(summary.errors).toEqual([{ record: 2, line: 6, message: expect.stringMatching(/no name/) }]);
    const text = (await run("import", file)).stdout;
    expect(text).toContain("record 2 (line 6):");
  });

  it("a file that is not an address book exits 4 and writes nothing", async () => {
    const { run } = cli({ dialect });
    const file = join(tempStorePath(), "..", "notes.txt");
    writeFileSync(file, "Shopping list\n- milk\n- eggs\n");
    const result = await run("import", file);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/is not an address book Goodwill can read/);
    expect((await run("person", "list", "--json")).json().people).toEqual([]);
    const wrongFormat = await run("import", fixture("csv", "outlook-contacts.csv"), "--format", "vcard");
    expect(wrongFormat.code).toBe(4);
    expect(wrongFormat.stderr).toMatch(/is not an address book Goodwill can read/);
    // an empty file, and a CSV whose columns name nothing a contact has, are told apart
    const empty = join(tempStorePath(), "..", "empty.csv");
    writeFileSync(empty, "");
    expect((await run("import", empty)).stderr).toBe(
      `goodwill: ${empty} is empty: there is nothing in it to import.\n`,
    );
    const odd = join(tempStorePath(), "..", "odd.csv");
    writeFileSync(odd, "Foo,Bar,Baz\n1,2,3\n");
    const columns = await run("import", odd, "--json");
    expect(columns.code).toBe(4);
    expect(JSON.parse(columns.stderr).error).toMatchObject({
      code: "not_an_address_book",
      message: expect.stringContaining(
        "looks like a CSV file, but none of its columns (Foo, Bar, Baz) is one Goodwill reads: a contact needs a column Name (or First Name and Last Name) or Email",
      ),
      details: { columns: ["Foo", "Bar", "Baz"] },
    });
    // a file not named as a CSV with commas in its first line is not called one
    const json = join(tempStorePath(), "..", "people.json");
    writeFileSync(json, '{"name": "x", "people": []}\n');
    expect((await run("import", json)).stderr).toMatch(/is not an address book Goodwill can read/);
    expect((await run("import", "/no/such/file.vcf")).code).toBe(3);
    expect((await run("import", file, "--format", "excel")).code).toBe(4);
  });

  it("shows no progress bar with --json or when stderr is not a terminal", async () => {
    const { run } = cli({ dialect });
    const result = await run("import", fixture("vcard", "ez-vcard", "John_Doe_IPHONE.vcf"), "--json");
    expect(result.stderr).toBe("");
  });
});
