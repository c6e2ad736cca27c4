/**
 * `goodwill intro`: introductions I broker between two people, double opt-in. A made introduction
 * is a give to both (a `gave` entry of kind `intro`); a good outcome raises both entries' weight.
 */

import { oneOf, readText } from "../contract/input.js";
import type { IntroductionJson, NeedToSettle } from "../contract/introduction.js";
import { INTRO_GOOD_OUTCOME_WEIGHT } from "../domain/defaults.js";
import {
  allowedMoves,
  applyMove,
  INTRODUCTION_MOVES,
  INTRODUCTION_STATUSES,
  type IntroductionStatus,
  optInMessages,
} from "../domain/introduction.js";
import { matchNeedsToOffers } from "../domain/need-offer-match.js";
import { GoodwillError, notFound } from "../errors.js";
import { setExchangeWeights } from "../storage/exchange.repository.js";
import {
  findIntroduction as findIntroductionRow,
  insertIntroduction,
  introducedPeople,
  listIntroductionRows,
  openIntroductionOf,
  openNeedsOrOffersOf,
  updateIntroduction,
} from "../storage/introduction.repository.js";
import { newId } from "../storage/keys.js";
import { namesOf } from "../storage/names.repository.js";
import { updateNeedOrOffer } from "../storage/need-offer.repository.js";
import { nextNumber } from "../storage/record-number.repository.js";
import type { IntroductionRow } from "../storage/schema.js";
import { recomputePersonStats } from "../storage/stats.repository.js";
import { type AppContext, inWriteTransaction, nowIso } from "./context.js";
import { recordExchange } from "./moments.js";
import { resolvePerson } from "./who.js";

/** The open needs and offers of these people, by person, oldest first. */
async function openTexts(
  ctx: AppContext,
  ids: string[],
): Promise<{
  needs: Map<string, { id: string; number: number; text: string }[]>;
  offers: Map<string, string[]>;
}> {
  const read = (table: "needs" | "offers") =>
    ids.length === 0 ? Promise.resolve([]) : openNeedsOrOffersOf(ctx.db, ctx.ownerId, table, ids);
  const needs = new Map<string, { id: string; number: number; text: string }[]>();
  for (const n of await read("needs")) needs.set(n.person_id, [...(needs.get(n.person_id) ?? []), n]);
  const offers = new Map<string, string[]>();
  for (const o of await read("offers")) offers.set(o.person_id, [...(offers.get(o.person_id) ?? []), o.text]);
  return { needs, offers };
}

async function introductionsJson(ctx: AppContext, rows: IntroductionRow[]): Promise<IntroductionJson[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.a_id, r.b_id]))];
  const people = ids.length ? await introducedPeople(ctx.db, ctx.ownerId, ids) : [];
  const { needs, offers } = await openTexts(ctx, ids);
  const byId = new Map(
    people.map((p) => [
      p.id,
      {
        name: p.display_name,
        title: p.title,
        organization: p.organization,
        needs: (needs.get(p.id) ?? []).map((n) => n.text),
        offers: offers.get(p.id) ?? [],
      },
    ]),
  );
  return rows.map((r) => {
    const a = byId.get(r.a_id) ?? { name: "", title: null, organization: null };
    const b = byId.get(r.b_id) ?? { name: "", title: null, organization: null };
    const status = r.status as IntroductionStatus;
    return {
      id: r.id,
      number: r.number,
      a: { id: r.a_id, name: a.name },
      b: { id: r.b_id, name: b.name },
      reason: r.reason,
      status,
      aAgreed: r.a_agreed_at !== null,
      bAgreed: r.b_agreed_at !== null,
      madeAt: r.made_at,
      declinedAt: r.declined_at,
      outcome: r.outcome,
      outcomeGood: r.outcome_good === 1,
      createdAt: r.created_at,
      allowedMoves: allowedMoves(status),
      messages: optInMessages(a, b, r.reason),
    };
  });
}

/** Statuses of an introduction still under way: neither made nor declined. */
const OPEN_STATUSES: IntroductionStatus[] = ["proposed", "a_agreed", "b_agreed", "agreed"];

async function findIntroduction(ctx: AppContext, ref: string): Promise<IntroductionRow> {
  const number = /^#?\d+$/.test(ref.trim()) ? Number(ref.trim().replace("#", "")) : null;
  const found = await findIntroductionRow(ctx.db, ctx.ownerId, number !== null ? { number } : { id: ref });
  if (!found)
    throw notFound(`There is no introduction ${ref}. "goodwill intros" lists them with their numbers.`);
  return found;
}

