/**
 * Needs and offers (DESIGN §1): short texts on a person, what they need and what they can help
 * with. Open needs drive `help-with-need`; needs matched against offers drive `introduce`.
 */

import { readText } from "../contract/input.js";
import type { NeedJson, OfferJson } from "../contract/need-offer.js";
import { LIMITS } from "../domain/limits.js";
import { quoteText } from "../domain/quote-text.js";
import { GoodwillError, notFound } from "../errors.js";
import { foldText, newId } from "../storage/keys.js";
import { namesOf } from "../storage/names.repository.js";
import {
  findNeedOrOffer,
  insertNeedOrOffer,
  listNeedsOrOffers,
  type NeedOfferTable,
  updateNeedOrOffer,
} from "../storage/need-offer.repository.js";
import { nextOfferNumber } from "../storage/own-offer.repository.js";
import { nextNumber } from "../storage/record-number.repository.js";
import type { NeedRow, PersonRow } from "../storage/schema.js";
import { indexDocument } from "../storage/search.repository.js";
import { type AppContext, inWriteTransaction, nowIso } from "./context.js";
import { recordExchange } from "./moments.js";
import { resolvePerson } from "./who.js";

const NOUN: Record<NeedOfferTable, "need" | "offer"> = { needs: "need", offers: "offer" };

/** The JSON of a need (table `needs`) or an offer (`offers`). */
type JsonOf<T extends NeedOfferTable> = T extends "needs" ? NeedJson : OfferJson;

// Whoever met a need may since have been removed: then it no longer says who.
function metByJson(id: string | null, named: Map<string, string>): NeedJson["metBy"] {
  if (id === "me") return "me";
  const name = id === null ? undefined : named.get(id);
  return id === null || name === undefined ? null : { id, name };
}

/** Needs or offers with their person's name; a need also says who met it. */
export async function needsOrOffersJson<T extends NeedOfferTable>(
  ctx: AppContext,
  table: T,
  rows: NeedRow[],
): Promise<JsonOf<T>[]> {
  const metBy = table === "needs" ? rows.map((r) => (r.met_by_id === "me" ? null : r.met_by_id)) : [];
  const named = await namesOf(ctx.db, ctx.ownerId, { people: [...rows.map((r) => r.person_id), ...metBy] });
  return rows.map((r) => {
    const common: OfferJson = {
      id: r.id,
      number: r.number,
      personId: r.person_id,
      person: named.get(r.person_id) ?? "",
      text: r.text,
      status: r.status,
      createdAt: r.created_at,
      resolvedAt: r.resolved_at,
    };
    const json: NeedJson | OfferJson =
      table === "needs"
        ? { ...common, metBy: metByJson(r.met_by_id, named), exchangeId: r.exchange_id }
        : common;
    // TypeScript does not narrow T by the test on `table`: the branch above picked the shape.
    return json as JsonOf<T>;
  });
}

export const needsJson = (ctx: AppContext, rows: NeedRow[]) => needsOrOffersJson(ctx, "needs", rows);
export const offersJson = (ctx: AppContext, rows: NeedRow[]) => needsOrOffersJson(ctx, "offers", rows);

async function one<T extends NeedOfferTable>(ctx: AppContext, table: T, row: NeedRow): Promise<JsonOf<T>> {
  const [json] = await needsOrOffersJson(ctx, table, [row]);
  if (!json) throw new GoodwillError("internal", `A ${NOUN[table]} was read but not shown.`);
  return json;
}

/** Whether two needs or offers say the same: case, accents, spaces and end punctuation aside. */
export function sameWords(a: string, b: string): boolean {
  const words = (text: string) => foldText(text).replace(/[\s.!?…,;:]+$/u, "");
  return words(a) === words(b);
}

