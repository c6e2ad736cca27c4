/**
 * Correcting what was written down (issue 10 §2): every ledger entry, moment, note, promise, ask,
 * need, offer (the user's own too) and introduction can be edited — the fields the user typed — and deleted. Each change
 * recomputes the aggregates of everyone it concerns from the history and keeps the search index in
 * step, so balances, strength and due are exactly what a full recomputation gives.
 */

import {
  readChannel,
  readDay,
  readInitiator,
  readKind,
  readText,
  readWeight,
  readWhen,
} from "../contract/input.js";
import type { LedgerEntryJson } from "../contract/ledger-entry.js";
import type { RecordKind } from "../contract/record-kind.js";
import { defaultWeight } from "../domain/defaults.js";
import { LIMITS } from "../domain/limits.js";
import type { ExchangeKind } from "../domain/model.js";
import { GoodwillError, invalid, notFound } from "../errors.js";
import { findAsk } from "../storage/ask.repository.js";
import { findCommitment } from "../storage/commitment.repository.js";
import { findIntroduction, updateIntroduction } from "../storage/introduction.repository.js";
import { toInstant } from "../storage/keys.js";
import { findNeedOrOffer, type NeedOfferTable, updateNeedOrOffer } from "../storage/need-offer.repository.js";
import { updateOwnOffer } from "../storage/own-offer.repository.js";
import {
  changeParticipants,
  deleteRecordRow,
  detachExchange,
  getExchange,
  getInteraction,
  getNote,
  idsEndingWith,
  idsLike,
  participantIds,
  participantNames,
  type RecordTable,
  updateExchange,
  updateInteraction,
  updateNoteBody,
  updateSummaryRecord,
} from "../storage/record.repository.js";
import type { Database } from "../storage/schema.js";
import { indexDocument, type SearchKind, unindexDocument } from "../storage/search.repository.js";
import { recomputeDepartmentStats, recomputePersonStats } from "../storage/stats.repository.js";
import { commitmentsJson } from "./commitments.js";
import { type AppContext, inWriteTransaction } from "./context.js";
import { introductionJson } from "./introductions.js";
import { entryJson } from "./ledger.js";
import { needsJson, offersJson, refuseCopyOfOpen } from "./needs-offers.js";
import { ownOfferJson, ownOfferRow } from "./own-offers.js";
import { askJson } from "./views.js";
import { type Counterpart, withCounterpartNames } from "./who.js";

const NOUN: Record<RecordKind, string> = {
  ledger: "ledger entry",
  moment: "moment",
  note: "note",
  promise: "promise",
  ask: "ask",
  need: "need",
  offer: "offer",
  "own-offer": "offer of yours",
  intro: "introduction",
};

/** What `goodwill … list` shows each kind by, for the not-found message. */
const LISTED_BY: Record<RecordKind, string> = {
  ledger: `"goodwill ledger" and "goodwill show WHO" show entries with their ids`,
  moment: `"goodwill show WHO" shows moments with their ids`,
  note: `"goodwill show WHO" shows notes with their ids`,
  promise: `"goodwill promises" lists them with their numbers`,
  ask: `"goodwill asks" lists them with their numbers`,
  need: `"goodwill needs" lists them with their numbers`,
  offer: `"goodwill offers" lists them with their numbers`,
  "own-offer": `"goodwill offers me" lists yours with their numbers`,
  intro: `"goodwill intros" lists them with their numbers`,
};

function missing(kind: RecordKind, ref: string): GoodwillError {
  return notFound(`There is no ${NOUN[kind]} ${ref}. ${LISTED_BY[kind]}.`, { kind, ref });
}

/**
 * A record by its full id, or by the short id the CLI prints (its last 8 characters), or by the
 * start of its id (at least 8 characters) — whichever no other record of the kind shares.
 */
