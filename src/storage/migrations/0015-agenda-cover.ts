import type { Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/**
 * The agenda's SQL ranking reads, of every person not archived, the dozen columns its rules need
 * (issue 16 §2): two covering indexes let it read those from narrow index entries instead of every
 * person's whole row and whole aggregates row.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
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
    ])
    .execute();
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
    ])
    .execute();
}