async function add(
  ctx: AppContext,
  table: NeedOfferTable,
  person: PersonRow,
  text: string,
): Promise<NeedRow> {
  const body = readText(NOUN[table], text, LIMITS.needOffer);
  return inWriteTransaction(ctx, async (tx) => {
    // The owner's write lock is held: no other write can add the same text between this read and the insert.
    const open = await listNeedsOrOffers(tx.db, table, ctx.ownerId, { personId: person.id, openOnly: true });
    const twin = open.find((r) => sameWords(r.text, body));
    if (twin) throw alreadyOpen(NOUN[table], person.display_name, twin);
    const row: NeedRow = {
      owner_id: ctx.ownerId,
      id: newId(),
      // Offers share their numbers with my own offers (own-offers.ts): one number, one offer.
      number:
        table === "offers"
          ? await nextOfferNumber(tx.db, ctx.ownerId)
          : await nextNumber(tx.db, ctx.ownerId, table),
      person_id: person.id,
      text: body,
      status: "open",
      created_at: nowIso(tx),
      resolved_at: null,
      met_by_id: null,
      exchange_id: null,
    };
    await insertNeedOrOffer(tx.db, table, row);
    await indexDocument(tx.db, ctx.ownerId, { kind: NOUN[table], refId: row.id, personId: person.id, body });
    return row;
  });
}

/**
 * A second open need or offer of the same words (case, accents and spacing aside) would be listed and
 * suggested twice: refused, naming the open one, as a second open introduction of a pair is.
 */
export function alreadyOpen(
  noun: "need" | "offer",
  /** the person's name, or null for an offer of the user's own */
  whose: string | null,
  open: { number: number; text: string; created_at: string },
): GoodwillError {
  return new GoodwillError(
    "conflict",
    `${whose === null ? "You already have" : `${whose} already has`} this ${noun} open: #${open.number}, ${quoteText(open.text)}, since ` +
      `${open.created_at.slice(0, 10)}. Keep that one (goodwill ${noun} edit ${open.number} TEXT rewords it) ` +
      "instead of adding it again.",
    { [noun]: open.number },
  );
}

async function find(ctx: AppContext, table: NeedOfferTable, ref: string): Promise<NeedRow> {
  const found = await findNeedOrOffer(ctx.db, table, ctx.ownerId, ref);
  if (!found)
    throw notFound(`There is no ${NOUN[table]} ${ref}. "goodwill ${table}" lists them with their numbers.`);
  return found;
}

/**
 * Refuses rewording an open need or offer into a copy of another open one of the same person's:
 * two copies, as adding it twice would make.
 */
export async function refuseCopyOfOpen(
  tx: AppContext,
  table: NeedOfferTable,
  found: NeedRow,
  text: string,
): Promise<void> {
  const open = await listNeedsOrOffers(tx.db, table, tx.ownerId, {
    personId: found.person_id,
    openOnly: true,
  });
  const twin = open.find((r) => r.id !== found.id && sameWords(r.text, text));
  if (!twin) return;
  const noun = NOUN[table];
  const verb = table === "needs" ? "drop" : "withdraw";
  const whose = (await namesOf(tx.db, tx.ownerId, { people: [found.person_id] })).get(found.person_id);
  throw new GoodwillError(
    "conflict",
    `${whose ?? "This person"} already has this ${noun} open: #${twin.number}, ${quoteText(twin.text)}. Keep that one, and ${verb} #${found.number} (goodwill ${noun} ${verb} ${found.number}) instead of rewording it into a copy.`,
    { [noun]: twin.number },
  );
}

async function edit(ctx: AppContext, table: NeedOfferTable, ref: string, text: string): Promise<NeedRow> {
  const body = readText(NOUN[table], text, LIMITS.needOffer);
  const found = await find(ctx, table, ref);
  await inWriteTransaction(ctx, async (tx) => {
    if (found.status === "open") await refuseCopyOfOpen(tx, table, found, body);
    await updateNeedOrOffer(tx.db, table, ctx.ownerId, found.id, { text: body });
    await indexDocument(tx.db, ctx.ownerId, {
      kind: NOUN[table],
      refId: found.id,
      personId: found.person_id,
      body,
    });
  });
  return { ...found, text: body };
}

/** Adds a need or an offer to a person. */
export async function addNeedOrOffer<T extends NeedOfferTable>(
  ctx: AppContext,
  table: T,
  personId: string,
  text: string,
): Promise<JsonOf<T>> {
  return one(ctx, table, await add(ctx, table, await resolvePerson(ctx, personId), text));
}

