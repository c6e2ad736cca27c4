/**
 * What the capture pipeline leaves for the Inbox, written straight into a store: a logged message
 * (its source and moment), a suggested entry from it, and a correspondent who is not a person yet.
 * The Inbox's tests stand on these rows alone, as the import writes them (migration 0013's contract).
 */
import type { Kysely } from "kysely";
import { newId } from "../../src/storage/keys.js";
import type { Database } from "../../src/storage/schema.js";

export interface Suggestion {
  kind: "gave" | "received" | "ask" | "thanks" | "alias";
  personId: string | null;
  summary: string;
  because: string;
  /** ISO instant the message was sent */
  at: string;
  subject?: string;
  exchangeKind?: string;
  address?: string;
  /** when the row was found; items found later take later numbers */
  createdAt?: string;
}

/** A message from `personId` logged as an email moment, and the suggestion found in it: the item's id. */
export async function suggest(db: Kysely<Database>, ownerId: string, s: Suggestion): Promise<string> {
  const sourceKey = `mail:${newId()}@example.test`;
  let interactionId: string | null = null;
  if (s.subject !== undefined && s.personId) {
    interactionId = newId();
    await db
      .insertInto("interactions")
      .values({
        owner_id: ownerId,
        id: interactionId,
        occurred_at: s.at,
        channel: "email",
        initiated_by: s.kind === "thanks" ? "me" : "them",
        summary: s.subject,
        notes: null,
        created_at: s.createdAt ?? s.at,
      })
      .execute();
    await db
      .insertInto("interaction_participants")
      .values({ owner_id: ownerId, interaction_id: interactionId, person_id: s.personId })
      .execute();
  }
  await db
    .insertInto("capture_sources")
    .values({
      owner_id: ownerId,
      source_key: sourceKey,
      kind: "email",
      status: interactionId ? "logged" : "unmatched",
      occurred_at: s.at,
      interaction_id: interactionId,
      import_id: null,
      created_at: s.createdAt ?? s.at,
    })
    .execute();
  const id = newId();
  const detail = {
    ...(s.exchangeKind ? { exchangeKind: s.exchangeKind } : {}),
    ...(s.address ? { email: s.address } : {}),
  };
  await db
    .insertInto("inbox_items")
    .values({
      owner_id: ownerId,
      id,
      kind: s.kind,
      person_id: s.personId,
      summary: s.summary,
      because: s.because,
      detail: JSON.stringify(detail),
      source_key: sourceKey,
      occurred_at: s.at,
      status: "open",
      record_id: null,
      created_at: s.createdAt ?? s.at,
      decided_at: null,
    })
    .execute();
  return id;
}

/** An address seen on `messages` messages that is not a person yet. */
export async function correspondent(
  db: Kysely<Database>,
  ownerId: string,
  c: { email: string; name: string | null; messages: number; lastAt: string },
): Promise<void> {
  await db
    .insertInto("capture_correspondents")
    .values({
      owner_id: ownerId,
      email_key: c.email.toLowerCase(),
      email: c.email,
      name: c.name,
      messages: c.messages,
      first_at: c.lastAt,
      last_at: c.lastAt,
      status: "open",
      person_id: null,
    })
    .execute();
}