/** One introduction, by its number or id, as the CLI and the API show it. */
export async function introductionJson(ctx: AppContext, id: string): Promise<IntroductionJson> {
  const [json] = await introductionsJson(ctx, [await findIntroduction(ctx, id)]);
  return json as IntroductionJson;
}

/** Proposes introducing A and B: nothing is sent, and nothing counts as given until it is made. */
export async function proposeIntroduction(
  ctx: AppContext,
  input: { aId: string; bId: string; reason: string },
): Promise<IntroductionJson> {
  const reason = readText("reason", input.reason, 1000);
  const a = await resolvePerson(ctx, input.aId);
  const b = await resolvePerson(ctx, input.bId);
  if (a.id === b.id) throw new GoodwillError("invalid", "An introduction needs two different people.");
  const row = await inWriteTransaction(ctx, async (tx) => {
    // One open introduction per pair, in either order: a second one would ask both sides twice.
    const open = await openIntroductionOf(tx.db, ctx.ownerId, a.id, b.id, OPEN_STATUSES);
    if (open)
      throw new GoodwillError(
        "conflict",
        `${a.display_name} and ${b.display_name} already have an open introduction: #${open.number}, ` +
          `${open.status.replace("_", " ")} since ${open.created_at.slice(0, 10)}. Move that one on ` +
          `(goodwill intro set ${open.number} a_agreed|b_agreed|made|declined) instead of proposing it again.`,
        { introduction: open.number, status: open.status },
      );
    const row: IntroductionRow = {
      owner_id: ctx.ownerId,
      id: newId(),
      number: await nextNumber(tx.db, ctx.ownerId, "introductions"),
      a_id: a.id,
      b_id: b.id,
      reason,
      status: "proposed",
      a_agreed_at: null,
      b_agreed_at: null,
      made_at: null,
      declined_at: null,
      outcome: null,
      outcome_good: 0,
      a_exchange_id: null,
      b_exchange_id: null,
      created_at: nowIso(tx),
    };
    await insertIntroduction(tx.db, row);
    return row;
  });
  return introductionJson(ctx, row.id);
}

/** Introductions, by status (open ones first: proposed, agreed on one side, both), then by number. */
export async function listIntroductions(
  ctx: AppContext,
  filter: { status?: string } = {},
): Promise<IntroductionJson[]> {
  const rows = await listIntroductionRows(ctx.db, ctx.ownerId, {
    ...(filter.status !== undefined
      ? { status: oneOf("--status", filter.status, INTRODUCTION_STATUSES) }
      : {}),
  });
  const order = (s: string) => INTRODUCTION_STATUSES.indexOf(s as IntroductionStatus);
  rows.sort((x, y) => order(x.status) - order(y.status) || x.number - y.number);
  return introductionsJson(ctx, rows);
}

/**
 * Moves an introduction on. `made` needs both sides' agreement and records a give to each; a made
 * introduction takes `made` again only to record its outcome. `good` marks the outcome as good,
 * which raises both gives to the weight of a good introduction.
 */
