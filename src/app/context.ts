import type { Kysely } from "kysely";
import type { Database } from "../storage/schema.js";
import type { Store } from "../storage/store.js";

/** What every use-case runs with: the store, whose data it is, and what time it is. */
export interface AppContext {
  readonly store: Store;
  /** the store's query builder, or the open transaction's inside `inWriteTransaction` */
  readonly db: Kysely<Database>;
  readonly ownerId: string;
  /** the clock, fixed for the whole command (GOODWILL_NOW replaces it in demos and tests) */
  readonly now: number;
}

/**
 * Runs writes that belong together in one transaction holding the owner's write lock. Inside, `tx.db` is
 * the transaction; a nested call joins the transaction already open.
 */
export function inWriteTransaction<T>(ctx: AppContext, fn: (tx: AppContext) => Promise<T>): Promise<T> {
  if (ctx.db !== ctx.store.db) return fn(ctx);
  return ctx.store.dialect.writeTransaction(ctx.store.db, ctx.ownerId, (trx) => fn({ ...ctx, db: trx }));
}

export function nowIso(ctx: AppContext): string {
  return new Date(ctx.now).toISOString();
}