async function byId<T extends "exchanges" | "interactions" | "notes">(
  ctx: AppContext,
  table: T,
  kind: RecordKind,
  ref: string,
) {
  const text = ref.trim().toLowerCase();
  if (!/^[0-9a-f-]{8,36}$/.test(text)) throw missing(kind, ref);
  const ids = await idsLike(ctx.db, ctx.ownerId, table, text);
  if (ids.length === 0) throw missing(kind, ref);
  if (ids.length > 1)
    throw new GoodwillError(
      "ambiguous",
      `Several ${NOUN[kind]}s have ids with ${ref.trim()}: give the whole id.`,
    );
  return ids[0] as string;
}

/** A numbered record by the short id `show` prints (the last 8 characters of its id). */
async function bySuffix(
  ctx: AppContext,
  table: "asks" | "commitments" | "introductions" | "needs" | "offers",
  ref: string,
): Promise<string | undefined> {
  const text = ref.trim().toLowerCase();
  if (!/^[0-9a-f-]{8,35}$/.test(text)) return undefined;
  const ids = await idsEndingWith(ctx.db, ctx.ownerId, table, text);
  return ids.length === 1 ? ids[0] : undefined;
}

/** The short id the CLI shows for a record without a number: the last 8 characters of its id. */
export function shortId(id: string): string {
  return id.slice(-8);
}

/** Deletes one record and, when it has one, its search document. */
async function removeRecord(tx: AppContext, table: RecordTable, id: string, search?: SearchKind) {
  await deleteRecordRow(tx.db, tx.ownerId, table, id);
  if (search) await unindexDocument(tx.db, tx.ownerId, search, id);
}

/** Writes the changes to a promise or an ask, and indexes what it now says. */
async function saveWithSummary(
  tx: AppContext,
  table: "commitments" | "asks",
  search: SearchKind,
  id: string,
  changes: Partial<Database["commitments"]> & Partial<Database["asks"]>,
) {
  if (Object.keys(changes).length === 0) return;
  const row = await updateSummaryRecord(tx.db, tx.ownerId, table, id, changes);
  await indexDocument(tx.db, tx.ownerId, {
    kind: search,
    refId: id,
    personId: row.person_id,
    body: row.summary,
  });
}

/** A status the user may set by hand, and when it was settled; `elsewhere` says where the others are set. */
function statusChange(ctx: AppContext, status: string, accepted: string[], elsewhere = "") {
  if (!accepted.includes(status))
    throw invalid(`--status: "${status}" is not one of: ${accepted.join(", ")}.${elsewhere}`, {
      field: "status",
    });
  return { status, resolved_at: status === "open" ? null : toInstant(ctx.now) };
}

async function recompute(
  ctx: AppContext,
  people: Iterable<string | null>,
  departments: Iterable<string | null>,
) {
  for (const id of new Set(people)) if (id) await recomputePersonStats(ctx.db, ctx.ownerId, id);
  for (const id of new Set(departments)) if (id) await recomputeDepartmentStats(ctx.db, ctx.ownerId, id);
}

function counterpartColumns(counterpart: Counterpart | undefined) {
  if (!counterpart) return {};
  return counterpart.kind === "person"
    ? { person_id: counterpart.person.id, department_id: null }
    : { person_id: null, department_id: counterpart.department.id };
}

// ── Ledger entries ────────────────────────────────────────────────────────────────────────────

export interface LedgerEdit {
  summary?: string;
  kind?: string;
  weight?: number;
  occurredAt?: string;
  direction?: string;
  counterpart?: Counterpart;
}

export async function ledgerEntryJson(ctx: AppContext, id: string): Promise<LedgerEntryJson> {
  const row = await getExchange(ctx.db, ctx.ownerId, id);
  // one row in, one entry out
  const [json] = await withCounterpartNames(ctx, [row], entryJson);
  return json as LedgerEntryJson;
}

