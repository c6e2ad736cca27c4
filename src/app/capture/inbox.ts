/**
 * The Inbox (issue 18): what capture suggests is never recorded without the user's yes. An item is
 * accepted (it becomes a ledger entry, a promise, a need, or an address of the person), edited, or
 * dismissed; either way it leaves the Inbox for good (a re-import finds it decided). The people the
 * user writes to often are made people in one step, or dismissed.
 */
import {
  type AskOutcome,
  type CorrespondentJson,
  ENTRY_KINDS,
  type EntryKind,
  type InboxAcceptOptions,
  type InboxDetail,
  type InboxEdit,
  type InboxItemJson,
  type InboxKind,
  inboxText,
} from "../../contract/inbox.js";
import { isEmail, oneOf, readKind, readText } from "../../contract/input.js";
import { theirWordsAsMine } from "../../domain/capture-rules.js";
import type { Channel, Initiator } from "../../domain/model.js";
import { GoodwillError } from "../../errors.js";
import {
  type CorrespondentRow,
  decideItems,
  getItems,
  type InboxItemView,
  itemIdsInOrder,
  listOpenCorrespondents,
  listOpenItems,
  markCorrespondent,
  updateItem,
} from "../../storage/inbox.repository.js";
import { emailKey, fromInstant, isId } from "../../storage/keys.js";
import { findPeopleByEmail, getPerson } from "../../storage/person.repository.js";
import { createCommitment } from "../commitments.js";
import { type AppContext, inWriteTransaction, nowIso } from "../context.js";
import { recordExchange } from "../moments.js";
import { addNeed } from "../needs-offers.js";
import { addPerson, editPerson, getPersonJson } from "../people.js";
import { resolvePerson } from "../who.js";

function readDetail(json: string | null): InboxDetail {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === "object" && value !== null ? (value as InboxDetail) : {};
  } catch {
    return {};
  }
}

function itemJson(row: InboxItemView, number: number): InboxItemJson {
  const detail = readDetail(row.detail);
  const kind = row.kind as InboxKind;
  const person = row.person_id && row.person_name ? { id: row.person_id, name: row.person_name } : null;
  const address = typeof detail.email === "string" ? detail.email : null;
  return {
    id: row.id,
    number,
    kind,
    person,
    summary: row.summary,
    exchangeKind:
      kind === "alias" || kind === "ask" ? null : (detail.exchangeKind ?? defaultExchangeKind(kind)),
    address,
    because: row.because,
    occurredAt: row.occurred_at,
    subject: row.subject,
    status: row.status as InboxItemJson["status"],
    recordId: row.record_id,
    text: inboxText({ kind, personName: person?.name ?? null, summary: row.summary, address }),
  };
}

function defaultExchangeKind(kind: InboxKind): string {
  return kind === "thanks" ? "thanks" : "favor";
}

async function numbering(ctx: AppContext): Promise<Map<string, number>> {
  return new Map((await itemIdsInOrder(ctx.db, ctx.ownerId)).map((id, i) => [id, i + 1]));
}

/** The open suggestions, newest first, each with its number and why it was suggested. */
export async function listInbox(ctx: AppContext): Promise<{ items: InboxItemJson[]; open: number }> {
  const [rows, numbers] = await Promise.all([listOpenItems(ctx.db, ctx.ownerId), numbering(ctx)]);
  return { items: rows.map((r) => itemJson(r, numbers.get(r.id) ?? 0)), open: rows.length };
}

