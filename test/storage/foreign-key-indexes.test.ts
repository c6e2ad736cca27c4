/**
 * Every foreign key has an index on its pointing columns, so that removing the row it points at
 * looks up what still points there instead of passing over the whole table for each row removed:
 * without the one on who someone met through, undoing an import of 20,000 contacts took six minutes.
 * Read from SQLite's catalogue (the migrations make the same indexes on PostgreSQL, checked by name).
 */
import { sql } from "kysely";
import { expect, it } from "vitest";
import { describeEachDialect, freshStore } from "../support/stores.js";

/** Keys to a department, which is removed rarely and by few rows at a time. */
const WITHOUT_INDEX = new Set([
  "people(owner_id,department_id)",
  "asks(owner_id,department_id)",
  "commitments(owner_id,department_id)",
]);

const ADDED = [
  "people_met_through_idx",
  "asks_person_idx",
  "commitments_person_idx",
  "needs_person_idx",
  "offers_person_idx",
  "introductions_a_idx",
  "introductions_b_idx",
];

describeEachDialect("foreign keys and their indexes", (dialect) => {
  it("each foreign key's columns lead an index of their table", async () => {
    const { store } = await freshStore(dialect);
    if (dialect === "postgres") {
      const names = (
        await sql<{
          indexname: string;
        }>`select indexname from pg_indexes where schemaname = current_schema()`.execute(store.db)
      ).rows.map((r) => r.indexname);
      expect(names).toEqual(expect.arrayContaining(ADDED));
      return;
    }
    const tables = (
      await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(store.db)
    ).rows.map((r) => r.name);
    const missing: string[] = [];
    for (const table of tables) {
      const keys = new Map<number, string[]>();
      for (const fk of (
        await sql<{ id: number; from: string }>`select * from pragma_foreign_key_list(${table})`.execute(
          store.db,
        )
      ).rows)
        keys.set(fk.id, [...(keys.get(fk.id) ?? []), fk.from]);
      const indexes: string[][] = [];
      for (const index of (
        await sql<{ name: string }>`select name from pragma_index_list(${table})`.execute(store.db)
      ).rows)
        indexes.push(
          (
            await sql<{ name: string }>`select name from pragma_index_info(${index.name})`.execute(store.db)
          ).rows.map((c) => c.name),
        );
      for (const columns of keys.values()) {
        const led = indexes.some(
          (index) => [...index.slice(0, columns.length)].sort().join() === [...columns].sort().join(),
        );
        const named = `${table}(${columns.join(",")})`;
        if (!led && !WITHOUT_INDEX.has(named)) missing.push(named);
      }
    }
    expect(missing).toEqual([]);
  });
});
