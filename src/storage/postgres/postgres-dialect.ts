/**
 * PostgreSQL specifics: a `pg` pool, write transactions serialised per owner by an advisory lock,
 * `tsvector` search with accents folded, and Kysely's Migrator (which locks on PostgreSQL itself).
 * The rest of storage is dialect-neutral Kysely. Only loaded for postgres:// URLs: the SQLite CLI
 * never parses `pg`.
 */
import { Kysely, Migrator, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { GoodwillError } from "../../errors.js";
import { changeTrackingDialect } from "../change-tracking-dialect.js";
import { type Dialect, type SearchHit, searchTerms } from "../dialect.js";
import { migrationsFor, SCHEMA_VERSION } from "../migrations/index.js";
import { type ChangeWatch, type ExternalChanges, ReadCache } from "../read-cache.js";
import type { Database } from "../schema.js";
import { StoreCondition, storeErrorsDialect } from "../store-errors.js";

/** The pool size when the URL has no `?pool=`: enough for the server, harmless for one CLI command. */
const DEFAULT_POOL_SIZE = 10;
const CONNECT_TIMEOUT_MS = 10_000;
/**
 * First key of the two-key advisory locks that serialise one owner's writes ("good" in ASCII). The
 * two-key space does not overlap the one-key space that Kysely's Migrator locks in.
 */
const OWNER_LOCK_SPACE = 0x676f6f64;
/** A text search configuration: the `simple` one (lower case, no stemming) after `unaccent`. */
const SEARCH_CONFIG = "goodwill_search";

export const postgresDialect: Dialect = {
  name: "postgres",

  async createSearchIndex(db) {
    // unaccent is a trusted extension: a database owner may create it without being a superuser.
    await sql`create extension if not exists unaccent`.execute(db);
    // The unaccent dictionary inside a text search configuration, rather than unaccent() in an
    // expression: to_tsvector(regconfig, text) is immutable, so a generated column accepts it.
    await sql.raw(`create text search configuration ${SEARCH_CONFIG} (copy = simple)`).execute(db);
    await sql
      .raw(
        `alter text search configuration ${SEARCH_CONFIG}
           alter mapping for hword, hword_part, word with unaccent, simple`,
      )
      .execute(db);
    await sql
      .raw(`create table search_documents (
        owner_id text not null,
        kind text not null,
        ref_id text not null,
        person_id text,
        body text not null,
        tsv tsvector generated always as (to_tsvector('${SEARCH_CONFIG}'::regconfig, body)) stored,
        primary key (owner_id, kind, ref_id)
      )`)
      .execute(db);
    await sql`create index search_documents_tsv_idx on search_documents using gin (tsv)`.execute(db);
    await sql`create index search_documents_person_idx on search_documents (owner_id, person_id)`.execute(db);
  },

  async search(db, ownerId, query, limit) {
    const tsquery = prefixQuery(searchTerms(query));
    if (tsquery === null) return [];
    const result = await sql<{ kind: string; ref_id: string; person_id: string | null; body: string }>`
      select d.kind, d.ref_id, d.person_id, d.body
      from search_documents d, to_tsquery(${sql.lit(SEARCH_CONFIG)}::regconfig, ${tsquery}) q
      where d.owner_id = ${ownerId} and d.tsv @@ q
      order by d.ref_id collate "C" desc, d.kind collate "C"
      limit ${limit}`.execute(db);
    return result.rows.map(
      (r): SearchHit => ({ kind: r.kind, refId: r.ref_id, personId: r.person_id, body: r.body }),
    );
  },

  async writeTransaction(db, ownerId, fn) {
    return db.transaction().execute(async (trx) => {
      // The aggregates are read, then written: one owner's writers take turns, from the first
      // statement on; different owners never wait for each other.
      await sql`select pg_advisory_xact_lock(${OWNER_LOCK_SPACE}, hashtext(${ownerId}))`.execute(trx);
      return fn(trx);
    });
  },

  async refreshStatistics(db) {
    // Autovacuum gets there too, but only after the import has been answered.
    await sql`analyze people, exchanges, interactions, interaction_participants, search_documents`.execute(
      db,
    );
  },

  async migrate(db) {
    const applied = await appliedMigrations(db);
    const known = new Set(Object.keys(migrationsFor(postgresDialect)));
    const unknown = applied.filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new GoodwillError(
        "store_unavailable",
        `This store was written by a newer Goodwill (migration ${unknown.at(-1)}, this one knows ${SCHEMA_VERSION}). Upgrade goodwill.`,
      );
    }
    if (applied.length === SCHEMA_VERSION) return;
    // The Migrator runs in a transaction under its own advisory lock: processes starting together
    // wait for the first one, then find nothing left to do.
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => migrationsFor(postgresDialect) },
    });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error;
  },
};

/**
 * Every word must match as a prefix. Each word is a quoted lexeme, so nothing the user typed is
 * tsquery syntax; the configuration folds case and accents as it does for the documents.
 */
export function prefixQuery(terms: readonly string[]): string | null {
  if (terms.length === 0) return null;
  return terms.map((t) => `'${t.replaceAll("\\", "\\\\").replaceAll("'", "''")}':*`).join(" & ");
}

