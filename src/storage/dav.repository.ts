/**
 * The CardDAV address book's rows (migration 0012): each owner's change counter, the cards with
 * their tombstones, the people whose card may have changed, and the app passwords DAV clients sign
 * in with.
 */
import type { Insertable, Kysely, Selectable } from "kysely";
import { ownedBy } from "./owned.js";
import type { Database, DavCardsTable } from "./schema.js";

export type DavCardRow = Selectable<DavCardsTable>;

/** Runs `read` over a long list in slices of 500, one `in (…)` statement each; the rows in order. */
async function inSlices<T, R>(values: readonly T[], read: (slice: T[]) => Promise<R[]>): Promise<R[]> {
  const rows: R[] = [];
  for (let i = 0; i < values.length; i += 500) rows.push(...(await read(values.slice(i, i + 500))));
  return rows;
}

/** The owner's change counter: the revision of the newest change (0 before the first). */
export async function davRevision(db: Kysely<Database>, ownerId: string): Promise<number> {
  const row = await ownedBy(db, ownerId)
    .selectFrom("dav_address_books")
    .select("revision")
    .executeTakeFirst();
  return Number(row?.revision ?? 0);
}

/** The owner's change counter, or undefined before their address book's first sync. */
export async function davAddressBook(
  db: Kysely<Database>,
  ownerId: string,
): Promise<{ revision: number } | undefined> {
  const row = await ownedBy(db, ownerId)
    .selectFrom("dav_address_books")
    .select("revision")
    .executeTakeFirst();
  return row && { revision: Number(row.revision) };
}

/** The people whose card may have changed since the last sync (the triggers of migration 0012). */
export async function davChangedPeople(db: Kysely<Database>, ownerId: string): Promise<string[]> {
  const rows = await ownedBy(db, ownerId).selectFrom("dav_changed_people").select("person_id").execute();
  return rows.map((r) => r.person_id);
}

