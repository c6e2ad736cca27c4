/**
 * The rows undo puts back and takes away, in any journaled table named at run time: a row by its
 * journal key (which holds `owner_id`), and the owner's rows that point at people or places.
 */
import type { Kysely } from "kysely";
import type { JournaledTable } from "./journaled-tables.js";
import { ownedBy } from "./owned.js";
import type { Database } from "./schema.js";

/** A row's key as the journal holds it: column → value, `owner_id` among them. */
export type RowKey = Record<string, unknown>;

// biome-ignore lint/suspicious/noExplicitAny: rows of any journaled table, named at run time
type AnyDb = any;

function whereKey(query: AnyDb, key: RowKey): AnyDb {
  let q = query;
  for (const [column, value] of Object.entries(key)) q = q.where(column, "=", value);
  return q;
}

/** The row with this key as it is now, if it is there. */
export async function rowByKey(
  db: Kysely<Database>,
  table: JournaledTable,
  key: RowKey,
): Promise<Record<string, unknown> | undefined> {
  return whereKey((db as AnyDb).selectFrom(table).selectAll(), key).executeTakeFirst();
}

/** Deletes the row with this key; true when there was one. */
export async function deleteRowByKey(
  db: Kysely<Database>,
  table: JournaledTable,
  key: RowKey,
): Promise<boolean> {
  const result = await whereKey((db as AnyDb).deleteFrom(table), key).executeTakeFirst();
  return Number(result?.numDeletedRows ?? 0) > 0;
}

export async function updateRowByKey(
  db: Kysely<Database>,
  table: JournaledTable,
  key: RowKey,
  changes: Record<string, unknown>,
): Promise<void> {
  await whereKey((db as AnyDb).updateTable(table).set(changes), key).execute();
}

export async function insertRow(
  db: Kysely<Database>,
  table: JournaledTable,
  row: Record<string, unknown>,
): Promise<void> {
  await (db as AnyDb).insertInto(table).values(row).execute();
}

/** Deletes the owner's rows whose `column` is one of `values` (and of a search kind); how many went. */
export async function deleteRowsIn(
  db: Kysely<Database>,
  ownerId: string,
  batch: { table: JournaledTable; column: string; kind?: string; values: readonly string[] },
): Promise<number> {
  let query = (ownedBy(db, ownerId) as AnyDb).deleteFrom(batch.table).where(batch.column, "in", batch.values);
  if (batch.kind !== undefined) query = query.where("kind", "=", batch.kind);
  const result = await query.executeTakeFirst();
  return Number(result?.numDeletedRows ?? 0);
}

/** The owner's rows of a table whose `column` is one of `values`: their key columns and that column. */
export async function rowsPointingAt(
  db: Kysely<Database>,
  ownerId: string,
  ref: { table: JournaledTable; column: string },
  keyColumns: readonly string[],
  values: readonly string[],
): Promise<Record<string, unknown>[]> {
  return (await (ownedBy(db, ownerId) as AnyDb)
    .selectFrom(ref.table)
    .select([...keyColumns, ref.column])
    .where(ref.column, "in", values)
    .execute()) as Record<string, unknown>[];
}

/** Whether any of the owner's rows of `table` has `column` = `id`. */
export async function anyRowWith(
  db: Kysely<Database>,
  ownerId: string,
  use: { table: string; column: string },
  id: string,
): Promise<boolean> {
  const row = await (ownedBy(db, ownerId) as AnyDb)
    .selectFrom(use.table)
    .select(use.column)
    .where(use.column, "=", id)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
