/**
 * SQLite specifics: connection pragmas, write transactions that take the lock up front, FTS5 search
 * and migrations under an exclusive lock. The rest of storage is dialect-neutral Kysely.
 */
import { mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, type SqliteDatabase, SqliteDialect, sql } from "kysely";
import { GoodwillError } from "../../errors.js";
import { changeTrackingDialect } from "../change-tracking-dialect.js";
import { type Dialect, type SearchHit, searchTerms } from "../dialect.js";
import { SCHEMA_VERSION } from "../migrations/index.js";
import { type ChangeWatch, ReadCache } from "../read-cache.js";
import { ROWS_AS_ARRAYS } from "../row-arrays.js";
import type { Database } from "../schema.js";
import { StoreCondition, storeErrorsDialect, storeFailureKind } from "../store-errors.js";

/** How long a CLI command waits for the write lock, in SQLite's busy handler (blocking: it has nothing else to do). */
const BUSY_TIMEOUT_MS = 15_000;
/**
 * The server's connection waits this long at a time in SQLite's busy handler, which blocks the
 * event loop: a write transaction that cannot have the lock lets go and tries again a moment later
 * (see writeTransaction), so the health check and reads answer meanwhile.
 */
const SERVER_BUSY_TIMEOUT_MS = 20;
/** How long the server's writes wait for the lock in all, unless told (then 503 store_unavailable). */
const SERVER_WRITE_WAIT_MS = 5_000;
/** The longest pause between two attempts at the lock. */
const MAX_RETRY_PAUSE_MS = 25;
/**
 * The largest WAL a process may leave behind (Store.leave). The next process to open the store reads
 * all of it back (recovery: ~3.4 µs of CPU a page here, 2.7 ms for 800 pages), while closing
 * checkpoints it, with four fsyncs (~5 ms here). A `gave` adds about 30 pages, so 256 pages keep both
 * near half a millisecond a command; a larger WAL (an import, a run of commands) is checkpointed on
 * close (docs/decisions.md).
 */
export const WAL_LEFT_MAX_BYTES = 1024 * 1024;

/** Per store: how long a write transaction may go on trying for the lock (0: one attempt). */
const writeWaits = new WeakMap<Kysely<Database>, number>();
/** Per store: its `user_version` when it was opened. */
const schemaVersionsAtOpen = new WeakMap<Kysely<Database>, unknown>();
const BUSY = Symbol("busy");

export const sqliteDialect: Dialect = {
  name: "sqlite",

  async createSearchIndex(db) {
    // search_documents is the FTS5 table's external content; triggers keep the index in step, so
    // application code writes one ordinary table on every dialect.
    await sql`create table search_documents (
      doc_id integer primary key,
      owner_id text not null,
      kind text not null,
      ref_id text not null,
      person_id text,
      body text not null
    )`.execute(db);
    await sql`create unique index search_documents_ref_uq on search_documents (owner_id, kind, ref_id)`.execute(
      db,
    );
    await sql`create index search_documents_person_idx on search_documents (owner_id, person_id)`.execute(db);
    await sql`create virtual table search_fts using fts5(
      body, content='search_documents', content_rowid='doc_id', tokenize='unicode61 remove_diacritics 2'
    )`.execute(db);
    await sql`create trigger search_documents_ai after insert on search_documents begin
      insert into search_fts(rowid, body) values (new.doc_id, new.body);
    end`.execute(db);
    await sql`create trigger search_documents_ad after delete on search_documents begin
      insert into search_fts(search_fts, rowid, body) values ('delete', old.doc_id, old.body);
    end`.execute(db);
    await sql`create trigger search_documents_au after update on search_documents begin
      insert into search_fts(search_fts, rowid, body) values ('delete', old.doc_id, old.body);
      insert into search_fts(rowid, body) values (new.doc_id, new.body);
    end`.execute(db);
  },

  async search(db, ownerId, query, limit) {
    const terms = searchTerms(query);
    if (terms.length === 0) return [];
    // Every word must match, as a prefix; quoting keeps the user's text out of FTS5's syntax.
    const match = terms.map((t) => `"${t.replaceAll('"', '""')}"*`).join(" ");
    const result = await sql<{ kind: string; ref_id: string; person_id: string | null; body: string }>`
      select d.kind, d.ref_id, d.person_id, d.body
      from search_fts
      join search_documents d on d.doc_id = search_fts.rowid
      where search_fts match ${match} and d.owner_id = ${ownerId}
      order by d.ref_id desc, d.kind
      limit ${limit}`.execute(db);
    return result.rows.map(
      (r): SearchHit => ({ kind: r.kind, refId: r.ref_id, personId: r.person_id, body: r.body }),
    );
  },

  // One writer at a time for the whole file, whoever the owner.
  async writeTransaction(db, _ownerId, fn) {
    // The clock is read only by a process that waits (the server): `performance` costs a CLI
    // command Node's perf_hooks, loaded on first use.
    const wait = writeWaits.get(db) ?? 0;
    const deadline = wait > 0 ? performance.now() + wait : 0;
    for (let attempt = 0; ; attempt++) {
      const outcome = await db.connection().execute(async (conn) => {
        // BEGIN IMMEDIATE takes the write lock up front instead of failing later, when a deferred
        // transaction that has read tries to write while another process writes.
        try {
          await sql`begin immediate`.execute(conn);
        } catch (error) {
          // Busy: let go of the connection (reads and the health check use it too), try again soon.
          if (storeFailureKind(error) === "busy" && wait > 0 && performance.now() < deadline) return BUSY;
          throw error;
        }
        try {
          const result = await fn(conn);
          await sql`commit`.execute(conn);
          return { result };
        } catch (error) {
          // After some failures (SQLITE_FULL) SQLite has rolled back already, and ROLLBACK fails with
          // "cannot rollback - no transaction is active": the error to report is the first one.
          await sql`rollback`.execute(conn).catch(() => {});
          throw error;
        }
      });
      if (outcome !== BUSY) return outcome.result;
      await new Promise((resolve) => setTimeout(resolve, Math.min(2 ** attempt, MAX_RETRY_PAUSE_MS)));
    }
  },

  async refreshStatistics(db) {
    // Sampled: a thousand rows an index, so it takes milliseconds whatever the store's size.
    await sql`pragma analysis_limit = 1000`.execute(db);
    await sql`analyze`.execute(db);
  },

  async migrate(db) {
    // The version read as the store opened: a store already at the latest schema (every command
    // after the first) loads neither Kysely's Migrator nor the migrations.
    if (schemaVersionsAtOpen.get(db) === SCHEMA_VERSION) return;
    const { migrateSqlite } = await import("./sqlite-migrate.js");
    await migrateSqlite(db, sqliteDialect);
  },
};

