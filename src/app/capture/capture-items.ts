/**
 * Capture without typing (issue 18): the one pipeline a history import and the forwarding address
 * share. Each message or meeting with someone you know on it becomes a moment on its day; one with
 * nobody you know is remembered as unmatched (a later import looks again), lists and no-reply
 * senders are skipped and counted. Every source is remembered in the same transaction as its moment,
 * so a second import, or the rest of a killed one, adds nothing twice. Suggested entries go to the
 * Inbox and are never recorded without the user's yes.
 */
import {
  type BodyPolicy,
  type CapturedItem,
  type CapturedMail,
  type CaptureProblem,
  type CaptureResult,
  type CaptureSkipReason,
  type MailAddress,
  SNIPPET_CHARS,
} from "../../contract/capture.js";
import { proposeEntries } from "../../domain/capture-rules.js";
import { LIMITS } from "../../domain/limits.js";
import type { Initiator } from "../../domain/model.js";
import {
  type CaptureIndex,
  type CorrespondentSighting,
  countCorrespondents,
  insertInboxItems,
  insertMoments,
  loadCaptureIndex,
  type NewInboxItem,
  openAliasDetails,
  recordContacts,
  rememberSources,
  type SourceRow,
  sourceStatuses,
} from "../../storage/capture.repository.js";
import { withBulkImport } from "../../storage/contact-import.repository.js";
import { listOpenCorrespondents } from "../../storage/inbox.repository.js";
import { emailKey, foldText, newId, toInstant } from "../../storage/keys.js";
import type { InteractionRow } from "../../storage/schema.js";
import { indexDocuments } from "../../storage/search.repository.js";
import { type AppContext, nowIso } from "../context.js";
import { timedBatches } from "../timed-batches.js";
import { type MyAddresses, resolveMyAddresses } from "./capture-settings.js";

export interface CaptureOptions {
  /** what was read: mbox, eml, ics, or forward (one message sent to the forwarding address) */
  format: string;
  /** how much of a body to keep; the setting `capture:bodies` (default snippet) when not given */
  bodies: BodyPolicy;
  /** told how many items were read after each batch */
  onProgress?: (items: number) => void;
}

/** Problems named in the result; the rest are counted. */
const PROBLEMS_SHOWN = 10;
/** "People you write to often" shown with the result. */
const FREQUENT_SHOWN = 10;

export function emptyCaptureResult(format: string, bodies: BodyPolicy): CaptureResult {
  return {
    kind: "history",
    format,
    read: 0,
    logged: 0,
    people: 0,
    alreadyImported: 0,
    unmatched: 0,
    skipped: { list: 0, "no-reply": 0, "auto-reply": 0, cancelled: 0, future: 0 },
    problems: { count: 0, first: [] },
    suggested: 0,
    bodies,
    myAddresses: { addresses: [], source: "none" },
    frequent: [],
  };
}

/** Matches, logs and remembers captured messages and meetings; says what became of them. */
export function captureItems(
  ctx: AppContext,
  items: AsyncIterable<CapturedItem | CaptureProblem>,
  options: CaptureOptions,
): Promise<CaptureResult> {
  return withBulkImport(ctx.store.db, ctx.store.dialect, () => captureAll(ctx, items, options));
}

/** What a run keeps in memory: who is who, and what it has counted so far. */
interface Run {
  index: CaptureIndex;
  now: number;
  me: MyAddresses;
  aliasOpen: Set<string>;
  loggedPeople: Set<string>;
  result: CaptureResult;
  options: CaptureOptions;
}

