/**
 * `goodwill intro`: introductions I broker between two people, double opt-in. A made introduction
 * is a give to both (a `gave` entry of kind `intro`); a good outcome raises both entries' weight.
 */
import { INTRO_GOOD_OUTCOME_WEIGHT } from "../domain/defaults.js";
import {
  allowedMoves,
  applyMove,
  INTRODUCTION_MOVES,
  INTRODUCTION_STATUSES,
  type IntroductionMove,
  type IntroductionStatus,
  optInMessages,
} from "../domain/introduction.js";
import { GoodwillError, notFound } from "../errors.js";
import { nextNumber } from "../storage/ask.repository.js";
import { newId } from "../storage/keys.js";
import type { IntroductionRow } from "../storage/schema.js";
import { recomputePersonStats } from "../storage/stats.repository.js";
import { type AppContext, inWriteTransaction, nowIso } from "./context.js";
import { oneOf, readText } from "./input.js";
import { recordExchange } from "./moments.js";
import { resolvePerson } from "./who.js";

export interface IntroductionJson {
  id: string;
  number: number;
  a: { id: string; name: string };
  b: { id: string; name: string };
  reason: string;
  status: IntroductionStatus;
  aAgreed: boolean;
  bAgreed: boolean;
  madeAt: string | null;
  declinedAt: string | null;
  outcome: string | null;
  outcomeGood: boolean;
  createdAt: string;
  /** the moves `intro set` accepts now */
  allowedMoves: IntroductionMove[];
  /** the opt-in messages to send, one to each side */
  messages: { toA: string; toB: string };
}

async function introductionsJson(ctx: AppContext, rows: IntroductionRow[]): Promise<IntroductionJson[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.a_id, r.b_id]))];
  const people = ids.length
    ? await ctx.db
        .selectFrom("people as p")
        .leftJoin("organizations as o", (j) =>
          j.onRef("o.owner_id", "=", "p.owner_id").onRef("o.id", "=", "p.organization_id"),
        )
        .select(["p.id", "p.display_name", "p.title", "o.name as organization"])
        .where("p.owner_id", "=", ctx.ownerId)
        .where("p.id", "in", ids)
        .execute()
    : [];
  const byId = new Map(
    people.map((p) => [p.id, { name: p.display_name, title: p.title, organization: p.organization }]),
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

async function findIntroduction(ctx: AppContext, ref: string): Promise<IntroductionRow> {
  const query = ctx.db.selectFrom("introductions").selectAll().where("owner_id", "=", ctx.ownerId);
  const number = /^#?\d+$/.test(ref.trim()) ? Number(ref.trim().replace("#", "")) : null;
  const found = await (number !== null
    ? query.where("number", "=", number)
    : query.where("id", "=", ref)
  ).executeTakeFirst();
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
    await tx.db.insertInto("introductions").values(row).execute();
    return row;
  });
  return introductionJson(ctx, row.id);
}

/** Introductions, by status (open ones first: proposed, agreed on one side, both), then by number. */
export async function listIntroductions(
  ctx: AppContext,
  filter: { status?: string } = {},
): Promise<IntroductionJson[]> {
  let query = ctx.db.selectFrom("introductions").selectAll().where("owner_id", "=", ctx.ownerId);
  if (filter.status !== undefined) {
    const status = oneOf("--status", filter.status, INTRODUCTION_STATUSES);
    query = query.where("status", "=", status);
  }
  const rows = await query.orderBy("number").execute();
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
  input: { move: string; outcome?: string; good?: boolean },
): Promise<IntroductionJson> {
  const move = oneOf("status", input.move, INTRODUCTION_MOVES);
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
    } else if (status === "made" && input.good && found.outcome_good !== 1) {
      // A good outcome learnt later: the two gives become what a good introduction is worth.
      const ids = [found.a_exchange_id, found.b_exchange_id].filter((x): x is string => x !== null);
      if (ids.length > 0)
        await tx.db
          .updateTable("exchanges")
          .set({ weight: INTRO_GOOD_OUTCOME_WEIGHT })
          .where("owner_id", "=", ctx.ownerId)
          .where("id", "in", ids)
          .execute();
      await recomputePersonStats(tx.db, ctx.ownerId, a.id);
      await recomputePersonStats(tx.db, ctx.ownerId, b.id);
    }
    await tx.db
      .updateTable("introductions")
      .set(change)
      .where("owner_id", "=", ctx.ownerId)
      .where("id", "=", found.id)
      .execute();
  });
  return introductionJson(ctx, found.id);
}
