import type { Kysely } from "kysely";
import {
  beginJournal,
  endJournal,
  entryHasRows,
  getEntry,
  insertEntry,
  updateEntry,
} from "../storage/journal.repository.js";
import type { Database } from "../storage/schema.js";
import type { Store } from "../storage/store.js";

/**
 * A write the user made, being recorded in the undo journal: every transaction opened with it in
 * the context records the rows it touches under `entryId` (an import spans many transactions).
 */
export interface JournalSession {
  readonly entryId: string;
  readonly kind: "write" | "import";
  readonly action: string;
  /** what the entry says it did; may be set once the write knows names */
  description: string;
  meta: string | null;
  /** set once a transaction of this write has recorded rows */
  recorded: boolean;
}

/** What every use-case runs with: the store, whose data it is, and what time it is. */
export interface AppContext {
  readonly store: Store;
  /** the store's query builder, or the open transaction's inside `inWriteTransaction` */
  readonly db: Kysely<Database>;
  readonly ownerId: string;
  /** the clock, fixed for the whole command (GOODWILL_NOW replaces it in demos and tests) */
  readonly now: number;
  /** the undo journal entry this write belongs to, when it is one the user can undo */
  readonly journal?: JournalSession;
  /**
   * Reads that the parts of one read-only use case share, set by it for one run (`today` asked for
   * the owner's profile five times, and for the names of organizations and departments twice).
   */
  readonly shared?: Map<string, Promise<unknown>>;
}

/**
 * `read()`, once per run of a use case that shares its reads (`ctx.shared`), outside any
 * transaction; otherwise read each time. The value is shared: its readers must not change it.
 */
export function sharedRead<T>(ctx: AppContext, key: string, read: () => Promise<T>): Promise<T> {
  const shared = ctx.shared;
  if (shared === undefined || ctx.db !== ctx.store.db) return read();
  let value = shared.get(key) as Promise<T> | undefined;
  if (value === undefined) {
    value = read();
    shared.set(key, value);
  }
  return value;
}

/**
 * Runs writes that belong together in one transaction holding the owner's write lock. Inside, `tx.db` is
 * the transaction; a nested call joins the transaction already open. With a journal session in the
 * context, the rows the transaction touches are kept for undo, in the same transaction.
 */
export function inWriteTransaction<T>(ctx: AppContext, fn: (tx: AppContext) => Promise<T>): Promise<T> {
  if (ctx.db !== ctx.store.db) return fn(ctx);
  const journal = ctx.journal;
  return ctx.store.dialect.writeTransaction(ctx.store.db, ctx.ownerId, async (trx) => {
    const tx = { ...ctx, db: trx };
    if (!journal) return fn(tx);
    await beginJournal(trx, ctx.ownerId, journal.entryId);
    const result = await fn(tx);
    await endJournal(trx, ctx.ownerId);
    await recordEntry(tx, journal);
    return result;
  });
}

/** Writes (or rewrites) the journal entry of a session whose transactions have recorded rows. */
export async function recordEntry(tx: AppContext, journal: JournalSession): Promise<void> {
  if (!journal.recorded) {
    if (!(await entryHasRows(tx.db, tx.ownerId, journal.entryId))) return;
    journal.recorded = true;
  }
  const existing = await getEntry(tx.db, tx.ownerId, journal.entryId);
  if (existing) {
    await updateEntry(tx.db, tx.ownerId, journal.entryId, {
      description: journal.description,
      meta: journal.meta,
    });
    return;
  }
  await insertEntry(tx.db, {
    owner_id: tx.ownerId,
    id: journal.entryId,
    kind: journal.kind,
    action: journal.action,
    description: journal.description,
    meta: journal.meta,
    created_at: nowIso(tx),
    undone_at: null,
    undo_summary: null,
  });
}

export function nowIso(ctx: AppContext): string {
  return new Date(ctx.now).toISOString();
}
