import type { Kysely } from "kysely";
import { ownedBy } from "./owned.js";
import type { CommitmentRow, Database } from "./schema.js";

export async function insertCommitment(db: Kysely<Database>, row: CommitmentRow): Promise<void> {
  await db.insertInto("commitments").values(row).execute();
}

/** A commitment by its number ("3", "#3") or its id. */
export async function findCommitment(
  db: Kysely<Database>,
  ownerId: string,
  ref: string,
): Promise<CommitmentRow | undefined> {
  const query = ownedBy(db, ownerId).selectFrom("commitments").selectAll();
  const number = /^#?\d+$/.test(ref) ? Number(ref.replace("#", "")) : null;
  return (
    number !== null ? query.where("number", "=", number) : query.where("id", "=", ref)
  ).executeTakeFirst();
}

export async function listCommitments(
  db: Kysely<Database>,
  ownerId: string,
  filter: { status?: string; personId?: string },
): Promise<CommitmentRow[]> {
  let query = ownedBy(db, ownerId).selectFrom("commitments").selectAll();
  if (filter.status) query = query.where("status", "=", filter.status);
  if (filter.personId) query = query.where("person_id", "=", filter.personId);
  // Promises without a date first, as SQLite sorts nulls; PostgreSQL is told so.
  return query
    .orderBy("due_on", (o) => o.asc().nullsFirst())
    .orderBy("number")
    .execute();
}

export async function resolveCommitment(
  db: Kysely<Database>,
  ownerId: string,
  id: string,
  change: { status: string; resolved_at: string; exchange_id: string | null },
): Promise<void> {
  await ownedBy(db, ownerId).updateTable("commitments").set(change).where("id", "=", id).execute();
}
