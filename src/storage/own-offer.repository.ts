import type { Kysely } from "kysely";
import { ownedBy } from "./owned.js";
import type { Database, OwnOfferRow } from "./schema.js";

/**
 * The next number of an offer, mine or someone's: one sequence over `offers` and `own_offers`, so an
 * offer's number names it alone ("offer withdraw 4").
 */
export async function nextOfferNumber(db: Kysely<Database>, ownerId: string): Promise<number> {
  let max = 0;
  for (const table of ["offers", "own_offers"] as const) {
    const row = await ownedBy(db, ownerId)
      .selectFrom(table as "offers")
      .select((eb) => eb.fn.max("number").as("max"))
      .executeTakeFirst();
    max = Math.max(max, Number(row?.max ?? 0));
  }
  return max + 1;
}

export async function insertOwnOffer(db: Kysely<Database>, row: OwnOfferRow): Promise<void> {
  await db.insertInto("own_offers").values(row).execute();
}

/** One of my offers by its number ("3", "#3") or its id. */
export async function findOwnOffer(
  db: Kysely<Database>,
  ownerId: string,
  ref: string,
): Promise<OwnOfferRow | undefined> {
  const query = ownedBy(db, ownerId).selectFrom("own_offers").selectAll();
  const number = /^#?\d+$/.test(ref.trim()) ? Number(ref.trim().replace("#", "")) : null;
  return (
    number !== null ? query.where("number", "=", number) : query.where("id", "=", ref.trim())
  ).executeTakeFirst();
}

/** My open offers (or all), oldest first. */
export async function listOwnOffers(
  db: Kysely<Database>,
  ownerId: string,
  filter: { openOnly?: boolean },
): Promise<OwnOfferRow[]> {
  let query = ownedBy(db, ownerId).selectFrom("own_offers").selectAll();
  if (filter.openOnly) query = query.where("status", "=", "open");
  return query.orderBy("number").execute();
}

export async function updateOwnOffer(
  db: Kysely<Database>,
  ownerId: string,
  id: string,
  change: Partial<Pick<OwnOfferRow, "text" | "status" | "resolved_at">>,
): Promise<void> {
  await ownedBy(db, ownerId).updateTable("own_offers").set(change).where("id", "=", id).execute();
}
