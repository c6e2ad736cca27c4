/** The small per-owner numbers records are shown and named by ("ask fulfill 3", "#3"). */
import type { Kysely } from "kysely";
import { ownedBy } from "./owned.js";
import type { Database } from "./schema.js";

/** The next per-owner number for a table with one: asks and commitments are shown as "#3". */
export async function nextNumber(
  db: Kysely<Database>,
  ownerId: string,
  table: "asks" | "commitments" | "needs" | "offers" | "introductions",
): Promise<number> {
  const row = await ownedBy(db, ownerId)
    .selectFrom(table)
    .select((eb) => eb.fn.max("number").as("max"))
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}
