import type { Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/**
 * The aggregates' covering index (0015, 0023) with the agenda's kept keys too (issue 16 §2):
 * `today`'s ranking reads the facts of the few hundred people of its pool from it alone — the
 * cadence, weight, birthday's month-day and sum received kept for them beside the aggregates
 * (0020) — instead of from `people` and `person_stats`. On PostgreSQL, over the bench's 10,000
 * people, the ranking went 14.5 → 10.1 ms: it read all of `people` to join a few hundred, and now
 * reads one index entry a person; on SQLite 8.6 → 6.6 ms. The same one index: the reads it served
 * (a person's aggregates, `loadRelationships`) are its first columns, and an import writes no
 * more entries than before.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.dropIndex("person_stats_agenda_idx").execute();
  await db.schema
    .createIndex("person_stats_agenda_idx")
    .on("person_stats")
    .columns([
      "owner_id",
      "person_id",
      "last_contact_ms",
      "last_received_ms",
      "last_thanks_ms",
      "gave_sum",
      "received_sum",
      "entries",
      "gaves",
      "agenda_received",
      "agenda_cadence",
      "agenda_weight",
      "agenda_month_day",
    ])
    .execute();
}
