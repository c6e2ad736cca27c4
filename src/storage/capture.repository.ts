/**
 * The SQL of capturing history (issue 18): who is who (addresses and names of people, loaded once
 * per run), which messages and meetings were seen (`capture_sources`), moments written many at a
 * time with their aggregates, the addresses that are not yet people (`capture_correspondents`) and
 * inserting suggested entries (`inbox_items`; listing and deciding them is inbox.repository.ts).
 */
import type { Kysely } from "kysely";
import type { CaptureProposal } from "../contract/capture.js";
import { addContact, contactDay } from "../domain/contact-summary.js";
import type { ContactEvent } from "../domain/model.js";
import { refreshAgendaKeys } from "./agenda-keys.js";
import { foldText } from "./keys.js";
import { ownedBy } from "./owned.js";
import type { Database, InboxItemsTable, InteractionRow } from "./schema.js";
import { contactColumns, personStatsFromRow, refreshFirstEvents } from "./stats.repository.js";

/** Keys per `in (…)` list: well under SQLite's bound-parameter limit. */
const KEYS_PER_READ = 500;

function slices<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Who is who for one owner: email keys to people, folded names to people (for alias suggestions). */
export interface CaptureIndex {
  emails: Map<string, string>;
  names: Map<string, { id: string; name: string }[]>;
}

/** Loads the owner's addresses and names in two reads; the run then matches in memory. */
export async function loadCaptureIndex(db: Kysely<Database>, ownerId: string): Promise<CaptureIndex> {
  const emails = await ownedBy(db, ownerId)
    .selectFrom("person_emails")
    .select(["person_id", "value_key"])
    .execute();
  const people = await ownedBy(db, ownerId)
    .selectFrom("people")
    .select(["id", "display_name"])
    .where("archived", "=", 0)
    .execute();
  const names = new Map<string, { id: string; name: string }[]>();
  for (const p of people) {
    const key = foldText(p.display_name);
    if (!key) continue;
    const person = { id: p.id, name: p.display_name };
    const same = names.get(key);
    if (same) same.push(person);
    else names.set(key, [person]);
  }
  return { emails: new Map(emails.map((e) => [e.value_key, e.person_id])), names };
}

/** The status of the sources with these keys that were seen before (logged, unmatched, skipped). */
export async function sourceStatuses(
  db: Kysely<Database>,
  ownerId: string,
  keys: readonly string[],
): Promise<Map<string, string>> {
  const statuses = new Map<string, string>();
  for (const part of slices(keys, KEYS_PER_READ)) {
    const rows = await ownedBy(db, ownerId)
      .selectFrom("capture_sources")
      .select(["source_key", "status"])
      .where("source_key", "in", part)
      .execute();
    for (const r of rows) statuses.set(r.source_key, r.status);
  }
  return statuses;
}

export interface SourceRow {
  source_key: string;
  kind: "email" | "meeting";
  status: "logged" | "unmatched" | "skipped";
  occurred_at: string | null;
  interaction_id: string | null;
  import_id: string | null;
}

/**
 * Remembers sources; one seen before as unmatched that is now logged takes its new state (its key
 * must appear once in `rows`).
 */
export async function rememberSources(
  db: Kysely<Database>,
  ownerId: string,
  rows: readonly SourceRow[],
  createdAt: string,
): Promise<void> {
  for (const part of slices(rows, KEYS_PER_READ)) {
    await db
      .insertInto("capture_sources")
      .values(part.map((r) => ({ owner_id: ownerId, ...r, created_at: createdAt })))
      .onConflict((oc) =>
        oc.columns(["owner_id", "source_key"]).doUpdateSet((eb) => ({
          status: eb.ref("excluded.status"),
          interaction_id: eb.ref("excluded.interaction_id"),
          occurred_at: eb.ref("excluded.occurred_at"),
          import_id: eb.ref("excluded.import_id"),
        })),
      )
      .execute();
  }
}

/** Inserts new moments and their participants, many per statement. */
export async function insertMoments(
  db: Kysely<Database>,
  moments: readonly { row: InteractionRow; participants: readonly string[] }[],
): Promise<void> {
  for (const part of slices(moments, KEYS_PER_READ)) {
    await db
      .insertInto("interactions")
      .values(part.map((m) => m.row))
      .execute();
  }
  const participants = moments.flatMap((m) =>
    m.participants.map((person_id) => ({ owner_id: m.row.owner_id, interaction_id: m.row.id, person_id })),
  );
  for (const part of slices(participants, 2 * KEYS_PER_READ)) {
    await db.insertInto("interaction_participants").values(part).execute();
  }
}

/**
 * Adds many moments of contact to people's aggregates and contact-days: each person's row read and
 * written once per call, which is what `recordContact` does one moment at a time.
 */