export async function editLedgerEntry(ctx: AppContext, ref: string, edit: LedgerEdit) {
  const id = await byId(ctx, "exchanges", "ledger", ref);
  const changes: Partial<Database["exchanges"]> = {};
  if (edit.summary !== undefined) changes.summary = readText("summary", edit.summary);
  if (edit.kind !== undefined) changes.kind = readKind(edit.kind);
  if (edit.weight !== undefined) changes.weight = readWeight(edit.weight);
  if (edit.occurredAt !== undefined)
    changes.occurred_at = toInstant(readWhen("--on", edit.occurredAt, ctx.now));
  if (edit.direction !== undefined) {
    if (edit.direction !== "gave" && edit.direction !== "received")
      throw invalid(`--direction: "${edit.direction}" is not one of: gave, received.`, {
        field: "direction",
      });
    changes.direction = edit.direction;
  }
  Object.assign(changes, counterpartColumns(edit.counterpart));
  await inWriteTransaction(ctx, async (tx) => {
    const before = await getExchange(tx.db, tx.ownerId, id);
    // A new kind without a weight takes the new kind's usual weight, if the old one had its kind's.
    if (
      changes.kind &&
      edit.weight === undefined &&
      before.weight === defaultWeight(before.kind as ExchangeKind)
    )
      changes.weight = defaultWeight(changes.kind as ExchangeKind);
    if (Object.keys(changes).length === 0) return;
    await updateExchange(tx.db, tx.ownerId, id, changes);
    const after = { ...before, ...changes };
    await indexDocument(tx.db, tx.ownerId, {
      kind: "exchange",
      refId: id,
      personId: after.person_id,
      body: after.summary,
    });
    await recompute(tx, [before.person_id, after.person_id], [before.department_id, after.department_id]);
  });
  return { entry: await ledgerEntryJson(ctx, id) };
}

export async function deleteLedgerEntry(ctx: AppContext, ref: string) {
  const id = await byId(ctx, "exchanges", "ledger", ref);
  const entry = await ledgerEntryJson(ctx, id);
  await inWriteTransaction(ctx, async (tx) => {
    const row = await getExchange(tx.db, tx.ownerId, id);
    // What pointed at the entry (the ask it fulfilled, the promise it kept…) stays, without it.
    await detachExchange(tx.db, tx.ownerId, id);
    await removeRecord(tx, "exchanges", id, "exchange");
    await recompute(tx, [row.person_id], [row.department_id]);
  });
  return {
    deleted: {
      kind: "ledger" as const,
      id,
      description: `ledger entry “${entry.summary}” (${entry.direction}, ${entry.counterpart.name})`,
    },
    entry,
  };
}

// ── Moments ────────────────────────────────────────────────────────────────────────────────────

export interface MomentEdit {
  summary?: string;
  notes?: string | null;
  occurredAt?: string;
  channel?: string;
  initiatedBy?: string;
  personIds?: string[];
}

export async function momentJson(ctx: AppContext, id: string) {
  const row = await getInteraction(ctx.db, ctx.ownerId, id);
  const participants = await participantNames(ctx.db, ctx.ownerId, id);
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    channel: row.channel,
    initiatedBy: row.initiated_by,
    summary: row.summary,
    notes: row.notes,
    participants,
  };
}

function participantsOf(ctx: AppContext, id: string): Promise<string[]> {
  return participantIds(ctx.db, ctx.ownerId, id);
}

export async function editMoment(ctx: AppContext, ref: string, edit: MomentEdit) {
  const id = await byId(ctx, "interactions", "moment", ref);
  const changes: Partial<Database["interactions"]> = {};
  if (edit.summary !== undefined) changes.summary = readText("summary", edit.summary);
  if (edit.notes !== undefined)
    changes.notes = edit.notes === null ? null : readText("notes", edit.notes, LIMITS.momentNotes);
  if (edit.occurredAt !== undefined)
    changes.occurred_at = toInstant(readWhen("--on", edit.occurredAt, ctx.now));
  if (edit.channel !== undefined) changes.channel = readChannel(edit.channel);
  if (edit.initiatedBy !== undefined) changes.initiated_by = readInitiator(edit.initiatedBy);
  const people = edit.personIds ? [...new Set(edit.personIds)] : undefined;
  if (people && people.length === 0)
    throw invalid("A moment needs at least one person.", { field: "personIds" });
  await inWriteTransaction(ctx, async (tx) => {
    const before = await participantsOf(tx, id);
    if (Object.keys(changes).length > 0) await updateInteraction(tx.db, tx.ownerId, id, changes);
    if (people) {
      const gone = before.filter((p) => !people.includes(p));
      const added = people.filter((p) => !before.includes(p));
      await changeParticipants(tx.db, tx.ownerId, id, { gone, added });
    }
    const row = await getInteraction(tx.db, tx.ownerId, id);
    const now = people ?? before;
    await indexDocument(tx.db, tx.ownerId, {
      kind: "interaction",
      refId: id,
      personId: now[0] ?? null,
      body: [row.summary, row.notes].filter(Boolean).join(" "),
    });
    await recompute(tx, [...before, ...now], []);
  });
  return { interaction: await momentJson(ctx, id) };
}

