/**
 * The SQL of importing contacts: the identity index an import matches against, people written many
 * at a time, the rows a merge reads. The rules of merging live in app/import-contacts.ts; what an
 * export reads is in contact-export.repository.ts.
 */
import { CompiledQuery, type InsertObject, type Kysely } from "kysely";
import type { Dialect } from "./dialect.js";
import type { JournaledTable } from "./journaled-tables.js";
import { emailKey, phoneKey } from "./keys.js";
import { ownedBy } from "./owned.js";
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
  const people = await ownedBy(db, ownerId).selectFrom("people").select(["id", "uid"]).execute();
  const emails = await ownedBy(db, ownerId)
    .selectFrom("person_emails")
    .select(["person_id", "value_key"])
    .execute();
  const phones = await ownedBy(db, ownerId)
    .selectFrom("person_phones")
    .select(["person_id", "value_key"])
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

/** "$" where the dialect numbers its parameters ($1, PostgreSQL), "?" where it does not (SQLite). */
const parameterStyles = new WeakMap<Kysely<Database>, "$" | "?">();
/**
 * Rows per statement of `insertMany`: a statement of a hundred rows is as quick per row as one of
 * thousands, and the text of a few sizes is prepared once — a batch of any size is mostly statements
 * of exactly this many, where every remainder of a larger chunk was a new statement to prepare.
 */
const ROWS_PER_INSERT = 100;
/** The text of multi-row inserts by dialect, table, columns and row count: a few shapes per import. */
const insertTexts = new Map<string, string>();

function insertText(style: "$" | "?", table: string, columns: readonly string[], rows: number): string {
  const key = `${style} ${table} ${columns.join(",")} ${rows}`;
  let text = insertTexts.get(key);
  if (text === undefined) {
    let n = 0;
    const row = () => `(${columns.map(() => (style === "$" ? `$${++n}` : "?")).join(", ")})`;
    text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) values ${Array.from({ length: rows }, row).join(", ")}`;
    // Remainders of every size would grow the map without end: start over instead.
    if (insertTexts.size >= 200) insertTexts.clear();
    insertTexts.set(key, text);
  }
  return text;
}

/**
 * Inserts rows of one shape many per statement. Kysely would turn every value into a node of a
 * query tree and compile it (a tenth of an import's time); the text here is made once per shape and
 * the values passed as they are. Rows of mixed shapes go through Kysely.
 */
async function insertMany<T extends keyof Database>(
  db: Kysely<Database>,
  table: T,
  rows: Record<string, unknown>[],
): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  const columns = Object.keys(first).filter((c) => first[c] !== undefined);
  if (rows.some((r) => Object.keys(r).length !== columns.length || columns.some((c) => r[c] === undefined))) {
    for (const chunk of chunked(rows, columns.length))
      await db
        .insertInto(table)
        .values(chunk as InsertObject<Database, T>[])
        .execute();
    return;
  }
  let style = parameterStyles.get(db);
  if (style === undefined) {
    style = db.selectFrom("owners").select("id").where("id", "=", "").compile().sql.includes("$1")
      ? "$"
      : "?";
    parameterStyles.set(db, style);
  }
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT);
    const parameters: unknown[] = [];
    for (const row of chunk) for (const c of columns) parameters.push(row[c]);
    await db.executeQuery(CompiledQuery.raw(insertText(style, table, columns, chunk.length), parameters));
  }
}

/** Rows just written to one journaled table: what an import journals for the batch (journalAddedRows). */
export type AddedRows = { table: JournaledTable; rows: Record<string, unknown>[] };

/**
 * Inserts many new people with their details in a few multi-row statements (imports, restores);
 * returns the rows written to each journaled table.
 */
export async function insertPeopleBatch(
  db: Kysely<Database>,
  batch: { row: NewPersonRow; details: PersonDetails }[],
): Promise<AddedRows[]> {
  if (batch.length === 0) return [];
  const people = batch.map((b) => b.row);
  await insertMany(db, "people", people);
  const stats = batch.map((b) => ({ owner_id: b.row.owner_id, person_id: b.row.id }));
  await insertMany(db, "person_stats", stats);
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
  await insertMany(db, "person_emails", emails);
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
  await insertMany(db, "person_phones", phones);
  const urls = batch.flatMap((b) =>
    uniqueBy(b.details.urls, (u) => u.value.trim()).map((u, position) => ({
      owner_id: b.row.owner_id,
      person_id: b.row.id,
      position,
      value: u.value.trim(),
      label: u.label,
    })),
  );
  await insertMany(db, "person_urls", urls);
  const dates = batch.flatMap((b) =>
    uniqueBy(b.details.dates, (d) => d.label).map((d) => ({
      owner_id: b.row.owner_id,
      person_id: b.row.id,
      label: d.label,
      date: d.date,
    })),
  );
  await insertMany(db, "person_dates", dates);
  const related = batch.flatMap((b) =>
    b.details.related.map((r, position) => ({
      owner_id: b.row.owner_id,
      person_id: b.row.id,
      position,
      name: r.name,
      relation: r.relation,
    })),
  );
  await insertMany(db, "person_related", related);
  return [
    { table: "people", rows: people },
    { table: "person_emails", rows: emails },
    { table: "person_phones", rows: phones },
    { table: "person_urls", rows: urls },
    { table: "person_dates", rows: dates },
    { table: "person_related", rows: related },
  ];
}

/** People by id, for a merge: the rows of those still in the store. */
export async function loadPeopleRows(
  db: Kysely<Database>,
  ownerId: string,
  ids: readonly string[],
): Promise<Map<string, PersonRow>> {
  const rows = new Map<string, PersonRow>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = await ownedBy(db, ownerId)
      .selectFrom("people")
      .selectAll()
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
    const rows = await ownedBy(db, ownerId)
      .selectFrom("notes")
      .select(["person_id", "body"])
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
  await insertMany(db, "notes", notes);
}
