import { type Kysely, type SqlBool, sql } from "kysely";
import type { Dialect } from "../dialect.js";

/**
 * Indexes for the lookups a delete of people makes: each person removed has both stores look for
 * rows that still point at them (foreign keys), and without an index on the pointing columns every
 * such look is a pass over the whole table. Undoing an import of 20,000 contacts took 363 s on
 * SQLite, nearly all of it in the pass over `people` for whoever met someone through them (4.7 s
 * with its index); a bulk delete or an account's removal paid the same. Asks, promises, needs,
 * offers and introductions are looked up by person in the same way. The partial index holds only
 * the few people met through someone. `if not exists`: a test runs migrations again over a store
 * that has them.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createIndex("people_met_through_idx")
    .ifNotExists()
    .on("people")
    .columns(["owner_id", "met_through_id"])
    .where(sql<SqlBool>`met_through_id is not null`)
    .execute();
  for (const table of ["asks", "commitments"]) {
    await db.schema
      .createIndex(`${table}_person_idx`)
      .ifNotExists()
      .on(table)
      .columns(["owner_id", "person_id"])
      .where(sql<SqlBool>`person_id is not null`)
      .execute();
  }
  for (const table of ["needs", "offers"]) {
    await db.schema
      .createIndex(`${table}_person_idx`)
      .ifNotExists()
      .on(table)
      .columns(["owner_id", "person_id"])
      .execute();
  }
  await db.schema
    .createIndex("introductions_a_idx")
    .ifNotExists()
    .on("introductions")
    .columns(["owner_id", "a_id"])
    .execute();
  await db.schema
    .createIndex("introductions_b_idx")
    .ifNotExists()
    .on("introductions")
    .columns(["owner_id", "b_id"])
    .execute();
}
