/**
 * The records a user corrects (issue 10 §2) found by the ids the CLI prints, and changed or
 * deleted one at a time: ledger entries, moments, notes, promises, asks, needs, offers (the user's
 * own too) and introductions.
 */
import type { Kysely } from "kysely";
import { ownedBy } from "./owned.js";
import type { Database, InteractionRow } from "./schema.js";

/** The tables of records that can be edited and deleted. */
export type RecordTable =
  | "exchanges"
  | "interactions"
  | "notes"
  | "commitments"
  | "asks"
  | "needs"
  | "offers"
  | "own_offers"
  | "introductions";

/** Up to two ids of a table equal to `text` (a whole id) or starting or ending with it. */
export async function idsLike(
  db: Kysely<Database>,
  ownerId: string,
  table: "exchanges" | "interactions" | "notes",
  text: string,
): Promise<string[]> {
  const query = ownedBy(db, ownerId)
    .selectFrom(table as "exchanges")
    .select("id");
  const rows = await (text.length === 36
    ? query.where("id", "=", text)
    : query.where((eb) => eb.or([eb("id", "like", `${text}%`), eb("id", "like", `%${text}`)]))
  )
    .limit(2)
    .execute();
  return rows.map((r) => r.id);
}

/** Up to two ids of a numbered table that end with `text`. */
export async function idsEndingWith(
  db: Kysely<Database>,
  ownerId: string,
  table: "asks" | "commitments" | "introductions" | "needs" | "offers",
  text: string,
): Promise<string[]> {
  const rows = await ownedBy(db, ownerId)
    .selectFrom(table as "asks")
    .select("id")
    .where("id", "like", `%${text}`)
    .limit(2)
    .execute();
  return rows.map((r) => r.id);
}

export async function deleteRecordRow(
  db: Kysely<Database>,
  ownerId: string,
  table: RecordTable,
  id: string,
): Promise<void> {
  await ownedBy(db, ownerId)
    .deleteFrom(table as "notes")
    .where("id", "=", id)
    .execute();
}

/** Changes a promise or an ask and reads back whose it is and what it now says. */
export async function updateSummaryRecord(
  db: Kysely<Database>,
  ownerId: string,
  table: "commitments" | "asks",
  id: string,
  changes: Partial<Database["commitments"]> & Partial<Database["asks"]>,
): Promise<{ person_id: string | null; summary: string }> {
  const owned = ownedBy(db, ownerId);
  await owned
    .updateTable(table as "asks")
    .set(changes)
    .where("id", "=", id)
    .execute();
  return owned
    .selectFrom(table as "asks")
    .select(["person_id", "summary"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

export async function getExchange(db: Kysely<Database>, ownerId: string, id: string) {
  return ownedBy(db, ownerId)
    .selectFrom("exchanges")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

export async function updateExchange(
  db: Kysely<Database>,
  ownerId: string,
  id: string,
  changes: Partial<Database["exchanges"]>,
): Promise<void> {
  await ownedBy(db, ownerId).updateTable("exchanges").set(changes).where("id", "=", id).execute();
}

/** What pointed at a ledger entry (the ask it fulfilled, the promise it kept…) stays, without it. */
export async function detachExchange(db: Kysely<Database>, ownerId: string, id: string): Promise<void> {
  const owned = ownedBy(db, ownerId);
  for (const table of ["asks", "commitments", "needs"] as const) {
    await owned.updateTable(table).set({ exchange_id: null }).where("exchange_id", "=", id).execute();
  }
  for (const column of ["a_exchange_id", "b_exchange_id"] as const) {
    await owned
      .updateTable("introductions")
      .set({ [column]: null })
      .where(column, "=", id)
      .execute();
  }
}

export async function getInteraction(
  db: Kysely<Database>,
  ownerId: string,
  id: string,
): Promise<InteractionRow> {
  return ownedBy(db, ownerId)
    .selectFrom("interactions")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

/** The people of a moment with their names, by name. */
export async function participantNames(
  db: Kysely<Database>,
  ownerId: string,
  interactionId: string,
): Promise<{ id: string; name: string }[]> {
  return ownedBy(db, ownerId)
    .selectFrom("interaction_participants as ip")
    .innerJoin("people as p", (j) =>
      j.onRef("p.owner_id", "=", "ip.owner_id").onRef("p.id", "=", "ip.person_id"),
    )
    .select(["p.id", "p.display_name as name"])
    .where("ip.interaction_id", "=", interactionId)
    .orderBy("p.name_key")
    .execute();
}

/** The ids of the people of a moment. */
export async function participantIds(
  db: Kysely<Database>,
  ownerId: string,
  interactionId: string,
): Promise<string[]> {
  const rows = await ownedBy(db, ownerId)
    .selectFrom("interaction_participants")
    .select("person_id")
    .where("interaction_id", "=", interactionId)
    .execute();
  return rows.map((r) => r.person_id);
}

export async function updateInteraction(
  db: Kysely<Database>,
  ownerId: string,
  id: string,
  changes: Partial<Database["interactions"]>,
): Promise<void> {
  await ownedBy(db, ownerId).updateTable("interactions").set(changes).where("id", "=", id).execute();
}

/** Takes people off a moment and puts others on it. */
export async function changeParticipants(
  db: Kysely<Database>,
  ownerId: string,
  interactionId: string,
  change: { gone: readonly string[]; added: readonly string[] },
): Promise<void> {
  if (change.gone.length > 0)
    await ownedBy(db, ownerId)
      .deleteFrom("interaction_participants")
      .where("interaction_id", "=", interactionId)
      .where("person_id", "in", change.gone)
      .execute();
  if (change.added.length > 0)
    await db
      .insertInto("interaction_participants")
      .values(change.added.map((p) => ({ owner_id: ownerId, interaction_id: interactionId, person_id: p })))
      .execute();
}

export async function getNote(db: Kysely<Database>, ownerId: string, id: string) {
  return ownedBy(db, ownerId).selectFrom("notes").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

export async function insertNote(db: Kysely<Database>, row: Database["notes"]): Promise<void> {
  await db.insertInto("notes").values(row).execute();
}

export async function updateNoteBody(db: Kysely<Database>, ownerId: string, id: string, body: string) {
  await ownedBy(db, ownerId).updateTable("notes").set({ body }).where("id", "=", id).execute();
}