async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  const table = await sql<{
    exists: boolean;
  }>`select to_regclass('kysely_migration') is not null as exists`.execute(db);
  if (!table.rows[0]?.exists) return [];
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}

/** The URL without its password, for messages. */
export function describePostgresUrl(url: string): string {
  try {
    const u = new URL(url);
    const user = u.username ? `${decodeURIComponent(u.username)}@` : "";
    return `postgres://${user}${u.host || "localhost"}${u.pathname}`;
  } catch {
    return "postgres://(an unreadable URL)";
  }
}

/**
 * Opens a pool for a postgres:// URL (`?pool=N` sets its size, `?cache=off` turns the server's read
 * cache off) and checks that it connects, so a wrong host or password is reported as such rather
 * than as a failed migration.
 */
export async function openPostgres(
  url: string,
): Promise<{ db: Kysely<Database>; readCache: ReadCache; condition: StoreCondition; location: string }> {
  const location = describePostgresUrl(url);
  let connectionString = url;
  let max = DEFAULT_POOL_SIZE;
  let readCacheOn = true;
  try {
    const u = new URL(url);
    const pool = u.searchParams.get("pool");
    if (pool !== null) {
      max = Number(pool);
      if (!Number.isInteger(max) || max < 1) {
        throw new GoodwillError("usage", `?pool=${pool} in the database URL is not a positive whole number.`);
      }
      u.searchParams.delete("pool");
      connectionString = u.toString();
    }
    const cache = u.searchParams.get("cache");
    if (cache !== null) {
      if (cache !== "off" && cache !== "on")
        throw new GoodwillError("usage", `?cache=${cache} in the database URL must be on or off.`);
      readCacheOn = cache === "on";
      u.searchParams.delete("cache");
      connectionString = u.toString();
    }
  } catch (error) {
    if (error instanceof GoodwillError) throw error;
    throw new GoodwillError("usage", `The database URL ${location} is not a valid postgres:// URL.`);
  }
  const pool = new pg.Pool({
    connectionString,
    max,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    application_name: "goodwill",
    // Counts and sums of integers arrive as bigint; as JS numbers they match what SQLite returns.
    types: {
      getTypeParser: (oid, format) => (oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format)),
    },
  });
  // A connection that the server closes (a restart: `terminating connection due to administrator
  // command`, or a reset) must not crash the process. The pool listens on idle connections only; a
  // connection in use gets a listener of its own, and its query fails instead (store_unavailable,
  // store-errors.ts). The pool drops the broken connection when it is released, and the next query
  // connects again.
  pool.on("error", () => {});
  pool.on("connect", (client) => {
    client.on("error", () => {});
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    const u = safeUrl(url);
    throw new GoodwillError(
      "store_unavailable",
      `Cannot connect to PostgreSQL at ${u?.hostname || "localhost"}:${u?.port || "5432"}, database ${u?.pathname.slice(1) || "(default)"}: ${(error as Error).message}. Check that the server is running and reachable, and the user, password and database in --db or GOODWILL_DATABASE_URL.`,
    );
  }
  // ?cache=off where notifications cannot arrive: behind PgBouncer in transaction mode, on Citus.
  const readCache = new ReadCache(async () =>
    readCacheOn ? listenForChanges(connectionString) : { poll: () => "unknown", close: async () => {} },
  );
  const condition = new StoreCondition();
  const dialect = changeTrackingDialect(
    storeErrorsDialect(new PostgresDialect({ pool }), condition),
    readCache,
  );
  return { db: new Kysely<Database>({ dialect }), readCache, condition, location };
}

/** The channel every write notifies, from a statement trigger on each table (migration 0004). */
export const CHANGES_CHANNEL = "goodwill_changes";
const RECONNECT_MS = 1_000;

/**
 * Other processes' commits, as PostgreSQL notifications on a connection of its own. A notification
 * arrives shortly after the commit, so another process's write reaches this cache a moment late;
 * while the connection is down the answer is "unknown" and nothing is cached.
 */
async function listenForChanges(connectionString: string): Promise<ChangeWatch> {
  let state: ExternalChanges = "unknown";
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  const lost = (failed: pg.Client) => {
    if (client !== null && client !== failed) return;
    client = null;
    state = "unknown";
    failed.end().catch(() => {});
    if (!closed && retry === null) {
      retry = setTimeout(() => {
        retry = null;
        void connect();
      }, RECONNECT_MS);
      retry.unref();
    }
  };
  const connect = async () => {
    const candidate = new pg.Client({
      connectionString,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      application_name: "goodwill",
    });
    candidate.on("error", () => lost(candidate));
    candidate.on("end", () => lost(candidate));
    candidate.on("notification", () => {
      if (state === "none") state = "changed";
    });
    try {
      await candidate.connect();
      await candidate.query(`listen ${CHANGES_CHANNEL}`);
    } catch {
      client = candidate;
      return lost(candidate);
    }
    if (closed) return void candidate.end().catch(() => {});
    client = candidate;
    // Anything may have been written while nobody listened.
    state = "changed";
  };
  await connect();
  return {
    poll() {
      const now = state;
      if (now === "changed") state = "none";
      return now;
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const open = client;
      client = null;
      state = "unknown";
      await open?.end().catch(() => {});
    },
  };
}

const INT8_OID = 20;

function safeUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