async function captureAll(
  ctx: AppContext,
  items: AsyncIterable<CapturedItem | CaptureProblem>,
  options: CaptureOptions,
): Promise<CaptureResult> {
  const result = emptyCaptureResult(options.format, options.bodies);
  const index = await loadCaptureIndex(ctx.db, ctx.ownerId);
  const run: Run = {
    index,
    now: ctx.now,
    me: await resolveMyAddresses(ctx, index),
    aliasOpen: new Set(
      (await openAliasDetails(ctx.db, ctx.ownerId)).flatMap((d) => {
        const email = (JSON.parse(d) as { email?: unknown }).email;
        return typeof email === "string" ? [emailKey(email)] : [];
      }),
    ),
    loggedPeople: new Set(),
    result,
    options,
  };
  const batches = timedBatches<CapturedItem>(
    ctx,
    (tx, current) => captureBatch(tx, current, run),
    () => options.onProgress?.(result.read),
  );
  for await (const item of items) {
    await batches.turn();
    result.read++;
    if (item.kind === "problem") {
      result.problems.count++;
      if (result.problems.first.length < PROBLEMS_SHOWN) result.problems.first.push(item);
      continue;
    }
    if (item.at === null) {
      result.problems.count++;
      if (result.problems.first.length < PROBLEMS_SHOWN)
        result.problems.first.push({
          kind: "problem",
          where: item.sourceKey,
          message: "it has no date (no Date header, no mbox From line), so it has no day to be logged on",
        });
      continue;
    }
    await batches.add(item);
  }
  await batches.flush();
  result.people = run.loggedPeople.size;
  result.myAddresses = { addresses: [...run.me.addresses.values()], source: run.me.source };
  result.frequent = (await listOpenCorrespondents(ctx.db, ctx.ownerId, FREQUENT_SHOWN)).map((c) => ({
    email: c.email,
    name: c.name,
    messages: c.messages,
    lastAt: c.last_at,
  }));
  return result;
}

/** The addresses on an item, the sender (or organizer) first. */
function addressesOf(item: CapturedItem): { sender: MailAddress | null; all: MailAddress[] } {
  if (item.kind === "email")
    return { sender: item.from, all: [...(item.from ? [item.from] : []), ...item.to, ...item.cc] };
  return { sender: item.organizer, all: [...(item.organizer ? [item.organizer] : []), ...item.attendees] };
}

/** Why an item is read and not logged, before anyone on it is looked up; null when it may be. */
function skipReason(item: CapturedItem, now: number): CaptureSkipReason | null {
  if (item.kind === "email" && item.bulk) return item.bulk;
  if (item.kind === "meeting" && item.cancelled) return "cancelled";
  if (item.at !== null && item.at > now) return "future";
  return null;
}

/** The notes a moment keeps of a body, by the policy. */
export function keptBody(text: string, policy: BodyPolicy): string | null {
  const body = text.trim();
  if (policy === "none" || body === "") return null;
  if (policy === "snippet") return body.length > SNIPPET_CHARS ? `${body.slice(0, SNIPPET_CHARS)}…` : body;
  return body.slice(0, LIMITS.momentNotes);
}

function summaryOf(item: CapturedItem): string {
  const text = (item.kind === "email" ? item.subject : item.title).replace(/\s+/g, " ").trim();
  if (!text) return item.kind === "email" ? "(no subject)" : "(untitled meeting)";
  return text.length > LIMITS.summary ? `${text.slice(0, LIMITS.summary - 1)}…` : text;
}

