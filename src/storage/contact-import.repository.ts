/**
 * The SQL of importing and exporting contacts: the identity index an import matches against, people
 * written many at a time, the rows a merge reads, and what an export reads. The rules of merging live in app/import-contacts.ts.
 */
import type { Kysely } from "kysely";
import type { Dialect } from "./dialect.js";
import { emailKey, phoneKey } from "./keys.js";
import { type PersonDetails, uniqueBy } from "./person.repository.js";
import type { Database, NewPersonRow, PersonRow } from "./schema.js";
import { withImportPragmas } from "./sqlite/import-pragmas.js";

/** Runs a whole import with the dialect's settings for bulk writes (SQLite: cache and checkpoints). */
export function withBulkImport<T>(db: Kysely<Database>, dialect: Dialect, fn: () => Promise<T>): Promise<T> {
  return dialect.name === "sqlite" ? withImportPragmas(db, fn) : fn();
}

/** Every way an imported contact can be recognised: id, source UID, email and phone keys. */
export interface IdentityIndex {
  ids: Set<string>;
  uids: Map<string, string>;
  emails: Map<string, string>;
  phones: Map<string, string>;
}

/** Loads the identity index of one owner's people: one read, then imports match in memory. */
export async function loadIdentityIndex(db: Kysely<Database>, ownerId: string): Promise<IdentityIndex> {
  const people = await db
    .selectFrom("people")
    .select(["id", "uid"])
    .where("owner_id", "=", ownerId)
    .execute();
  const emails = await db
    .selectFrom("person_emails")
    .select(["person_id", "value_key"])
    .where("owner_id", "=", ownerId)
    .execute();
  const phones = await db
    .selectFrom("person_phones")
    .select(["person_id", "value_key"])
    .where("owner_id", "=", ownerId)
    .execute();
  return {
    ids: new Set(people.map((p) => p.id)),
    uids: new Map(people.flatMap((p) => (p.uid ? [[p.uid, p.id] as const] : []))),
    emails: new Map(emails.map((e) => [e.value_key, e.person_id])),
    phones: new Map(phones.map((p) => [p.value_key, p.person_id])),
  };
}

/** Rows per statement so that a multi-row insert stays under SQLite's bound-parameter limit. */
function chunked<T>(rows: T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(30_000 / columns));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}

/** Inserts many new people with their details in a few multi-row statements (imports, restores). */
export async function insertPeopleBatch(
  db: Kysely<Database>,
  batch: { row: NewPersonRow; details: PersonDetails }[],
): Promise<void> {
  if (batch.length === 0) return;
  for (const chunk of chunked(batch, 24))
    await db
      .insertInto("people")
      .values(chunk.map((b) => b.row))
      .execute();
  const stats = batch.map((b) => ({ owner_id: b.row.owner_id, person_id: b.row.id }));
  for (const chunk of chunked(stats, 2)) await db.insertInto("person_stats").values(chunk).execute();
  const emails = batch.flatMap((b) =>
    uniqueBy(b.details.emails, (e) => emailKey(e.value)).map((e, position) => ({
      owner_id: b.row.owner_id,
      person_id: b.row.id,
      position,
      value: e.value.trim(),
      value_key: emailKey(e.value),
      label: e.label,
      pref: e.pref ? 1 : 0,
    })),
  );
  for (const chunk of chunked(emails, 7)) await db.insertInto("person_emails").values(chunk).execute();
  const phones = batch.flatMap((b) =>
    uniqueBy(b.details.phones, (p) => phoneKey(p.value) || p.value.trim()).map((p, position) => ({
      owner_id: b.row.owner_id,
      person_id: b.row.id,
      position,
      value: p.value.trim(),
      value_key: phoneKey(p.value) || p.value.trim(),
      label: p.label,
      pref: p.pref ? 1 : 0,
    })),
  );
  for (const chunk of chunked(phones, 7)) await db.insertInto("person_phones").values(chunk).execute();
  const urls = batch.flatMap((b) =>
    uniqueBy(b.details.urls, (u) => u.value.trim()).map((u, position) => ({
      owner_id: b.row.owner_id,
      person_id: b.row.id,
      position,
      value: u.value.trim(),
      label: u.label,
    })),
  );
  for (const chunk of chunked(urls, 5)) await db.insertInto("person_urls").values(chunk).execute();
  const dates = batch.flatMap((b) =>
    uniqueBy(b.details.dates, (d) => d.label).map((d) => ({
      owner_id: b.row.owner_id,
      person_id: b.row.id,
      label: d.label,
      date: d.date,
    })),
  );
  for (const chunk of chunked(dates, 4)) await db.insertInto("person_dates").values(chunk).execute();
  const related = batch.flatMap((b) =>
    b.details.related.map((r, position) => ({
      owner_id: b.row.owner_id,
      person_id: b.row.id,
      position,
      name: r.name,
      relation: r.relation,
    })),
  );
  for (const chunk of chunked(related, 5)) await db.insertInto("person_related").values(chunk).execute();
}

/** People by id, for a merge: the rows of those still in the store. */
export async function loadPeopleRows(
  db: Kysely<Database>,
  ownerId: string,
  ids: readonly string[],
): Promise<Map<string, PersonRow>> {
  const rows = new Map<string, PersonRow>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = await db
      .selectFrom("people")
      .selectAll()
      .where("owner_id", "=", ownerId)
      .where("id", "in", ids.slice(i, i + 500))
      .execute();
    for (const row of chunk) rows.set(row.id, row);
  }
  return rows;
}

/** The notes those people have, as `person id NUL body`, so a merge adds a note only once. */
export async function loadNoteKeys(
  db: Kysely<Database>,
  ownerId: string,
  personIds: readonly string[],
): Promise<Set<string>> {
  const keys = new Set<string>();
  for (let i = 0; i < personIds.length; i += 500) {
    const rows = await db
      .selectFrom("notes")
      .select(["person_id", "body"])
      .where("owner_id", "=", ownerId)
      .where("person_id", "in", personIds.slice(i, i + 500))
      .execute();
    for (const n of rows) keys.add(noteKey(n.person_id, n.body));
  }
  return keys;
}

export const noteKey = (personId: string, body: string): string => `${personId}\u0000${body}`;

/** New notes, many per statement. */
export async function insertNotes(
  db: Kysely<Database>,
  notes: { owner_id: string; id: string; person_id: string; body: string; created_at: string }[],
): Promise<void> {
  for (const chunk of chunked(notes, 5)) await db.insertInto("notes").values(chunk).execute();
}
