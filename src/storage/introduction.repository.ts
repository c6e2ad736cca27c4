/** Double opt-in introductions, and what they are made from: the open needs and offers of two people. */
import type { Kysely } from "kysely";
import { ownedBy } from "./owned.js";
import type { Database, IntroductionRow } from "./schema.js";

/** An introduction by its number, or by its id. */
export async function findIntroduction(
  db: Kysely<Database>,
  ownerId: string,
  ref: { number: number } | { id: string },
): Promise<IntroductionRow | undefined> {
  const query = ownedBy(db, ownerId).selectFrom("introductions").selectAll();
  return (
    "number" in ref ? query.where("number", "=", ref.number) : query.where("id", "=", ref.id)
  ).executeTakeFirst();
}

export async function listIntroductionRows(
  db: Kysely<Database>,
  ownerId: string,
  filter: { status?: string },
): Promise<IntroductionRow[]> {
  let query = ownedBy(db, ownerId).selectFrom("introductions").selectAll();
  if (filter.status !== undefined) query = query.where("status", "=", filter.status);
  return query.orderBy("number").execute();
}

/** The introduction of these two people, in either order, still in one of these statuses. */
export async function openIntroductionOf(
  db: Kysely<Database>,
  ownerId: string,
  a: string,
  b: string,
  statuses: readonly string[],
) {
  return ownedBy(db, ownerId)
    .selectFrom("introductions")
    .select(["number", "status", "created_at"])
    .where("status", "in", statuses)
    .where((w) =>
      w.or([w.and([w("a_id", "=", a), w("b_id", "=", b)]), w.and([w("a_id", "=", b), w("b_id", "=", a)])]),
    )
    .executeTakeFirst();
}

export async function insertIntroduction(db: Kysely<Database>, row: IntroductionRow): Promise<void> {
  await db.insertInto("introductions").values(row).execute();
}

export async function updateIntroduction(
  db: Kysely<Database>,
  ownerId: string,
  id: string,
  change: Partial<IntroductionRow>,
): Promise<void> {
  await ownedBy(db, ownerId).updateTable("introductions").set(change).where("id", "=", id).execute();
}

/** The open needs or offers of these people, by number. */
export async function openNeedsOrOffersOf(
  db: Kysely<Database>,
  ownerId: string,
  table: "needs" | "offers",
  personIds: readonly string[],
) {
  return ownedBy(db, ownerId)
    .selectFrom(table as "needs")
    .select(["id", "number", "person_id", "text"])
    .where("status", "=", "open")
    .where("person_id", "in", personIds)
    .orderBy("number")
    .execute();
}

/** The people of introductions: name, title and organization. */
export async function introducedPeople(db: Kysely<Database>, ownerId: string, ids: readonly string[]) {
  return ownedBy(db, ownerId)
    .selectFrom("people as p")
    .leftJoin("organizations as o", (j) =>
      j.onRef("o.owner_id", "=", "p.owner_id").onRef("o.id", "=", "p.organization_id"),
    )
    .select(["p.id", "p.display_name", "p.title", "o.name as organization"])
    .where("p.id", "in", ids)
    .execute();
}
