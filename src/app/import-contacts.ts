/**
 * `goodwill import`: contacts from address books, merged with the people already here (DESIGN §6).
 *
 * A contact that matches a person by UID, email or phone updates that person — empty fields are
 * filled, lists extended, nothing the user typed is overwritten — and the same holds within one
 * file. Records are imported in batches, each in one transaction, so a crash leaves whole people
 * only and a second run finishes the job without duplicates. Matching is done in memory against an
 * index loaded once, which is what makes a hundred thousand contacts take seconds.
 */
import { createHash } from "node:crypto";
import { emptyImportResult, type ImportResult } from "../contract/import-result.js";
import { DEFAULT_CLOSENESS_IMPORTED, DEFAULT_LAYER_IMPORTED } from "../domain/defaults.js";
import { LIMITS } from "../domain/limits.js";
import { formatPartialDate } from "../domain/partial-date.js";
import { GoodwillError } from "../errors.js";
import { type ContactRecord, isRecordError, type ReadResult } from "../formats/contact-record.js";
import { refreshAgendaKeys } from "../storage/agenda-keys.js";
import {
  type AddedRows,
  departmentKey,
  type IdentityIndex,
  insertNotes,
  loadIdentityIndex,
  loadNoteKeys,
  loadPeopleRows,
  newPeopleRows,
  noteKey,
  obtainDepartments,
  obtainOrganizations,
  pauseJournalTriggers,
  refreshPeopleStatistics,
  withBulkImport,
} from "../storage/contact-import.repository.js";
import { insertManyTogether, type TableRows } from "../storage/insert-many.js";
import { addedRowsUndo, beginJournal, endJournal } from "../storage/journal.repository.js";
import { emailKey, foldText, newId, phoneKey } from "../storage/keys.js";
import {
  loadDetails,
  NO_DETAILS,
  type PersonDetails,
  parseTags,
  replaceDetails,
  updatePerson,
} from "../storage/person.repository.js";
import type { NewPersonRow, PersonRow } from "../storage/schema.js";
import { indexDocuments, searchDocumentRows } from "../storage/search.repository.js";
import { type AppContext, nowIso } from "./context.js";
import { fitContact } from "./fit-contact.js";
import { personSearchBody, reindexPerson } from "./people.js";
import {
  BATCH_MIN,
  type BatchSizing,
  SQLITE_ALONE_SIZING,
  type TimedBatches,
  timedBatches,
} from "./timed-batches.js";

/**
 * The identity of a record without a UID: LinkedIn's profile URL when there is one, else a hash of
 * what the record says, so re-importing the same file finds the same people again.
 */
