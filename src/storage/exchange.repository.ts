import type { Kysely } from "kysely";
import { ownedBy } from "./owned.js";
import type { Database, ExchangeRow } from "./schema.js";

export async function insertExchange(db: Kysely<Database>, row: ExchangeRow): Promise<void> {
  await db.insertInto("exchanges").values(row).execute();
}

/** Ledger entries with a person, or against a department, newest first. */
export async function listExchanges(
  db: Kysely<Database>,
  ownerId: string,
  filter: { personIds?: readonly string[]; departmentIds?: readonly string[]; limit?: number },
): Promise<ExchangeRow[]> {
  const personIds = filter.personIds ?? [];
  const departmentIds = filter.departmentIds ?? [];
  let query = ownedBy(db, ownerId).selectFrom("exchanges").selectAll();
  if (filter.personIds || filter.departmentIds) {
    if (personIds.length === 0 && departmentIds.length === 0) return [];
    query = query.where((eb) =>
      eb.or([
        ...(personIds.length > 0 ? [eb("person_id", "in", personIds)] : []),
        ...(departmentIds.length > 0 ? [eb("department_id", "in", departmentIds)] : []),
      ]),
    );
  }
  query = query.orderBy("occurred_at", "desc").orderBy("id", "desc");
  if (filter.limit !== undefined) query = query.limit(filter.limit);
  return query.execute();
}

/** How many entries each way since an instant: the plain counts the pre-ask warning speaks of. */
export async function countExchangesSince(
  db: Kysely<Database>,
  ownerId: string,
  counterpart: { personIds: readonly string[]; departmentIds: readonly string[] },
  sinceIso: string,
): Promise<{ gave: number; received: number }> {
  const { personIds, departmentIds } = counterpart;
  if (personIds.length === 0 && departmentIds.length === 0) return { gave: 0, received: 0 };
  const rows = await ownedBy(db, ownerId)
    .selectFrom("exchanges")
    .select(["direction", (eb) => eb.fn.countAll<number>().as("n")])
    .where("occurred_at", ">=", sinceIso)
    .where((eb) =>
      eb.or([
        ...(personIds.length > 0 ? [eb("person_id", "in", personIds)] : []),
        ...(departmentIds.length > 0 ? [eb("department_id", "in", departmentIds)] : []),
      ]),
    )
    .groupBy("direction")
    .execute();
  const count = (d: string) => Number(rows.find((r) => r.direction === d)?.n ?? 0);
  return { gave: count("gave"), received: count("received") };
}

/**
 * The latest received entry of each of these people (or departments): what a thank-you would be
 * for. One statement per 500, each asking the (owner, counterpart, occurred_at) index once per
 * counterpart, so `today --all` over thousands owed costs a handful of statements, not thousands.
 */
export async function latestReceived(
  db: Kysely<Database>,
  ownerId: string,
  kind: "person" | "department",
  ids: readonly string[],
): Promise<Map<string, { summary: string; occurredAt: string }>> {
  const latest = new Map<string, { summary: string; occurredAt: string }>();
  const column = kind === "person" ? "e.person_id" : "e.department_id";
  const table = kind === "person" ? "people as c" : "departments as c";
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await ownedBy(db, ownerId)
      .selectFrom(table as "people as c")
      .select((eb) => {
        const newest = () =>
          eb
            .selectFrom("exchanges as e")
            .whereRef("e.owner_id", "=", "c.owner_id")
            .whereRef(column, "=", "c.id")
            .where("e.direction", "=", "received")
            .orderBy("e.occurred_at", "desc")
            .orderBy("e.id", "desc")
            .limit(1);
        return [
          "c.id",
          newest().select("e.summary").as("summary"),
          newest().select("e.occurred_at").as("occurred_at"),
        ];
      })
      .where("c.id", "in", ids.slice(i, i + 500))
      .execute();
    for (const row of rows)
      if (row.summary !== null && row.occurred_at !== null)
        latest.set(row.id, { summary: row.summary, occurredAt: row.occurred_at });
  }
  return latest;
}

/** Gives these ledger entries one weight (an introduction's gives, once its outcome is known). */
export async function setExchangeWeights(
  db: Kysely<Database>,
  ownerId: string,
  ids: readonly string[],
  weight: number,
): Promise<void> {
  await ownedBy(db, ownerId).updateTable("exchanges").set({ weight }).where("id", "in", ids).execute();
}
