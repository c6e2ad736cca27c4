/**
 * The statements the HTTP server runs itself, outside any use-case: the sign-in throttle's failures
 * (`login_failures`, keyed `a:<account>` or `i:<address>`), the account a signed-in owner is, and
 * the health check's probe.
 */
import { type Kysely, sql } from "kysely";
import type { Database } from "./schema.js";

/** Forgets the failures at or before `cutoff`, then records one for each key at `at`. */
export async function recordLoginFailures(
  db: Kysely<Database>,
  keys: readonly string[],
  at: string,
  cutoff: string,
): Promise<void> {
  // Failures older than the window count for nothing: each new one clears them away.
  await db.deleteFrom("login_failures").where("failed_at", "<=", cutoff).execute();
  await db
    .insertInto("login_failures")
    .values(keys.map((key) => ({ key, failed_at: at })))
    .execute();
}

export async function clearLoginFailures(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom("login_failures").where("key", "=", key).execute();
}

/** The times (ISO) of the key's failures after `cutoff`, oldest first. */
export async function loginFailuresAfter(
  db: Kysely<Database>,
  key: string,
  cutoff: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom("login_failures")
    .select("failed_at")
    .where("key", "=", key)
    .where("failed_at", ">", cutoff)
    .orderBy("failed_at")
    .execute();
  return rows.map((r) => r.failed_at);
}

/** The account (email, and the owner's name) an owner is, or undefined for the local owner. */
export async function accountOfOwner(
  db: Kysely<Database>,
  ownerId: string,
): Promise<{ email: string; name: string | null } | undefined> {
  return db
    .selectFrom("users as u")
    .innerJoin("owners as o", "o.id", "u.owner_id")
    .select(["u.email", "o.name"])
    .where("u.owner_id", "=", ownerId)
    .executeTakeFirst();
}

/** The email an owner signs in with, or undefined for the local owner. */
export async function accountEmail(db: Kysely<Database>, ownerId: string): Promise<string | undefined> {
  const user = await db
    .selectFrom("users")
    .select("email")
    .where("owner_id", "=", ownerId)
    .executeTakeFirst();
  return user?.email;
}

/** The trivial query the health check asks the store. */
export async function probeStore(db: Kysely<Database>): Promise<unknown> {
  return sql`select 1 as ok`.execute(db);
}
