import { type Kysely, sql } from "kysely";
import type { Dialect } from "../dialect.js";

/**
 * The first schema: DESIGN §1 and §5. Written with Kysely's schema builder so that the same
 * migration runs on SQLite and PostgreSQL; the full-text index is the one dialect branch.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const float = "double precision";

  await db.schema
    .createTable("owners")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name", "text")
    .addColumn("organization_id", "text")
    .addColumn("department_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("organizations")
    .addColumn("owner_id", "text", (c) => c.notNull().references("owners.id").onDelete("cascade"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_key", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("organizations_pk", ["owner_id", "id"])
    .addUniqueConstraint("organizations_name_uq", ["owner_id", "name_key"])
    .execute();

  await db.schema
    .createTable("departments")
    .addColumn("owner_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("organization_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_key", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("departments_pk", ["owner_id", "id"])
    .addUniqueConstraint("departments_name_uq", ["owner_id", "organization_id", "name_key"])
    .addForeignKeyConstraint("departments_org_fk", ["owner_id", "organization_id"], "organizations", [
      "owner_id",
      "id",
    ])
    .execute();

  await db.schema
    .createTable("people")
    .addColumn("owner_id", "text", (c) => c.notNull().references("owners.id").onDelete("cascade"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("given_name", "text")
    .addColumn("family_name", "text")
    .addColumn("nickname", "text")
    .addColumn("name_key", "text", (c) => c.notNull())
    .addColumn("organization_id", "text")
    .addColumn("department_id", "text")
    .addColumn("title", "text")
    .addColumn("tags", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("met_text", "text")
    .addColumn("met_on", "text")
    .addColumn("met_through_id", "text")
    .addColumn("birthday", "text")
    .addColumn("layer", "integer", (c) => c.notNull())
    .addColumn("closeness", "integer", (c) => c.notNull())
    .addColumn("cadence_days", "integer")
    .addColumn("ledger_mode", "text", (c) => c.notNull())
    .addColumn("archived", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("uid", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("people_pk", ["owner_id", "id"])
    .addForeignKeyConstraint("people_org_fk", ["owner_id", "organization_id"], "organizations", [
      "owner_id",
      "id",
    ])
    .addForeignKeyConstraint("people_dept_fk", ["owner_id", "department_id"], "departments", [
      "owner_id",
      "id",
    ])
    .addForeignKeyConstraint("people_met_through_fk", ["owner_id", "met_through_id"], "people", [
      "owner_id",
      "id",
    ])
    .execute();
  await db.schema.createIndex("people_name_idx").on("people").columns(["owner_id", "name_key"]).execute();
  await db.schema
    .createIndex("people_dept_idx")
    .on("people")
    .columns(["owner_id", "organization_id", "department_id"])
    .execute();
  await db.schema
    .createIndex("people_uid_uq")
    .on("people")
    .columns(["owner_id", "uid"])
    .unique()
    .where("uid", "is not", null)
    .execute();

  for (const table of ["person_emails", "person_phones"] as const) {
    await db.schema
      .createTable(table)
      .addColumn("owner_id", "text", (c) => c.notNull())
      .addColumn("person_id", "text", (c) => c.notNull())
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("value", "text", (c) => c.notNull())
      .addColumn("value_key", "text", (c) => c.notNull())
      .addColumn("label", "text")
      .addColumn("pref", "integer", (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint(`${table}_pk`, ["owner_id", "person_id", "value_key"])
      .addForeignKeyConstraint(
        `${table}_person_fk`,
        ["owner_id", "person_id"],
        "people",
        ["owner_id", "id"],
        (fk) => fk.onDelete("cascade"),
      )
      .execute();
    await db.schema.createIndex(`${table}_key_idx`).on(table).columns(["owner_id", "value_key"]).execute();
  }

  await db.schema
    .createTable("person_urls")
    .addColumn("owner_id", "text", (c) => c.notNull())
    .addColumn("person_id", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("label", "text")
    .addPrimaryKeyConstraint("person_urls_pk", ["owner_id", "person_id", "value"])
    .addForeignKeyConstraint(
      "person_urls_person_fk",
      ["owner_id", "person_id"],
      "people",
      ["owner_id", "id"],
      (fk) => fk.onDelete("cascade"),
    )
    .execute();

  await db.schema
    .createTable("person_dates")
    .addColumn("owner_id", "text", (c) => c.notNull())
    .addColumn("person_id", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("date", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("person_dates_pk", ["owner_id", "person_id", "label"])
    .addForeignKeyConstraint(
      "person_dates_person_fk",
      ["owner_id", "person_id"],
      "people",
      ["owner_id", "id"],
      (fk) => fk.onDelete("cascade"),
    )
    .execute();

  await db.schema
    .createTable("person_related")
    .addColumn("owner_id", "text", (c) => c.notNull())
    .addColumn("person_id", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("relation", "text")
    .addPrimaryKeyConstraint("person_related_pk", ["owner_id", "person_id", "position"])
    .addForeignKeyConstraint(
      "person_related_person_fk",
      ["owner_id", "person_id"],
      "people",
      ["owner_id", "id"],
      (fk) => fk.onDelete("cascade"),
    )
    .execute();

  await db.schema
    .createTable("interactions")
    .addColumn("owner_id", "text", (c) => c.notNull().references("owners.id").onDelete("cascade"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("occurred_at", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("initiated_by", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("notes", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("interactions_pk", ["owner_id", "id"])
    .execute();
  await db.schema
    .createIndex("interactions_at_idx")
    .on("interactions")
    .columns(["owner_id", "occurred_at"])
    .execute();

  await db.schema
    .createTable("interaction_participants")
    .addColumn("owner_id", "text", (c) => c.notNull())
    .addColumn("interaction_id", "text", (c) => c.notNull())
    .addColumn("person_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("interaction_participants_pk", ["owner_id", "interaction_id", "person_id"])
    .addForeignKeyConstraint(
      "ip_interaction_fk",
      ["owner_id", "interaction_id"],
      "interactions",
      ["owner_id", "id"],
      (fk) => fk.onDelete("cascade"),
    )
    .addForeignKeyConstraint("ip_person_fk", ["owner_id", "person_id"], "people", ["owner_id", "id"], (fk) =>
      fk.onDelete("cascade"),
    )
    .execute();
  await db.schema
    .createIndex("interaction_participants_person_idx")
    .on("interaction_participants")
    .columns(["owner_id", "person_id"])
    .execute();

  await db.schema
    .createTable("asks")
    .addColumn("owner_id", "text", (c) => c.notNull().references("owners.id").onDelete("cascade"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("person_id", "text")
    .addColumn("department_id", "text")
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("asked_at", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("resolved_at", "text")
    .addColumn("exchange_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("asks_pk", ["owner_id", "id"])
    .addUniqueConstraint("asks_number_uq", ["owner_id", "number"])
    .addForeignKeyConstraint(
      "asks_person_fk",
      ["owner_id", "person_id"],
      "people",
      ["owner_id", "id"],
      (fk) => fk.onDelete("cascade"),
    )
    .addForeignKeyConstraint("asks_dept_fk", ["owner_id", "department_id"], "departments", ["owner_id", "id"])
    .execute();
  await db.schema
    .createIndex("asks_status_idx")
    .on("asks")
    .columns(["owner_id", "status", "asked_at"])
    .execute();

  await db.schema
    .createTable("commitments")
    .addColumn("owner_id", "text", (c) => c.notNull().references("owners.id").onDelete("cascade"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("person_id", "text")
    .addColumn("department_id", "text")
    .addColumn("direction", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("due_on", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("resolved_at", "text")
    .addColumn("exchange_id", "text")
    .addPrimaryKeyConstraint("commitments_pk", ["owner_id", "id"])
    .addUniqueConstraint("commitments_number_uq", ["owner_id", "number"])
    .addForeignKeyConstraint(
      "commitments_person_fk",
      ["owner_id", "person_id"],
      "people",
      ["owner_id", "id"],
      (fk) => fk.onDelete("cascade"),
    )
    .addForeignKeyConstraint("commitments_dept_fk", ["owner_id", "department_id"], "departments", [
      "owner_id",
      "id",
    ])
    .execute();
  await db.schema
    .createIndex("commitments_status_idx")
    .on("commitments")
    .columns(["owner_id", "status", "due_on"])
    .execute();

  await db.schema
    .createTable("exchanges")
    .addColumn("owner_id", "text", (c) => c.notNull().references("owners.id").onDelete("cascade"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("person_id", "text")
    .addColumn("department_id", "text")
    .addColumn("direction", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("weight", float, (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("occurred_at", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("initiated_by", "text", (c) => c.notNull())
    .addColumn("ask_id", "text")
    .addColumn("commitment_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("exchanges_pk", ["owner_id", "id"])
    .addForeignKeyConstraint(
      "exchanges_person_fk",
      ["owner_id", "person_id"],
      "people",
      ["owner_id", "id"],
      (fk) => fk.onDelete("cascade"),
    )
    .addForeignKeyConstraint("exchanges_dept_fk", ["owner_id", "department_id"], "departments", [
      "owner_id",
      "id",
    ])
    .addCheckConstraint("exchanges_one_counterpart", sql`(person_id is null) <> (department_id is null)`)
    .execute();
  await db.schema
    .createIndex("exchanges_person_idx")
    .on("exchanges")
    .columns(["owner_id", "person_id", "occurred_at"])
    .execute();
  await db.schema
    .createIndex("exchanges_dept_idx")
    .on("exchanges")
    .columns(["owner_id", "department_id", "occurred_at"])
    .execute();
  await db.schema
    .createIndex("exchanges_at_idx")
    .on("exchanges")
    .columns(["owner_id", "occurred_at"])
    .execute();

  await db.schema
    .createTable("notes")
    .addColumn("owner_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("person_id", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("notes_pk", ["owner_id", "id"])
    .addForeignKeyConstraint(
      "notes_person_fk",
      ["owner_id", "person_id"],
      "people",
      ["owner_id", "id"],
      (fk) => fk.onDelete("cascade"),
    )
    .execute();
  await db.schema.createIndex("notes_person_idx").on("notes").columns(["owner_id", "person_id"]).execute();

  await db.schema
    .createTable("settings")
    .addColumn("owner_id", "text", (c) => c.notNull().references("owners.id").onDelete("cascade"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("settings_pk", ["owner_id", "key"])
    .execute();

  await db.schema
    .createTable("person_stats")
    .addColumn("owner_id", "text", (c) => c.notNull())
    .addColumn("person_id", "text", (c) => c.notNull())
    .addColumn("gave_sum", float, (c) => c.notNull().defaultTo(0))
    .addColumn("received_sum", float, (c) => c.notNull().defaultTo(0))
    .addColumn("entries", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("gaves", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_received_at", "text")
    .addColumn("last_thanks_at", "text")
    .addColumn("contacts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("first_contact_at", "text")
    .addColumn("last_contact_at", "text")
    .addColumn("frequency_sum", float, (c) => c.notNull().defaultTo(0))
    .addColumn("initiated_me_sum", float, (c) => c.notNull().defaultTo(0))
    .addColumn("initiated_them_sum", float, (c) => c.notNull().defaultTo(0))
    .addColumn("channel_last", "text", (c) => c.notNull().defaultTo("{}"))
    .addPrimaryKeyConstraint("person_stats_pk", ["owner_id", "person_id"])
    .addForeignKeyConstraint(
      "person_stats_person_fk",
      ["owner_id", "person_id"],
      "people",
      ["owner_id", "id"],
      (fk) => fk.onDelete("cascade"),
    )
    .execute();

  await db.schema
    .createTable("department_stats")
    .addColumn("owner_id", "text", (c) => c.notNull())
    .addColumn("department_id", "text", (c) => c.notNull())
    .addColumn("gave_sum", float, (c) => c.notNull().defaultTo(0))
    .addColumn("received_sum", float, (c) => c.notNull().defaultTo(0))
    .addColumn("entries", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("gaves", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_received_at", "text")
    .addColumn("last_thanks_at", "text")
    .addPrimaryKeyConstraint("department_stats_pk", ["owner_id", "department_id"])
    .addForeignKeyConstraint("department_stats_dept_fk", ["owner_id", "department_id"], "departments", [
      "owner_id",
      "id",
    ])
    .execute();

  await db.schema
    .createTable("contact_days")
    .addColumn("owner_id", "text", (c) => c.notNull())
    .addColumn("person_id", "text", (c) => c.notNull())
    .addColumn("day", "integer", (c) => c.notNull())
    .addColumn("best", float, (c) => c.notNull())
    .addPrimaryKeyConstraint("contact_days_pk", ["owner_id", "person_id", "day"])
    .addForeignKeyConstraint(
      "contact_days_person_fk",
      ["owner_id", "person_id"],
      "people",
      ["owner_id", "id"],
      (fk) => fk.onDelete("cascade"),
    )
    .execute();

  await dialect.createSearchIndex(db);
}
