import type { Kysely } from "kysely";
import { ownedBy } from "./owned.js";
import type { Database, NeedRow } from "./schema.js";

/** Needs and offers share one shape; which table is named by `table`. */
export type NeedOfferTable = "needs" | "offers";

export async function insertNeedOrOffer(db: Kysely<Database>, table: NeedOfferTable, row: NeedRow) {
  await db.insertInto(table).values(row).execute();
}

/** One need or offer by its number ("3", "#3") or its id. */
export async function findNeedOrOffer(
  db: Kysely<Database>,
  table: NeedOfferTable,
  ownerId: string,
  ref: string,
): Promise<NeedRow | undefined> {
  const query = ownedBy(db, ownerId).selectFrom(table).selectAll();
  const number = /^#?\d+$/.test(ref.trim()) ? Number(ref.trim().replace("#", "")) : null;
  return (
    number !== null ? query.where("number", "=", number) : query.where("id", "=", ref)
  ).executeTakeFirst();
}

/** Open ones (or all), of one person or of everyone, oldest first. */
export async function listNeedsOrOffers(
  db: Kysely<Database>,
  table: NeedOfferTable,
  ownerId: string,
  filter: { personId?: string; openOnly?: boolean },
): Promise<NeedRow[]> {
  let query = ownedBy(db, ownerId).selectFrom(table).selectAll();
  if (filter.openOnly) query = query.where("status", "=", "open");
  if (filter.personId) query = query.where("person_id", "=", filter.personId);
  return query.orderBy("number").execute();
}

export async function updateNeedOrOffer(
  db: Kysely<Database>,
  table: NeedOfferTable,
  ownerId: string,
  id: string,
  change: Partial<Pick<NeedRow, "text" | "status" | "resolved_at" | "met_by_id" | "exchange_id">>,
): Promise<void> {
  await ownedBy(db, ownerId).updateTable(table).set(change).where("id", "=", id).execute();
}

/** A person's open needs, by number: what an ask to them should look at first. */
export async function openNeedsOf(db: Kysely<Database>, ownerId: string, personId: string) {
  return ownedBy(db, ownerId)
    .selectFrom("needs")
    .select(["number", "text"])
    .where("person_id", "=", personId)
    .where("status", "=", "open")
    .orderBy("number")
    .execute();
}

/** The people with at least one open need. */
export async function peopleWithOpenNeeds(db: Kysely<Database>, ownerId: string): Promise<string[]> {
  const rows = await ownedBy(db, ownerId)
    .selectFrom("needs")
    .select("person_id")
    .distinct()
    .where("status", "=", "open")
    .execute();
  return rows.map((r) => r.person_id);
}
