/**
 * Undo (issue 10 §3): every write the user makes is one journal entry holding the rows it touched
 * as they were before. Undoing an entry puts those rows back — rows it added are removed, rows it
 * changed or deleted are restored — then recomputes the aggregates of everyone concerned from the
 * history, so balances, strength and due stay exact whatever was written since.
 *
 * An entry whose rows were changed again by a later write still in force is not undone (that one
 * first), and neither is a person someone else's history now hangs on; an import keeps those people
 * and says so, and undoes the rest.
 */
import type { ImportMeta, UndoEntryJson } from "../contract/undo-entry.js";
import { GoodwillError, notFound } from "../errors.js";
import { refreshAgendaKeys } from "../storage/agenda-keys.js";
import {
  entryRows,
  getEntry,
  hasEntryBefore,
  laterRows,
  listEntries,
  pruneEntries,
  type UndoRowImage,
  updateEntry,
} from "../storage/journal.repository.js";
import {
  anyRowWith,
  deleteRowByKey,
  deleteRowsIn,
  insertRow,
  type RowKey,
  rowByKey,
  rowsPointingAt,
  updateRowByKey,
} from "../storage/journaled-rows.repository.js";
import {
  isJournaledTable,
  JOURNALED_TABLES,
  type JournaledTable,
  journaledTable,
} from "../storage/journaled-tables.js";
import { newId } from "../storage/keys.js";
import { namesOf } from "../storage/names.repository.js";
import { deleteDepartmentStats } from "../storage/organization.repository.js";
import { getOwner } from "../storage/owner.repository.js";
import { participantIds } from "../storage/record.repository.js";
import type { UndoEntryRow } from "../storage/schema.js";
import {
  recomputeDepartmentStats,
  recomputePersonStats,
  refreshFirstEvents,
  refreshFirstEventsOfMoments,
} from "../storage/stats.repository.js";
import { type AppContext, inWriteTransaction, type JournalSession, nowIso, recordEntry } from "./context.js";
import { initProfile } from "./people.js";

/** The journal keeps 30 days. */
export const JOURNAL_DAYS = 30;

export interface UndoRef {
  id: string;
  description: string;
}

type Describe<T> = (result: T, tx: AppContext) => string | Promise<string>;

/**
 * Runs a write the user can undo: everything `fn` writes, in however many transactions, is one
 * journal entry described by `describe`. A write inside another journaled write joins it.
 */
export async function journaled<T>(
  ctx: AppContext,
  spec: {
    action: string;
    kind?: "write" | "import";
    /** what the entry says until the write is done (an import that stopped half-way keeps it) */
    pending?: string;
    describe: Describe<T>;
    meta?: (result: T) => unknown;
    /**
     * an entry even when no journaled row changes, when this says the write changed something: the
     * profile (`init`), whose rows are not journaled, keeps what it was in `meta` and is put back
     * from there
     */
    changed?: (result: T) => boolean;
  },
  fn: (tx: AppContext) => Promise<T>,
): Promise<{ result: T; undo: UndoRef | null }> {
  if (ctx.journal) return { result: await fn(ctx), undo: null };
  const session: JournalSession = {
    entryId: newId(),
    kind: spec.kind ?? "write",
    action: spec.action,
    description: spec.pending ?? spec.action,
    meta: null,
    recorded: false,
  };
  const jctx: AppContext = { ...ctx, journal: session };
  let result: T;
  if (session.kind === "import") {
    // An import commits batch by batch; the entry is written by the first batch that changes
    // anything (so a crash leaves an entry for what landed) and completed here.
    result = await fn(jctx);
    session.description = await spec.describe(result, ctx);
    session.meta = spec.meta ? JSON.stringify(spec.meta(result)) : null;
    if (session.recorded) await inWriteTransaction(ctx, (tx) => recordEntry(tx, session));
  } else {
    result = await inWriteTransaction(jctx, async (tx) => {
      const r = await fn(tx);
      session.description = await spec.describe(r, tx);
      session.meta = spec.meta ? JSON.stringify(spec.meta(r)) : null;
      if (spec.changed?.(r)) session.recorded = true;
      return r;
    });
  }
  if (session.recorded) await pruneJournal(ctx);
  return {
    result,
    undo: session.recorded ? { id: session.entryId, description: session.description } : null,
  };
}