/** Whether any person's card may have changed since the last sync. */
export async function hasDavChangedPeople(db: Kysely<Database>, ownerId: string): Promise<boolean> {
  const row = await ownedBy(db, ownerId)
    .selectFrom("dav_changed_people")
    .select("person_id")
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Names people whose card must be compared at the next sync (the triggers name the others). */
export async function markDavChangedPeople(
  db: Kysely<Database>,
  ownerId: string,
  personIds: readonly string[],
): Promise<void> {
  if (personIds.length === 0) return;
  await db
    .insertInto("dav_changed_people")
    .values(personIds.map((person_id) => ({ owner_id: ownerId, person_id })))
    .onConflict((oc) => oc.columns(["owner_id", "person_id"]).doNothing())
    .execute();
}

/** Forgets the changes a sync has compared; inside the owner's write transaction. */
export async function forgetDavChangedPeople(
  db: Kysely<Database>,
  ownerId: string,
  personIds: readonly string[],
): Promise<void> {
  await inSlices(personIds, async (slice) => {
    await ownedBy(db, ownerId).deleteFrom("dav_changed_people").where("person_id", "in", slice).execute();
    return [];
  });
}

/** The live cards of these people (a person may briefly have two: the sync buries one). */
export async function liveDavCardsOfPeople(
  db: Kysely<Database>,
  ownerId: string,
  personIds: readonly string[],
): Promise<DavCardRow[]> {
  return inSlices(personIds, (slice) =>
    ownedBy(db, ownerId)
      .selectFrom("dav_cards")
      .selectAll()
      .where("person_id", "in", slice)
      .where("deleted_at", "is", null)
      .execute(),
  );
}

/** Sets the owner's change counter; call it inside the owner's write transaction. */
export async function setDavRevision(db: Kysely<Database>, ownerId: string, revision: number): Promise<void> {
  await db
    .insertInto("dav_address_books")
    .values({ owner_id: ownerId, revision })
    .onConflict((oc) => oc.column("owner_id").doUpdateSet({ revision }))
    .execute();
}

/** Every card of the owner, tombstones included. */
export async function allDavCards(db: Kysely<Database>, ownerId: string): Promise<DavCardRow[]> {
  return ownedBy(db, ownerId).selectFrom("dav_cards").selectAll().execute();
}

/** The live cards' names, etags and revisions, in name order (a PROPFIND of the address book). */
export async function liveDavCards(
  db: Kysely<Database>,
  ownerId: string,
): Promise<Pick<DavCardRow, "name" | "etag" | "revision">[]> {
  return ownedBy(db, ownerId)
    .selectFrom("dav_cards")
    .select(["name", "etag", "revision"])
    .where("deleted_at", "is", null)
    .orderBy("name")
    .execute();
}

export async function davCard(
  db: Kysely<Database>,
  ownerId: string,
  name: string,
): Promise<DavCardRow | undefined> {
  return ownedBy(db, ownerId).selectFrom("dav_cards").selectAll().where("name", "=", name).executeTakeFirst();
}

/** The cards of these names that exist (live or not). */
export async function davCardsNamed(
  db: Kysely<Database>,
  ownerId: string,
  names: readonly string[],
): Promise<DavCardRow[]> {
  return inSlices(names, (slice) =>
    ownedBy(db, ownerId).selectFrom("dav_cards").selectAll().where("name", "in", slice).execute(),
  );
}

/** The live card of a person, if they have one. */
export async function davCardOfPerson(
  db: Kysely<Database>,
  ownerId: string,
  personId: string,
): Promise<DavCardRow | undefined> {
  return ownedBy(db, ownerId)
    .selectFrom("dav_cards")
    .selectAll()
    .where("person_id", "=", personId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}

/** Cards (and tombstones) changed after `revision`, oldest change first. */
export async function davCardsChangedSince(
  db: Kysely<Database>,
  ownerId: string,
  revision: number,
): Promise<DavCardRow[]> {
  return ownedBy(db, ownerId)
    .selectFrom("dav_cards")
    .selectAll()
    .where("revision", ">", revision)
    .orderBy("revision")
    .execute();
}

/** Writes a card (a new one, or a new state of one, a tombstone's revival included). */
export async function putDavCard(db: Kysely<Database>, row: Insertable<DavCardsTable>): Promise<void> {
  const { owner_id: _owner, name: _name, ...changes } = row;
  await db
    .insertInto("dav_cards")
    .values(row)
    .onConflict((oc) => oc.columns(["owner_id", "name"]).doUpdateSet(changes))
    .execute();
}

/** Makes a card a tombstone at `revision`: a sync reports it deleted. */
export async function buryDavCard(
  db: Kysely<Database>,
  ownerId: string,
  name: string,
  revision: number,
  atIso: string,
): Promise<void> {
  await ownedBy(db, ownerId)
    .updateTable("dav_cards")
    .set({ person_id: null, revision, deleted_at: atIso, card: "", kept: "[]" })
    .where("name", "=", name)
    .execute();
}

/** The hashes of an owner's app passwords that still work, with their ids. */
export async function activeDavPasswords(
  db: Kysely<Database>,
  ownerId: string,
): Promise<{ id: string; secret_hash: string; last_used_at: string | null }[]> {
  return ownedBy(db, ownerId)
    .selectFrom("dav_passwords")
    .select(["id", "secret_hash", "last_used_at"])
    .where("revoked_at", "is", null)
    .execute();
}

export async function insertDavPassword(
  db: Kysely<Database>,
  row: { owner_id: string; id: string; name: string; secret_hash: string; created_at: string },
): Promise<void> {
  await db
    .insertInto("dav_passwords")
    .values({ ...row, last_used_at: null, revoked_at: null })
    .execute();
}

export async function listDavPasswords(db: Kysely<Database>, ownerId: string) {
  return ownedBy(db, ownerId)
    .selectFrom("dav_passwords")
    .select(["id", "name", "created_at", "last_used_at", "revoked_at"])
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** Revokes a password that still works; false when there is none with that id. */
export async function revokeDavPassword(
  db: Kysely<Database>,
  ownerId: string,
  id: string,
  atIso: string,
): Promise<boolean> {
  const result = await ownedBy(db, ownerId)
    .updateTable("dav_passwords")
    .set({ revoked_at: atIso })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function noteDavPasswordUse(
  db: Kysely<Database>,
  ownerId: string,
  id: string,
  atIso: string,
): Promise<void> {
  await ownedBy(db, ownerId)
    .updateTable("dav_passwords")
    .set({ last_used_at: atIso })
    .where("id", "=", id)
    .execute();
}

/** The email of the account an owner is, or null (the local owner). */
export async function findAccountOf(db: Kysely<Database>, ownerId: string): Promise<string | null> {
  const row = await ownedBy(db, ownerId).selectFrom("users").select("email").executeTakeFirst();
  return row?.email ?? null;
}
