import type { Kysely } from "kysely";
import { newId } from "./keys.js";
import type { Database, OwnerRow } from "./schema.js";

/** The one owner of an embedded store, created on first use. */
export async function ensureLocalOwner(db: Kysely<Database>, nowIso: string): Promise<OwnerRow> {
  const existing = await db.selectFrom("owners").selectAll().where("kind", "=", "local").executeTakeFirst();
  if (existing) return existing;
  const owner: OwnerRow = {
    id: newId(),
    kind: "local",
    name: null,
    organization_id: null,
    department_id: null,
    created_at: nowIso,
    updated_at: nowIso,
  };
  // Another process may create it at the same moment: the unique index lets one win, and both use it.
  await db
    .insertInto("owners")
    .values(owner)
    .onConflict((oc) => oc.doNothing())
    .execute();
  return db.selectFrom("owners").selectAll().where("kind", "=", "local").executeTakeFirstOrThrow();
}

export async function getOwner(db: Kysely<Database>, ownerId: string): Promise<OwnerRow | undefined> {
  return db.selectFrom("owners").selectAll().where("id", "=", ownerId).executeTakeFirst();
}

export async function updateOwnerProfile(
  db: Kysely<Database>,
  ownerId: string,
  profile: { name: string; organization_id: string | null; department_id: string | null },
  nowIso: string,
): Promise<void> {
  await db
    .updateTable("owners")
    .set({ ...profile, updated_at: nowIso })
    .where("id", "=", ownerId)
    .execute();
}
