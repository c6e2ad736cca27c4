import { type Kysely, sql } from "kysely";
import type { Database } from "../schema.js";

/**
 * A page cache of 128 MiB while an import runs (16 MiB otherwise, better-sqlite3's default): a
 * hundred thousand contacts make indexes far larger, and with the default their pages were written
 * out and read back for every batch — most of an import's system time. Freed when the import ends.
 */
export const IMPORT_CACHE_KIB = 128 * 1024;
/**
 * Checkpoint when the WAL reaches 64 MiB rather than 4 MiB: each checkpoint copies the hot index
 * pages into the database file again. Durability is the same — WAL with synchronous=NORMAL — only
 * the WAL file grows larger before it is folded in.
 */
export const IMPORT_CHECKPOINT_PAGES = 16_384;

/*
 * Statement journals in memory (temp_store = memory): every multi-row insert, and every insert that
 * fires a trigger, keeps the pages it changes in a statement journal so it can be undone alone; past
 * 64 KiB SQLite spills that to a temporary file. A 100,000-contact import wrote 2 GB to such files
 * (1.2 s of system time); in memory it holds one statement's pages, a few MiB at most.
 */

/**
 * A connection that waits this long or longer in SQLite's busy handler belongs to a CLI command;
 * the server's waits 20 ms at a time (sqlite-dialect.ts), its event loop having requests to answer.
 */
const ALONE_BUSY_TIMEOUT_MS = 1_000;

/** What a bulk write on this connection may assume. */
export interface BulkWrite {
  /** no requests of this process wait on its event loop (a CLI command): batches may be longer */
  alone: boolean;
}

/** Runs `fn` (a bulk import on this connection) with the larger cache, rarer checkpoints, statement journals in memory. */
export async function withImportPragmas<T>(
  db: Kysely<Database>,
  fn: (bulk: BulkWrite) => Promise<T>,
): Promise<T> {
  const pragma = async (name: string) =>
    (await sql.raw(`pragma ${name}`).execute(db)).rows[0] as Record<string, number> | undefined;
  const busy = Number(Object.values((await pragma("busy_timeout")) ?? {})[0] ?? 0);
  const cache = (await pragma("cache_size"))?.cache_size ?? -2000;
  const checkpoint = (await pragma("wal_autocheckpoint"))?.wal_autocheckpoint ?? 1000;
  const tempStore = (await pragma("temp_store"))?.temp_store ?? 0;
  await pragma(`cache_size = ${-IMPORT_CACHE_KIB}`);
  await pragma(`wal_autocheckpoint = ${IMPORT_CHECKPOINT_PAGES}`);
  await pragma("temp_store = memory");
  try {
    return await fn({ alone: busy >= ALONE_BUSY_TIMEOUT_MS });
  } finally {
    await pragma(`cache_size = ${Number(cache)}`);
    await pragma(`wal_autocheckpoint = ${Number(checkpoint)}`);
    await pragma(`temp_store = ${Number(tempStore)}`);
  }
}
