import { type Kysely, type SqlBool, sql } from "kysely";
import type { Dialect } from "../dialect.js";

/**
 * Two reads of `today` from an index alone (issue 16 §2), measured on PostgreSQL over the bench's
 * 10,000 people (backend CPU per run):
 * - the people not archived, by owner, in a narrow index of their own: `today` counts them on every
 *   run, and PostgreSQL did so with a pass over the whole of `people` (~2 → ~0.5 ms);
 * - the aggregates' covering index of 0015 with `entries` and `gaves` too: it then covers every
 *   aggregate the agenda reads of a person, and PostgreSQL reads the few hundred people `today`
 *   evaluates from it instead of passing over the whole of `person_stats` (~4 → ~2.5 ms).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createIndex("people_active_idx")
    .on("people")
    .column("owner_id")
    .where(sql<SqlBool>`archived = 0`)
    .execute();
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
    ])
    .execute();
}
