import { type Kysely, sql } from "kysely";
import type { Dialect } from "../dialect.js";
import type { Database } from "../schema.js";
import { refreshFirstEvents } from "../stats.repository.js";

/**
 * Each person's first event kept on write (issue 16 §2): `person_stats.first_event_id`, the moment
 * of three or more people at their first instant, so `today` reads its events from the few people
 * who have one (a partial index) instead of finding the moments at everyone's first instant.
 * Filled here for every owner.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable("person_stats").addColumn("first_event_id", "text").execute();
  const owners = await db.selectFrom("owners").select("id").execute();
  for (const { id } of owners) await refreshFirstEvents(db as Kysely<Database>, id as string);
  // Partial: most people have no event; `contacts` makes it the read's only source in person_stats.
  await db.schema
    .createIndex("person_stats_first_event_idx")
    .on("person_stats")
    .columns(["owner_id", "first_event_id", "person_id", "contacts"])
    .where(sql.ref("first_event_id"), "is not", null)
    .execute();
}
