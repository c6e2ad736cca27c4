/**
 * Asks, and the pre-ask check that comes with each (DESIGN §3.6): before a request is recorded,
 * the balance with the person and their department, a warning when either is overdrawn, and a few
 * ways to give first. It never blocks: the ask is always recorded.
 */

import type { AskJson } from "../contract/ask.js";
import { DAY_MS } from "../domain/decay.js";
import type { Balance } from "../domain/giving-balance.js";
import { balanceAt } from "../domain/giving-balance.js";
import type { Layer, LedgerMode } from "../domain/model.js";
import { type GiveContext, giveContextFor, giveFirstIdeas, teamTarget } from "../domain/playbook.js";
import { preAskWarning } from "../domain/pre-ask-check.js";
import { addressedTo, type Suggestion } from "../domain/suggestions.js";
import { GoodwillError, notFound } from "../errors.js";
import { findAsk, insertAsk, listAsks, resolveAsk } from "../storage/ask.repository.js";
import { countExchangesSince } from "../storage/exchange.repository.js";
import { newId, toInstant } from "../storage/keys.js";
import { openNeedsOf } from "../storage/need-offer.repository.js";
import { departmentSummary } from "../storage/organization.repository.js";
import { trackedMemberIds } from "../storage/person.repository.js";
import { nextNumber } from "../storage/record-number.repository.js";
import type { AskRow } from "../storage/schema.js";
import { indexDocument } from "../storage/search.repository.js";
import { getDepartmentStats, getPersonStats } from "../storage/stats.repository.js";
import { type AppContext, inWriteTransaction, nowIso } from "./context.js";
import { departmentBalance } from "./ledger.js";
import { recordExchange } from "./moments.js";
import { loadMe } from "./relationship-state.js";
import { askJson, balanceJson } from "./views.js";
import { type Counterpart, counterpartOfRow, withCounterpartNames } from "./who.js";

export interface PreAskCheck {
  balance: Balance;
  departmentBalance: Balance | null;
  warning: string | null;
  /** the person's open needs: often the best way to give first */
  needs: { number: number; text: string }[];
  suggestions: Suggestion[];
}

interface AskSubject {
  name: string;
  balance: Balance;
  lastYear: { gave: number; received: number };
}

/** What to know before asking someone (or a department) for something. */
export async function preAskCheck(ctx: AppContext, counterpart: Counterpart): Promise<PreAskCheck> {
  const me = await loadMe(ctx);
  const yearAgo = toInstant(ctx.now - 365 * DAY_MS);
  let personPart: AskSubject | null = null;
  let departmentPart: AskSubject | null = null;
  let context: GiveContext;
  let ideaName: string;
  let gives: number;
  let communal = false;

  const departmentId =
    counterpart.kind === "person" ? counterpart.person.department_id : counterpart.department.id;
  if (departmentId) {
    const dept = await departmentSummary(ctx.db, ctx.ownerId, departmentId);
    const members = await trackedMemberIds(ctx.db, ctx.ownerId, departmentId);
    departmentPart = {
      name: dept.name,
      balance: await departmentBalance(ctx, departmentId),
      lastYear: await countExchangesSince(
        ctx.db,
        ctx.ownerId,
        { personIds: members, departmentIds: [departmentId] },
        yearAgo,
      ),
    };
  }

  if (counterpart.kind === "person") {
    const person = counterpart.person;
    const stats = await getPersonStats(ctx.db, ctx.ownerId, person.id);
    communal = person.ledger_mode === "communal";
    personPart = {
      name: person.display_name,
      balance: balanceAt(stats.ledger.sums, ctx.now, person.ledger_mode as LedgerMode),
      lastYear: await countExchangesSince(
        ctx.db,
        ctx.ownerId,
        { personIds: [person.id], departmentIds: [] },
        yearAgo,
      ),
    };
    const isColleague = person.organization_id !== null && person.organization_id === me.organizationId;
    context = giveContextFor({
      layer: person.layer as Layer,
      isColleague,
      departmentName: departmentPart?.name ?? null,
      sameDepartmentAsMe:
        isColleague && person.department_id !== null && person.department_id === me.departmentId,
    });
    ideaName = person.display_name;
    gives = stats.ledger.gaves;
  } else {
    const isColleague = counterpart.organization.id === me.organizationId;
    context = giveContextFor({
      layer: 150,
      isColleague,
      departmentName: counterpart.department.name,
      sameDepartmentAsMe: counterpart.department.id === me.departmentId,
    });
    ideaName = counterpart.department.name;
    gives = (await getDepartmentStats(ctx.db, ctx.ownerId, counterpart.department.id)).gaves;
  }

  const overdrawnSomewhere =
    personPart?.balance.label === "overdrawn" || departmentPart?.balance.label === "overdrawn";
  const reason = overdrawnSomewhere
    ? "The balance is overdrawn: a chance to give back before you ask."
    : "Giving first keeps the relationship strong before you ask.";
  const personId = counterpart.kind === "person" ? counterpart.person.id : counterpart.department.id;
  // Communal people are never nudged to give first: the relationship is not kept as a ledger.
  const suggestions: Suggestion[] = communal
    ? []
    : giveFirstIdeas(
        context,
        3,
        gives,
        ideaName,
        counterpart.kind === "person" ? undefined : teamTarget(ideaName),
      ).map((action) => ({
        kind: "give-first",
        ...addressedTo({ id: personId, name: ideaName }),
        action,
        reason,
      }));
  const balance = personPart?.balance ?? departmentPart?.balance;
  if (!balance) throw new GoodwillError("internal", "An ask needs a person or a department.");
  return {
    balance,
    departmentBalance: counterpart.kind === "person" ? (departmentPart?.balance ?? null) : null,
    warning: preAskWarning({ person: personPart, department: departmentPart }),
    needs: counterpart.kind === "person" ? await openNeedsOf(ctx.db, ctx.ownerId, counterpart.person.id) : [],
    suggestions,
  };
}