async function pruneJournal(ctx: AppContext): Promise<void> {
  const cutoff = new Date(ctx.now - JOURNAL_DAYS * 86_400_000).toISOString();
  if (!(await hasEntryBefore(ctx.store.db, ctx.ownerId, cutoff))) return;
  await inWriteTransaction({ ...ctx, journal: undefined } as AppContext, (tx) =>
    pruneEntries(tx.db, tx.ownerId, cutoff),
  );
}

export function undoEntryJson(row: UndoEntryRow): UndoEntryJson {
  return {
    id: row.id,
    kind: row.kind === "import" ? "import" : "write",
    action: row.action,
    description: row.description,
    createdAt: row.created_at,
    undoneAt: row.undone_at,
    undoSummary: row.undo_summary,
    ...(row.kind === "import" && row.meta ? { import: JSON.parse(row.meta) as ImportMeta } : {}),
  };
}

/** The newest entries of the journal (at most `limit`), undone ones included and marked. */
export async function listUndo(
  ctx: AppContext,
  options: { limit?: number; kind?: "write" | "import" } = {},
): Promise<UndoEntryJson[]> {
  const rows = await listEntries(ctx.db, ctx.ownerId, {
    limit: options.limit ?? 20,
    ...(options.kind ? { kind: options.kind } : {}),
  });
  return rows.map(undoEntryJson);
}

type Key = RowKey;
interface KeyState {
  table: JournaledTable;
  key: Key;
  keyJson: string;
  /** the row as it was before the entry, or null when the entry added it */
  before: Record<string, unknown> | null;
}

/**
 * The entry whose id ends with what was typed (8 characters or more, as `undo --list` shows ids),
 * among the journal's newest 500; undefined when none does.
 */
async function entryEndingWith(tx: AppContext, end: string): Promise<UndoEntryRow | undefined> {
  const typed = end.trim().toLowerCase();
  if (!/^[0-9a-f-]{8,}$/.test(typed)) return undefined;
  const matches = (await listEntries(tx.db, tx.ownerId, { limit: 500 })).filter((e) => e.id.endsWith(typed));
  if (matches.length > 1)
    throw new GoodwillError(
      "ambiguous",
      `Several changes end with ${end}: give more of the id, or all of it.`,
    );
  return matches[0];
}

/**
 * Undoes one entry (the newest still in force when no id is given) and says what it did. Nothing is
 * written when it cannot be undone.
 */
