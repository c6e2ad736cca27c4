import { type Kysely, sql } from "kysely";
import type { Dialect } from "../dialect.js";

/** The index's key, frozen here: a migration must not change when today's code does. */
export const GIVE_RATIO_KEY =
  "case when gave_sum <= 0 then 0 when gave_sum between 1e-150 and 1e150 and agenda_received between 1e-150 and 1e150 then gave_sum / agenda_received when gave_sum < agenda_received then 0 else 1 end";

/**
 * Two of the agenda's ranges read by keys that do not move with time (issue 16 §2): an index by a
 * key that moves with `now` must be read past everyone the rule may take, then filtered row by row.
 *
 * Who may be overdrawn, by the quotient of the two sums kept. Overdrawn is g + 1 < ρ(g + r + 2) with
 * the decayed sums g and r; with ρ under ½ that asks g/r < ρ/(1 − ρ), and g/r is the kept sums'
 * quotient G/R times a factor of `now` alone (agenda-ranking.ts). The range below its bound holds
 * everyone overdrawn and few others; the index it replaces, by R alone, held everyone who had
 * received enough: 9,500 of the bench's 10,000 people, to find the 4,008 overdrawn. Partial on
 * `agenda_received > 0` (what `agenda_received is not null` means, agenda-keys.ts): the quotient
 * is computed only for the rows it keeps, so no row divides by zero.
 *
 * Who is owed a thank-you: helped within the window and not thanked since. Not thanked since is a
 * fact of the row, not of `now`: the index keeps only those, so the window is the whole range (the
 * index it replaces held everyone ever helped, a quarter of them thanked since; counting the bench's
 * 6,665 owed, 0.56 → 0.20 ms on SQLite).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema.dropIndex("person_stats_agenda_received_idx").execute();
  // The key as the ranking writes it (agenda-ranking.ts, GIVE_RATIO_KEY; a test holds the two equal):
  // G/R, except where a sum is beyond 1e±150, where PostgreSQL's division would fail (and with it
  // every write of the row) and the key is 0 or 1 instead, never above G/R.
  await sql`create index person_stats_agenda_give_ratio_idx on person_stats
    (owner_id, (${sql.raw(GIVE_RATIO_KEY)}), agenda_received, gave_sum, last_received_ms,
     last_thanks_ms, person_id)
    where agenda_received > 0`.execute(db);
  await db.schema.dropIndex("person_stats_received_idx").execute();
  // The condition as the agenda writes it (agenda.repository.ts, `owes`): SQLite uses a partial
  // index only for a query that has each of its terms, and reads the row for a term whose column
  // the index lacks, though every entry satisfies it: `last_thanks_ms` keeps it covering.
  await sql`create index person_stats_owed_idx on person_stats
    (owner_id, last_received_ms, last_thanks_ms, person_id)
    where last_received_ms is not null and (last_thanks_ms is null or last_thanks_ms < last_received_ms)`.execute(
    db,
  );
  // PostgreSQL keeps statistics of an index's expression only once analysed: the ranking's plan
  // needs them to see how narrow the range is.
  if (dialect.name === "postgres") await sql`analyze person_stats`.execute(db);
}
