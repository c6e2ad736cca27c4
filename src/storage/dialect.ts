import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

/**
 * One search hit: which record matched, whose it is, and its searchable text whole (the excerpt is
 * cut by the application, the same way on every dialect: PostgreSQL's ts_headline drops anything
 * that looks like markup, and a note must be quoted as written).
 */
export interface SearchHit {
  kind: string;
  refId: string;
  personId: string | null;
  body: string;
}

/**
 * Everything that differs between SQLite and PostgreSQL lives behind this interface; each dialect
 * implements it in one file (`sqlite/sqlite-dialect.ts`, `postgres/postgres-dialect.ts`).
 */
export interface Dialect {
  readonly name: "sqlite" | "postgres";
  /** Creates `search_documents` and the full-text index over it. */
  // biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema
  createSearchIndex(db: Kysely<any>): Promise<void>;
  /**
   * Full-text search over one owner's documents, accents and case folded: those that match every
   * word, at most `limit`, newest record first. Unranked: the index's own scores weigh words by the
   * whole index, every account's documents, so the application ranks them (domain/search-rank.ts).
   */
  search(db: Kysely<Database>, ownerId: string, query: string, limit: number): Promise<SearchHit[]>;
  /**
   * Runs `fn` in a transaction that holds the owner's write lock from its first statement: one
   * owner's writes take turns (aggregates are read, then written). SQLite has one lock for the file.
   */
  writeTransaction<T>(
    db: Kysely<Database>,
    ownerId: string,
    fn: (trx: Kysely<Database>) => Promise<T>,
  ): Promise<T>;
  /** Brings the schema to the latest migration, safely when several processes start at once. */
  migrate(db: Kysely<Database>): Promise<void>;
  /**
   * Brings the query planner's statistics up to date after a bulk write (an import, a restore).
   * Without them SQLite takes `owner_id = ?` for a selective condition, and a person's moments were
   * found by reading every moment of the store: a restore of 40,000 people recomputed their scores in
   * quadratic time.
   */
  refreshStatistics(db: Kysely<Database>): Promise<void>;
}

/** Splits a user's query into words and quotes them, so no character of theirs is search syntax. */
export function searchTerms(query: string): string[] {
  return query
    .normalize("NFKC")
    .split(/[^\p{L}\p{N}@._'-]+/u)
    .map((t) => t.replace(/^[._'-]+|[._'-]+$/g, ""))
    .filter((t) => t.length > 0);
}