export async function deleteMoment(ctx: AppContext, ref: string) {
  const id = await byId(ctx, "interactions", "moment", ref);
  const moment = await momentJson(ctx, id);
  await inWriteTransaction(ctx, async (tx) => {
    const people = await participantsOf(tx, id);
    await removeRecord(tx, "interactions", id, "interaction");
    await recompute(tx, people, []);
  });
  const names = moment.participants.map((p) => p.name).join(", ");
  return {
    deleted: { kind: "moment" as const, id, description: `moment “${moment.summary}” with ${names}` },
    interaction: moment,
  };
}

// ── Notes ──────────────────────────────────────────────────────────────────────────────────────

function noteRow(ctx: AppContext, id: string) {
  return getNote(ctx.db, ctx.ownerId, id);
}

function noteJson(row: { id: string; person_id: string; body: string; created_at: string }) {
  return { id: row.id, personId: row.person_id, body: row.body, createdAt: row.created_at };
}

export async function editNote(ctx: AppContext, ref: string, body: string) {
  const id = await byId(ctx, "notes", "note", ref);
  const text = readText("note", body, LIMITS.note);
  await inWriteTransaction(ctx, async (tx) => {
    const row = await noteRow(tx, id);
    await updateNoteBody(tx.db, tx.ownerId, id, text);
    await indexDocument(tx.db, tx.ownerId, { kind: "note", refId: id, personId: row.person_id, body: text });
  });
  return { note: noteJson(await noteRow(ctx, id)) };
}

export async function deleteNote(ctx: AppContext, ref: string) {
  const id = await byId(ctx, "notes", "note", ref);
  const note = noteJson(await noteRow(ctx, id));
  await inWriteTransaction(ctx, async (tx) => {
    await removeRecord(tx, "notes", id, "note");
  });
  return {
    deleted: {
      kind: "note" as const,
      id,
      description: `note “${note.body.length > 60 ? `${note.body.slice(0, 59)}…` : note.body}”`,
    },
    note,
  };
}

// ── Promises and asks ──────────────────────────────────────────────────────────────────────────

export interface PromiseEdit {
  summary?: string;
  dueOn?: string | null;
  direction?: string;
  status?: string;
  counterpart?: Counterpart;
}

async function commitmentRow(ctx: AppContext, ref: string) {
  const id = (await bySuffix(ctx, "commitments", ref)) ?? ref.trim();
  const row = await findCommitment(ctx.db, ctx.ownerId, id);
  if (!row) throw missing("promise", ref);
  return row;
}

async function commitmentJsonOf(ctx: AppContext, id: string) {
  const [json] = await commitmentsJson(ctx, [await commitmentRow(ctx, id)]);
  return json as NonNullable<typeof json>;
}

