import type { AppContext } from "../../src/app/context.js";

/**
 * What person_stats keeps of everyone for the agenda (the keys of migration 0020, the first event of
 * 0021), by person, numbers as numbers (PostgreSQL and SQLite agree on the doubles; PostgreSQL hands
 * some back as text): for comparing what was kept on write with a fresh recomputation.
 */
export async function keptForTheAgenda(ctx: AppContext) {
  const rows = await ctx.db
    .selectFrom("person_stats")
    .select([
      "person_id",
      "agenda_cadence",
      "agenda_due_ms",
      "agenda_weight",
      "agenda_received",
      "agenda_month_day",
      "first_event_id",
    ])
    .where("owner_id", "=", ctx.ownerId)
    .orderBy("person_id")
    .execute();
  const number = (value: number | string | null) => (value === null ? null : Number(value));
  return rows.map((r) => ({
    ...r,
    agenda_cadence: number(r.agenda_cadence),
    agenda_due_ms: number(r.agenda_due_ms),
    agenda_weight: number(r.agenda_weight),
    agenda_received: number(r.agenda_received),
  }));
}
