/** The ledger sums every balance is made of, read from the aggregates (person_stats, department_stats). */
import type { Kysely } from "kysely";
import { ownedBy } from "./owned.js";
import type { Database } from "./schema.js";

/** Every person with their aggregates: who they are, where, how they count, and their sums. */
export async function peopleWithStats(db: Kysely<Database>, ownerId: string) {
  return ownedBy(db, ownerId)
    .selectFrom("people as p")
    .innerJoin("person_stats as s", (j) =>
      j.onRef("s.owner_id", "=", "p.owner_id").onRef("s.person_id", "=", "p.id"),
    )
    .select(["p.id", "p.display_name", "p.organization_id", "p.department_id", "p.ledger_mode"])
    .selectAll("s")
    .execute();
}

/** The aggregates of every department. */
export async function allDepartmentStats(db: Kysely<Database>, ownerId: string) {
  return ownedBy(db, ownerId).selectFrom("department_stats").selectAll().execute();
}

/** Ledger sums of a department's tracked members, added up in the database. */
export async function trackedMemberSums(
  db: Kysely<Database>,
  ownerId: string,
  departmentId: string,
): Promise<{ gave: number; received: number; entries: number }> {
  const row = await ownedBy(db, ownerId)
    .selectFrom("people as p")
    .innerJoin("person_stats as s", (j) =>
      j.onRef("s.owner_id", "=", "p.owner_id").onRef("s.person_id", "=", "p.id"),
    )
    .select((eb) => [
      eb.fn.sum<number>("s.gave_sum").as("gave"),
      eb.fn.sum<number>("s.received_sum").as("received"),
      eb.fn.sum<number>("s.entries").as("entries"),
    ])
    .where("p.department_id", "=", departmentId)
    .where("p.ledger_mode", "=", "track")
    .executeTakeFirst();
  return {
    gave: Number(row?.gave ?? 0),
    received: Number(row?.received ?? 0),
    entries: Number(row?.entries ?? 0),
  };
}
