import { type Kysely, sql } from "kysely";
import type { Dialect } from "../dialect.js";

/**
 * Who may be overdrawn, found by the quotient of the two sums kept (issue 16 §2). Overdrawn is
 * g + 1 < ρ(g + r + 2) with the decayed sums g and r; with ρ under ½ that asks g/r < ρ/(1 − ρ), and
 * g/r is the kept sums' quotient G/R times a factor of `now` alone (agenda-ranking.ts). So G/R is a
 * key that does not move with time, and the range below its bound holds everyone overdrawn and
 * few others. The index it replaces, by R alone, held everyone who had received enough: 9,500 of
 * the bench's 10,000 people, to find the 4,008 overdrawn; on a real store, where few are
 * overdrawn, the difference is larger.
 *
 * Partial on `agenda_received > 0` (what `agenda_received is not null` means, agenda-keys.ts): the
 * quotient is computed only for the rows it keeps, so no row divides by zero.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema.dropIndex("person_stats_agenda_received_idx").execute();
  await sql`create index person_stats_agenda_give_ratio_idx on person_stats
    (owner_id, (gave_sum / agenda_received), agenda_received, gave_sum, last_received_ms, last_thanks_ms,
     person_id)
    where agenda_received > 0`.execute(db);
  // PostgreSQL keeps statistics of an index's expression only once analysed: the ranking's plan
  // needs them to see how narrow the range is.
  if (dialect.name === "postgres") await sql`analyze person_stats`.execute(db);
}
