import type { Kysely } from "kysely";
import { ownedBy } from "./owned.js";
import type { AskRow, Database } from "./schema.js";

export async function insertAsk(db: Kysely<Database>, row: AskRow): Promise<void> {
  await db.insertInto("asks").values(row).execute();
}

/** An ask by its number ("3", "#3") or its id. */
export async function findAsk(
  db: Kysely<Database>,
  ownerId: string,
  ref: string,
): Promise<AskRow | undefined> {
  const query = ownedBy(db, ownerId).selectFrom("asks").selectAll();
  const number = /^#?\d+$/.test(ref) ? Number(ref.replace("#", "")) : null;
  return (
    number !== null ? query.where("number", "=", number) : query.where("id", "=", ref)
  ).executeTakeFirst();
}

export async function listAsks(
  db: Kysely<Database>,
  ownerId: string,
  filter: { status?: string; personId?: string; departmentId?: string },
): Promise<AskRow[]> {
  let query = ownedBy(db, ownerId).selectFrom("asks").selectAll();
  if (filter.status) query = query.where("status", "=", filter.status);
  if (filter.personId) query = query.where("person_id", "=", filter.personId);
  if (filter.departmentId) query = query.where("department_id", "=", filter.departmentId);
  return query.orderBy("number", "desc").execute();
}

export async function resolveAsk(
  db: Kysely<Database>,
  ownerId: string,
  id: string,
  change: { status: string; resolved_at: string; exchange_id: string | null },
): Promise<void> {
  await ownedBy(db, ownerId).updateTable("asks").set(change).where("id", "=", id).execute();
}
