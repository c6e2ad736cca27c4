/**
 * Needs and offers (DESIGN §1): short texts on a person, what they need and what they can help
 * with. Open needs drive `help-with-need`; needs matched against offers drive `introduce`.
 */
import { GoodwillError, notFound } from "../errors.js";
import { nextNumber } from "../storage/ask.repository.js";
import { newId } from "../storage/keys.js";
import { namesOf } from "../storage/names.repository.js";
import {
  findNeedOrOffer,
  insertNeedOrOffer,
  listNeedsOrOffers,
  type NeedOfferTable,
  updateNeedOrOffer,
} from "../storage/need-offer.repository.js";
import { nextOfferNumber } from "../storage/own-offer.repository.js";
import type { NeedRow, PersonRow } from "../storage/schema.js";
import { indexDocument } from "../storage/search.repository.js";
import { type AppContext, inWriteTransaction, nowIso } from "./context.js";
import { readText } from "./input.js";
import { recordExchange } from "./moments.js";
import { resolvePerson } from "./who.js";

export interface NeedJson {
  id: string;
  number: number;
  personId: string;
  person: string;
  text: string;
  /** open | met | dropped */
  status: string;
  createdAt: string;
  resolvedAt: string | null;
  /** who met it: a person, "me", or null when not said */
  metBy: { id: string; name: string } | "me" | null;
  exchangeId: string | null;
}

export interface OfferJson {
  id: string;
  number: number;
  personId: string;
  person: string;
  text: string;
  /** open | withdrawn */
  status: string;
  createdAt: string;
  resolvedAt: string | null;
}

const NOUN: Record<NeedOfferTable, "need" | "offer"> = { needs: "need", offers: "offer" };

function names(ctx: AppContext, ids: (string | null)[]): Promise<Map<string, string>> {
  return namesOf(ctx.db, ctx.ownerId, { people: ids });
}

// Whoever met a need may since have been removed: then it no longer says who.
function metByJson(id: string | null, named: Map<string, string>): NeedJson["metBy"] {
  if (id === "me") return "me";
  const name = id === null ? undefined : named.get(id);
  return id === null || name === undefined ? null : { id, name };
}

export async function needsJson(ctx: AppContext, rows: NeedRow[]): Promise<NeedJson[]> {
  const named = await names(
    ctx,
    rows.flatMap((r) => [r.person_id, ...(r.met_by_id && r.met_by_id !== "me" ? [r.met_by_id] : [])]),
  );
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    personId: r.person_id,
    person: named.get(r.person_id) ?? "",
    text: r.text,
    status: r.status,
    createdAt: r.created_at,
    resolvedAt: r.resolved_at,
    metBy: metByJson(r.met_by_id, named),
    exchangeId: r.exchange_id,
  }));
}

export async function offersJson(ctx: AppContext, rows: NeedRow[]): Promise<OfferJson[]> {
  const named = await names(
    ctx,
    rows.map((r) => r.person_id),
  );
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    personId: r.person_id,
    person: named.get(r.person_id) ?? "",
    text: r.text,
    status: r.status,
    createdAt: r.created_at,
    resolvedAt: r.resolved_at,
  }));
}

async function add(
  ctx: AppContext,
  table: NeedOfferTable,
  person: PersonRow,
  text: string,
): Promise<NeedRow> {
  const body = readText(NOUN[table], text, 500);
  return inWriteTransaction(ctx, async (tx) => {
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

async function find(ctx: AppContext, table: NeedOfferTable, ref: string): Promise<NeedRow> {
  const found = await findNeedOrOffer(ctx.db, table, ctx.ownerId, ref);
  if (!found)
    throw notFound(`There is no ${NOUN[table]} ${ref}. "goodwill ${table}" lists them with their numbers.`);
  return found;
}

async function edit(ctx: AppContext, table: NeedOfferTable, ref: string, text: string): Promise<NeedRow> {
  const body = readText(NOUN[table], text, 500);
  const found = await find(ctx, table, ref);
  await inWriteTransaction(ctx, async (tx) => {
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

export async function addNeed(ctx: AppContext, personId: string, text: string): Promise<NeedJson> {
  const [json] = await needsJson(ctx, [await add(ctx, "needs", await resolvePerson(ctx, personId), text)]);
  return json as NeedJson;
}

export async function addOffer(ctx: AppContext, personId: string, text: string): Promise<OfferJson> {
  const [json] = await offersJson(ctx, [await add(ctx, "offers", await resolvePerson(ctx, personId), text)]);
  return json as OfferJson;
}

export async function editNeed(ctx: AppContext, ref: string, text: string): Promise<NeedJson> {
  const [json] = await needsJson(ctx, [await edit(ctx, "needs", ref, text)]);
  return json as NeedJson;
}

export async function editOffer(ctx: AppContext, ref: string, text: string): Promise<OfferJson> {
  const [json] = await offersJson(ctx, [await edit(ctx, "offers", ref, text)]);
  return json as OfferJson;
}

export async function listNeeds(ctx: AppContext, filter: { personId?: string; all?: boolean }) {
  const person = filter.personId ? await resolvePerson(ctx, filter.personId) : null;
  const rows = await listNeedsOrOffers(ctx.db, "needs", ctx.ownerId, {
    ...(person ? { personId: person.id } : {}),
    openOnly: !filter.all,
  });
  return needsJson(ctx, rows);
}

export async function listOffers(ctx: AppContext, filter: { personId?: string; all?: boolean }) {
  const person = filter.personId ? await resolvePerson(ctx, filter.personId) : null;
  const rows = await listNeedsOrOffers(ctx.db, "offers", ctx.ownerId, {
    ...(person ? { personId: person.id } : {}),
    openOnly: !filter.all,
  });
  return offersJson(ctx, rows);
}

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
  const [json] = await needsJson(ctx, [await find(ctx, "needs", found.id)]);
  return json as NeedJson;
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
  const [json] = await offersJson(ctx, [await find(ctx, "offers", found.id)]);
  return json as OfferJson;
}