export async function recordContacts(
  db: Kysely<Database>,
  ownerId: string,
  events: readonly { personId: string; event: ContactEvent }[],
): Promise<void> {
  if (events.length === 0) return;
  const byPerson = new Map<string, ContactEvent[]>();
  for (const { personId, event } of events) {
    const list = byPerson.get(personId);
    if (list) list.push(event);
    else byPerson.set(personId, [event]);
  }
  const ids = [...byPerson.keys()];
  for (const part of slices(ids, KEYS_PER_READ)) {
    const statsRows = await ownedBy(db, ownerId)
      .selectFrom("person_stats")
      .selectAll()
      .where("person_id", "in", part)
      .execute();
    const statsById = new Map(statsRows.map((r) => [r.person_id, r]));
    const days = [...new Set(part.flatMap((id) => (byPerson.get(id) ?? []).map((e) => contactDay(e.at))))];
    const best = new Map<string, number>();
    for (const daysPart of slices(days, KEYS_PER_READ)) {
      const dayRows = await ownedBy(db, ownerId)
        .selectFrom("contact_days")
        .select(["person_id", "day", "best"])
        .where("person_id", "in", part)
        .where("day", "in", daysPart)
        .execute();
      for (const d of dayRows) best.set(`${d.person_id} ${Number(d.day)}`, d.best);
    }
    const changedDays = new Map<string, { person_id: string; day: number; best: number }>();
    for (const personId of part) {
      let sums = personStatsFromRow(statsById.get(personId)).contacts;
      for (const event of byPerson.get(personId) ?? []) {
        const day = contactDay(event.at);
        const key = `${personId} ${day}`;
        const before = best.get(key) ?? 0;
        const added = addContact(sums, event, before);
        sums = added.sums;
        if (added.bestThatDay !== before) {
          best.set(key, added.bestThatDay);
          changedDays.set(key, { person_id: personId, day, best: added.bestThatDay });
        }
      }
      await ownedBy(db, ownerId)
        .updateTable("person_stats")
        .set(contactColumns(sums))
        .where("person_id", "=", personId)
        .execute();
    }
    for (const daysPart of slices([...changedDays.values()], KEYS_PER_READ)) {
      await db
        .insertInto("contact_days")
        .values(daysPart.map((d) => ({ owner_id: ownerId, ...d })))
        .onConflict((oc) =>
          oc
            .columns(["owner_id", "person_id", "day"])
            .doUpdateSet((eb) => ({ best: eb.ref("excluded.best") })),
        )
        .execute();
    }
  }
  await refreshAgendaKeys(db, ownerId, ids);
  await refreshFirstEvents(db, ownerId, ids);
}

/** One unknown address on one message, to count among "people you write to often". */
export interface CorrespondentSighting {
  emailKey: string;
  email: string;
  name: string | null;
  at: string | null;
}

const earlier = (a: string | null, b: string | null) => (a === null ? b : b === null || a <= b ? a : b);
const later = (a: string | null, b: string | null) => (a === null ? b : b === null || a >= b ? a : b);

/** Counts sightings of addresses that are not yet people: one message each, the dates widened. */
export async function countCorrespondents(
  db: Kysely<Database>,
  ownerId: string,
  sightings: readonly CorrespondentSighting[],
): Promise<void> {
  const merged = new Map<
    string,
    { email: string; name: string | null; messages: number; first_at: string | null; last_at: string | null }
  >();
  for (const s of sightings) {
    const seen = merged.get(s.emailKey);
    if (!seen) {
      merged.set(s.emailKey, { email: s.email, name: s.name, messages: 1, first_at: s.at, last_at: s.at });
      continue;
    }
    seen.messages++;
    seen.name ??= s.name;
    seen.first_at = earlier(seen.first_at, s.at);
    seen.last_at = later(seen.last_at, s.at);
  }
  for (const part of slices([...merged.keys()], KEYS_PER_READ)) {
    const existing = await ownedBy(db, ownerId)
      .selectFrom("capture_correspondents")
      .select(["email_key", "name", "messages", "first_at", "last_at"])
      .where("email_key", "in", part)
      .execute();
    for (const row of existing) {
      const add = merged.get(row.email_key);
      if (!add) continue;
      add.messages += Number(row.messages);
      add.name = row.name ?? add.name;
      add.first_at = earlier(row.first_at, add.first_at);
      add.last_at = later(row.last_at, add.last_at);
    }
    const rows = part.flatMap((key) => {
      const m = merged.get(key);
      return m ? [{ owner_id: ownerId, email_key: key, ...m, status: "open", person_id: null }] : [];
    });
    await db
      .insertInto("capture_correspondents")
      .values(rows)
      .onConflict((oc) =>
        oc.columns(["owner_id", "email_key"]).doUpdateSet((eb) => ({
          name: eb.ref("excluded.name"),
          messages: eb.ref("excluded.messages"),
          first_at: eb.ref("excluded.first_at"),
          last_at: eb.ref("excluded.last_at"),
        })),
      )
      .execute();
  }
}

/** A suggested entry as the pipeline makes it: the row without its owner and decision. */
export type NewInboxItem = Omit<
  InboxItemsTable,
  "owner_id" | "kind" | "status" | "record_id" | "created_at" | "decided_at"
> & { kind: CaptureProposal["kind"] | "alias" };

/** Inserts suggested entries, open, waiting for the user's yes. */
export async function insertInboxItems(
  db: Kysely<Database>,
  ownerId: string,
  items: readonly NewInboxItem[],
  createdAt: string,
): Promise<void> {
  for (const part of slices(items, KEYS_PER_READ)) {
    await db
      .insertInto("inbox_items")
      .values(
        part.map((i) => ({
          owner_id: ownerId,
          ...i,
          status: "open",
          record_id: null,
          created_at: createdAt,
          decided_at: null,
        })),
      )
      .execute();
  }
}

/** The addresses (as their `detail.email`) of the alias suggestions still open. */
export async function openAliasDetails(db: Kysely<Database>, ownerId: string): Promise<string[]> {
  const rows = await ownedBy(db, ownerId)
    .selectFrom("inbox_items")
    .select("detail")
    .where("kind", "=", "alias")
    .where("status", "=", "open")
    .execute();
  return rows.flatMap((r) => (r.detail === null ? [] : [r.detail]));
}

/** The account's sign-in address on a server (none for the local owner). */
export async function accountEmail(db: Kysely<Database>, ownerId: string): Promise<string | null> {
  const row = await ownedBy(db, ownerId).selectFrom("users").select("email").executeTakeFirst();
  return row?.email ?? null;
}
