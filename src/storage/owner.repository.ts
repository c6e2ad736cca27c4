import type { Kysely } from "kysely";
import { refreshAgendaKeys } from "./agenda-keys.js";
import { newId } from "./keys.js";
import { ownedBy } from "./owned.js";
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
  profile: { name: string | null; organization_id: string | null; department_id: string | null },
  nowIso: string,
): Promise<void> {
  await db
    .updateTable("owners")
    .set({ ...profile, updated_at: nowIso })
    .where("id", "=", ownerId)
    .execute();
  await refreshAgendaKeys(db, ownerId);
}

/**
 * Every table that holds an owner's rows, in an order that deletes what refers to a row before the
 * row itself (the departments and people keys do not cascade). A test compares it with the schema.
 */
export const OWNER_TABLES = [
  "journal_state",
  "capture_sources",
  "capture_correspondents",
  "inbox_items",
  "capture_addresses",
  "dav_cards",
  "dav_changed_people",
  "dav_address_books",
  "dav_passwords",
  "undo_rows",
  "undo_entries",
  "search_documents",
  "sessions",
  "api_tokens",
  "settings",
  "reminder_deliveries",
  "push_subscriptions",
  "reminder_action_uses",
  "idempotent_requests",
  "introductions",
  "needs",
  "offers",
  "own_offers",
  "notes",
  "contact_days",
  "person_stats",
  "department_stats",
  "interaction_participants",
  "interactions",
  "exchanges",
  "asks",
  "commitments",
  "person_emails",
  "person_phones",
  "person_urls",
  "person_dates",
  "person_related",
  "people",
  "departments",
  "organizations",
  "users",
] as const satisfies readonly Exclude<keyof Database, "owners">[];

/** Deletes an owner and every row of theirs; run it inside the owner's write transaction. */
export async function deleteOwner(db: Kysely<Database>, ownerId: string): Promise<void> {
  for (const table of OWNER_TABLES) {
    await ownedBy(db, ownerId).deleteFrom(table).execute();
  }
  await db.deleteFrom("owners").where("id", "=", ownerId).execute();
}