export async function editPromise(ctx: AppContext, ref: string, edit: PromiseEdit) {
  const found = await commitmentRow(ctx, ref);
  const changes: Partial<Database["commitments"]> = {};
  if (edit.summary !== undefined) changes.summary = readText("summary", edit.summary);
  if (edit.dueOn !== undefined)
    changes.due_on = edit.dueOn === null || edit.dueOn === "" ? null : dueDate(edit.dueOn, ctx.now);
  if (edit.direction !== undefined) {
    const direction = { mine: "i_owe", i_owe: "i_owe", theirs: "they_owe", they_owe: "they_owe" }[
      edit.direction
    ];
    if (!direction)
      throw invalid(`--direction: "${edit.direction}" is not one of: mine, theirs.`, { field: "direction" });
    changes.direction = direction;
  }
  // Keeping a promise records a give: that is `goodwill done`, not an edit.
  if (edit.status !== undefined)
    Object.assign(
      changes,
      statusChange(
        ctx,
        edit.status,
        ["open", "dropped"],
        ` A kept promise is "goodwill done ${found.number}".`,
      ),
    );
  Object.assign(changes, counterpartColumns(edit.counterpart));
  await inWriteTransaction(ctx, (tx) => saveWithSummary(tx, "commitments", "commitment", found.id, changes));
  return { commitment: await commitmentJsonOf(ctx, found.id) };
}

/** A due date, as the CLI's --due reads it (2026-12-10, tomorrow, in 3 days). */
function dueDate(value: string, now: number): string {
  return readDay("--due", value, now, { future: true });
}

export async function deletePromise(ctx: AppContext, ref: string) {
  const found = await commitmentRow(ctx, ref);
  const commitment = await commitmentJsonOf(ctx, found.id);
  await inWriteTransaction(ctx, async (tx) => {
    await removeRecord(tx, "commitments", found.id, "commitment");
  });
  return {
    deleted: {
      kind: "promise" as const,
      id: found.id,
      description: `promise #${found.number} “${found.summary}”`,
    },
    commitment,
  };
}

export interface AskEdit {
  summary?: string;
  askedAt?: string;
  status?: string;
  counterpart?: Counterpart;
}

async function askRow(ctx: AppContext, ref: string) {
  const id = (await bySuffix(ctx, "asks", ref)) ?? ref.trim();
  const row = await findAsk(ctx.db, ctx.ownerId, id);
  if (!row) throw missing("ask", ref);
  return row;
}

async function askJsonOf(ctx: AppContext, id: string) {
  const [json] = await withCounterpartNames(ctx, [await askRow(ctx, id)], askJson);
  return json as NonNullable<typeof json>;
}

export async function editAsk(ctx: AppContext, ref: string, edit: AskEdit) {
  const found = await askRow(ctx, ref);
  const changes: Partial<Database["asks"]> = {};
  if (edit.summary !== undefined) changes.summary = readText("summary", edit.summary);
  if (edit.askedAt !== undefined) changes.asked_at = toInstant(readWhen("--on", edit.askedAt, ctx.now));
  // A fulfilled ask records what was received: that is `goodwill ask fulfill`, not an edit.
  if (edit.status !== undefined)
    Object.assign(
      changes,
      statusChange(
        ctx,
        edit.status,
        ["open", "declined", "withdrawn"],
        ` A fulfilled ask is "goodwill ask fulfill ${found.number}".`,
      ),
    );
  Object.assign(changes, counterpartColumns(edit.counterpart));
  await inWriteTransaction(ctx, (tx) => saveWithSummary(tx, "asks", "ask", found.id, changes));
  return { ask: await askJsonOf(ctx, found.id) };
}

export async function deleteAsk(ctx: AppContext, ref: string) {
  const found = await askRow(ctx, ref);
  const ask = await askJsonOf(ctx, found.id);
  await inWriteTransaction(ctx, async (tx) => {
    await removeRecord(tx, "asks", found.id, "ask");
  });
  return {
    deleted: { kind: "ask" as const, id: found.id, description: `ask #${found.number} “${found.summary}”` },
    ask,
  };
}

// ── Needs, offers, introductions ───────────────────────────────────────────────────────────────

const NEED_OFFER: Record<
  "need" | "offer",
  { table: NeedOfferTable; search: SearchKind; statuses: string[] }
> = {
  need: { table: "needs", search: "need", statuses: ["open", "met", "dropped"] },
  offer: { table: "offers", search: "offer", statuses: ["open", "withdrawn"] },
};

