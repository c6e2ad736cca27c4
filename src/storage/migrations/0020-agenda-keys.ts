import { type Kysely, type RawBuilder, type SqlBool, sql } from "kysely";
import { refreshAgendaKeys } from "../agenda-keys.js";
import type { Dialect } from "../dialect.js";
import type { Database } from "../schema.js";

/**
 * The agenda's keys kept on write (issue 16 §2, `src/storage/agenda-keys.ts`): each person's
 * effective cadence, the instant their rhythm reaches its end, their layer's weight, their sum
 * received (when it may make them overdrawn) and their birthday's month-day, in `person_stats`, with
 * the partial indexes that make each part of `today`'s ranking a range. Filled here for every owner.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  for (const column of ["agenda_cadence", "agenda_due_ms", "agenda_weight", "agenda_received"]) {
    await db.schema.alterTable("person_stats").addColumn(column, "double precision").execute();
  }
  await db.schema.alterTable("person_stats").addColumn("agenda_month_day", "text").execute();
  const owners = await db.selectFrom("owners").select("id").execute();
  for (const { id } of owners) await refreshAgendaKeys(db as Kysely<Database>, id as string);

  // Partial: an imported card (no cadence, nothing received, no birthday) adds no entry.
  const index = async (name: string, columns: string[], where: RawBuilder<SqlBool>) => {
    await db.schema.createIndex(name).on("person_stats").columns(columns).where(where).execute();
  };
  await index(
    "person_stats_agenda_due_idx",
    ["owner_id", "agenda_due_ms", "person_id"],
    sql<SqlBool>`agenda_due_ms is not null`,
  );
  await index(
    "person_stats_agenda_received_idx",
    ["owner_id", "agenda_received", "gave_sum", "last_received_ms", "last_thanks_ms", "person_id"],
    sql<SqlBool>`agenda_received is not null`,
  );
  await index(
    "person_stats_agenda_inner_idx",
    [
      "owner_id",
      "agenda_weight",
      "agenda_received",
      "gave_sum",
      "last_received_ms",
      "last_thanks_ms",
      "person_id",
    ],
    sql<SqlBool>`agenda_weight > 1`,
  );
  await index(
    "person_stats_agenda_month_day_idx",
    ["owner_id", "agenda_month_day", "person_id"],
    sql<SqlBool>`agenda_month_day is not null`,
  );
}