export async function undo(
  ctx: AppContext,
  id?: string,
): Promise<{ undone: UndoEntryJson; summary: string }> {
  return inWriteTransaction({ ...ctx, journal: undefined } as AppContext, async (tx) => {
    const entry = id
      ? ((await getEntry(tx.db, tx.ownerId, id)) ?? (await entryEndingWith(tx, id)))
      : (await listEntries(tx.db, tx.ownerId, { limit: 1, liveOnly: true }))[0];
    if (!entry) {
      throw id
        ? notFound(
            `No change has the id ${id}. Changes are kept for ${JOURNAL_DAYS} days: see "goodwill undo --list".`,
          )
        : notFound(`Nothing to undo: no change in the last ${JOURNAL_DAYS} days is still in force.`);
    }
    if (entry.undone_at) {
      throw new GoodwillError(
        "conflict",
        `That change (${entry.description}) was already undone on ${entry.undone_at.slice(0, 10)}; an undo cannot itself be undone.`,
        { entryId: entry.id },
      );
    }
    // A profile change (`init`) is put back from what it was, kept in the entry's meta.
    const profileBefore =
      entry.action === "init" && entry.meta ? (JSON.parse(entry.meta) as ProfileBefore).before : null;
    if (profileBefore) {
      const laterInit = (await listEntries(tx.db, tx.ownerId, { limit: 500, liveOnly: true })).find(
        (e) =>
          e.action === "init" &&
          (e.created_at > entry.created_at || (e.created_at === entry.created_at && e.id > entry.id)),
      );
      if (laterInit)
        throw new GoodwillError(
          "conflict",
          `Cannot undo this change (${entry.description}): your profile was changed again afterwards (${laterInit.description}). Undo that first.`,
          { entryId: entry.id, later: laterInit.description },
        );
      await initProfile(tx, {
        name: profileBefore.name,
        organization: profileBefore.organization,
        department: profileBefore.department,
        workWeek: profileBefore.workWeek,
        timeZone: profileBefore.timeZone,
      });
    }
    const rows = await entryRows(tx.db, tx.ownerId, entry.id);
    const states = collapse(rows);
    const importing = entry.kind === "import";
    const kept = new Set<string>();
    const keptNames: string[] = [];

    // Rows a later write changed again: that write first — or, for an import, keep the person.
    const lastSeq = rows.at(-1)?.seq ?? 0;
    const later = await laterRows(tx.db, tx.ownerId, lastSeq);
    const laterByKey = new Map(
      later
        .filter((l) => isJournaledTable(l.table_name))
        .map((l) => [
          `${l.table_name} ${keyOf(l.table_name as JournaledTable, JSON.parse(l.key_json) as Key)}`,
          l.description,
        ]),
    );
    for (const state of states) {
      const description = laterByKey.get(`${state.table} ${state.keyJson}`);
      if (description === undefined) continue;
      const personId = personOf(state);
      if (importing && personId) {
        kept.add(personId);
        continue;
      }
      throw new GoodwillError(
        "conflict",
        `Cannot undo this change (${entry.description}): what it wrote was changed afterwards (${description}). Undo that first.`,
        { entryId: entry.id, later: description },
      );
    }

    // People the entry added and someone's history now hangs on (outside this entry) stay.
    const added = states
      .filter((s) => s.table === "people" && s.before === null)
      .map((s) => String(s.key.id));
    const removing = new Set(states.filter((s) => s.before === null).map((s) => `${s.table} ${s.keyJson}`));
    for (const personId of await peopleWithOtherHistory(tx, added, removing)) kept.add(personId);
    for (const personId of kept) {
      const name = (await namesOf(tx.db, tx.ownerId, { people: [personId] })).get(personId);
      if (name !== undefined) keptNames.push(name);
    }
    keptNames.sort((a, b) => a.localeCompare(b));
    const keptList = listOfNames(keptNames);
    if (kept.size > 0 && !importing) {
      throw new GoodwillError(
        "conflict",
        `Cannot undo this change (${entry.description}): there is history with ${keptList} logged since. Delete that first (goodwill undo --list shows it), or keep them.`,
        { entryId: entry.id, people: keptNames },
      );
    }

    const applied = states.filter((s) => !(personOf(s) && kept.has(personOf(s) as string)));
    const touched = await touchedCounterparts(tx, applied);
    const order = Object.keys(JOURNALED_TABLES) as JournaledTable[];
    const rank = (t: JournaledTable) => order.indexOf(t);
    // What the entry changed or removed is put back first, parents first (so a row it moved finds
    // its old parent again, and what the entry added is no longer in use); then what it added goes,
    // children first.
    const putBack = applied.filter((s) => s.before !== null).sort((a, b) => rank(a.table) - rank(b.table));
    // Someone may have met the user through a person this entry removed too (a delete, a merge):
    // their row comes back without that link first, and the link once everyone is back.
    const linksLater: KeyState[] = [];
    for (const state of putBack) {
      const through = state.table === "people" ? state.before?.met_through_id : null;
      if (typeof through === "string" && !(await exists(tx, "people", through))) {
        await restoreRow(tx, { ...state, before: { ...state.before, met_through_id: null } });
        linksLater.push(state);
      } else await restoreRow(tx, state);
    }
    // Whom they met through may have been deleted since, by a later change: then the link stays off.
    for (const state of linksLater)
      if (await exists(tx, "people", String(state.before?.met_through_id))) await restoreRow(tx, state);
    const removed = await removeRows(
      tx,
      applied.filter((s) => s.before === null).sort((a, b) => rank(b.table) - rank(a.table)),
    );
    const restored = putBack.length;
    for (const personId of touched.people) {
      if (await exists(tx, "people", personId)) await recomputePersonStats(tx.db, tx.ownerId, personId);
    }
    for (const departmentId of touched.departments) {
      if (await exists(tx, "departments", departmentId))
        await recomputeDepartmentStats(tx.db, tx.ownerId, departmentId);
    }
    // The aggregates rebuilt above refreshed those people's agenda keys and first events. A person's
    // own row put back (a layer, a cadence, an archive) moves their keys too; a moment that gained or
    // lost a participant may become an event, or stop being one, for everyone in it.
    const rowsBack: string[] = [];
    for (const state of applied) {
      const id = String(state.key.id);
      if (state.table === "people" && !touched.people.has(id) && (await exists(tx, "people", id)))
        rowsBack.push(id);
    }
    await refreshAgendaKeys(tx.db, tx.ownerId, rowsBack);
    await refreshFirstEvents(tx.db, tx.ownerId, rowsBack);
    await refreshFirstEventsOfMoments(tx.db, tx.ownerId, [...momentsOf(applied)]);

    // An import whose every person has history since would be marked undone having undone
    // nothing, and could not be tried again once that history is gone: refuse instead.
    if (importing && removed === 0 && restored === 0 && kept.size > 0)
      throw new GoodwillError(
        "conflict",
        `Nothing of this import (${entry.description}) can be taken back now: there is history with ${keptList} logged since. Delete that first (goodwill undo --list shows it), then undo the import again.`,
        { entryId: entry.id, people: keptNames },
      );
    const summary = summarise(entry, applied, removed, restored, keptNames);
    await updateEntry(tx.db, tx.ownerId, entry.id, { undone_at: nowIso(tx), undo_summary: summary });
    const undone = await getEntry(tx.db, tx.ownerId, entry.id);
    return { undone: undoEntryJson(undone as UndoEntryRow), summary };
  });
}

