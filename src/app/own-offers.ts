/**
 * The user's own offers (issue 12, item 10): what I can help with ("I can review contracts",
 * "photography"). Each open one is matched against other people's open needs, and a match turns
 * their `help-with-need` suggestion into "You could help Hana: …" (suggest.ts). Numbered with the
 * offers of other people, so an offer's number names it wherever it is kept.
 */

import { readText } from "../contract/input.js";
import type { OwnOfferJson } from "../contract/need-offer.js";
import { LIMITS } from "../domain/limits.js";
import { GoodwillError, notFound } from "../errors.js";
import { newId } from "../storage/keys.js";
import {
  findOwnOffer,
  insertOwnOffer,
  listOwnOffers as listRows,
  nextOfferNumber,
  updateOwnOffer,
} from "../storage/own-offer.repository.js";
import type { OwnOfferRow } from "../storage/schema.js";
import { indexDocument } from "../storage/search.repository.js";
import { type AppContext, inWriteTransaction, nowIso } from "./context.js";
import { alreadyOpen, sameWords } from "./needs-offers.js";

export function ownOfferJson(row: OwnOfferRow): OwnOfferJson {
  return {
    id: row.id,
    number: row.number,
    text: row.text,
    status: row.status,
    createdAt: row.created_at,
    resolvedAt: row.resolved_at,
  };
}

export async function ownOfferRow(ctx: AppContext, ref: string): Promise<OwnOfferRow> {
  const found = await findOwnOffer(ctx.db, ctx.ownerId, ref);
  if (!found)
    throw notFound(`You have no offer ${ref}. "goodwill offers me" lists yours with their numbers.`, {
      kind: "own-offer",
      ref,
    });
  return found;
}

/** Notes something I can help with. */
export async function addOwnOffer(ctx: AppContext, text: string): Promise<OwnOfferJson> {
  const body = readText("offer", text, LIMITS.needOffer);
  const row = await inWriteTransaction(ctx, async (tx) => {
    // As for someone's offers (needs-offers.ts): a second open one of the same words is refused.
    const open = await listRows(tx.db, ctx.ownerId, { openOnly: true });
    const twin = open.find((r) => sameWords(r.text, body));
    if (twin) throw alreadyOpen("offer", null, twin);
    const row: OwnOfferRow = {
      owner_id: ctx.ownerId,
      id: newId(),
      number: await nextOfferNumber(tx.db, ctx.ownerId),
      text: body,
      status: "open",
      created_at: nowIso(tx),
      resolved_at: null,
    };
    await insertOwnOffer(tx.db, row);
    await indexDocument(tx.db, ctx.ownerId, { kind: "own-offer", refId: row.id, personId: null, body });
    return row;
  });
  return ownOfferJson(row);
}

/** My open offers (or all of them), oldest first. */
export async function listOwnOffers(ctx: AppContext, filter: { all?: boolean }): Promise<OwnOfferJson[]> {
  return (await listRows(ctx.db, ctx.ownerId, { openOnly: !filter.all })).map(ownOfferJson);
}

/** An offer of mine that no longer stands: it stops matching anyone's needs. */
export async function withdrawOwnOffer(ctx: AppContext, ref: string): Promise<OwnOfferJson> {
  const found = await ownOfferRow(ctx, ref);
  if (found.status !== "open")
    throw new GoodwillError("conflict", `Your offer #${found.number} is already ${found.status}.`);
  await inWriteTransaction(ctx, (tx) =>
    updateOwnOffer(tx.db, ctx.ownerId, found.id, { status: "withdrawn", resolved_at: nowIso(tx) }),
  );
  return ownOfferJson(await ownOfferRow(ctx, found.id));
}