async function needOfferRow(ctx: AppContext, kind: "need" | "offer", ref: string) {
  const row = await findNeedOrOffer(ctx.db, NEED_OFFER[kind].table, ctx.ownerId, ref);
  if (!row) throw missing(kind, ref);
  return row;
}

async function needOfferJson(ctx: AppContext, kind: "need" | "offer", id: string) {
  const row = await needOfferRow(ctx, kind, id);
  const [json] = kind === "need" ? await needsJson(ctx, [row]) : await offersJson(ctx, [row]);
  return json as NonNullable<typeof json>;
}

export async function editNeedOrOffer(
  ctx: AppContext,
  kind: "need" | "offer",
  ref: string,
  edit: { text?: string; status?: string },
) {
  const { table, search, statuses } = NEED_OFFER[kind];
  const found = await needOfferRow(ctx, kind, ref);
  const changes: Partial<Database["needs"]> = {};
  if (edit.text !== undefined) changes.text = readText(kind, edit.text, LIMITS.needOffer);
  if (edit.status !== undefined) Object.assign(changes, statusChange(ctx, edit.status, statuses));
  await inWriteTransaction(ctx, async (tx) => {
    if (Object.keys(changes).length === 0) return;
    if (changes.text !== undefined && (changes.status ?? found.status) === "open")
      await refuseCopyOfOpen(tx, table, found, changes.text);
    await updateNeedOrOffer(tx.db, table, tx.ownerId, found.id, changes);
    if (changes.text !== undefined)
      await indexDocument(tx.db, tx.ownerId, {
        kind: search,
        refId: found.id,
        personId: found.person_id,
        body: changes.text,
      });
  });
  return { [kind]: await needOfferJson(ctx, kind, found.id) } as { need?: unknown; offer?: unknown };
}

export async function deleteNeedOrOffer(ctx: AppContext, kind: "need" | "offer", ref: string) {
  const { table, search } = NEED_OFFER[kind];
  const found = await needOfferRow(ctx, kind, ref);
  await inWriteTransaction(ctx, async (tx) => {
    await removeRecord(tx, table, found.id, search);
  });
  return { deleted: { kind, id: found.id, description: `${kind} #${found.number} “${found.text}”` } };
}

/** Rewords one of my offers, or corrects its status; the search index follows the text. */
export async function editOwnOffer(ctx: AppContext, ref: string, edit: { text?: string; status?: string }) {
  const found = await ownOfferRow(ctx, ref);
  const changes: Partial<Database["own_offers"]> = {};
  if (edit.text !== undefined) changes.text = readText("offer", edit.text, LIMITS.needOffer);
  if (edit.status !== undefined)
    Object.assign(changes, statusChange(ctx, edit.status, ["open", "withdrawn"]));
  await inWriteTransaction(ctx, async (tx) => {
    if (Object.keys(changes).length === 0) return;
    await updateOwnOffer(tx.db, tx.ownerId, found.id, changes);
    if (changes.text !== undefined)
      await indexDocument(tx.db, tx.ownerId, {
        kind: "own-offer",
        refId: found.id,
        personId: null,
        body: changes.text,
      });
  });
  return { ownOffer: ownOfferJson(await ownOfferRow(ctx, found.id)) };
}

export async function deleteOwnOffer(ctx: AppContext, ref: string) {
  const found = await ownOfferRow(ctx, ref);
  await inWriteTransaction(ctx, (tx) => removeRecord(tx, "own_offers", found.id, "own-offer"));
  return {
    deleted: {
      kind: "own-offer" as const,
      id: found.id,
      description: `offer of yours #${found.number} “${found.text}”`,
    },
  };
}

async function introductionRow(ctx: AppContext, ref: string) {
  const number = /^#?\d+$/.test(ref.trim()) ? Number(ref.trim().replace("#", "")) : null;
  const row = await findIntroduction(ctx.db, ctx.ownerId, number !== null ? { number } : { id: ref.trim() });
  if (!row) throw missing("intro", ref);
  return row;
}