export async function moveIntroduction(
  ctx: AppContext,
  ref: string,
  input: { move: string; outcome?: string; good?: boolean; needs?: string },
): Promise<IntroductionJson> {
  const move = oneOf("status", input.move, INTRODUCTION_MOVES);
  const settle = input.needs === undefined ? undefined : oneOf("--needs", input.needs, NEED_ANSWERS);
  const outcome = input.outcome === undefined ? undefined : readText("--outcome", input.outcome, 2000);
  const found = await findIntroduction(ctx, ref);
  const status = found.status as IntroductionStatus;
  const next = applyMove(status, move);
  if (next === null) {
    const allowed = allowedMoves(status);
    throw new GoodwillError(
      "conflict",
      `Introduction #${found.number} is ${status}; it cannot move to ${move}. ` +
        (allowed.length === 0
          ? "A declined introduction is closed."
          : `Allowed: ${allowed.join(", ")}${status === "made" ? " (with --outcome, to record how it went)" : ""}.`) +
        (move === "made" && status !== "made" ? " Both sides must agree first (a_agreed and b_agreed)." : ""),
      { status, allowed },
    );
  }
  if (status === "made" && outcome === undefined && !input.good)
    throw new GoodwillError(
      "invalid",
      `Introduction #${found.number} is already made; say how it went with --outcome TEXT (and --good if it went well).`,
    );
  if ((outcome !== undefined || input.good) && move !== "made")
    throw new GoodwillError("invalid", "An outcome belongs to a made introduction: use it with made.");
  if (settle !== undefined && !(move === "made" && status !== "made"))
    throw new GoodwillError(
      "invalid",
      "--needs answers for the needs an introduction was made for: use it when you mark it made.",
    );
  const toSettle = move === "made" && status !== "made" ? await needsMetBy(ctx, found) : [];
  const a = await resolvePerson(ctx, found.a_id);
  const b = await resolvePerson(ctx, found.b_id);
  const good = input.good === true || found.outcome_good === 1;
  await inWriteTransaction(ctx, async (tx) => {
    const at = nowIso(tx);
    const change: Partial<IntroductionRow> = { status: next };
    if (move === "a_agreed") change.a_agreed_at = at;
    if (move === "b_agreed") change.b_agreed_at = at;
    if (move === "declined") change.declined_at = at;
    if (outcome !== undefined) change.outcome = outcome;
    if (input.good) change.outcome_good = 1;
    if (move === "made" && status !== "made") {
      change.made_at = at;
      const give = (person: typeof a, other: typeof b) =>
        recordExchange(
          tx,
          { kind: "person", person },
          {
            direction: "gave",
            kind: "intro",
            ...(good ? { weight: INTRO_GOOD_OUTCOME_WEIGHT } : {}),
            summary: `Introduced to ${other.display_name}: ${found.reason}`,
            at: ctx.now,
            initiatedBy: "me",
          },
        );
      change.a_exchange_id = (await give(a, b)).id;
      change.b_exchange_id = (await give(b, a)).id;
      if (settle === "met")
        for (const need of toSettle)
          await updateNeedOrOffer(tx.db, "needs", ctx.ownerId, need.id, {
            status: "met",
            resolved_at: at,
            met_by_id: need.by.id,
          });
    } else if (status === "made" && input.good && found.outcome_good !== 1) {
      // A good outcome learnt later: the two gives become what a good introduction is worth.
      const ids = [found.a_exchange_id, found.b_exchange_id].filter((x): x is string => x !== null);
      if (ids.length > 0) await setExchangeWeights(tx.db, ctx.ownerId, ids, INTRO_GOOD_OUTCOME_WEIGHT);
      await recomputePersonStats(tx.db, ctx.ownerId, a.id);
      await recomputePersonStats(tx.db, ctx.ownerId, b.id);
    }
    await updateIntroduction(tx.db, ctx.ownerId, found.id, change);
  });
  const json = await introductionJson(ctx, found.id);
  if (toSettle.length === 0) return json;
  return {
    ...json,
    needsToSettle: toSettle.map(({ id: _id, ...need }) => ({
      ...need,
      status: settle === "met" ? "met" : "open",
    })),
  };
}

/** How the user answers for the needs an introduction was made for: closed as met, or kept open. */
export const NEED_ANSWERS = ["met", "open"] as const;

/**
 * The open needs an introduction meets: each side's needs that the other side's open offers match,
 * as the `introduce` suggestion matched them.
 */
async function needsMetBy(
  ctx: AppContext,
  intro: IntroductionRow,
): Promise<(Omit<NeedToSettle, "status"> & { id: string })[]> {
  const { needs, offers } = await openTexts(ctx, [intro.a_id, intro.b_id]);
  const people = await namesOf(ctx.db, ctx.ownerId, { people: [intro.a_id, intro.b_id] });
  const name = (id: string) => people.get(id) ?? "";
  const found: (Omit<NeedToSettle, "status"> & { id: string })[] = [];
  for (const [who, other] of [
    [intro.a_id, intro.b_id],
    [intro.b_id, intro.a_id],
  ] as const) {
    const theirNeeds = needs.get(who) ?? [];
    const matches = matchNeedsToOffers(
      theirNeeds.map((n) => ({ id: n.id, personId: who, text: n.text })),
      (offers.get(other) ?? []).map((text, i) => ({ id: String(i), personId: other, text })),
    );
    for (const m of matches) {
      const need = theirNeeds.find((n) => n.id === m.need.id);
      if (need)
        found.push({
          id: need.id,
          number: need.number,
          person: { id: who, name: name(who) },
          text: need.text,
          by: { id: other, name: name(other) },
        });
    }
  }
  return found;
}
