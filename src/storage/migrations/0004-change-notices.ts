import { type Kysely, sql } from "kysely";
import type { Dialect } from "../dialect.js";

/**
 * PostgreSQL only: every statement that writes a Goodwill table notifies `goodwill_changes` (once
 * per transaction, at commit), so each server process can drop its read cache when any process —
 * another server, a CLI command, a script — has written. SQLite needs nothing: a process sees other
 * connections' commits in `PRAGMA data_version`. A later migration that creates a table must give
 * it the same trigger (test/storage/read-cache.test.ts checks every table has it).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect.name !== "postgres") return;
  await sql`create function goodwill_notify_change() returns trigger language plpgsql as $$
    begin
      perform pg_notify('goodwill_changes', '');
      return null;
    end $$`.execute(db);
  const tables = await sql<{ tablename: string }>`
    select tablename from pg_tables
    where schemaname = current_schema() and tablename not like 'kysely\\_%'`.execute(db);
  for (const { tablename } of tables.rows) {
    await sql`create trigger goodwill_changes
      after insert or update or delete or truncate on ${sql.id(tablename)}
      for each statement execute function goodwill_notify_change()`.execute(db);
  }
}
