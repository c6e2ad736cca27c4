import { type Kysely, sql } from "kysely";
import type { Dialect } from "../dialect.js";
import { journalTable } from "./0005-undo-journal.js";

/**
 * The user's own offers (issue 12, item 10): what I can help with ("I can review contracts"),
 * matched against other people's needs. I am not a person row, so these are not `offers` rows
 * (whose person is required); they have a table of their own, shaped like `offers` without the
 * person. Their numbers are drawn from one sequence with the offers' (the application keeps it), so
 * "offer withdraw 4" names one offer whichever table it is in. Journaled for undo like every table
 * of the user's data, and on PostgreSQL it notifies the other processes of writes (0004).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("own_offers")
    .addColumn("owner_id", "text", (c) => c.notNull().references("owners.id").onDelete("cascade"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    // open | withdrawn
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("resolved_at", "text")
    .addPrimaryKeyConstraint("own_offers_pk", ["owner_id", "id"])
    .addUniqueConstraint("own_offers_number_uq", ["owner_id", "number"])
    .execute();
  await db.schema
    .createIndex("own_offers_status_idx")
    .on("own_offers")
    .columns(["owner_id", "status"])
    .execute();
  await journalTable(db, dialect, "own_offers");
  if (dialect.name === "postgres") {
    await sql`create trigger goodwill_changes
      after insert or update or delete or truncate on own_offers
      for each statement execute function goodwill_notify_change()`.execute(db);
  }
}
