import { type Kysely, sql } from "kysely";
import type { Dialect } from "../dialect.js";

/** The apostrophes `foldText` now reads as ' (’ ‘ ʼ), as this migration was written: frozen here. */
const TYPOGRAPHIC = ["\u2018", "\u2019", "\u02bc"];

const folded = (key: string) => TYPOGRAPHIC.reduce((k, a) => k.replaceAll(a, "'"), key);

/**
 * Names typed with a typographic apostrophe (O’Brien, as phones type it) are keyed as with ' since
 * `foldText` reads them alike: the keys written before are folded the same way, so that "O'Brien"
 * finds O’Brien and adding "Sean O’Brien" beside Seán O'Brien is caught as a duplicate.
 *
 * People's name keys are not unique: one statement. An organization's or a department's is, within
 * its owner (and organization): each row with such an apostrophe is folded unless its folded key is
 * taken, and then left as it was (two places the user told apart stay apart).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  const [a, b, c] = TYPOGRAPHIC as [string, string, string];
  const hasOne = (column: string) =>
    sql`(${sql.ref(column)} like ${`%${a}%`} or ${sql.ref(column)} like ${`%${b}%`} or ${sql.ref(column)} like ${`%${c}%`})`;
  await sql`update people set name_key = replace(replace(replace(name_key, ${a}, ''''), ${b}, ''''), ${c}, '''')
    where ${hasOne("name_key")}`.execute(db);

  for (const { table, scope } of [
    { table: "organizations", scope: ["owner_id"] },
    { table: "departments", scope: ["owner_id", "organization_id"] },
  ]) {
    const rows = (
      await sql<
        Record<string, string>
      >`select * from ${sql.table(table)} where ${hasOne("name_key")}`.execute(db)
    ).rows;
    for (const row of rows) {
      const key = folded(row.name_key as string);
      let taken = db.selectFrom(table).select("id").where("name_key", "=", key);
      for (const column of scope) taken = taken.where(column, "=", row[column]);
      if (await taken.executeTakeFirst()) continue;
      let update = db.updateTable(table).set({ name_key: key }).where("id", "=", row.id);
      for (const column of scope) update = update.where(column, "=", row[column]);
      await update.execute();
    }
  }
}
