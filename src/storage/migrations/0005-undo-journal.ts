import { type Kysely, sql } from "kysely";
import type { Dialect } from "../dialect.js";
import { JOURNALED_TABLES, type JournaledTable } from "../journaled-tables.js";

/**
 * The tables this migration journals: those that existed when it was written. A table added later
 * gets its triggers from its own migration (`journalTable`), since it does not exist yet here.
 */
const TABLES_AT_0005: readonly JournaledTable[] = [
  "organizations",
  "departments",
  "people",
  "person_emails",
  "person_phones",
  "person_urls",
  "person_dates",
  "person_related",
  "interactions",
  "interaction_participants",
  "exchanges",
  "asks",
  "commitments",
  "notes",
  "needs",
  "offers",
  "introductions",
  "search_documents",
];

/**
 * The undo journal (issue 10): every write the user makes is one `undo_entries` row, and the rows it
 * touched are kept in `undo_rows` as they were before (or, for rows it added, just their keys).
 * Triggers on the journaled tables record them while `journal_state` names the entry being written
 * for that owner; the application sets and clears it inside the write transaction, so nothing
 * outside Goodwill's own writes (a database shell, a migration) is ever journaled.
 *
 * A later migration that adds a column to a journaled table must recreate that table's SQLite
 * triggers (their column lists are fixed here); PostgreSQL's read the whole row and need nothing.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("undo_entries")
    .addColumn("owner_id", "text", (c) => c.notNull().references("owners.id").onDelete("cascade"))
    .addColumn("id", "text", (c) => c.notNull())
    // "write" for one command or click; "import" for a whole import
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    // JSON: what an import read (file, format, counts)
    .addColumn("meta", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("undone_at", "text")
    .addColumn("undo_summary", "text")
    .addPrimaryKeyConstraint("undo_entries_pk", ["owner_id", "id"])
    .execute();
  await db.schema
    .createIndex("undo_entries_created_idx")
    .on("undo_entries")
    .columns(["owner_id", "created_at"])
    .execute();

  await db.schema
    .createTable("journal_state")
    .addColumn("owner_id", "text", (c) => c.primaryKey().references("owners.id").onDelete("cascade"))
    .addColumn("entry_id", "text", (c) => c.notNull())
    .execute();

  if (dialect.name === "postgres") {
    await sql`create table undo_rows (
      owner_id text not null references owners(id) on delete cascade,
      seq bigint generated always as identity,
      entry_id text not null,
      table_name text not null,
      op text not null,
      key_json text not null,
      old_row text,
      primary key (owner_id, seq)
    )`.execute(db);
    await sql`create index undo_rows_entry_idx on undo_rows (owner_id, entry_id, seq)`.execute(db);
    await sql`create function goodwill_journal_row() returns trigger language plpgsql as $$
      declare
        r jsonb;
        n jsonb;
        entry text;
        keys jsonb;
        new_keys jsonb;
      begin
        if TG_OP = 'INSERT' then r := to_jsonb(NEW); else r := to_jsonb(OLD); end if;
        select entry_id into entry from journal_state where owner_id = r->>'owner_id';
        if entry is null then return null; end if;
        select jsonb_object_agg(k, r->k) into keys from unnest(TG_ARGV) k;
        if TG_OP = 'INSERT' then
          insert into undo_rows (owner_id, entry_id, table_name, op, key_json, old_row)
            values (r->>'owner_id', entry, TG_TABLE_NAME, 'insert', keys::text, null);
        else
          insert into undo_rows (owner_id, entry_id, table_name, op, key_json, old_row)
            values (r->>'owner_id', entry, TG_TABLE_NAME, lower(TG_OP), keys::text, r::text);
          if TG_OP = 'UPDATE' then
            n := to_jsonb(NEW);
            select jsonb_object_agg(k, n->k) into new_keys from unnest(TG_ARGV) k;
            if new_keys <> keys then
              insert into undo_rows (owner_id, entry_id, table_name, op, key_json, old_row)
                values (r->>'owner_id', entry, TG_TABLE_NAME, 'insert', new_keys::text, null);
            end if;
          end if;
        end if;
        return null;
      end $$`.execute(db);
    for (const table of TABLES_AT_0005) await journalTable(db, dialect, table);
    // Every table notifies other processes of writes (0004-change-notices); these too.
    for (const table of ["undo_entries", "journal_state", "undo_rows"]) {
      await sql
        .raw(`create trigger goodwill_changes after insert or update or delete or truncate on ${table}
          for each statement execute function goodwill_notify_change()`)
        .execute(db);
    }
    return;
  }

  await sql`create table undo_rows (
    seq integer primary key,
    owner_id text not null references owners(id) on delete cascade,
    entry_id text not null,
    table_name text not null,
    op text not null,
    key_json text not null,
    old_row text
  )`.execute(db);
  await sql`create index undo_rows_entry_idx on undo_rows (owner_id, entry_id, seq)`.execute(db);
  for (const table of TABLES_AT_0005) await journalTable(db, dialect, table);
}

/**
 * PostgreSQL: the setting a write transaction turns on (`set_config(…, true)`) to pause the journal's
 * row triggers, for writes it journals itself (an import's new rows). Read by the triggers' WHEN
 * (migration 0018), so a paused row queues no trigger call at all.
 */
export const JOURNAL_PAUSED_SETTING = "goodwill.journal_paused";

/**
 * The triggers that journal one table's rows (after this migration has made the journal). On
 * SQLite they list the table's columns as they are now: a migration that adds a column must call
 * this again after dropping the table's three triggers.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function journalTable(db: Kysely<any>, dialect: Dialect, table: JournaledTable): Promise<void> {
  const spec: { key: readonly string[] } = JOURNALED_TABLES[table];
  if (dialect.name === "postgres") {
    const args = spec.key.map((k) => `'${k}'`).join(", ");
    await sql
      .raw(`create trigger goodwill_journal after insert or update or delete on ${table}
        for each row when (current_setting('${JOURNAL_PAUSED_SETTING}', true) is distinct from 'on')
        execute function goodwill_journal_row(${args})`)
      .execute(db);
    return;
  }
  const columns = (
    await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db)
  ).rows.map((r) => r.name);
  const object = (row: "new" | "old", names: readonly string[]) =>
    `json_object(${names.map((c) => `'${c}', ${row}.${c}`).join(", ")})`;
  const record = (row: "new" | "old", op: string, oldRow: string, extra = "") =>
    `insert into undo_rows (owner_id, entry_id, table_name, op, key_json, old_row)
       select ${row}.owner_id, entry_id, '${table}', '${op}', ${object(row, spec.key)}, ${oldRow}
       from journal_state where owner_id = ${row}.owner_id${extra};`;
  const active = (row: "new" | "old") =>
    `when exists (select 1 from journal_state where owner_id = ${row}.owner_id)`;
  const keyChanged = spec.key.map((k) => `new.${k} is not old.${k}`).join(" or ");
  await sql
    .raw(`create trigger goodwill_journal_${table}_insert after insert on ${table} ${active("new")}
      begin ${record("new", "insert", "null")} end`)
    .execute(db);
  await sql
    .raw(`create trigger goodwill_journal_${table}_update after update on ${table} ${active("old")}
      begin
        ${record("old", "update", object("old", columns))}
        ${record("new", "insert", "null", ` and (${keyChanged})`)}
      end`)
    .execute(db);
  await sql
    .raw(`create trigger goodwill_journal_${table}_delete after delete on ${table} ${active("old")}
      begin ${record("old", "delete", object("old", columns))} end`)
    .execute(db);
}