export async function editIntroduction(ctx: AppContext, ref: string, edit: { reason?: string }) {
  const found = await introductionRow(ctx, ref);
  if (edit.reason !== undefined) {
    const reason = readText("reason", edit.reason, LIMITS.reason);
    await inWriteTransaction(ctx, (tx) => updateIntroduction(tx.db, tx.ownerId, found.id, { reason }));
  }
  return { introduction: await introductionJson(ctx, found.id) };
}

export async function deleteIntroduction(ctx: AppContext, ref: string) {
  const found = await introductionRow(ctx, ref);
  const introduction = await introductionJson(ctx, found.id);
  await inWriteTransaction(ctx, (tx) => deleteRecordRow(tx.db, tx.ownerId, "introductions", found.id));
  return {
    deleted: {
      kind: "intro" as const,
      id: found.id,
      description: `introduction #${found.number} of ${introduction.a.name} and ${introduction.b.name}`,
    },
    introduction,
  };
}

/** The whole set of edits, as the service takes them: the fields each kind accepts. */
export interface RecordEditInput {
  summary?: string;
  kind?: string;
  weight?: number;
  occurredAt?: string;
  direction?: string;
  counterpart?: Counterpart;
  notes?: string | null;
  channel?: string;
  initiatedBy?: string;
  personIds?: string[];
  body?: string;
  dueOn?: string | null;
  status?: string;
  askedAt?: string;
  text?: string;
  reason?: string;
}

const FIELDS: Record<RecordKind, readonly (keyof RecordEditInput)[]> = {
  ledger: ["summary", "kind", "weight", "occurredAt", "direction", "counterpart"],
  moment: ["summary", "notes", "occurredAt", "channel", "initiatedBy", "personIds"],
  note: ["body"],
  promise: ["summary", "dueOn", "direction", "status", "counterpart"],
  ask: ["summary", "askedAt", "status", "counterpart"],
  need: ["text", "status"],
  offer: ["text", "status"],
  "own-offer": ["text", "status"],
  intro: ["reason"],
};

/** Edits one record of a kind; a field that kind does not have is refused, naming those it has. */
export async function editRecord(ctx: AppContext, kind: RecordKind, ref: string, edit: RecordEditInput) {
  const given = (Object.keys(edit) as (keyof RecordEditInput)[]).filter((k) => edit[k] !== undefined);
  const foreign = given.filter((k) => !FIELDS[kind].includes(k));
  if (foreign.length > 0)
    throw invalid(
      `A ${NOUN[kind]} has no ${foreign.join(", ")} to edit; it takes ${FIELDS[kind].join(", ")}.`,
      { field: foreign[0] },
    );
  if (given.length === 0) throw new GoodwillError("usage", `Say what to change: ${FIELDS[kind].join(", ")}.`);
  switch (kind) {
    case "ledger":
      return editLedgerEntry(ctx, ref, edit);
    case "moment":
      return editMoment(ctx, ref, edit);
    case "note":
      return editNote(ctx, ref, edit.body ?? "");
    case "promise":
      return editPromise(ctx, ref, edit);
    case "ask":
      return editAsk(ctx, ref, edit);
    case "need":
    case "offer":
      return editNeedOrOffer(ctx, kind, ref, edit);
    case "own-offer":
      return editOwnOffer(ctx, ref, edit);
    case "intro":
      return editIntroduction(ctx, ref, edit);
  }
}

export async function deleteRecord(ctx: AppContext, kind: RecordKind, ref: string) {
  switch (kind) {
    case "ledger":
      return deleteLedgerEntry(ctx, ref);
    case "moment":
      return deleteMoment(ctx, ref);
    case "note":
      return deleteNote(ctx, ref);
    case "promise":
      return deletePromise(ctx, ref);
    case "ask":
      return deleteAsk(ctx, ref);
    case "need":
    case "offer":
      return deleteNeedOrOffer(ctx, kind, ref);
    case "own-offer":
      return deleteOwnOffer(ctx, ref);
    case "intro":
      return deleteIntroduction(ctx, ref);
  }
}

/** A record's noun in a sentence ("ledger entry", "introduction"). */
export function recordNoun(kind: RecordKind): string {
  return NOUN[kind];
}