async function captureBatch(tx: AppContext, batch: CapturedItem[], run: Run): Promise<void> {
  const { result, index, me } = run;
  const statuses = await sourceStatuses(
    tx.db,
    tx.ownerId,
    batch.map((i) => i.sourceKey),
  );
  const at = nowIso(tx);
  const importId = tx.journal?.entryId ?? null;
  const sources = new Map<string, SourceRow>();
  const moments: { row: InteractionRow; participants: string[] }[] = [];
  const contacts: {
    personId: string;
    event: { at: number; channel: "email" | "meeting"; initiatedBy: Initiator };
  }[] = [];
  const documents: { kind: "interaction"; refId: string; personId: string | null; body: string }[] = [];
  const sightings: CorrespondentSighting[] = [];
  const inbox: NewInboxItem[] = [];
  // Keys this batch has handled: a message twice in one file is seen once.
  const handled = new Set<string>();

  for (const item of batch) {
    const before = statuses.get(item.sourceKey);
    if (before === "logged" || before === "skipped" || handled.has(item.sourceKey)) {
      result.alreadyImported++;
      continue;
    }
    handled.add(item.sourceKey);
    const kind = item.kind === "email" ? "email" : "meeting";
    const occurredAt = item.at === null ? null : toInstant(item.at);
    const reason = skipReason(item, tx.now);
    if (reason) {
      result.skipped[reason]++;
      // A meeting still to come is not remembered: a later import logs it once it has happened.
      if (reason !== "future")
        sources.set(item.sourceKey, {
          source_key: item.sourceKey,
          kind,
          status: "skipped",
          occurred_at: occurredAt,
          interaction_id: null,
          import_id: importId,
        });
      continue;
    }
    if (item.kind === "email") for (const address of item.deliveredTo) me.sawDeliveredTo(address);
    const { sender, all } = addressesOf(item);
    const participants: string[] = [];
    const unknown: MailAddress[] = [];
    for (const address of all) {
      const key = emailKey(address.address);
      if (!key) continue;
      const personId = index.emails.get(key);
      if (personId) {
        if (!participants.includes(personId)) participants.push(personId);
      } else if (!me.isMine(key) && !unknown.some((u) => emailKey(u.address) === key)) {
        unknown.push(address);
      }
    }
    // Who is on it is counted once per source: a source looked at again adds nobody twice.
    if (before === undefined) {
      for (const address of unknown) {
        sightings.push({
          emailKey: emailKey(address.address),
          email: address.address.trim(),
          name: address.name,
          at: occurredAt,
        });
        const alias = aliasItem(run, item, address, occurredAt);
        if (alias) inbox.push(alias);
      }
    }
    if (participants.length === 0 || item.at === null) {
      result.unmatched++;
      // Still nobody known: the row stays as the import that first saw it wrote it.
      if (before === undefined)
        sources.set(item.sourceKey, {
          source_key: item.sourceKey,
          kind,
          status: "unmatched",
          occurred_at: occurredAt,
          interaction_id: null,
          import_id: importId,
        });
      continue;
    }
    const senderKey = sender ? emailKey(sender.address) : "";
    const initiatedBy: Initiator = !senderKey
      ? "unknown"
      : index.emails.has(senderKey)
        ? "them"
        : me.isMine(senderKey)
          ? "me"
          : "unknown";
    const row: InteractionRow = {
      owner_id: tx.ownerId,
      id: newId(),
      occurred_at: toInstant(item.at),
      channel: kind,
      initiated_by: initiatedBy,
      summary: summaryOf(item),
      notes: keptBody(item.kind === "email" ? item.text : item.description, run.options.bodies),
      created_at: at,
    };
    moments.push({ row, participants });
    for (const personId of participants) {
      contacts.push({ personId, event: { at: item.at, channel: kind, initiatedBy } });
      run.loggedPeople.add(personId);
    }
    documents.push({
      kind: "interaction",
      refId: row.id,
      personId: participants[0] ?? null,
      body: [row.summary, row.notes].filter(Boolean).join(" "),
    });
    sources.set(item.sourceKey, {
      source_key: item.sourceKey,
      kind,
      status: "logged",
      occurred_at: occurredAt,
      interaction_id: row.id,
      import_id: importId,
    });
    result.logged++;
    const [only] = participants;
    if (item.kind === "email" && participants.length === 1 && only)
      inbox.push(...proposalItems(item, only, initiatedBy === "me", row.occurred_at));
  }

  await insertMoments(tx.db, moments);
  await recordContacts(tx.db, tx.ownerId, contacts);
  await indexDocuments(tx.db, tx.ownerId, documents);
  await rememberSources(tx.db, tx.ownerId, [...sources.values()], at);
  await countCorrespondents(tx.db, tx.ownerId, sightings);
  await insertInboxItems(tx.db, tx.ownerId, inbox, at);
  result.suggested += inbox.length;
}

/** The entries a message to or from one person suggests (the rules of capture-rules.ts). */
function proposalItems(
  mail: CapturedMail,
  personId: string,
  fromMe: boolean,
  occurredAt: string,
): NewInboxItem[] {
  return proposeEntries({ subject: mail.subject, text: mail.text, fromMe }).map((p) => ({
    id: newId(),
    kind: p.kind,
    person_id: personId,
    summary: p.summary,
    because: p.because,
    detail: JSON.stringify({ exchangeKind: p.exchangeKind }),
    source_key: mail.sourceKey,
    occurred_at: occurredAt,
  }));
}

/**
 * "Is this address also them?": an unknown address whose name folds equal to exactly one person's
 * name, suggested once while the suggestion is open.
 */
function aliasItem(
  run: Run,
  item: CapturedItem,
  address: MailAddress,
  occurredAt: string | null,
): NewInboxItem | null {
  const name = address.name?.trim();
  if (!name) return null;
  const matches = run.index.names.get(foldText(name));
  const [person] = matches ?? [];
  if (!person || matches?.length !== 1) return null;
  const key = emailKey(address.address);
  if (run.aliasOpen.has(key)) return null;
  run.aliasOpen.add(key);
  const email = address.address.trim();
  return {
    id: newId(),
    kind: "alias",
    person_id: person.id,
    summary: `${email} may be ${person.name}`,
    because: `mail from ${email} is signed “${name}”`,
    detail: JSON.stringify({ email, name }),
    source_key: item.sourceKey,
    occurred_at: occurredAt ?? toInstant(run.now),
  };
}