export function preAskCheckJson(check: PreAskCheck) {
  return {
    balance: balanceJson(check.balance),
    departmentBalance: check.departmentBalance ? balanceJson(check.departmentBalance) : null,
    warning: check.warning,
    needs: check.needs,
    suggestions: check.suggestions,
  };
}

function counterpartName(counterpart: Counterpart): string {
  return counterpart.kind === "person" ? counterpart.person.display_name : counterpart.department.name;
}

/** Runs the pre-ask check, then records the ask whatever it said. */
export async function createAsk(ctx: AppContext, counterpart: Counterpart, summary: string, at: number) {
  const check = await preAskCheck(ctx, counterpart);
  const ask = await inWriteTransaction(ctx, async (tx) => {
    const row: AskRow = {
      owner_id: ctx.ownerId,
      id: newId(),
      number: await nextNumber(tx.db, ctx.ownerId, "asks"),
      person_id: counterpart.kind === "person" ? counterpart.person.id : null,
      department_id: counterpart.kind === "department" ? counterpart.department.id : null,
      summary,
      asked_at: toInstant(at),
      status: "open",
      resolved_at: null,
      exchange_id: null,
      created_at: nowIso(tx),
    };
    await insertAsk(tx.db, row);
    await indexDocument(tx.db, ctx.ownerId, {
      kind: "ask",
      refId: row.id,
      personId: row.person_id,
      body: summary,
    });
    return row;
  });
  return { ask: askJson(ask, counterpartName(counterpart)), check: preAskCheckJson(check) };
}

async function openAsk(ctx: AppContext, ref: string): Promise<AskRow> {
  const ask = await findAsk(ctx.db, ctx.ownerId, ref);
  if (!ask) throw notFound(`There is no ask ${ref}. "goodwill asks" lists them with their numbers.`);
  if (ask.status !== "open") {
    throw new GoodwillError(
      "conflict",
      `Ask #${ask.number} is already ${ask.status}; only open asks can be fulfilled or declined.`,
    );
  }
  return ask;
}

/** They did what I asked: the ask closes and a `received` entry is recorded, in one transaction. */
export async function fulfillAsk(ctx: AppContext, ref: string, weight?: number) {
  const ask = await openAsk(ctx, ref);
  const counterpart = await counterpartOfRow(ctx, ask);
  const exchange = await inWriteTransaction(ctx, async (tx) => {
    const entry = await recordExchange(tx, counterpart, {
      direction: "received",
      kind: "favor",
      ...(weight !== undefined ? { weight } : {}),
      summary: ask.summary,
      at: ctx.now,
      initiatedBy: "me",
      askId: ask.id,
    });
    await resolveAsk(tx.db, ctx.ownerId, ask.id, {
      status: "fulfilled",
      resolved_at: nowIso(tx),
      exchange_id: entry.id,
    });
    return entry;
  });
  const updated = await findAsk(ctx.db, ctx.ownerId, ask.id);
  return { ask: askJson(updated as AskRow, counterpartName(counterpart)), exchangeId: exchange.id };
}

/** They said no (or I withdrew): the ask closes without a ledger entry. */
export async function closeAsk(ctx: AppContext, ref: string, status: "declined" | "withdrawn") {
  const ask = await openAsk(ctx, ref);
  const counterpart = await counterpartOfRow(ctx, ask);
  await inWriteTransaction(ctx, (tx) =>
    resolveAsk(tx.db, ctx.ownerId, ask.id, { status, resolved_at: nowIso(tx), exchange_id: null }),
  );
  const updated = await findAsk(ctx.db, ctx.ownerId, ask.id);
  return { ask: askJson(updated as AskRow, counterpartName(counterpart)) };
}

/** Asks, newest first, with whom they were made. */
export async function listAsksJson(
  ctx: AppContext,
  filter: { openOnly?: boolean; personId?: string },
): Promise<AskJson[]> {
  const asks = await listAsks(ctx.db, ctx.ownerId, {
    ...(filter.openOnly ? { status: "open" } : {}),
    ...(filter.personId ? { personId: filter.personId } : {}),
  });
  return withCounterpartNames(ctx, asks, askJson);
}
