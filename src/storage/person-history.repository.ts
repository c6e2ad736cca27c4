/**
 * How much history hangs off a person: what removing them would take away, and what tells two
 * people of one name apart.
 */
import type { Kysely } from "kysely";
import { ownedBy } from "./owned.js";
import type { Database } from "./schema.js";

export interface PersonHistoryCounts {
  ledgerEntries: number;
  moments: number;
  notes: number;
  asks: number;
  promises: number;
  needs: number;
  offers: number;
  introductions: number;
}

export const NO_HISTORY: PersonHistoryCounts = {
  ledgerEntries: 0,
  moments: 0,
  notes: 0,
  asks: 0,
  promises: 0,
  needs: 0,
  offers: 0,
  introductions: 0,
};

type CountedTable =
  | "exchanges"
  | "interaction_participants"
  | "notes"
  | "asks"
  | "commitments"
  | "needs"
  | "offers";

const COUNTED: [CountedTable, keyof PersonHistoryCounts][] = [
  ["exchanges", "ledgerEntries"],
  ["interaction_participants", "moments"],
  ["notes", "notes"],
  ["asks", "asks"],
  ["commitments", "promises"],
  ["needs", "needs"],
  ["offers", "offers"],
];

/** The history counts of each of `ids` (a person without history counts zero everywhere). */
export async function countPersonHistory(
  db: Kysely<Database>,
  ownerId: string,
  ids: readonly string[],
): Promise<Map<string, PersonHistoryCounts>> {
  const counts = new Map(ids.map((id) => [id, { ...NO_HISTORY }]));
  if (ids.length === 0) return counts;
  const add = (
    rows: { id: string | null; n: number | string | bigint }[],
    key: keyof PersonHistoryCounts,
  ) => {
    for (const row of rows) {
      const entry = row.id === null ? undefined : counts.get(row.id);
      if (entry) entry[key] += Number(row.n);
    }
  };
  for (const [table, key] of COUNTED) {
    const rows = await ownedBy(db, ownerId)
      .selectFrom(table)
      .select(({ fn }) => ["person_id as id", fn.countAll<number>().as("n")])
      .where("person_id", "in", ids)
      .groupBy("person_id")
      .execute();
    add(rows, key);
  }
  for (const side of ["a_id", "b_id"] as const) {
    const rows = await ownedBy(db, ownerId)
      .selectFrom("introductions")
      .select(({ fn }) => [`${side} as id`, fn.countAll<number>().as("n")])
      .where(side, "in", ids)
      .groupBy(side)
      .execute();
    add(rows as { id: string; n: number }[], "introductions");
  }
  return counts;
}
