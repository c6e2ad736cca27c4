import type { Kysely } from "kysely";

/**
 * The give-first engine: what people need and offer, and the introductions I broker between them.
 * Needs and offers carry a per-owner number, like asks and promises, so the CLI can say "need done 3".
 * An introduction keeps each side's agreement apart, since double opt-in asks both, in either order.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ["needs", "offers"] as const) {
    await db.schema
      .createTable(table)
      .addColumn("owner_id", "text", (c) => c.notNull().references("owners.id").onDelete("cascade"))
      .addColumn("id", "text", (c) => c.notNull())
      .addColumn("number", "integer", (c) => c.notNull())
      .addColumn("person_id", "text", (c) => c.notNull())
      .addColumn("text", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("resolved_at", "text")
      // needs only: who met it and the entry that credits them; offers leave these null
      .addColumn("met_by_id", "text")
      .addColumn("exchange_id", "text")
      .addPrimaryKeyConstraint(`${table}_pk`, ["owner_id", "id"])
      .addUniqueConstraint(`${table}_number_uq`, ["owner_id", "number"])
      .addForeignKeyConstraint(
        `${table}_person_fk`,
        ["owner_id", "person_id"],
        "people",
        ["owner_id", "id"],
        (fk) => fk.onDelete("cascade"),
      )
      .execute();
    await db.schema
      .createIndex(`${table}_status_idx`)
      .on(table)
      .columns(["owner_id", "status", "person_id"])
      .execute();
  }

  await db.schema
    .createTable("introductions")
    .addColumn("owner_id", "text", (c) => c.notNull().references("owners.id").onDelete("cascade"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("a_id", "text", (c) => c.notNull())
    .addColumn("b_id", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("a_agreed_at", "text")
    .addColumn("b_agreed_at", "text")
    .addColumn("made_at", "text")
    .addColumn("declined_at", "text")
    .addColumn("outcome", "text")
    .addColumn("outcome_good", "integer", (c) => c.notNull().defaultTo(0))
    // the two `gave` entries a made introduction records, so a good outcome can raise their weight
    .addColumn("a_exchange_id", "text")
    .addColumn("b_exchange_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("introductions_pk", ["owner_id", "id"])
    .addUniqueConstraint("introductions_number_uq", ["owner_id", "number"])
    .addForeignKeyConstraint("introductions_a_fk", ["owner_id", "a_id"], "people", ["owner_id", "id"], (fk) =>
      fk.onDelete("cascade"),
    )
    .addForeignKeyConstraint("introductions_b_fk", ["owner_id", "b_id"], "people", ["owner_id", "id"], (fk) =>
      fk.onDelete("cascade"),
    )
    .execute();
  await db.schema
    .createIndex("introductions_status_idx")
    .on("introductions")
    .columns(["owner_id", "status"])
    .execute();
}
