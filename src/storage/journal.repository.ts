/**
 * The undo journal's rows: which entry the triggers write to (journal_state), the entries, and the
 * row images (migration 0005). The rules of undoing live in app/undo.ts.
 */
import { type Insertable, type Kysely, sql } from "kysely";
import { isJournaledTable, type JournaledTable, journaledTable } from "./journaled-tables.js";
import { ownedBy } from "./owned.js";
import type { Database, UndoEntryRow, UndoRowsTable } from "./schema.js";

/** From now until `endJournal`, this owner's writes in this transaction belong to `entryId`. */
export async function beginJournal(db: Kysely<Database>, ownerId: string, entryId: string): Promise<void> {
  await ownedBy(db, ownerId).deleteFrom("journal_state").execute();
  await db.insertInto("journal_state").values({ owner_id: ownerId, entry_id: entryId }).execute();
}

export async function endJournal(db: Kysely<Database>, ownerId: string): Promise<void> {
  await ownedBy(db, ownerId).deleteFrom("journal_state").execute();
}

export async function entryHasRows(db: Kysely<Database>, ownerId: string, entryId: string): Promise<boolean> {
  const row = await ownedBy(db, ownerId)
    .selectFrom("undo_rows")
    .select("seq")
    .where("entry_id", "=", entryId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function getEntry(
  db: Kysely<Database>,
  ownerId: string,
  id: string,
): Promise<UndoEntryRow | undefined> {
  return ownedBy(db, ownerId).selectFrom("undo_entries").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertEntry(db: Kysely<Database>, row: UndoEntryRow): Promise<void> {
  await db.insertInto("undo_entries").values(row).execute();
}

export async function updateEntry(
  db: Kysely<Database>,
  ownerId: string,
  id: string,
  changes: Partial<Pick<UndoEntryRow, "description" | "meta" | "undone_at" | "undo_summary">>,
): Promise<void> {
  await ownedBy(db, ownerId).updateTable("undo_entries").set(changes).where("id", "=", id).execute();
}

/** The newest entries first (ids are time-ordered, so they break ties within a millisecond). */
export async function listEntries(
  db: Kysely<Database>,
  ownerId: string,
  options: { limit: number; kind?: string; liveOnly?: boolean },
): Promise<UndoEntryRow[]> {
  let query = ownedBy(db, ownerId).selectFrom("undo_entries").selectAll();
  if (options.kind) query = query.where("kind", "=", options.kind);
  if (options.liveOnly) query = query.where("undone_at", "is", null);
  return query.orderBy("created_at", "desc").orderBy("id", "desc").limit(options.limit).execute();
}

export interface UndoRowImage {
  seq: number;
  table_name: string;
  op: string;
  key_json: string;
  old_row: string | null;
}

/**
 * The op of one undo row that stands for many rows a write added to one table, where the triggers
 * would have written one undo row each: an import's batch (`journalAddedRows`). Its `key_json` is
 * `[[key values after owner_id, in the table's key order], …]`; reads give back one image per row.
 */
const ADDED_ROWS = "insert-rows";

/**
 * The undo row journaling rows just added to `table` under `entryId`, all of them in one; none
 * for no rows. For writes made while the owner's journal is paused (`endJournal`, or
 * `pauseJournalTriggers` on PostgreSQL): the triggers wrote nothing for them.
 */
export function addedRowsUndo(
  ownerId: string,
  entryId: string,
  table: JournaledTable,
  rows: readonly Record<string, unknown>[],
): Insertable<UndoRowsTable> | undefined {
  if (rows.length === 0) return undefined;
  const columns = journaledTable(table).key.slice(1);
  return {
    owner_id: ownerId,
    entry_id: entryId,
    table_name: table,
    op: ADDED_ROWS,
    key_json: JSON.stringify(rows.map((row) => columns.map((c) => row[c]))),
    old_row: null,
  };
}

/** Journals rows just added to `table` under `entryId`, one undo row for all of them (`addedRowsUndo`). */
export async function journalAddedRows(
  db: Kysely<Database>,
  ownerId: string,
  entryId: string,
  table: JournaledTable,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  const undo = addedRowsUndo(ownerId, entryId, table, rows);
  if (undo !== undefined) await db.insertInto("undo_rows").values(undo).execute();
}

/** One undo row as the triggers write it: an undo row of many added rows becomes one per row. */
function perRow<R extends { table_name: string; op: string; key_json: string }>(
  ownerId: string,
  row: R,
): R[] {
  if (row.op !== ADDED_ROWS || !isJournaledTable(row.table_name)) return [row];
  const columns = journaledTable(row.table_name).key;
  return (JSON.parse(row.key_json) as unknown[][]).map((values) => {
    const key: Record<string, unknown> = { owner_id: ownerId };
    columns.slice(1).forEach((c, i) => {
      key[c] = values[i];
    });
    return { ...row, op: "insert", key_json: JSON.stringify(key) };
  });
}

export async function entryRows(
  db: Kysely<Database>,
  ownerId: string,
  entryId: string,
): Promise<UndoRowImage[]> {
  const rows = await ownedBy(db, ownerId)
    .selectFrom("undo_rows")
    .select(["seq", "table_name", "op", "key_json", "old_row"])
    .where("entry_id", "=", entryId)
    .orderBy("seq")
    .execute();
  return rows.flatMap((r) => perRow(ownerId, { ...r, seq: Number(r.seq) }));
}

/** Rows that entries still in force wrote after `seq`, with the entry that wrote each. */
export async function laterRows(
  db: Kysely<Database>,
  ownerId: string,
  afterSeq: number,
): Promise<{ table_name: string; key_json: string; entry_id: string; description: string }[]> {
  const rows = await ownedBy(db, ownerId)
    .selectFrom("undo_rows as r")
    .innerJoin("undo_entries as e", (j) =>
      j.onRef("e.owner_id", "=", "r.owner_id").onRef("e.id", "=", "r.entry_id"),
    )
    .select(["r.table_name", "r.op", "r.key_json", "r.entry_id", "e.description"])
    .where("r.seq", ">", afterSeq)
    .where("e.undone_at", "is", null)
    .execute();
  return rows.flatMap((r) => perRow(ownerId, r)).map(({ op: _op, ...r }) => r);
}

/** Forgets entries (and their rows) made before `cutoff`: the journal keeps 30 days. */
export async function pruneEntries(db: Kysely<Database>, ownerId: string, cutoffIso: string): Promise<void> {
  const old = ownedBy(db, ownerId)
    .selectFrom("undo_entries")
    .select("id")
    .where("created_at", "<", cutoffIso);
  await ownedBy(db, ownerId).deleteFrom("undo_rows").where("entry_id", "in", old).execute();
  await ownedBy(db, ownerId).deleteFrom("undo_entries").where("created_at", "<", cutoffIso).execute();
}

/** Whether any entry of this owner is older than `cutoff` (so pruning has something to do). */
export async function hasEntryBefore(
  db: Kysely<Database>,
  ownerId: string,
  cutoffIso: string,
): Promise<boolean> {
  const row = await ownedBy(db, ownerId)
    .selectFrom("undo_entries")
    .select(sql<number>`1`.as("one"))
    .where("created_at", "<", cutoffIso)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