/** Changes the text of a need or an offer. */
export async function editNeedOrOfferText<T extends NeedOfferTable>(
  ctx: AppContext,
  table: T,
  ref: string,
  text: string,
): Promise<JsonOf<T>> {
  return one(ctx, table, await edit(ctx, table, ref, text));
}

/** Open needs or offers (or all), of one person or of everyone, oldest first. */
export async function listNeedsOrOffersJson<T extends NeedOfferTable>(
  ctx: AppContext,
  table: T,
  filter: { personId?: string; all?: boolean },
): Promise<JsonOf<T>[]> {
  const person = filter.personId ? await resolvePerson(ctx, filter.personId) : null;
  const rows = await listNeedsOrOffers(ctx.db, table, ctx.ownerId, {
    ...(person ? { personId: person.id } : {}),
    openOnly: !filter.all,
  });
  return needsOrOffersJson(ctx, table, rows);
}

export const addNeed = (ctx: AppContext, personId: string, text: string) =>
  addNeedOrOffer(ctx, "needs", personId, text);
export const addOffer = (ctx: AppContext, personId: string, text: string) =>
  addNeedOrOffer(ctx, "offers", personId, text);
export const editNeed = (ctx: AppContext, ref: string, text: string) =>
  editNeedOrOfferText(ctx, "needs", ref, text);
export const editOffer = (ctx: AppContext, ref: string, text: string) =>
  editNeedOrOfferText(ctx, "offers", ref, text);
export const listNeeds = (ctx: AppContext, filter: { personId?: string; all?: boolean }) =>
  listNeedsOrOffersJson(ctx, "needs", filter);
export const listOffers = (ctx: AppContext, filter: { personId?: string; all?: boolean }) =>
  listNeedsOrOffersJson(ctx, "offers", filter);

/**
 * Closes a need: `met` (optionally saying who met it) or `dropped`. My ledger is between me and
 * each person, so only my own help is an entry: met `by: "me"` records a `gave` (a favor) to the
 * person who needed it. Met by someone else, the need remembers who, and that is all: they helped
 * the person with the need, not me.
 */
export async function closeNeed(
  ctx: AppContext,
  ref: string,
  input: { status: "met" | "dropped"; by?: string },
): Promise<NeedJson> {
  const found = await find(ctx, "needs", ref);
  if (found.status !== "open")
    throw new GoodwillError("conflict", `Need #${found.number} is already ${found.status}.`);
  if (input.status === "dropped" && input.by !== undefined)
    throw new GoodwillError("invalid", "Only a need that was met has someone who met it; leave out --by.");
  const byMe = input.by !== undefined && input.by.trim().toLowerCase() === "me";
  const metBy = input.by !== undefined && !byMe ? await resolvePerson(ctx, input.by) : null;
  if (metBy && metBy.id === found.person_id)
    throw new GoodwillError("invalid", "Nobody meets their own need here; name who helped, or --by me.");
  const owner = await resolvePerson(ctx, found.person_id);
  await inWriteTransaction(ctx, async (tx) => {
    const entry = byMe
      ? await recordExchange(
          tx,
          { kind: "person", person: owner },
          {
            direction: "gave",
            kind: "favor",
            summary: `Helped with: ${found.text}`,
            at: ctx.now,
            initiatedBy: "me",
          },
        )
      : null;
    await updateNeedOrOffer(tx.db, "needs", ctx.ownerId, found.id, {
      status: input.status,
      resolved_at: nowIso(tx),
      met_by_id: byMe ? "me" : (metBy?.id ?? null),
      exchange_id: entry?.id ?? null,
    });
  });
  return one(ctx, "needs", await find(ctx, "needs", found.id));
}

/** An offer that no longer stands. */
export async function withdrawOffer(ctx: AppContext, ref: string): Promise<OfferJson> {
  const found = await find(ctx, "offers", ref);
  if (found.status !== "open")
    throw new GoodwillError("conflict", `Offer #${found.number} is already ${found.status}.`);
  await updateNeedOrOffer(ctx.db, "offers", ctx.ownerId, found.id, {
    status: "withdrawn",
    resolved_at: nowIso(ctx),
  });
  return one(ctx, "offers", await find(ctx, "offers", found.id));
}
