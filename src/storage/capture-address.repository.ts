/**
 * Each owner's forwarding address (migration 0013, `capture_addresses`): one row per owner with the
 * SHA-256 hash of the address's secret. The only lookup across owners is by that hash, when a
 * message arrives: the hash is unique, as an API token's is.
 */
import type { Kysely } from "kysely";
import { ownedBy } from "./owned.js";
import type { Database } from "./schema.js";

/** When the owner's address was made, or undefined when they have none. */
export async function readCaptureAddress(
  db: Kysely<Database>,
  ownerId: string,
): Promise<{ createdAt: string } | undefined> {
  const row = await ownedBy(db, ownerId)
    .selectFrom("capture_addresses")
    .select("created_at")
    .executeTakeFirst();
  return row && { createdAt: row.created_at };
}

/** Makes or replaces the owner's address: the old secret stops working in the same statement. */
export async function replaceCaptureAddress(
  db: Kysely<Database>,
  row: { owner_id: string; secret_hash: string; created_at: string },
): Promise<void> {
  await db
    .insertInto("capture_addresses")
    .values(row)
    .onConflict((oc) =>
      oc.column("owner_id").doUpdateSet({ secret_hash: row.secret_hash, created_at: row.created_at }),
    )
    .execute();
}

/** Whose address has this secret hash, or null. */
export async function captureAddressOwner(db: Kysely<Database>, secretHash: string): Promise<string | null> {
  const row = await db
    .selectFrom("capture_addresses")
    .select("owner_id")
    .where("secret_hash", "=", secretHash)
    .executeTakeFirst();
  return row?.owner_id ?? null;
}