/** Items named by number (`3`, `#3`) or id, each once, in the order given. */
async function findItems(ctx: AppContext, refs: readonly string[]): Promise<InboxItemJson[]> {
  if (refs.length === 0)
    throw new GoodwillError("invalid", "Say which items: their numbers (see goodwill inbox) or ids.");
  const numbers = await numbering(ctx);
  const byNumber = new Map([...numbers].map(([id, n]) => [n, id]));
  const ids = refs.map((ref) => {
    const text = ref.trim().replace(/^#/, "");
    if (/^\d+$/.test(text)) {
      const id = byNumber.get(Number(text));
      if (id === undefined)
        throw new GoodwillError("not_found", `No Inbox item is #${text}: see goodwill inbox.`);
      return id;
    }
    if (isId(text) && numbers.has(text)) return text;
    throw new GoodwillError(
      "not_found",
      `No Inbox item is ${ref}: give its number (see goodwill inbox) or its id.`,
    );
  });
  const unique = [...new Set(ids)];
  const rows = new Map((await getItems(ctx.db, ctx.ownerId, unique)).map((r) => [r.id, r]));
  return unique.map((id) => itemJson(rows.get(id) as InboxItemView, numbers.get(id) ?? 0));
}

function mustBeOpen(item: InboxItemJson): void {
  if (item.status !== "open")
    throw new GoodwillError(
      "conflict",
      `Inbox item #${item.number} was ${item.status} already (${item.text}). Undo that first to decide again.`,
      { id: item.id, status: item.status },
    );
}

/** Applies an edit to an open item, in the transaction; answers the item as it is now. */
async function applyEdit(tx: AppContext, item: InboxItemJson, edit: InboxEdit): Promise<InboxItemJson> {
  const changes: Parameters<typeof updateItem>[3] = {};
  if (edit.summary !== undefined) changes.summary = readText("summary", edit.summary);
  let kind: InboxKind = item.kind;
  if (edit.kind !== undefined) {
    const next = oneOf<EntryKind>("kind", edit.kind, ENTRY_KINDS);
    if (item.kind === "alias")
      throw new GoodwillError(
        "invalid",
        `Item #${item.number} asks whether an address is someone's; it cannot become an entry.`,
        { field: "kind" },
      );
    changes.kind = kind = next;
  }
  if (edit.exchangeKind !== undefined || changes.kind !== undefined) {
    const detail: InboxDetail = { ...(item.address ? { email: item.address } : {}) };
    if ((kind as InboxKind) !== "alias" && kind !== "ask") {
      const exchangeKind =
        edit.exchangeKind !== undefined
          ? readKind(edit.exchangeKind)
          : kind === "thanks"
            ? "thanks"
            : item.exchangeKind && item.exchangeKind !== "thanks"
              ? item.exchangeKind
              : "favor";
      detail.exchangeKind = exchangeKind;
    } else if (edit.exchangeKind !== undefined) {
      throw new GoodwillError(
        "invalid",
        `An ${kind} has no exchange kind: it is not a give or a favor received.`,
        { field: "exchangeKind" },
      );
    }
    changes.detail = JSON.stringify(detail);
  }
  if (edit.person !== undefined) changes.person_id = (await resolvePerson(tx, edit.person)).id;
  await updateItem(tx.db, tx.ownerId, item.id, changes);
  const [row] = await getItems(tx.db, tx.ownerId, [item.id]);
  return itemJson(row as InboxItemView, item.number);
}

/** Changes what an item suggests (summary, kind, exchange kind, person) without deciding it. */
export async function editInboxItem(
  ctx: AppContext,
  ref: string,
  edit: InboxEdit,
): Promise<{ item: InboxItemJson }> {
  const [item] = await findItems(ctx, [ref]);
  if (!item) throw new GoodwillError("not_found", `No Inbox item is ${ref}.`);
  mustBeOpen(item);
  return { item: await inWriteTransaction(ctx, (tx) => applyEdit(tx, item, edit)) };
}

export interface AcceptedJson {
  item: InboxItemJson;
  /** what accepting wrote */
  recorded: { kind: "exchange" | "promise" | "need" | "email"; id: string; text: string };
}

/**
 * Accepts an item (after an optional edit): gave/received/thanks become a ledger entry on the
 * message's day, over the message's channel (the moment already counted that day's contact); an ask
 * becomes my promise, or their need; an alias adds the address to the person.
 */
export async function acceptInboxItem(
  ctx: AppContext,
  ref: string,
  options: InboxAcceptOptions = {},
): Promise<AcceptedJson> {
  const [found] = await findItems(ctx, [ref]);
  if (!found) throw new GoodwillError("not_found", `No Inbox item is ${ref}.`);
  mustBeOpen(found);
  const as: AskOutcome | undefined =
    options.as === undefined ? undefined : oneOf<AskOutcome>("as", options.as, ["promise", "need"]);
  return inWriteTransaction(ctx, async (tx) => {
    const { as: _as, ...edit } = options;
    const item = await applyEdit(tx, found, edit);
    if (as !== undefined && item.kind !== "ask")
      throw new GoodwillError(
        "invalid",
        `--as promise|need is for an ask; item #${item.number} is ${item.kind}.`,
        { field: "as" },
      );
    if (!item.person)
      throw new GoodwillError("invalid", `Item #${item.number} names no person: say who with --person WHO.`, {
        field: "person",
      });
    const person = await getPerson(tx.db, tx.ownerId, item.person.id);
    if (!person)
      throw new GoodwillError(
        "not_found",
        `The person of item #${item.number} is no longer there: say who with --person WHO.`,
      );
    const recorded = await record(tx, item, person.id, as ?? "promise");
    await decideItems(tx.db, tx.ownerId, [item.id], {
      status: "accepted",
      recordId: recorded.id,
      at: nowIso(tx),
    });
    const [row] = await getItems(tx.db, tx.ownerId, [item.id]);
    return { item: itemJson(row as InboxItemView, item.number), recorded };
  });
}

async function record(
  tx: AppContext,
  item: InboxItemJson,
  personId: string,
  as: AskOutcome,
): Promise<AcceptedJson["recorded"]> {
  const at = fromInstant(item.occurredAt);
  const person = await resolvePerson(tx, personId);
  switch (item.kind) {
    case "gave":
    case "received":
    case "thanks": {
      const [row] = await getItems(tx.db, tx.ownerId, [item.id]);
      const entry = await recordExchange(
        tx,
        { kind: "person", person },
        {
          direction: item.kind === "received" ? "received" : "gave",
          kind: readKind(item.exchangeKind ?? defaultExchangeKind(item.kind)),
          summary: item.summary,
          at,
          channel: (row?.channel ?? "email") as Channel,
          initiatedBy: (row?.initiated_by ?? "unknown") as Initiator,
        },
      );
      return { kind: "exchange", id: entry.id, text: item.text };
    }
    case "ask": {
      // The ask is in the asker's words ("send me the numbers"); what I write down is in mine.
      const summary = theirWordsAsMine(item.summary);
      if (as === "need") {
        const need = await addNeed(tx, personId, summary);
        return { kind: "need", id: need.id, text: `${person.display_name} needs: ${summary}` };
      }
      const commitment = await createCommitment(
        tx,
        { kind: "person", person },
        {
          summary,
          dueOn: null,
          direction: "i_owe",
        },
      );
      return {
        kind: "promise",
        id: commitment.id,
        text: `You promised ${person.display_name}: ${summary}`,
      };
    }
    case "alias": {
      const address = item.address;
      if (!address || !isEmail(address))
        throw new GoodwillError("invalid", `Item #${item.number} holds no address to add.`);
      const owners = (await findPeopleByEmail(tx.db, tx.ownerId, address)).filter((p) => p.id !== personId);
      if (owners[0])
        throw new GoodwillError("conflict", `${address} is already ${owners[0].display_name}'s address.`, {
          personId: owners[0].id,
        });
      const current = await getPersonJson(tx, personId);
      if (!current.emails.some((e) => emailKey(e) === emailKey(address)))
        await editPerson(tx, personId, { emails: [...current.emails, address] });
      // Not one of "the people you write to often" any more: it is theirs.
      await markCorrespondent(tx.db, tx.ownerId, emailKey(address), { status: "added", personId });
      return { kind: "email", id: personId, text: `${address} is ${person.display_name}'s address` };
    }
  }
}

/** Dismisses items: they leave the Inbox and do not come back on a re-import. */
export async function dismissInboxItems(
  ctx: AppContext,
  refs: readonly string[],
): Promise<{ dismissed: InboxItemJson[] }> {
  const items = await findItems(ctx, refs);
  for (const item of items) mustBeOpen(item);
  await inWriteTransaction(ctx, (tx) =>
    decideItems(
      tx.db,
      tx.ownerId,
      items.map((i) => i.id),
      { status: "dismissed", recordId: null, at: nowIso(tx) },
    ),
  );
  return { dismissed: items.map((i) => ({ ...i, status: "dismissed" as const })) };
}

function correspondentJson(row: CorrespondentRow, number: number): CorrespondentJson {
  return {
    key: row.email_key,
    number,
    email: row.email,
    name: row.name,
    messages: row.messages,
    lastAt: row.last_at,
  };
}

/** The people the user writes to often who are not people yet: the most messages first. */
export async function listCorrespondents(ctx: AppContext): Promise<{ people: CorrespondentJson[] }> {
  const rows = await listOpenCorrespondents(ctx.db, ctx.ownerId);
  return { people: rows.map((r, i) => correspondentJson(r, i + 1)) };
}

/** Correspondents by their place in the list (`2`) or their address, each once. */
async function findCorrespondents(ctx: AppContext, refs: readonly string[]): Promise<CorrespondentJson[]> {
  if (refs.length === 0)
    throw new GoodwillError("invalid", "Say whom: their numbers (see goodwill inbox people) or addresses.");
  const { people } = await listCorrespondents(ctx);
  const found = refs.map((ref) => {
    const text = ref.trim().replace(/^#/, "");
    const hit = /^\d+$/.test(text)
      ? people.find((p) => p.number === Number(text))
      : people.find((p) => p.key === emailKey(text));
    if (!hit)
      throw new GoodwillError(
        "not_found",
        `No one is ${ref} among the people you write to often: see goodwill inbox people.`,
      );
    return hit;
  });
  return [...new Map(found.map((c) => [c.key, c])).values()];
}

/** A person's name from a correspondent: the display name, else the address's local part in words. */
export function nameOfCorrespondent(c: { name: string | null; email: string }): string {
  const name = c.name?.replace(/\s+/g, " ").trim();
  if (name && !isEmail(name)) return name;
  const local = c.email.split("@")[0] ?? c.email;
  const words = local
    .split(/[._\-+]+/)
    .filter((w) => w !== "" && !/^\d+$/.test(w))
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  return words.length > 0 ? words.join(" ") : c.email;
}

export interface PeopleAddedJson {
  added: { person: { id: string; name: string }; email: string }[];
  /** what to do next: import the same export again to log their messages */
  next: string;
}

/**
 * Makes people of correspondents (named by display name, else by address, with the address as their
 * email). Someone whose address a person has since been given is linked to them, not made twice.
 */
export async function addCorrespondents(ctx: AppContext, refs: readonly string[]): Promise<PeopleAddedJson> {
  const chosen = await findCorrespondents(ctx, refs);
  const added = await inWriteTransaction(ctx, async (tx) => {
    const out: PeopleAddedJson["added"] = [];
    for (const c of chosen) {
      const [existing] = await findPeopleByEmail(tx.db, tx.ownerId, c.email);
      const person = existing
        ? { id: existing.id, name: existing.display_name }
        : await addPerson(tx, { name: readText("name", nameOfCorrespondent(c)), emails: [c.email] });
      await markCorrespondent(tx.db, tx.ownerId, c.key, { status: "added", personId: person.id });
      out.push({ person: { id: person.id, name: person.name }, email: c.email });
    }
    return out;
  });
  return {
    added,
    next: "Import the same export again: their messages are logged as moments now that they are people.",
  };
}

/** Hides correspondents from "people you write to often". */
export async function dismissCorrespondents(
  ctx: AppContext,
  refs: readonly string[],
): Promise<{ dismissed: CorrespondentJson[] }> {
  const chosen = await findCorrespondents(ctx, refs);
  await inWriteTransaction(ctx, async (tx) => {
    for (const c of chosen) await markCorrespondent(tx.db, tx.ownerId, c.key, { status: "dismissed" });
  });
  return { dismissed: chosen };
}
