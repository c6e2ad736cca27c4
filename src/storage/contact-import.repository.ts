/**
 * The SQL of importing contacts: the identity index an import matches against, people written many
 * at a time, the rows a merge reads. The rules of merging live in app/import-contacts.ts; what an
 * export reads is in contact-export.repository.ts.
 */
import { type Kysely, sql } from "kysely";
import { keysOfNewPerson, refreshAgendaKeys, rulesOf } from "./agenda-keys.js";
import type { Dialect } from "./dialect.js";
import { insertMany, insertManyTogether, type TableRows } from "./insert-many.js";
import type { JournaledTable } from "./journaled-tables.js";
import { emailKey, foldText, newId, phoneKey } from "./keys.js";
import { JOURNAL_PAUSED_SETTING } from "./migrations/0005-undo-journal.js";
import { ownedBy } from "./owned.js";
import { type PersonDetails, uniqueBy } from "./person.repository.js";
import type { Database, NewPersonRow, PersonRow } from "./schema.js";
import { type BulkWrite, withImportPragmas } from "./sqlite/import-pragmas.js";

/**
 * Runs a whole import with the dialect's settings for bulk writes (SQLite: cache and checkpoints),
 * telling it whether it has the process to itself (SQLite: a CLI command; see BulkWrite).
 */
export function withBulkImport<T>(
  db: Kysely<Database>,
  dialect: Dialect,
  fn: (bulk: BulkWrite) => Promise<T>,
): Promise<T> {
  return dialect.name === "sqlite" ? withImportPragmas(db, fn) : fn({ alone: false });
}

/**
 * Tells PostgreSQL how many people there are now, mid-import. Its foreign-key checks (every email,
 * phone, stats row and note looks its person up) run a plan made once per connection and remade
 * when the table's statistics change; made while `people` was empty, it scans the whole table, and
 * an import slowed down with every row it added (0.7 ms a check at 5,000 people). SQLite's checks
 * always use the parent's key: nothing to do there.
 */
export async function refreshPeopleStatistics(db: Kysely<Database>, dialect: Dialect): Promise<void> {
  if (dialect.name === "postgres") await sql`analyze people`.execute(db);
}

/**
 * Pauses or resumes the undo journal's row triggers for the rest of this transaction, PostgreSQL
 * only (migration 0018): a setting local to the transaction, which the triggers' `WHEN` reads, so a
 * paused insert queues no trigger event at all. Ends with the transaction, whether it commits or not.
 */
