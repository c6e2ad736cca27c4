/**
 * The undo journal's rows: which entry the triggers write to (journal_state), the entries, and the
 * row images (migration 0005). The rules of undoing live in app/undo.ts.
 */
import { type Kysely, sql } from "kysely";
import { ownedBy } from "./owned.js";
import type { Database, UndoEntryRow } from "./schema.js";

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
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

/** Rows that entries still in force wrote after `seq`, with the entry that wrote each. */
export async function laterRows(
  db: Kysely<Database>,
  ownerId: string,
  afterSeq: number,
): Promise<{ table_name: string; key_json: string; entry_id: string; description: string }[]> {
  return ownedBy(db, ownerId)
    .selectFrom("undo_rows as r")
    .innerJoin("undo_entries as e", (j) =>
      j.onRef("e.owner_id", "=", "r.owner_id").onRef("e.id", "=", "r.entry_id"),
    )
    .select(["r.table_name", "r.key_json", "r.entry_id", "e.description"])
    .where("r.seq", ">", afterSeq)
    .where("e.undone_at", "is", null)
    .execute();
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