const ADDON = "better-sqlite3/build/Release/better_sqlite3.node";

/**
 * The compiled addon, found directly: better-sqlite3's own lookup tries a dozen paths on every
 * start, and the CLI's start-up time is a feature. In the binary (CommonJS) `require` is the
 * chunk's own: making a URL and a require for it from `import.meta.url` cost a start ~1 ms, and
 * node:module (loaded only here, for ES modules) loads parts of Node's ES module loader.
 */
function nativeBinding(): string {
  return typeof require === "function" && typeof require.resolve === "function"
    ? require.resolve(ADDON)
    : process
        .getBuiltinModule("node:module")
        .createRequire(import.meta.url)
        .resolve(ADDON);
}

/**
 * Opens (creating if needed) an SQLite store file with WAL, foreign keys and a busy timeout, with
 * its read cache (off until enabled).
 */
export function openSqlite(path: string): {
  db: Kysely<Database>;
  readCache: ReadCache;
  condition: StoreCondition;
  serveRequests(options?: { writeWaitMs?: number }): void;
  leave(): boolean;
} {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  let database: BetterSqlite3.Database;
  let schemaAtOpen: unknown;
  try {
    database = new BetterSqlite3(path, { timeout: BUSY_TIMEOUT_MS, nativeBinding: nativeBinding() });
    database.pragma("journal_mode = WAL");
    database.pragma("foreign_keys = ON");
    database.pragma("synchronous = NORMAL");
    schemaAtOpen = database.pragma("user_version", { simple: true });
  } catch (error) {
    throw new GoodwillError(
      "store_unavailable",
      `Cannot open the store at ${path}: ${(error as Error).message}. Check the path given by --db or GOODWILL_DATABASE_URL.`,
    );
  }
  const readCache = new ReadCache(async () => dataVersionWatch(database));
  const condition = new StoreCondition();
  const dialect = storeErrorsDialect(
    new SqliteDialect({ database: withStatementCache(database) }),
    condition,
  );
  const db = new Kysely<Database>({ dialect: changeTrackingDialect(dialect, readCache) });
  schemaVersionsAtOpen.set(db, schemaAtOpen);
  return {
    db,
    readCache,
    condition,
    serveRequests({ writeWaitMs = SERVER_WRITE_WAIT_MS } = {}) {
      database.pragma(`busy_timeout = ${SERVER_BUSY_TIMEOUT_MS}`);
      writeWaits.set(db, writeWaitMs);
    },
    leave() {
      if (path === ":memory:" || !database.open || database.inTransaction) return false;
      // A store made or migrated here is closed whole: the file alone then holds the schema, for
      // whoever copies it without its WAL (the benchmarks' templates do).
      if (database.pragma("user_version", { simple: true }) !== schemaAtOpen) return false;
      const wal = statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0;
      return wal <= WAL_LEFT_MAX_BYTES;
    },
  };
}

/**
 * Other processes' commits, exactly: `PRAGMA data_version` changes on this connection whenever
 * another connection has committed, and reading it costs about a microsecond.
 */
function dataVersionWatch(database: BetterSqlite3.Database): ChangeWatch {
  const statement = database.prepare("pragma data_version").pluck();
  let last = statement.get();
  return {
    poll() {
      if (!database.open) return "unknown";
      const now = statement.get();
      if (now === last) return "none";
      last = now;
      return "changed";
    },
    close: async () => {},
  };
}

const STATEMENT_CACHE_SIZE = 500;
const MARKED_SELECT = `select ${ROWS_AS_ARRAYS} `;

/**
 * Kysely asks SQLite to prepare every statement anew; preparing costs more than running most of
 * ours. Prepared statements are kept by their SQL text and reused — safe because better-sqlite3
 * runs each one to completion before the next (no statement is iterated lazily here). A select
 * marked by `readRows` (row-arrays.ts) is prepared to hand its rows back as arrays.
 */
function withStatementCache(database: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (!statement) {
        // Multi-row inserts of every size would grow the cache without end: start over instead.
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.clear();
        statement = database.prepare(sql);
        if (sql.startsWith(MARKED_SELECT)) statement.raw(true);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}
