/**
 * Brings an SQLite store to the latest schema, under the write lock. Loaded only when the store's
 * `user_version` is behind (sqliteDialect.migrate): Kysely's Migrator and the migrations are then
 * parsed by the first command on a new store, not by every command.
 */
import { type Kysely, Migrator, sql } from "kysely";
import { GoodwillError } from "../../errors.js";
import type { Dialect } from "../dialect.js";
import { migrationsFor, SCHEMA_VERSION } from "../migrations/index.js";
import type { Database } from "../schema.js";

export async function migrateSqlite(db: Kysely<Database>, dialect: Dialect): Promise<void> {
  await dialect.writeTransaction(db, "", async (trx) => {
    // Another process may have migrated while we waited for the lock.
    const version = await userVersion(trx);
    if (version === SCHEMA_VERSION) return;
    if (version > SCHEMA_VERSION) {
      throw new GoodwillError(
        "store_unavailable",
        `This store was written by a newer Goodwill (schema ${version}, this one knows ${SCHEMA_VERSION}). Upgrade goodwill.`,
      );
    }
    const migrator = new Migrator({
      db: trx,
      provider: { getMigrations: async () => migrationsFor(dialect) },
      disableTransactions: true,
    });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error;
    await sql.raw(`pragma user_version = ${SCHEMA_VERSION}`).execute(trx);
  });
}

async function userVersion(db: Kysely<Database>): Promise<number> {
  const result = await sql<{ user_version: number }>`pragma user_version`.execute(db);
  return result.rows[0]?.user_version ?? 0;
}
