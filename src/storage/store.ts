import type { Kysely } from "kysely";
import { GoodwillError } from "../errors.js";
import type { Dialect } from "./dialect.js";
import type { ReadCache } from "./read-cache.js";
import type { Database } from "./schema.js";
import { openSqlite, sqliteDialect } from "./sqlite/sqlite-dialect.js";
import type { StoreCondition } from "./store-errors.js";

/** An open store: the query builder, the dialect's specifics, and a way to close it. */
export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** where the data lives, for messages (a file path, or a database URL without its password) */
  readonly location: string;
  /** documents read recently, dropped on any write; off until the server enables it */
  readonly readCache: ReadCache;
  /** what the driver has seen lately that reading cannot tell (a full disk), for the health check */
  readonly condition: StoreCondition;
  /**
   * The server is about to answer requests on this store: a write that waits for SQLite's lock
   * (another process importing) waits without blocking the event loop, up to `writeWaitMs`, then
   * fails as store_unavailable. A CLI command waits in SQLite's busy handler instead.
   */
  serveRequests(options?: { writeWaitMs?: number }): void;
  /**
   * For a process about to end (the CLI's binary): true when the store may be left open for the
   * operating system to release, which is then cheaper than close() — SQLite's close checkpoints
   * the WAL with four fsyncs; left, the next opener reads the WAL instead. False, and nothing done,
   * when the store must be closed: PostgreSQL, or an SQLite store made, migrated or written at length
   * by this process (sqlite-dialect.ts). The caller must then end the process with process.exit():
   * at a natural exit the driver closes every database itself, checkpoint and all.
   */
  leave(): boolean;
  close(): Promise<void>;
}

/**
 * Opens the store a URL or path names, creating and migrating it as needed: postgres:// and
 * postgresql:// URLs name a PostgreSQL database, anything else an SQLite file.
 */
export async function openStore(url: string): Promise<Store> {
  if (/^postgres(ql)?:\/\//i.test(url)) {
    // Loaded only here: an SQLite start-up never parses `pg`.
    const { openPostgres, postgresDialect } = await import("./postgres/postgres-dialect.js");
    const { db, readCache, condition, location } = await openPostgres(url);
    return migrated({
      db,
      readCache,
      condition,
      dialect: postgresDialect,
      location,
      serveRequests: () => {},
      leave: () => false,
    });
  }
  const path = url.replace(/^(sqlite|file):(\/\/)?/i, "");
  const { db, readCache, condition, serveRequests, leave } = openSqlite(path);
  return migrated({ db, readCache, condition, dialect: sqliteDialect, location: path, serveRequests, leave });
}

async function migrated(opened: Omit<Store, "close">): Promise<Store> {
  const { db, dialect, location, readCache } = opened;
  try {
    await dialect.migrate(db);
  } catch (error) {
    await db.destroy();
    if (error instanceof GoodwillError) throw error;
    throw new GoodwillError(
      "store_unavailable",
      `Cannot prepare the store at ${location}: ${(error as Error).message}`,
    );
  }
  return {
    ...opened,
    close: async () => {
      await readCache.close();
      await db.destroy();
    },
  };
}
