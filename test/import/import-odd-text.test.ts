import { expect, it } from "vitest";
import { importFileFromBytes } from "../../src/app/read-file.js";
import { journaledService } from "../../src/service/journaled-service.js";
import { describeEachDialect, freshContext } from "../support/stores.js";

/** Text that an array literal must quote (PostgreSQL's unnest inserts): braces, commas, quotes, backslashes, NULL. */
const ODD = ['Ann "The Ace" {Able}', "O'Brien, Bo", "back\\slash \\N", "NULL", "  spaced  out  ", "Zoë {}"];

describeEachDialect("an import writes odd text as it is", (dialect) => {
  it("names, notes and emails with quotes, braces, commas and backslashes come back unchanged", async () => {
    const ctx = await freshContext(dialect);
    const service = journaledService(ctx);
    const vcardText = (text: string) => text.replace(/\\/g, "\\\\").replace(/,/g, "\\,").replace(/;/g, "\\;");
    const vcf = ODD.map((name, i) =>
      [
        "BEGIN:VCARD",
        "VERSION:3.0",
        `FN:${vcardText(name)}`,
        `EMAIL:odd${i}@example.com`,
        `NOTE:${vcardText(`note of ${name}`)}`,
        "END:VCARD",
      ].join("\r\n"),
    ).join("\r\n");
    const result = await service.importContacts(
      importFileFromBytes("odd.vcf", new TextEncoder().encode(vcf)),
      "vcard",
    );
    expect(result.created).toBe(ODD.length);
    const people = await ctx.db.selectFrom("people").select(["id", "display_name"]).execute();
    const notes = await ctx.db.selectFrom("notes").select(["person_id", "body"]).execute();
    const byId = new Map(people.map((p) => [p.id, p.display_name]));
    expect(people.map((p) => p.display_name).sort()).toEqual(
      ODD.map((n) => n.trim().replace(/\s+/g, " ")).sort(),
    );
    expect(notes.map((n) => n.body).sort()).toEqual(ODD.map((n) => `note of ${n}`.trim()).sort());
    expect(notes.every((n) => byId.get(n.person_id) !== undefined)).toBe(true);
    expect((await service.search("Brien")).results.length).toBeGreaterThan(0);
  });
});