export async function pauseJournalTriggers(db: Kysely<Database>, paused: boolean): Promise<void> {
  await sql`select set_config(${JOURNAL_PAUSED_SETTING}, ${paused ? "on" : "off"}, true)`.execute(db);
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

/**
 * The organizations of these names (matched by folded name), created when new: a batch's places in
 * a read and an insert, where one at a time took two round trips each. By folded name → id.
 */
export async function obtainOrganizations(
  db: Kysely<Database>,
  ownerId: string,
  names: readonly string[],
  at: string,
): Promise<Map<string, string>> {
  const wanted = new Map(names.map((name) => [foldText(name), name.trim()]));
  const ids = new Map<string, string>();
  const keys = [...wanted.keys()];
  for (let i = 0; i < keys.length; i += 500) {
    const found = await ownedBy(db, ownerId)
      .selectFrom("organizations")
      .select(["id", "name_key"])
      .where("name_key", "in", keys.slice(i, i + 500))
      .execute();
    for (const row of found) if (!ids.has(row.name_key)) ids.set(row.name_key, row.id);
  }
  const added = [...wanted]
    .filter(([key]) => !ids.has(key))
    .map(([key, name]) => ({ owner_id: ownerId, id: newId(), name, name_key: key, created_at: at }));
  await insertMany(db, "organizations", added);
  for (const row of added) ids.set(row.name_key, row.id);
  return ids;
}

/** The departments of these names in their organizations, created when new. By `organization id NUL folded name` → id. */
export async function obtainDepartments(
  db: Kysely<Database>,
  ownerId: string,
  names: readonly { organizationId: string; name: string }[],
  at: string,
): Promise<Map<string, string>> {
  const wanted = new Map(
    names.map((d) => [departmentKey(d.organizationId, foldText(d.name)), { ...d, key: foldText(d.name) }]),
  );
  const ids = new Map<string, string>();
  const organizations = [...new Set(names.map((d) => d.organizationId))];
  for (let i = 0; i < organizations.length; i += 500) {
    const found = await ownedBy(db, ownerId)
      .selectFrom("departments")
      .select(["id", "organization_id", "name_key"])
      .where("organization_id", "in", organizations.slice(i, i + 500))
      .execute();
    for (const row of found) {
      const key = departmentKey(row.organization_id, row.name_key);
      if (wanted.has(key) && !ids.has(key)) ids.set(key, row.id);
    }
  }
  const added = [...wanted]
    .filter(([key]) => !ids.has(key))
    .map(([key, d]) => ({
      key,
      row: {
        owner_id: ownerId,
        id: newId(),
        organization_id: d.organizationId,
        name: d.name.trim(),
        name_key: d.key,
        created_at: at,
      },
    }));
  await insertMany(
    db,
    "departments",
    added.map((a) => a.row),
  );
  for (const { key, row } of added) ids.set(key, row.id);
  return ids;
}

export const departmentKey = (organizationId: string, nameKey: string): string =>
  `${organizationId}\u0000${nameKey}`;

/** Keys left empty, for `refreshAgendaKeys` to write (every row of a multi-row insert has the same columns). */
const NO_KEYS = {
  agenda_cadence: null,
  agenda_due_ms: null,
  agenda_weight: null,
  agenda_received: null,
  agenda_month_day: null,
};

/** Rows just written to one journaled table: what an import journals for the batch (journalAddedRows). */
export type AddedRows = { table: JournaledTable; rows: Record<string, unknown>[] };

/**
 * The rows of many new people with their details (imports, restores), for one `insertManyTogether`,
 * in the order they go in; `journaled`, those of journaled tables (the aggregates' row is not), and
 * `unkeyed`, the people whose agenda keys only SQL can tell (`refreshAgendaKeys` after the insert).
 * Reads the owner's cadence rules.
 */
export async function newPeopleRows(
  db: Kysely<Database>,
  batch: { row: NewPersonRow; details: PersonDetails }[],
): Promise<{ writes: TableRows[]; journaled: AddedRows[]; unkeyed: string[] }> {
  if (batch.length === 0) return { writes: [], journaled: [], unkeyed: [] };
  const people = batch.map((b) => b.row);
  // The agenda's keys are written with the aggregates' row (a new person has no contact yet); the
  // few whose keys only SQL can tell are refreshed after.
  const ownerId = people[0]?.owner_id ?? "";
  const rules = await rulesOf(db, ownerId);
  const unkeyed: string[] = [];
  const stats = batch.map((b) => {
    const keys = keysOfNewPerson(rules, b.row);
    if (keys === undefined) unkeyed.push(b.row.id);
    return { owner_id: b.row.owner_id, person_id: b.row.id, ...(keys ?? NO_KEYS) };
  });
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
  const urls = batch.flatMap((b) =>
    uniqueBy(b.details.urls, (u) => u.value.trim()).map((u, position) => ({
      owner_id: b.row.owner_id,
      person_id: b.row.id,
      position,
      value: u.value.trim(),
      label: u.label,
    })),
  );
  const dates = batch.flatMap((b) =>
    uniqueBy(b.details.dates, (d) => d.label).map((d) => ({
      owner_id: b.row.owner_id,
      person_id: b.row.id,
      label: d.label,
      date: d.date,
    })),
  );
  const related = batch.flatMap((b) =>
    b.details.related.map((r, position) => ({
      owner_id: b.row.owner_id,
      person_id: b.row.id,
      position,
      name: r.name,
      relation: r.relation,
    })),
  );
  const journaled: AddedRows[] = [
    { table: "people", rows: people },
    { table: "person_emails", rows: emails },
    { table: "person_phones", rows: phones },
    { table: "person_urls", rows: urls },
    { table: "person_dates", rows: dates },
    { table: "person_related", rows: related },
  ];
  const writes: TableRows[] = [
    { table: "people", rows: people },
    { table: "person_stats", rows: stats },
    ...journaled.slice(1),
  ];
  return { writes, journaled, unkeyed };
}

/**
 * Inserts many new people with their details (imports, restores): one statement on PostgreSQL, a
 * few multi-row ones on SQLite (`insertManyTogether`); returns the rows written to each journaled table.
 */
export async function insertPeopleBatch(
  db: Kysely<Database>,
  batch: { row: NewPersonRow; details: PersonDetails }[],
): Promise<AddedRows[]> {
  const { writes, journaled, unkeyed } = await newPeopleRows(db, batch);
  await insertManyTogether(db, writes);
  await refreshAgendaKeys(db, batch[0]?.row.owner_id ?? "", unkeyed);
  return batch.length === 0 ? [] : journaled;
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
