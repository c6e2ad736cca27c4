/**
 * What advice cites and what it avoids repeating, read only for the people whose suggestions are
 * worded: how the user met them, the last moment and the last help, and the gives of the last
 * 8 weeks (a playbook line acted on rests that long). A few reads for all of them at once.
 */
import { DAY_MS } from "../domain/decay.js";
import type { KnownContext } from "../domain/known-context.js";
import type { ExchangeKind } from "../domain/model.js";
import { LINE_REST_DAYS, type RecentGive } from "../domain/playbook.js";
import { latestReceived } from "../storage/exchange.repository.js";
import { fromInstant, toInstant } from "../storage/keys.js";
import { parseTags } from "../storage/person.repository.js";
import type { AppContext } from "./context.js";
import type { RelationshipState } from "./relationship-state.js";

export interface AdviceContext {
  known: KnownContext;
  recentGives: RecentGive[];
}

const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
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

  const people = new Map<
    string,
    {
      title: string | null;
      tags: string;
      met_text: string | null;
      met_on: string | null;
      met_through_id: string | null;
    }
  >();
  const lastMoment = new Map<string, { summary: string; occurredAt: string }>();
  const gives = new Map<string, RecentGive[]>();
  const since = toInstant(ctx.now - LINE_REST_DAYS * DAY_MS);
  for (const part of chunks(ids)) {
    const rows = await db
      .selectFrom("people")
      .select(["id", "title", "tags", "met_text", "met_on", "met_through_id"])
      .where("owner_id", "=", ctx.ownerId)
      .where("id", "in", part)
      .execute();
    for (const row of rows) people.set(row.id, row);

    const moments = await db
      .selectFrom("people as c")
      .select((eb) => {
        const newest = () =>
          eb
            .selectFrom("interaction_participants as ip")
            .innerJoin("interactions as i", (j) =>
              j.onRef("i.owner_id", "=", "ip.owner_id").onRef("i.id", "=", "ip.interaction_id"),
            )
            .whereRef("ip.owner_id", "=", "c.owner_id")
            .whereRef("ip.person_id", "=", "c.id")
            .where("i.occurred_at", "<=", toInstant(ctx.now))
            .orderBy("i.occurred_at", "desc")
            .orderBy("i.id", "desc")
            .limit(1);
        return [
          "c.id",
          newest().select("i.summary").as("summary"),
          newest().select("i.occurred_at").as("occurred_at"),
        ];
      })
      .where("c.owner_id", "=", ctx.ownerId)
      .where("c.id", "in", part)
      .execute();
    for (const m of moments)
      if (m.summary !== null && m.occurred_at !== null)
        lastMoment.set(m.id, { summary: m.summary, occurredAt: m.occurred_at });

    const given = await db
      .selectFrom("exchanges")
      .select(["person_id", "kind", "summary", "occurred_at"])
      .where("owner_id", "=", ctx.ownerId)
      .where("direction", "=", "gave")
      .where("person_id", "in", part)
      .where("occurred_at", ">=", since)
      .execute();
    for (const g of given) {
      if (g.person_id === null) continue;
      const list = gives.get(g.person_id) ?? [];
      list.push({ kind: g.kind as ExchangeKind, summary: g.summary, occurredAt: fromInstant(g.occurred_at) });
      gives.set(g.person_id, list);
    }
  }

  const throughIds = [
    ...new Set([...people.values()].flatMap((p) => (p.met_through_id ? [p.met_through_id] : []))),
  ];
  const throughNames = new Map<string, string>();
  for (const part of chunks(throughIds)) {
    const rows = await db
      .selectFrom("people")
      .select(["id", "display_name"])
      .where("owner_id", "=", ctx.ownerId)
      .where("id", "in", part)
      .execute();
    for (const row of rows) throughNames.set(row.id, row.display_name);
  }
  const lastHelp = await latestReceived(db, ctx.ownerId, "person", ids);

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
        metThroughName: p?.met_through_id ? (throughNames.get(p.met_through_id) ?? null) : null,
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
  const rows = await ctx.db
    .selectFrom("exchanges")
    .select(["kind", "summary", "occurred_at"])
    .where("owner_id", "=", ctx.ownerId)
    .where("direction", "=", "gave")
    .where("department_id", "=", departmentId)
    .where("occurred_at", ">=", toInstant(ctx.now - LINE_REST_DAYS * DAY_MS))
    .execute();
  return rows.map((g) => ({
    kind: g.kind as ExchangeKind,
    summary: g.summary,
    occurredAt: fromInstant(g.occurred_at),
  }));
}
