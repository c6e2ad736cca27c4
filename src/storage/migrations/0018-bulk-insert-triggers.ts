import { type Kysely, sql } from "kysely";
import type { Dialect } from "../dialect.js";
import { isJournaledTable } from "../journaled-tables.js";
import { journalTable } from "./0005-undo-journal.js";
import { CARD_COLUMNS, DETAIL_TABLES } from "./0012-carddav.js";

/** The tables whose rows mark their person as changed for CardDAV (0012), by the column naming the person. */
const DAV_PERSON_TABLES = [
  { table: "people", person: "id", update: `update of ${CARD_COLUMNS.join(", ")}` },
  ...DETAIL_TABLES.map((table) => ({ table, person: "person_id", update: "update" })),
];

/**
 * PostgreSQL only: the row triggers an import's inserts paid for each row, made cheap for bulk
 * inserts (issue 16 §1). SQLite's triggers stay as they are: its import pauses the journal through
 * `journal_state`, and its trigger calls cost a fraction of PostgreSQL's PL/pgSQL ones.
 *
 * - The journal's row triggers (0005) are made again by `journalTable`, which now gives them a
 *   `WHEN` reading a transaction-local setting: while an import has paused the journal (it journals
 *   its new rows itself, one undo row per table), no trigger event is even queued. Before, each row
 *   still ran the PL/pgSQL function (~23 µs a row) to find `journal_state` empty.
 * - CardDAV's "this person changed" (0012) is marked for inserts by one statement-level trigger per
 *   table over the statement's new rows (a transition table), not one PL/pgSQL call a row (~17 µs).
 *   Updates and deletes keep their row triggers: transition tables cannot be combined with
 *   `update of <columns>` or with several events.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect.name !== "postgres") return;

  const journaled = await sql<{ table_name: string }>`
    select c.relname as table_name from pg_trigger t join pg_class c on c.oid = t.tgrelid
    where t.tgname = 'goodwill_journal' and c.relnamespace = current_schema()::regnamespace`.execute(db);
  for (const { table_name: table } of journaled.rows) {
    if (!isJournaledTable(table)) continue;
    await sql.raw(`drop trigger goodwill_journal on ${table}`).execute(db);
    await journalTable(db, dialect, table);
  }

  // The person column is an argument: one function for people (id) and their details (person_id).
  await sql`create function goodwill_dav_people_added() returns trigger language plpgsql as $$
    begin
      execute format('insert into dav_changed_people (owner_id, person_id)
          select distinct a.owner_id, a.%I from added a
          where exists (select 1 from dav_address_books b where b.owner_id = a.owner_id)
          on conflict do nothing', TG_ARGV[0]);
      return null;
    end $$`.execute(db);
  for (const { table, person, update } of DAV_PERSON_TABLES) {
    await sql.raw(`drop trigger goodwill_dav_changed on ${table}`).execute(db);
    await sql
      .raw(`create trigger goodwill_dav_changed after ${update} or delete on ${table}
        for each row execute function goodwill_dav_person_changed('${person}')`)
      .execute(db);
    await sql
      .raw(`create trigger goodwill_dav_added after insert on ${table}
        referencing new table as added
        for each statement execute function goodwill_dav_people_added('${person}')`)
      .execute(db);
  }
}