function sourceUid(format: string, contact: ContactRecord): string | null {
  if (contact.uid) return contact.uid;
  const linkedin = contact.urls.find((u) => /linkedin\.com\/in\//i.test(u.value));
  if (linkedin) return `linkedin:${linkedin.value.replace(/\/+$/, "").toLowerCase()}`;
  const digest = createHash("sha1")
    .update(
      JSON.stringify([
        contact.displayName,
        contact.organization,
        contact.title,
        contact.emails.map((e) => e.value),
        contact.phones.map((p) => p.value),
      ]),
    )
    .digest("hex");
  return `${format}:${digest.slice(0, 24)}`;
}

export function detailsOf(contact: ContactRecord): PersonDetails {
  return {
    emails: contact.emails,
    phones: contact.phones,
    urls: contact.urls,
    dates: contact.dates.map((d) => ({ label: d.label, date: formatPartialDate(d.date) })),
    related: contact.related,
  };
}

export function findMatch(
  index: IdentityIndex,
  uid: string | null,
  contact: ContactRecord,
): string | undefined {
  if (uid) {
    const byUid = index.uids.get(uid) ?? (index.ids.has(uid) ? uid : undefined);
    if (byUid) return byUid;
  }
  for (const e of contact.emails) {
    const id = index.emails.get(emailKey(e.value));
    if (id) return id;
  }
  for (const p of contact.phones) {
    const key = phoneKey(p.value);
    const id = key.length >= 6 ? index.phones.get(key) : undefined;
    if (id) return id;
  }
  return undefined;
}

function remember(index: IdentityIndex, personId: string, uid: string | null, details: PersonDetails): void {
  index.ids.add(personId);
  if (uid && !index.uids.has(uid)) index.uids.set(uid, personId);
  for (const e of details.emails) {
    const key = emailKey(e.value);
    if (!index.emails.has(key)) index.emails.set(key, personId);
  }
  for (const p of details.phones) {
    const key = phoneKey(p.value);
    if (key.length >= 6 && !index.phones.has(key)) index.phones.set(key, personId);
  }
}

/**
 * Adds what is new in `extra` to `base`, keeping base's order and never dropping anything of base,
 * up to `max` items in all; with how many new items did not fit. A person merged from thousands of
 * records stops growing at what a person can have, so each further merge costs the same.
 */
function extend<T>(
  base: T[],
  extra: T[],
  key: (item: T) => string,
  max = Number.POSITIVE_INFINITY,
): { items: T[]; leftOut: number } {
  if (extra.length === 0) return { items: base, leftOut: 0 };
  const seen = new Set(base.map(key));
  const items = [...base];
  let leftOut = 0;
  for (const item of extra) {
    const k = key(item);
    if (seen.has(k)) continue;
    seen.add(k);
    if (items.length < max) items.push(item);
    else leftOut++;
  }
  return { items, leftOut };
}

/** What a merge left out because the person already had as many as a person can have. */
type MergeWarning = { field: string; message: string };

const NOUNS = {
  emails: { one: "email", many: "emails" },
  phones: { one: "phone", many: "phones" },
  urls: { one: "link", many: "links" },
  tags: { one: "tag", many: "tags" },
} as const;

function capWarning(field: keyof typeof NOUNS, leftOut: number, max: number): MergeWarning {
  const noun = NOUNS[field];
  return {
    field,
    message: `merged into someone who already has ${max} ${noun.many}, the most a person can have: ${leftOut.toLocaleString("en")} ${leftOut === 1 ? noun.one : noun.many} left out`,
  };
}

/**
 * PostgreSQL's batches: up to ~half a second of one owner's advisory lock (that owner's other writers
 * wait, nobody else does), so a batch's dozen round trips are paid for thousands of rows; and the
 * next batch is read and parsed while the database writes the last one.
 */
const POSTGRES_BATCHES: BatchSizing = { budgetMs: 500, max: 10_000, overlapped: true };

/** The import's new people past which the planner's statistics are not refreshed before the end. */
const PLANNED_ENOUGH = 10_000;

/** PostgreSQL's batches; on SQLite a CLI import's (alone with the store) or the server's default. */
function batchSizing(ctx: AppContext, alone: boolean): BatchSizing | undefined {
  if (ctx.store.dialect.name === "postgres") return POSTGRES_BATCHES;
  return alone ? SQLITE_ALONE_SIZING : undefined;
}

export interface ImportOptions {
  format: string;
  onProgress?: (records: number) => void;
}

/** Imports contact records (from a reader) into the store; returns what happened to each. */
export function importContacts(
  ctx: AppContext,
  records: AsyncIterable<ReadResult>,
  options: ImportOptions,
): Promise<ImportResult> {
  return withBulkImport(ctx.store.db, ctx.store.dialect, (bulk) =>
    importAll(ctx, records, options, batchSizing(ctx, bulk.alone)),
  );
}

async function importAll(
  ctx: AppContext,
  records: AsyncIterable<ReadResult>,
  options: ImportOptions,
  sizing: BatchSizing | undefined,
): Promise<ImportResult> {
  const result: ImportResult = emptyImportResult(options.format);
  const index = await loadIdentityIndex(ctx.db, ctx.ownerId);
  const places: Places = { organizations: new Map(), departments: new Map(), folded: new Map() };
  let seen = 0;
  let plannedFor = BATCH_MIN / 2;
  const batches = timedBatches<BatchItem>(
    ctx,
    (tx, items) => importBatch(tx, items, index, places, result),
    async () => {
      // Each time the people this import created have doubled, the planner hears of it (PostgreSQL),
      // up to PLANNED_ENOUGH: by then its plans are the ones of a big table, and it scales the
      // figures it has with the table's size; the last two of a 100,000-contact import, sampling
      // 30,000 rows each, were half the time of all of them.
      if (result.created >= 2 * plannedFor && plannedFor < PLANNED_ENOUGH) {
        plannedFor = result.created;
        await refreshPeopleStatistics(ctx.db, ctx.store.dialect);
      }
      options.onProgress?.(seen);
    },
    sizing,
  );

  for await (const item of settledOnFailure(records, batches)) {
    await batches.turn();
    seen++;
    if (isRecordError(item)) {
      result.skipped++;
      result.errors.push(item);
      continue;
    }
    const fitted = fitContact(item.contact);
    for (const warnings of [item.warnings, fitted.warnings])
      for (const warning of warnings)
        result.warnings.push({ record: item.record, line: item.line, ...warning });
    // The identity comes from the record as the file has it, so a re-import finds the same person.
    await batches.add({
      contact: fitted.contact,
      uid: sourceUid(options.format, item.contact),
      record: item.record,
      line: item.line,
    });
  }
  await batches.flush();
  // Hundreds of new people at once: the planner's figures are out of date (see the dialect).
  if (result.created >= BATCH_MIN) await ctx.store.dialect.refreshStatistics(ctx.db);
  if (seen === 0) {
    throw new GoodwillError(
      "not_an_address_book",
      `No contacts were found in this ${options.format} file, so nothing was imported.`,
    );
  }
  if (result.skipped === seen) throw nothingReadable(result);
  return result;
}

/**
 * The records, and on the reader's failure a wait for the batch still being written (PostgreSQL's
 * overlapped batches): it commits or not before the import ends, never after.
 */
async function* settledOnFailure<T>(
  records: AsyncIterable<T>,
  batches: TimedBatches<unknown>,
): AsyncIterable<T> {
  try {
    yield* records;
  } catch (error) {
    await batches.settled();
    throw error;
  }
}

/** Every record of the file failed: an invalid import, with the reasons, not a success of zero. */
function nothingReadable(result: ImportResult): GoodwillError {
  const shown = result.errors.slice(0, 20).map((e) => `  record ${e.record} (line ${e.line}): ${e.message}`);
  if (result.errors.length > 20) shown.push(`  … and ${result.errors.length - 20} more`);
  const failed =
    result.errors.length === 1
      ? `The only record in this ${result.format} file could not be read`
      : `None of the ${result.errors.length} records in this ${result.format} file could be read`;
  return new GoodwillError("invalid", `${failed}, so nothing was imported:\n${shown.join("\n")}`, {
    errors: result.errors,
  });
}

/** Records waiting to be written, each with the identity it was found under. */
/** One contact of a batch: as fitted, with its identity and where it was in the file. */
type BatchItem = { contact: ContactRecord; uid: string | null; record: number; line: number };
type Batch = BatchItem[];

/** Adds a merge's warnings to the result, under the record they came from. */
function reportMerge(
  result: ImportResult,
  at: { record: number; line: number },
  warnings: MergeWarning[],
): void {
  for (const warning of warnings) result.warnings.push({ record: at.record, line: at.line, ...warning });
}

/** The ids of an organization and department by name, from `places`; created when new. */
async function placeIds(
  tx: AppContext,
  places: Places,
  organization: string | null,
  department: string | null,
): Promise<{ organization_id: string | null; department_id: string | null }> {
  if (!organization?.trim()) return { organization_id: null, department_id: null };
  await obtainPlaces(tx, places, [{ organization, department }]);
  return knownPlaceIds(places, organization, department);
}

/** The ids of a place `obtainPlaces` has met: read from `places`, no statement. */
function knownPlaceIds(
  places: Places,
  organization: string | null,
  department: string | null,
): { organization_id: string | null; department_id: string | null } {
  if (!organization?.trim()) return { organization_id: null, department_id: null };
  const organizationId = places.organizations.get(foldPlace(places, organization)) ?? null;
  if (!department?.trim() || organizationId === null)
    return { organization_id: organizationId, department_id: null };
  const departmentId =
    places.departments.get(departmentKey(organizationId, foldPlace(places, department))) ?? null;
  return { organization_id: organizationId, department_id: departmentId };
}

/** The organizations and departments an import has met, by folded name (departments: see departmentKey). */
interface Places {
  organizations: Map<string, string>;
  departments: Map<string, string>;
  /** place names as written → folded: an address book names the same few hundred places again and again */
  folded: Map<string, string>;
}

/** Most place names an import remembers folded; past that it starts over (a file of all-different names). */
const FOLDED_PLACES_MAX = 20_000;

/** `foldText` of a place's name, remembered: four folds per contact were a tenth of the JavaScript. */
function foldPlace(places: Places, name: string): string {
  let key = places.folded.get(name);
  if (key === undefined) {
    key = foldText(name);
    if (places.folded.size >= FOLDED_PLACES_MAX) places.folded.clear();
    places.folded.set(name, key);
  }
  return key;
}

/** Finds or creates every place of these contacts not met yet: a few statements for a whole batch. */
async function obtainPlaces(
  tx: AppContext,
  places: Places,
  contacts: readonly { organization: string | null; department: string | null }[],
): Promise<void> {
  const named = contacts.filter((c): c is { organization: string; department: string | null } =>
    Boolean(c.organization?.trim()),
  );
  const newOrganizations = named.filter((c) => !places.organizations.has(foldPlace(places, c.organization)));
  if (newOrganizations.length > 0) {
    const found = await obtainOrganizations(
      tx.db,
      tx.ownerId,
      newOrganizations.map((c) => c.organization),
      nowIso(tx),
    );
    for (const [key, id] of found) places.organizations.set(key, id);
  }
  const newDepartments = named.flatMap((c) => {
    const organizationId = places.organizations.get(foldPlace(places, c.organization));
    return organizationId !== undefined &&
      c.department?.trim() &&
      !places.departments.has(departmentKey(organizationId, foldPlace(places, c.department)))
      ? [{ organizationId, name: c.department }]
      : [];
  });
  if (newDepartments.length > 0) {
    const found = await obtainDepartments(tx.db, tx.ownerId, newDepartments, nowIso(tx));
    for (const [key, id] of found) places.departments.set(key, id);
  }
}

async function importBatch(
  tx: AppContext,
  batch: Batch,
  index: IdentityIndex,
  places: Places,
  result: ImportResult,
): Promise<void> {
  const at = nowIso(tx);
  const created: Pending[] = [];
  const createdById = new Map<string, (typeof created)[number]>();
  const matches: Match[] = [];

  for (const item of batch) {
    const { contact, uid } = item;
    const match = findMatch(index, uid, contact);
    const details = detailsOf(contact);
    if (match) {
      // A second record of this batch for a person created in it: merge into the pending row.
      const pending = createdById.get(match);
      if (pending) {
        const warnings: MergeWarning[] = [];
        if (mergeInto(pending, contact, details, warnings)) result.updated++;
        else result.unchanged++;
        reportMerge(result, item, warnings);
        remember(index, match, uid, details);
      } else {
        matches.push({ personId: match, ...item });
      }
      continue;
    }
    const row: NewPersonRow = {
      owner_id: tx.ownerId,
      id: newId(),
      display_name: contact.displayName,
      given_name: contact.givenName,
      family_name: contact.familyName,
      nickname: contact.nickname,
      name_key: foldText(contact.displayName),
      // filled in below, once for the whole batch
      organization_id: null,
      department_id: null,
      title: contact.title,
      tags: JSON.stringify(contact.tags),
      met_text: contact.metText,
      met_on: contact.metOn,
      met_through_id: null,
      birthday: contact.birthday ? formatPartialDate(contact.birthday) : null,
      layer: DEFAULT_LAYER_IMPORTED,
      closeness: DEFAULT_CLOSENESS_IMPORTED,
      cadence_days: null,
      ledger_mode: "track",
      archived: 0,
      uid,
      created_at: at,
      updated_at: at,
    };
    const entry: Pending = {
      row,
      details,
      notes: new Set(contact.note?.trim() ? [contact.note.trim()] : []),
      contact,
    };
    created.push(entry);
    createdById.set(row.id, entry);
    remember(index, row.id, uid, details);
    result.created++;
  }

  // The new people's places, found or created together.
  await obtainPlaces(
    tx,
    places,
    created.map((c) => c.contact),
  );
  for (const c of created)
    Object.assign(c.row, knownPlaceIds(places, c.contact.organization, c.contact.department));
  const notes = created.flatMap((c) =>
    [...c.notes].map((body) => ({
      owner_id: tx.ownerId,
      id: newId(),
      person_id: c.row.id,
      body,
      created_at: at,
    })),
  );
  const documents = [
    ...created.map((c) => ({
      kind: "person" as const,
      refId: c.row.id,
      personId: c.row.id,
      body: personSearchBody(c.row as PersonRow, c.details, {
        organization: c.contact.organization,
        department: c.contact.department,
      }),
    })),
    ...notes.map((n) => ({ kind: "note" as const, refId: n.id, personId: n.person_id, body: n.body })),
  ];
  await journaledTogether(tx, async () => {
    const people = await newPeopleRows(tx.db, created);
    const added: AddedRows[] = [
      { table: "notes", rows: notes },
      { table: "search_documents", rows: searchDocumentRows(tx.ownerId, documents) },
    ];
    return {
      writes: [...people.writes, ...added],
      journaled: [...people.journaled, ...added],
      unkeyed: people.unkeyed,
    };
  });

  if (matches.length > 0) await mergeMatches(tx, matches, index, places, result);
}

/**
 * Writes a batch's new people, their notes and search documents with the row triggers of the undo
 * journal paused, and journals the keys of every row they added in one undo row per table: the
 * triggers' undo row per added row cost about a quarter of an import. Undo reads those rows back one
 * per added row. On PostgreSQL the rows and their undo rows go in one statement (`insertManyTogether`):
 * a round trip a table, each waiting for this process between two statements, was a third of a
 * batch's time in its transaction on a loaded machine.
 */
async function journaledTogether(
  tx: AppContext,
  rowsOf: () => Promise<{ writes: TableRows[]; journaled: AddedRows[]; unkeyed: string[] }>,
): Promise<void> {
  const journal = tx.journal;
  // PostgreSQL: the triggers' WHEN skips the paused rows without a call (migration 0018).
  const postgres = tx.store.dialect.name === "postgres";
  if (journal) {
    if (postgres) await pauseJournalTriggers(tx.db, true);
    else await endJournal(tx.db, tx.ownerId);
  }
  const { writes, journaled, unkeyed } = await rowsOf();
  const undo = journal
    ? journaled.flatMap(({ table, rows }) => addedRowsUndo(tx.ownerId, journal.entryId, table, rows) ?? [])
    : [];
  await insertManyTogether(tx.db, [...writes, { table: "undo_rows", rows: undo }]);
  await refreshAgendaKeys(tx.db, tx.ownerId, unkeyed);
  if (journal) {
    if (postgres) await pauseJournalTriggers(tx.db, false);
    else await beginJournal(tx.db, tx.ownerId, journal.entryId);
  }
}

/** A person about to be created by this batch. */
interface Pending {
  row: NewPersonRow;
  details: PersonDetails;
  /** in order (a Set: a person merged from thousands of records gets as many notes) */
  notes: Set<string>;
  contact: ContactRecord;
}

/** A record of the batch for a person already in the store. */
type Match = Batch[number] & { personId: string };

const KEYS = {
  emails: (e: { value: string }) => emailKey(e.value),
  phones: (p: { value: string }) => phoneKey(p.value) || p.value.trim(),
  urls: (u: { value: string }) => u.value.trim(),
  dates: (d: { label: string }) => d.label,
  related: (r: { name: string }) => foldText(r.name),
};

/** Extends details with what the contact adds, within the limits; true when anything was new. */
function extendDetails(
  current: PersonDetails,
  extra: PersonDetails,
  warnings: MergeWarning[],
): { details: PersonDetails; changed: boolean } {
  const capped = (field: "emails" | "phones" | "urls") => {
    const { items, leftOut } = extend<{ value: string }>(
      current[field],
      extra[field],
      KEYS[field],
      LIMITS[field],
    );
    if (leftOut > 0) warnings.push(capWarning(field, leftOut, LIMITS[field]));
    return items;
  };
  const details: PersonDetails = {
    emails: capped("emails") as PersonDetails["emails"],
    phones: capped("phones") as PersonDetails["phones"],
    urls: capped("urls") as PersonDetails["urls"],
    dates: extend(current.dates, extra.dates, KEYS.dates).items,
    related: extend(current.related, extra.related, KEYS.related).items,
  };
  const changed = (Object.keys(KEYS) as (keyof PersonDetails)[]).some(
    (k) => details[k].length !== current[k].length,
  );
  return { details, changed };
}

/** The fields of a person row that an import may fill when they are empty: it never overwrites. */
function filledFields(
  row: Pick<
    PersonRow,
    "given_name" | "family_name" | "nickname" | "title" | "met_text" | "met_on" | "birthday" | "uid" | "tags"
  >,
  contact: ContactRecord,
  uid: string | null,
  warnings: MergeWarning[],
) {
  const changes: Partial<PersonRow> = {};
  if (row.given_name === null && contact.givenName) changes.given_name = contact.givenName;
  if (row.family_name === null && contact.familyName) changes.family_name = contact.familyName;
  if (row.nickname === null && contact.nickname) changes.nickname = contact.nickname;
  if (row.title === null && contact.title) changes.title = contact.title;
  if (row.met_text === null && contact.metText) changes.met_text = contact.metText;
  if (row.met_on === null && contact.metOn) changes.met_on = contact.metOn;
  if (row.birthday === null && contact.birthday) changes.birthday = formatPartialDate(contact.birthday);
  if (row.uid === null && uid) changes.uid = uid;
  const tags = parseTags(row.tags);
  const moreTags = extend(tags, contact.tags, (t) => foldText(t), LIMITS.tags);
  if (moreTags.leftOut > 0) warnings.push(capWarning("tags", moreTags.leftOut, LIMITS.tags));
  if (moreTags.items.length > tags.length) changes.tags = JSON.stringify(moreTags.items);
  return changes;
}

function mergeInto(
  pending: Pending,
  contact: ContactRecord,
  details: PersonDetails,
  warnings: MergeWarning[],
): boolean {
  const changes = filledFields(pending.row as PersonRow, contact, null, warnings);
  // The place is looked up with the batch's others (importBatch): only the names are taken here.
  const placed = !pending.contact.organization?.trim() && Boolean(contact.organization);
  if (placed) {
    pending.contact = {
      ...pending.contact,
      organization: contact.organization,
      department: contact.department,
    };
  }
  Object.assign(pending.row, changes);
  const extended = extendDetails(pending.details, details, warnings);
  pending.details = extended.details;
  const note = contact.note?.trim();
  const newNote = note && !pending.notes.has(note);
  if (newNote) pending.notes.add(note);
  return placed || Object.keys(changes).length > 0 || extended.changed || Boolean(newNote);
}

/** Applies contacts to people already in the store, loading them for the whole batch at once. */
async function mergeMatches(
  tx: AppContext,
  matches: Match[],
  index: IdentityIndex,
  places: Places,
  result: ImportResult,
): Promise<void> {
  const ids = [...new Set(matches.map((m) => m.personId))];
  const rows = await loadPeopleRows(tx.db, tx.ownerId, ids);
  const details = await loadDetails(tx.db, tx.ownerId, ids);
  const existingNotes = await loadNoteKeys(tx.db, tx.ownerId, ids);
  const dirty = new Set<string>();
  const newNotes: { personId: string; body: string }[] = [];

  for (const match of matches) {
    const { personId, contact, uid } = match;
    const row = rows.get(personId);
    if (!row) continue;
    let changed = false;
    const warnings: MergeWarning[] = [];
    // A contact exported from here carries the person's id as its UID: nothing to remember.
    const changes = filledFields(row, contact, uid === personId ? null : uid, warnings);
    if (row.organization_id === null && contact.organization) {
      Object.assign(changes, await placeIds(tx, places, contact.organization, contact.department));
    } else if (row.department_id === null && contact.organization && contact.department) {
      // A department is filled in only within the organization the person already has.
      const place = await placeIds(tx, places, contact.organization, contact.department);
      if (place.organization_id === row.organization_id) changes.department_id = place.department_id;
    }
    if (Object.keys(changes).length > 0) {
      Object.assign(row, changes);
      changed = true;
    }
    const extended = extendDetails(details.get(personId) ?? NO_DETAILS, detailsOf(contact), warnings);
    reportMerge(result, match, warnings);
    if (extended.changed) {
      details.set(personId, extended.details);
      changed = true;
    }
    const note = contact.note?.trim();
    if (note && !existingNotes.has(noteKey(personId, note))) {
      existingNotes.add(noteKey(personId, note));
      newNotes.push({ personId, body: note });
      changed = true;
    }
    remember(index, personId, uid, detailsOf(contact));
    if (changed) {
      dirty.add(personId);
      result.updated++;
    } else {
      result.unchanged++;
    }
  }

  const at = nowIso(tx);
  for (const personId of dirty) {
    const row = rows.get(personId) as PersonRow;
    const { owner_id: _owner, id: _id, created_at: _created, ...fields } = row;
    await updatePerson(tx.db, tx.ownerId, personId, { ...fields, updated_at: at });
    await replaceDetails(tx.db, tx.ownerId, personId, details.get(personId) ?? NO_DETAILS);
    await reindexPerson(tx.db, tx.ownerId, personId);
  }
  const notes = newNotes.map((n) => ({
    owner_id: tx.ownerId,
    id: newId(),
    person_id: n.personId,
    body: n.body,
    created_at: at,
  }));
  if (notes.length > 0) {
    await insertNotes(tx.db, notes);
    await indexDocuments(
      tx.db,
      tx.ownerId,
      notes.map((n) => ({ kind: "note" as const, refId: n.id, personId: n.person_id, body: n.body })),
    );
  }
}
