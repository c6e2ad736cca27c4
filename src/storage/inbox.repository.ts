/**
 * The Inbox's reads and decisions: suggested entries (`inbox_items`) with the subject of the message
 * they came from, and the people the user writes to often (`capture_correspondents`). Both are
 * created by the capture pipeline (capture.repository.ts); here they are listed and decided.
 */
import type { Kysely } from "kysely";
import { ownedBy } from "./owned.js";
import type { Database, InboxItemsTable } from "./schema.js";

/** An item as the Inbox shows it: its row, with the person's name and the message's moment. */
export type InboxItemView = Omit<InboxItemsTable, "owner_id" | "decided_at"> & {
  person_name: string | null;
  /** the subject of the message, as its moment's summary */
  subject: string | null;
  /** the moment's channel and who started it, when the message became one */
  channel: string | null;
  initiated_by: string | null;
};

function itemsQuery(db: Kysely<Database>, ownerId: string) {
  return ownedBy(db, ownerId)
    .selectFrom("inbox_items as i")
    .leftJoin("people as p", (j) =>
      j.onRef("p.owner_id", "=", "i.owner_id").onRef("p.id", "=", "i.person_id"),
    )
    .leftJoin("capture_sources as s", (j) =>
      j.onRef("s.owner_id", "=", "i.owner_id").onRef("s.source_key", "=", "i.source_key"),
    )
    .leftJoin("interactions as m", (j) =>
      j.onRef("m.owner_id", "=", "s.owner_id").onRef("m.id", "=", "s.interaction_id"),
    )
    .select([
      "i.id",
      "i.kind",
      "i.person_id",
      "p.display_name as person_name",
      "i.summary",
      "i.because",
      "i.detail",
      "i.source_key",
      "i.occurred_at",
      "i.status",
      "i.record_id",
      "i.created_at",
      "m.summary as subject",
      "m.channel",
      "m.initiated_by",
    ]);
}

/** The open items, newest first (by when the message was sent, then id). */
export async function listOpenItems(db: Kysely<Database>, ownerId: string): Promise<InboxItemView[]> {
  return itemsQuery(db, ownerId)
    .where("i.status", "=", "open")
    .orderBy("i.occurred_at", "desc")
    .orderBy("i.id", "desc")
    .execute();
}

/** Items by id, in any status; ids not found are left out. */
export async function getItems(
  db: Kysely<Database>,
  ownerId: string,
  ids: readonly string[],
): Promise<InboxItemView[]> {
  if (ids.length === 0) return [];
  return itemsQuery(db, ownerId).where("i.id", "in", ids).execute();
}

/**
 * Every item's id in the order it was found (created, then id): its number is its place here. An
 * item keeps its number when others are accepted or dismissed, and a later import only adds after.
 */
export async function itemIdsInOrder(db: Kysely<Database>, ownerId: string): Promise<string[]> {
  const rows = await ownedBy(db, ownerId)
    .selectFrom("inbox_items")
    .select("id")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((r) => r.id);
}

/** Changes what an open item suggests (summary, kind, person, detail). */
export async function updateItem(
  db: Kysely<Database>,
  ownerId: string,
  id: string,
  changes: Partial<Pick<InboxItemsTable, "summary" | "kind" | "person_id" | "detail">>,
): Promise<void> {
  if (Object.keys(changes).length === 0) return;
  await ownedBy(db, ownerId).updateTable("inbox_items").set(changes).where("id", "=", id).execute();
}

/** Accepts or dismisses items: they leave the Inbox, and a re-import finds them decided. */
export async function decideItems(
  db: Kysely<Database>,
  ownerId: string,
  ids: readonly string[],
  decision: { status: "accepted" | "dismissed"; recordId: string | null; at: string },
): Promise<void> {
  if (ids.length === 0) return;
  await ownedBy(db, ownerId)
    .updateTable("inbox_items")
    .set({ status: decision.status, record_id: decision.recordId, decided_at: decision.at })
    .where("id", "in", ids)
    .where("status", "=", "open")
    .execute();
}

export interface CorrespondentRow {
  email_key: string;
  email: string;
  name: string | null;
  messages: number;
  last_at: string | null;
}

/**
 * The open correspondents, the most written to first (then the latest, then by address): "people
 * you write to often". An address that has become someone's since (an alias accepted, an email
 * typed in) is no longer offered.
 */
export async function listOpenCorrespondents(
  db: Kysely<Database>,
  ownerId: string,
  limit?: number,
): Promise<CorrespondentRow[]> {
  let query = ownedBy(db, ownerId)
    .selectFrom("capture_correspondents as c")
    .select(["c.email_key", "c.email", "c.name", "c.messages", "c.last_at"])
    .where("c.status", "=", "open")
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("person_emails as e")
            .select("e.person_id")
            .whereRef("e.owner_id", "=", "c.owner_id")
            .whereRef("e.value_key", "=", "c.email_key"),
        ),
      ),
    )
    .orderBy("c.messages", "desc")
    .orderBy("c.last_at", "desc")
    .orderBy("c.email_key");
  if (limit !== undefined) query = query.limit(limit);
  const rows = await query.execute();
  // PostgreSQL's integer comes back as a number; a count is never large enough to need more.
  return rows.map((r) => ({ ...r, messages: Number(r.messages) }));
}

/** Marks correspondents added (as the person made of them) or dismissed. */
export async function markCorrespondent(
  db: Kysely<Database>,
  ownerId: string,
  emailKey: string,
  mark: { status: "added"; personId: string } | { status: "dismissed" },
): Promise<void> {
  await ownedBy(db, ownerId)
    .updateTable("capture_correspondents")
    .set({ status: mark.status, person_id: mark.status === "added" ? mark.personId : null })
    .where("email_key", "=", emailKey)
    .where("status", "=", "open")
    .execute();
}