/** What `init` found before it changed the profile: the meta of its journal entry. */
export interface ProfileBefore {
  before: {
    name: string | null;
    organization: string | null;
    department: string | null;
    workWeek: string[];
    timeZone: string;
  };
}

/** "Ann", "Ann and Bob", "Ann, Bob, Cy and 4 more": names in a sentence. */
function listOfNames(names: readonly string[]): string {
  const shown = names.slice(0, 3);
  const more = names.length - shown.length;
  if (more > 0) return `${shown.join(", ")} and ${more} more`;
  return shown.length <= 1 ? (shown[0] ?? "them") : `${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}`;
}

/** Each row the entry touched once, with its state before the entry (its first image). */
function collapse(rows: UndoRowImage[]): KeyState[] {
  const states = new Map<string, KeyState>();
  for (const row of rows) {
    if (!isJournaledTable(row.table_name)) continue;
    const key = JSON.parse(row.key_json) as Key;
    const keyJson = keyOf(row.table_name, key);
    const id = `${row.table_name} ${keyJson}`;
    if (states.has(id)) continue;
    states.set(id, {
      table: row.table_name,
      key,
      keyJson,
      before:
        row.op === "insert" || row.old_row === null
          ? null
          : (JSON.parse(row.old_row) as Record<string, unknown>),
    });
  }
  return [...states.values()];
}

/** The person a row belongs to, if any: a person's own row, or a row of theirs. */
function personOf(state: KeyState): string | null {
  if (state.table === "people") return String(state.key.id);
  // A person's own search row is keyed by their id; an added row's image holds only its key.
  if (state.table === "search_documents" && state.key.kind === "person") return String(state.key.ref_id);
  const personId = state.key.person_id ?? state.before?.person_id;
  return typeof personId === "string" && state.table !== "interaction_participants" ? personId : null;
}

/**
 * Removes the rows an entry added, children first. A person's own lists go with them (the keys
 * cascade), and rows keyed by id go 500 at a time: undoing an import of thousands stays quick.
 */
