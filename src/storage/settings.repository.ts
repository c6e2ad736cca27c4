/** The owner's settings: one text value per key (reminders, calendar, pairs marked distinct…). */
import type { Kysely } from "kysely";
import { ownedBy } from "./owned.js";
import type { Database } from "./schema.js";

export async function readSetting(
  db: Kysely<Database>,
  ownerId: string,
  key: string,
): Promise<string | null> {
  const row = await ownedBy(db, ownerId)
    .selectFrom("settings")
    .select("value")
    .where("key", "=", key)
    .executeTakeFirst();
  return row?.value ?? null;
}

/** The settings with these keys (those that are set). */
export async function readSettings(
  db: Kysely<Database>,
  ownerId: string,
  keys: readonly string[],
): Promise<{ key: string; value: string }[]> {
  return ownedBy(db, ownerId)
    .selectFrom("settings")
    .select(["key", "value"])
    .where("key", "in", keys)
    .execute();
}

/** The keys of the settings that start with `prefix` (no wildcards in it). */
export async function settingKeysStartingWith(
  db: Kysely<Database>,
  ownerId: string,
  prefix: string,
): Promise<string[]> {
  const rows = await ownedBy(db, ownerId)
    .selectFrom("settings")
    .select("key")
    .where("key", "like", `${prefix}%`)
    .execute();
  return rows.map((r) => r.key);
}

export async function writeSetting(db: Kysely<Database>, ownerId: string, key: string, value: string) {
  await db
    .insertInto("settings")
    .values({ owner_id: ownerId, key, value })
    .onConflict((oc) => oc.columns(["owner_id", "key"]).doUpdateSet({ value }))
    .execute();
}

/** Sets a key that is not set yet; one already set keeps its value. */
export async function addSetting(db: Kysely<Database>, ownerId: string, key: string, value: string) {
  await db
    .insertInto("settings")
    .values({ owner_id: ownerId, key, value })
    .onConflict((oc) => oc.columns(["owner_id", "key"]).doNothing())
    .execute();
}
