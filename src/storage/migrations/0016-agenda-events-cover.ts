import { type Kysely, sql } from "kysely";
import type { Dialect } from "../dialect.js";

/**
 * The events `today` groups people by (issue 16 §2), read from narrow index entries: each person's
 * first instant with their number of contacts (from which the moments at that instant are found),
 * and the few people with a "met" text. Without them both reads walked every person's whole row.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createIndex("person_stats_first_contact_idx")
    .on("person_stats")
    .columns(["owner_id", "first_contact_at", "person_id", "contacts"])
    .where(sql.ref("first_contact_at"), "is not", null)
    .execute();
  // Partial: most people are imported without one. `archived` lets the planner prefer it.
  await db.schema
    .createIndex("people_met_idx")
    .on("people")
    .columns(["owner_id", "archived", "id"])
    .where(sql.ref("met_text"), "is not", null)
    .execute();
}