async function removeRows(tx: AppContext, states: KeyState[]): Promise<number> {
  const removedPeople = new Set(states.filter((s) => s.table === "people").map((s) => String(s.key.id)));
  let removed = 0;
  // Departments and organizations last: they stay while anyone still uses them.
  const places: KeyState[] = [];
  const batches = new Map<
    string,
    { table: JournaledTable; column: string; kind?: string; values: string[] }
  >();
  for (const state of states) {
    const personId = state.key.person_id;
    if (state.table !== "search_documents" && typeof personId === "string" && removedPeople.has(personId))
      continue;
    const byId = "id" in state.key && Object.keys(state.key).length === 2;
    const bySearch = state.table === "search_documents";
    if (state.table === "organizations" || state.table === "departments") {
      places.push(state);
      continue;
    }
    if (!byId && !bySearch) {
      if (await removeRow(tx, state)) removed++;
      continue;
    }
    const group = bySearch ? `${state.table} ${String(state.key.kind)}` : state.table;
    const batch = batches.get(group) ?? {
      table: state.table,
      column: bySearch ? "ref_id" : "id",
      ...(bySearch ? { kind: String(state.key.kind) } : {}),
      values: [],
    };
    batch.values.push(String(bySearch ? state.key.ref_id : state.key.id));
    batches.set(group, batch);
  }
  // A map keeps insertion order: the states came children first, and so do the batches.
  for (const batch of batches.values()) {
    for (let i = 0; i < batch.values.length; i += 500) {
      removed += await deleteRowsIn(tx.db, tx.ownerId, {
        ...batch,
        values: batch.values.slice(i, i + 500),
      });
    }
  }
  for (const state of places) if (await removeRow(tx, state)) removed++;
  return removed;
}

/** Tables whose rows hang on a person, with the columns that point at them. */
const PERSON_REFERENCES: { table: JournaledTable; column: string }[] = [
  { table: "interaction_participants", column: "person_id" },
  { table: "exchanges", column: "person_id" },
  { table: "asks", column: "person_id" },
  { table: "commitments", column: "person_id" },
  { table: "notes", column: "person_id" },
  { table: "needs", column: "person_id" },
  { table: "needs", column: "met_by_id" },
  { table: "offers", column: "person_id" },
  { table: "introductions", column: "a_id" },
  { table: "introductions", column: "b_id" },
  { table: "people", column: "met_through_id" },
];

/** Of the people given, those with a row pointing at them that this undo does not remove. */
async function peopleWithOtherHistory(
  tx: AppContext,
  personIds: string[],
  removing: Set<string>,
): Promise<string[]> {
  const found = new Set<string>();
  for (let i = 0; i < personIds.length; i += 500) {
    const chunk = personIds.slice(i, i + 500);
    for (const ref of PERSON_REFERENCES) {
      const keyColumns = journaledTable(ref.table).key;
      const rows = await rowsPointingAt(tx.db, tx.ownerId, ref, keyColumns, chunk);
      for (const row of rows) {
        const keyJson = keyOf(ref.table, row);
        if (
          !removing.has(`${ref.table} ${keyJson}`) &&
          !(ref.table === "people" && found.has(String(row.id)))
        )
          found.add(String(row[ref.column]));
      }
    }
  }
  return [...found];
}

/** A row's key as one text, the same whichever dialect's trigger wrote it (jsonb reorders keys). */
function keyOf(table: JournaledTable, row: Record<string, unknown>): string {
  const columns = journaledTable(table).key;
  return JSON.stringify(columns.map((c) => row[c]));
}

/** People and departments whose aggregates the undo changes: recomputed afterwards. */
async function touchedCounterparts(
  tx: AppContext,
  states: KeyState[],
): Promise<{ people: Set<string>; departments: Set<string> }> {
  const people = new Set<string>();
  const departments = new Set<string>();
  const interactionIds = new Set<string>();
  for (const state of states) {
    if (state.table === "exchanges" || state.table === "interaction_participants") {
      for (const row of [state.before, await currentRow(tx, state)]) {
        if (typeof row?.person_id === "string") people.add(row.person_id);
        if (typeof row?.department_id === "string") departments.add(row.department_id);
      }
    }
    if (state.table === "interactions") interactionIds.add(String(state.key.id));
    // A person put back after a removal has no aggregates left: they are rebuilt too.
    if (state.table === "people" && state.before !== null && !(await currentRow(tx, state)))
      people.add(String(state.key.id));
  }
  for (const id of interactionIds) {
    for (const personId of await participantIds(tx.db, tx.ownerId, id)) people.add(personId);
  }
  return { people, departments };
}

