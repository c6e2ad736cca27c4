import { type Kysely, sql } from "kysely";
import type { Dialect } from "../dialect.js";

/**
 * `today` reads, of each person first met at an event, how they met and their rhythm keys, and
 * evaluates only those who may be due (issue 16 §2): two covering indexes let it read those from
 * index entries instead of each person's row and aggregates' row (PostgreSQL ~16 µs a person from
 * the heap; SQLite one more b-tree descent each).
 * - `people_agenda_idx` (0015) with `met_on` too;
 * - `person_stats_first_event_idx` (0021) with the rhythm keys and the last contact.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.dropIndex("people_agenda_idx").execute();
  await db.schema
    .createIndex("people_agenda_idx")
    .on("people")
    .columns([
      "owner_id",
      "archived",
      "id",
      "layer",
      "cadence_days",
      "organization_id",
      "department_id",
      "ledger_mode",
      "birthday",
      "met_on",
    ])
    .execute();
  await db.schema.dropIndex("person_stats_first_event_idx").execute();
  await db.schema
    .createIndex("person_stats_first_event_idx")
    .on("person_stats")
    .columns([
      "owner_id",
      "first_event_id",
      "person_id",
      "contacts",
      "last_contact_ms",
      "agenda_cadence",
      "agenda_due_ms",
    ])
    .where(sql.ref("first_event_id"), "is not", null)
    .execute();
}
