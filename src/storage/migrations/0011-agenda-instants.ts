import { type Kysely, sql } from "kysely";
import type { Dialect } from "../dialect.js";

/**
 * The agenda's instants as numbers (issue 16 §2): the last contact, the last help received and the
 * last thank-you of each person in epoch milliseconds beside their ISO text, kept on the same write,
 * so `today` ranks thanks owed in SQL from an index instead of parsing everyone's dates.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  for (const column of ["last_contact_ms", "last_received_ms", "last_thanks_ms"]) {
    await db.schema.alterTable("person_stats").addColumn(column, "bigint").execute();
  }
  // The stored instants are ISO 8601 UTC with milliseconds; each dialect reads them exactly.
  const ms = (column: string) =>
    dialect.name === "postgres"
      ? sql`round(extract(epoch from ${sql.ref(column)}::timestamptz) * 1000)::bigint`
      : sql`cast(round(unixepoch(${sql.ref(column)}, 'subsec') * 1000) as integer)`;
  await sql`update person_stats set
      last_contact_ms = ${ms("last_contact_at")},
      last_received_ms = ${ms("last_received_at")},
      last_thanks_ms = ${ms("last_thanks_at")}`.execute(db);
  // Thanks owed: the people helped lately, newest first (partial: most people owe nothing).
  await db.schema
    .createIndex("person_stats_received_idx")
    .on("person_stats")
    .columns(["owner_id", "last_received_ms", "last_thanks_ms", "person_id"])
    .where(sql.ref("last_received_ms"), "is not", null)
    .execute();
  // A person's moments, read from the index alone (the advice cites the newest): with the person
  // index that is not covering, SQLite preferred scanning every participant of the owner.
  await db.schema
    .createIndex("interaction_participants_person_cover_idx")
    .on("interaction_participants")
    .columns(["owner_id", "person_id", "interaction_id"])
    .execute();
  // Its prefix serves every read the old person index served; one index less to write per participant.
  await db.schema.dropIndex("interaction_participants_person_idx").execute();
}
