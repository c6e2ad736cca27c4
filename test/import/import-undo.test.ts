import { expect, it } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { importFileFromBytes } from "../../src/app/read-file.js";
import { journaledService } from "../../src/service/journaled-service.js";
import { JOURNALED_TABLES, journaledTable } from "../../src/storage/journaled-tables.js";
import { describeEachDialect, freshContext } from "../support/stores.js";

const CARDS = 1_500;

/**
 * An address book of several batches: notes, a department, two cards of one person in the same
 * batch, cards that fill in people of an earlier batch, and one that fills in someone already here.
 */
function addressBook(): string {
  const cards: string[] = [];
  const card = (lines: string[]) =>
    cards.push(["BEGIN:VCARD", "VERSION:3.0", ...lines, "END:VCARD"].join("\r\n"));
  for (let i = 0; i < CARDS; i++) {
    card([
      `UID:card-${i}`,
      `FN:Person ${i}`,
      `EMAIL:person${i}@example.com`,
      `TEL:+1 555 ${String(i).padStart(7, "0")}`,
      `ORG:Company ${i % 20};Dept ${i % 3}`,
      ...(i % 4 === 0 ? [`NOTE:met at event ${i}`] : []),
      ...(i % 10 === 0 ? ["URL:https://example.com/p", "BDAY:1980-01-02"] : []),
    ]);
    if (i % 100 === 1) card([`FN:Person ${i}`, `EMAIL:person${i}@example.com`, `TEL:+1 666 ${i}`]);
  }
  for (let i = 0; i < 40; i++)
    card([
      `FN:Person ${i}`,
      `EMAIL:person${i}@example.com`,
      `EMAIL:second${i}@example.com`,
      "NOTE:seen again",
    ]);
  card([
    "FN:Sam Existing",
    "EMAIL:sam@example.com",
    "TEL:+1 555 9999999",
    "ORG:Globex",
    "NOTE:from the phone",
  ]);
  return `${cards.join("\r\n")}\r\n`;
}

/** Every row of every journaled table and the people's aggregates, in a stable order. */
async function snapshot(ctx: AppContext): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  for (const table of [...Object.keys(JOURNALED_TABLES), "person_stats"]) {
    const skip = new Set<string>(table === "person_stats" ? [] : journaledTable(table as never).skip);
    // biome-ignore lint/suspicious/noExplicitAny: every table, named at run time
    const rows = (await (ctx.db as any).selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
    tables[table] = rows
      .map((row) => JSON.stringify(Object.entries(row).filter(([column]) => !skip.has(column))))
      .sort();
  }
  return tables;
}

describeEachDialect("undoing an import of many batches", (dialect) => {
  it("leaves every table as it was before, with a few undo rows per batch instead of one per row", async () => {
    const ctx = await freshContext(dialect);
    const service = journaledService(ctx);
    const sam = await service.addPerson({ name: "Sam Existing", emails: ["sam@example.com"] });
    await service.addNote(sam.id, "likes tea");
    const before = await snapshot(ctx);

    const result = await service.importContacts(
      importFileFromBytes("big.vcf", new TextEncoder().encode(addressBook())),
      "vcard",
    );
    expect(result.created).toBe(CARDS);
    expect(result.updated).toBe(15 + 40 + 1);
    const sams = await ctx.db
      .selectFrom("people")
      .select("id")
      .where("display_name", "=", "Sam Existing")
      .execute();
    expect(sams).toHaveLength(1);
    expect(
      await ctx.db.selectFrom("person_phones").select("value").where("person_id", "=", sam.id).execute(),
    ).toEqual([{ value: "+1 555 9999999" }]);
    const journal = await ctx.db.selectFrom("undo_rows").select("op").execute();
    const written = await ctx.db
      .selectFrom("people")
      .select(({ fn }) => fn.countAll<number>().as("n"))
      .executeTakeFirst();
    expect(Number(written?.n)).toBe(CARDS + 1);
    // The batches' new rows are journaled together: far fewer undo rows than rows written.
    expect(journal.filter((r) => r.op === "insert-rows").length).toBeGreaterThan(0);
    expect(journal.length).toBeLessThan(CARDS);

    const undone = await service.undo();
    expect(undone.summary).toContain(`removed ${CARDS} people it created`);
    expect(await snapshot(ctx)).toEqual(before);
  }, 120_000);
});
