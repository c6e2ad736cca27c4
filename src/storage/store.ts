import type { Kysely } from "kysely";
import { GoodwillError } from "../errors.js";
import type { Dialect } from "./dialect.js";
import type { Database } from "./schema.js";
import { openSqlite, sqliteDialect } from "./sqlite/sqlite-dialect.js";

/** An open store: the query builder, the dialect's specifics, and a way to close it. */
export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** where the data lives, for messages (a file path, or a database URL without its password) */
  readonly location: string;
  close(): Promise<void>;
}

/** Opens the store a URL or path names, creating and migrating it as needed. */
export async function openStore(url: string): Promise<Store> {
  if (/^postgres(ql)?:\/\//i.test(url)) {
    throw new GoodwillError(
      "store_unavailable",
      "This version of Goodwill stores data in an SQLite file only; PostgreSQL arrives with the team server. Pass a file path to --db.",
    );
  }
  const path = url.replace(/^(sqlite|file):(\/\/)?/i, "");
  const db = openSqlite(path);
  try {
    await sqliteDialect.migrate(db);
  } catch (error) {
    await db.destroy();
    if (error instanceof GoodwillError) throw error;
    throw new GoodwillError(
      "store_unavailable",
      `Cannot prepare the store at ${path}: ${(error as Error).message}`,
    );
  }
  return { db, dialect: sqliteDialect, location: path, close: () => db.destroy() };
}
