import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { exportBackup } from "../../src/app/backup.js";
import { addNote } from "../../src/app/moments.js";
import { addPerson } from "../../src/app/people.js";
import { EXIT_CODES } from "../../src/cli/exit-codes.js";
import { cli, tempStorePath } from "../support/cli.js";
import { describeEachDialect, freshContext } from "../support/stores.js";

describeEachDialect("NUL characters in files and arguments", (dialect) => {
  it("an address book's NULs are removed with a warning; the record and the rest of the file import", async () => {
    const { run } = cli({ dialect });
    const file = join(tempStorePath(), "..", "nul.vcf");
    const card = (...lines: string[]) => ["BEGIN:VCARD", "VERSION:3.0", ...lines, "END:VCARD"];
    writeFileSync(
      file,
      [
        ...card("FN:Ann\u0000 Lee", "NOTE:met at the\u0000 fair", "EMAIL:ann@example.com"),
        ...card("FN:Bob Baker"),
      ].join("\r\n"),
    );
    const result = await run("import", file, "--json");
    expect(result.code, result.stderr).toBe(0);
    const summary = result.json();
    expect(summary).toMatchObject({ created: 2, skipped: 0, errors: [] });
    expect(summary.warnings).toEqual([
      {
        record: 1,
        line: 1,
        field: "name",
        message: "name had NUL characters (U+0000), which Goodwill does not keep: removed",
      },
      {
        record: 1,
        line: 1,
        field: "note",
        message: "note had NUL characters (U+0000), which Goodwill does not keep: removed",
      },
    ]);
    expect((await run("show", "Ann Lee", "--json")).json().person.emails).toEqual(["ann@example.com"]);
  });

  it("a backup of a SQLite store holding NULs restores, without them, on either store", async () => {
    const sqlite = await freshContext("sqlite");
    const ann = await addPerson(sqlite, { name: "Ann\u0000 Lee" });
    await addNote(sqlite, ann.id, "likes\u0000 tea");
    const file = join(tempStorePath(), "..", "backup.json");
    writeFileSync(file, JSON.stringify(await exportBackup(sqlite)));

    const { run } = cli({ dialect });
    const result = await run("import", file, "--json");
    expect(result.code, result.stderr).toBe(0);
    const warnings = result.json().warnings;
    expect(warnings.map((w: { field: string }) => w.field)).toEqual(["people: name", "notes: body"]);
    const shown = (await run("show", "Ann Lee", "--json")).json();
    expect(shown.person.name).toBe("Ann Lee");
    expect(shown.timeline.find((t: { type: string }) => t.type === "note").summary).toBe("likes tea");
  });

  it("an argument with a NUL is refused, saying so", async () => {
    const { run } = cli({ dialect });
    const refused = await run("person", "add", "Ann\u0000 Lee");
    expect(refused.code).toBe(EXIT_CODES.invalid);
    expect(refused.stderr).toMatch(/holds a NUL character \(U\+0000\)/);
    expect((await run("person", "add", "Ann Lee")).code).toBe(0);
  });
});
