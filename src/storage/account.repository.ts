/**
 * Accounts of the team server: users and their owners, sessions and API tokens. Secrets are stored
 * as hashes only; every lookup by a secret also names the owner, so it reads one owner's rows.
 */
import type { Kysely } from "kysely";
import { ownedBy } from "./owned.js";
import type { ApiTokensTable, Database, OwnersTable, SessionsTable, UsersTable } from "./schema.js";

/** Whether the store has at least one account. */
export async function anyAccount(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom("users").select("owner_id").limit(1).executeTakeFirst()) !== undefined;
}

/** Whether an account other than this owner's exists. */
export async function otherAccountExists(db: Kysely<Database>, ownerId: string): Promise<boolean> {
  const others = await db
    .selectFrom("users")
    .select("owner_id")
    .where("owner_id", "!=", ownerId)
    .limit(1)
    .executeTakeFirst();
  return others !== undefined;
}

export async function accountIdByEmailKey(db: Kysely<Database>, emailKey: string) {
  return db.selectFrom("users").select("owner_id").where("email_key", "=", emailKey).executeTakeFirst();
}

/** A new account: its owner and its user, in one transaction. */
export async function insertAccount(
  db: Kysely<Database>,
  owner: OwnersTable,
  user: UsersTable,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("owners").values(owner).execute();
    await trx.insertInto("users").values(user).execute();
  });
}

/** The account with this email key, with its password hash and name. */
export async function accountByEmailKey(db: Kysely<Database>, emailKey: string) {
  return db
    .selectFrom("users as u")
    .innerJoin("owners as o", "o.id", "u.owner_id")
    .select(["u.owner_id", "u.email", "u.password_hash", "o.name"])
    .where("u.email_key", "=", emailKey)
    .executeTakeFirst();
}

/** Every account by email, and how many API tokens of each owner still work. */
export async function accountsWithTokenCounts(db: Kysely<Database>) {
  const rows = await db
    .selectFrom("users as u")
    .innerJoin("owners as o", "o.id", "u.owner_id")
    .select(["u.owner_id", "u.email", "u.created_at", "o.name"])
    .orderBy("u.email_key")
    .execute();
  const tokens = await db
    .selectFrom("api_tokens")
    .select(["owner_id", (eb) => eb.fn.countAll<string | number>().as("count")])
    .where("revoked_at", "is", null)
    .groupBy("owner_id")
    .execute();
  return { rows, active: new Map(tokens.map((t) => [t.owner_id, Number(t.count)])) };
}

/**
 * Sets an account's password hash and ends its sessions, except the one with `keepSecretHash`.
 * Returns how many sessions ended.
 */
export async function replacePassword(
  db: Kysely<Database>,
  ownerId: string,
  passwordHash: string,
  nowIso: string,
  keepSecretHash: string | null,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const owned = ownedBy(trx, ownerId);
    await owned.updateTable("users").set({ password_hash: passwordHash, updated_at: nowIso }).execute();
    let ended = owned.deleteFrom("sessions");
    if (keepSecretHash !== null) ended = ended.where("secret_hash", "!=", keepSecretHash);
    const result = await ended.executeTakeFirst();
    return Number(result.numDeletedRows);
  });
}

export async function passwordHashOf(db: Kysely<Database>, ownerId: string): Promise<string | undefined> {
  const row = await ownedBy(db, ownerId).selectFrom("users").select("password_hash").executeTakeFirst();
  return row?.password_hash;
}

/** How many rows of a table the owner has. */
export async function countOwnedRows(
  db: Kysely<Database>,
  ownerId: string,
  table: "people" | "exchanges" | "interactions",
): Promise<number> {
  return Number(
    (
      await ownedBy(db, ownerId)
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string | number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

/** A new session; the owner's expired ones go first, so they never pile up. */
export async function insertSession(db: Kysely<Database>, row: SessionsTable, nowIso: string): Promise<void> {
  await ownedBy(db, row.owner_id).deleteFrom("sessions").where("expires_at", "<=", nowIso).execute();
  await db.insertInto("sessions").values(row).execute();
}

export async function sessionExpiry(db: Kysely<Database>, ownerId: string, secretHash: string) {
  return ownedBy(db, ownerId)
    .selectFrom("sessions")
    .select("expires_at")
    .where("secret_hash", "=", secretHash)
    .executeTakeFirst();
}

export async function deleteSessionRow(
  db: Kysely<Database>,
  ownerId: string,
  secretHash: string,
): Promise<void> {
  await ownedBy(db, ownerId).deleteFrom("sessions").where("secret_hash", "=", secretHash).execute();
}

export async function insertApiToken(db: Kysely<Database>, row: ApiTokensTable): Promise<void> {
  await db.insertInto("api_tokens").values(row).execute();
}

export async function apiTokenBySecret(db: Kysely<Database>, ownerId: string, secretHash: string) {
  return ownedBy(db, ownerId)
    .selectFrom("api_tokens")
    .select(["id", "last_used_at", "revoked_at"])
    .where("secret_hash", "=", secretHash)
    .executeTakeFirst();
}

export async function noteApiTokenUse(db: Kysely<Database>, ownerId: string, id: string, nowIso: string) {
  await ownedBy(db, ownerId)
    .updateTable("api_tokens")
    .set({ last_used_at: nowIso })
    .where("id", "=", id)
    .execute();
}

export async function apiTokenRows(db: Kysely<Database>, ownerId: string) {
  return ownedBy(db, ownerId).selectFrom("api_tokens").selectAll().orderBy("created_at").execute();
}

/** Revokes a token still active; how many were (0 or 1). */
export async function revokeApiTokenRow(
  db: Kysely<Database>,
  ownerId: string,
  id: string,
  nowIso: string,
): Promise<number> {
  const result = await ownedBy(db, ownerId)
    .updateTable("api_tokens")
    .set({ revoked_at: nowIso })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
