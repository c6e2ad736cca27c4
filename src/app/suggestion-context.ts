/**
 * What advice cites and what it avoids repeating, read only for the people whose suggestions are
 * worded: how the user met them, the last moment and the last help, and the gives of the last
 * 8 weeks (a playbook line acted on rests that long). A few reads for all of them at once.
 */
import { DAY_MS } from "../domain/decay.js";
import type { KnownContext } from "../domain/known-context.js";
import type { ExchangeKind } from "../domain/model.js";
import { LINE_REST_DAYS, type RecentGive } from "../domain/playbook.js";
import { agendaReads } from "../storage/agenda.repository.js";
import { latestReceived } from "../storage/exchange.repository.js";
import { fromInstant, toInstant } from "../storage/keys.js";
import { parseTags } from "../storage/person.repository.js";
import type { AppContext } from "./context.js";
import type { RelationshipState } from "./relationship-state.js";

export interface AdviceContext {
  known: KnownContext;
  recentGives: RecentGive[];
}

const daysBetween = (now: number, iso: string) => Math.max(0, Math.floor((now - fromInstant(iso)) / DAY_MS));

/** The advice context of these people, by person id. */
export async function loadAdviceContexts(
  ctx: AppContext,
  states: readonly RelationshipState[],
): Promise<Map<string, AdviceContext>> {
  const result = new Map<string, AdviceContext>();
  if (states.length === 0) return result;
  const ids = states.map((s) => s.person.id);
  const db = ctx.db;

  const reads = agendaReads(db, ctx.ownerId);
  // Independent reads, asked together: PostgreSQL answers them on several connections at once.
  const [facts, lastMoment, recent, lastHelp] = await Promise.all([
    reads.adviceFacts(ids),
    reads.latestMoments(ids, toInstant(ctx.now)),
    reads.givesTo(ids, toInstant(ctx.now - LINE_REST_DAYS * DAY_MS)),
    latestReceived(db, ctx.ownerId, "person", ids),
  ]);
  const people = new Map(facts.map((row) => [row.id, row]));
  const gives = new Map<string, RecentGive[]>();
  for (const g of recent) {
    if (g.person_id === null) continue;
    const list = gives.get(g.person_id) ?? [];
    list.push({ kind: g.kind as ExchangeKind, summary: g.summary, occurredAt: fromInstant(g.occurred_at) });
    gives.set(g.person_id, list);
  }
  for (const state of states) {
    const id = state.person.id;
    const p = people.get(id);
    const moment = lastMoment.get(id);
    const help = lastHelp.get(id);
    result.set(id, {
      known: {
        organizationName: state.organizationName,
        title: p?.title ?? null,
        tags: p ? parseTags(p.tags) : [],
        metText: p?.met_text ?? null,
        metOn: p?.met_on ?? null,
        metThroughName: p?.met_through_id ? (p.met_through_name ?? null) : null,
        lastMoment: moment
          ? { summary: moment.summary, daysAgo: daysBetween(ctx.now, moment.occurredAt) }
          : null,
        lastHelp: help ? { summary: help.summary, daysAgo: daysBetween(ctx.now, help.occurredAt) } : null,
      },
      recentGives: gives.get(id) ?? [],
    });
  }
  return result;
}

/** The gives of the last 8 weeks logged against a department itself (not its members). */
export async function recentDepartmentGives(ctx: AppContext, departmentId: string): Promise<RecentGive[]> {
  const rows = await agendaReads(ctx.db, ctx.ownerId).givesToDepartment(
    departmentId,
    toInstant(ctx.now - LINE_REST_DAYS * DAY_MS),
  );
  return rows.map((g) => ({
    kind: g.kind as ExchangeKind,
    summary: g.summary,
    occurredAt: fromInstant(g.occurred_at),
  }));
}
