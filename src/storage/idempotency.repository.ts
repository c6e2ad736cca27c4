/**
 * Requests named by an Idempotency-Key (migration 0009): claimed by inserting the key before the
 * write runs, so two copies of one request arriving together cannot both write.
 */
import type { Kysely } from "kysely";
import { ownedBy } from "./owned.js";
import type { Database, IdempotentRequestsTable } from "./schema.js";

export type IdempotentRequestRow = IdempotentRequestsTable;

/** Inserts the key as pending; false when the owner has used it already. */
export async function claimIdempotencyKey(
  db: Kysely<Database>,
  row: { ownerId: string; key: string; requestHash: string; nowIso: string },
): Promise<boolean> {
  const result = await db
    .insertInto("idempotent_requests")
    .values({
      owner_id: row.ownerId,
      key: row.key,
      request_hash: row.requestHash,
      status: 0,
      response: null,
      undo_id: null,
      created_at: row.nowIso,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function idempotentRequest(
  db: Kysely<Database>,
  ownerId: string,
  key: string,
): Promise<IdempotentRequestRow | undefined> {
  return ownedBy(db, ownerId)
    .selectFrom("idempotent_requests")
    .selectAll()
    .where("key", "=", key)
    .executeTakeFirst();
}

export async function keepIdempotentResponse(
  db: Kysely<Database>,
  ownerId: string,
  key: string,
  response: { status: number; body: string; undoId: string | null },
): Promise<void> {
  await ownedBy(db, ownerId)
    .updateTable("idempotent_requests")
    .set({ status: response.status, response: response.body, undo_id: response.undoId })
    .where("key", "=", key)
    .execute();
}

/** The request failed on the server's side: the key is free for the next try. */
export async function releaseIdempotencyKey(
  db: Kysely<Database>,
  ownerId: string,
  key: string,
): Promise<void> {
  await ownedBy(db, ownerId)
    .deleteFrom("idempotent_requests")
    .where("key", "=", key)
    .where("status", "=", 0)
    .execute();
}

export async function forgetIdempotencyKeysBefore(
  db: Kysely<Database>,
  ownerId: string,
  beforeIso: string,
): Promise<void> {
  await ownedBy(db, ownerId).deleteFrom("idempotent_requests").where("created_at", "<", beforeIso).execute();
}