/** The moments whose row or participants an entry changed. */
function momentsOf(states: readonly KeyState[]): Set<string> {
  const ids = new Set<string>();
  for (const state of states) {
    if (state.table === "interactions") ids.add(String(state.key.id));
    if (state.table === "interaction_participants") ids.add(String(state.key.interaction_id));
  }
  return ids;
}

function currentRow(tx: AppContext, state: KeyState): Promise<Record<string, unknown> | undefined> {
  return rowByKey(tx.db, state.table, state.key);
}

async function removeRow(tx: AppContext, state: KeyState): Promise<boolean> {
  if (state.table === "organizations" || state.table === "departments") {
    // A name the entry created stays while anyone still uses it.
    if (await placeInUse(tx, state.table, String(state.key.id))) return false;
    if (state.table === "departments") await deleteDepartmentStats(tx.db, tx.ownerId, String(state.key.id));
  }
  return deleteRowByKey(tx.db, state.table, state.key);
}

async function placeInUse(
  tx: AppContext,
  table: "organizations" | "departments",
  id: string,
): Promise<boolean> {
  const uses: { table: string; column: string }[] =
    table === "departments"
      ? [
          { table: "people", column: "department_id" },
          { table: "exchanges", column: "department_id" },
          { table: "asks", column: "department_id" },
          { table: "commitments", column: "department_id" },
        ]
      : [
          { table: "people", column: "organization_id" },
          { table: "departments", column: "organization_id" },
        ];
  for (const use of uses) {
    if (await anyRowWith(tx.db, tx.ownerId, use, id)) return true;
  }
  const owner = await getOwner(tx.db, tx.ownerId);
  return owner?.organization_id === id || owner?.department_id === id;
}

async function restoreRow(tx: AppContext, state: KeyState): Promise<void> {
  const skip = new Set(journaledTable(state.table).skip);
  const row = Object.fromEntries(Object.entries(state.before ?? {}).filter(([column]) => !skip.has(column)));
  try {
    if (await currentRow(tx, state)) {
      const changes = Object.fromEntries(Object.entries(row).filter(([column]) => !(column in state.key)));
      if (Object.keys(changes).length > 0) await updateRowByKey(tx.db, state.table, state.key, changes);
    } else {
      await insertRow(tx.db, state.table, row);
    }
  } catch (error) {
    throw new GoodwillError(
      "conflict",
      `Cannot put back a ${state.table === "people" ? "person" : state.table.replace(/_/g, " ").replace(/s$/, "")} as it was: ${(error as Error).message}`,
    );
  }
}

function exists(tx: AppContext, table: "people" | "departments", id: string): Promise<boolean> {
  return anyRowWith(tx.db, tx.ownerId, { table, column: "id" }, id);
}

function summarise(
  entry: UndoEntryRow,
  applied: KeyState[],
  removed: number,
  restored: number,
  keptNames: string[],
): string {
  const parts = [`Undid: ${entry.description}`];
  if (entry.action === "importHistory") {
    // Mail and calendar history (issue 18): moments and suggestions, not people.
    const added = (table: JournaledTable) =>
      applied.filter((s) => s.table === table && s.before === null).length;
    parts.push(
      `: removed ${plural(added("interactions"), "moment", "moments")} and ${plural(added("inbox_items"), "suggested entry", "suggested entries")}, forgot ${plural(added("capture_sources"), "message or meeting", "messages and meetings")} it read`,
    );
  } else if (entry.kind === "import") {
    const people = applied.filter((s) => s.table === "people");
    const created = people.filter((s) => s.before === null).length;
    const reverted = people.filter((s) => s.before !== null).length;
    parts.push(
      `: removed ${plural(created, "person", "people")} it created, put back ${plural(reverted, "person", "people")} it had filled in`,
    );
    if (keptNames.length > 0) {
      const names =
        keptNames.slice(0, 5).join(", ") + (keptNames.length > 5 ? ` and ${keptNames.length - 5} more` : "");
      parts.push(
        `; kept ${plural(keptNames.length, "person", "people")} with history or changes since: ${names}`,
      );
    }
  } else if (removed + restored === 0 && entry.action !== "init") {
    parts.push(" (nothing was left to change)");
  }
  return `${parts.join("")}.`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
