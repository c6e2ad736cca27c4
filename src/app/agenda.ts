/**
 * `goodwill today`: who is due, the open loops (thanks owed, promises, stale asks), occasions coming
 * up and what to do about them (DESIGN §3.3–§3.5). Built from the aggregates: no history is read
 * but for the few lines shown.
 */
import { DAY_MS } from "../domain/decay.js";
import { AGENDA_SIZE, STALE_ASK_DAYS } from "../domain/defaults.js";
import { isDue } from "../domain/due.js";
import { isThanksLate, staleAskAdvice } from "../domain/open-loop-texts.js";
import { isCommitmentLate, thanksOwed } from "../domain/open-loops.js";
import { dayIn } from "../domain/work-week.js";
import { agendaReads, type OwedPerson } from "../storage/agenda.repository.js";
import type { AgendaRanking } from "../storage/agenda-ranking.js";
import { latestReceived } from "../storage/exchange.repository.js";
import { fromInstant, toInstant } from "../storage/keys.js";
import { departmentStatsFromRow } from "../storage/stats.repository.js";
import { loadCalendarSettings } from "./calendar-settings.js";
import type { AppContext } from "./context.js";
import {
  coldEvents,
  groupsJson,
  groupsOf,
  isEvaluated,
  loadAgendaEventGroups,
  loadEventGroups,
  type NotDueMember,
  onlyReconnect,
  peopleWithNeeds,
} from "./events.js";
import { peopleJson } from "./people.js";
import {
  agendaPoolInput,
  loadMe,
  loadRelationships,
  profileOf,
  type RelationshipState,
} from "./relationship-state.js";
import { suggestionsForStates } from "./suggest.js";
import { askJson, balanceJson, commitmentJson, dueJson } from "./views.js";

/**
 * People and departments owed a thank-you in one list, the newest help first; on the same instant
 * people come before departments and each by id (the rule the SQL ranking follows).
 */
export function mergeOwed(
  people: readonly OwedPerson[],
  departments: readonly { kind: "department"; id: string; name: string; at: number }[],
) {
  return [
    ...people.map((p) => ({ kind: "person" as const, ...p })),
    ...[...departments].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  ].sort((a, b) => b.at - a.at);
}

const limitTo = <T>(items: T[], all: boolean): T[] => (all ? items : items.slice(0, AGENDA_SIZE));

/** Due people in their stated order: the highest priority first, then by id. */
const byPriority = (a: RelationshipState, b: RelationshipState): number =>
  b.due.priority - a.due.priority || (a.person.id < b.person.id ? -1 : a.person.id > b.person.id ? 1 : 0);

/**
 * Whom `today` evaluates. With `all`, everyone. Else only the candidates of the SQL ranking
 * (issue 16 §2): people SQL is unsure of, and the first of each section among the rest; for the
 * people not evaluated, SQL says how many are due and how many suggestions they have.
 */
async function whomToEvaluate(
  ctx: AppContext,
  all: boolean,
  grouped: number,
  ranked?: Promise<AgendaRanking>,
) {
  if (all) {
    const states = await loadRelationships(ctx);
    return { states, people: states.length, notEvaluated: null, owedThanks: null };
  }
  const ranking = await (ranked ?? rank(ctx, grouped));
  const states = await loadRelationships(ctx, { personIds: ranking.candidates.map((c) => c.id) });
  const certain = ranking.candidates.filter((c) => c.certain);
  return {
    states,
    people: ranking.people,
    owedThanks: ranking.owedThanks,
    notEvaluated: {
      ids: new Set(ranking.candidates.map((c) => c.id)),
      due: ranking.certainDue - certain.filter((c) => c.due).length,
      suggestions: ranking.certainKinds - certain.reduce((sum, c) => sum + c.kinds, 0),
    },
  };
}

/**
 * The SQL ranking of the agenda, `grouped` people more evaluated (grouped people leave the due list).
 * It starts at once: the user's profile is read only if the ranking falls back to the full pass.
 */
async function rank(ctx: AppContext, grouped: number): Promise<AgendaRanking> {
  return agendaReads(ctx.db, ctx.ownerId).candidates(
    agendaPoolInput(ctx.now, AGENDA_SIZE + grouped),
    async () => profileOf(await loadMe(ctx)),
  );
}

/**
 * Thanks owed, to people and to departments, most recent help first (the people ranked in SQL), each
 * shown with the last help received. `owedCount`, from the ranking asked for already, counts the
 * people owed.
 */
async function thanksSection(ctx: AppContext, all: boolean, owedCount: Promise<number> | null) {
  const reads = agendaReads(ctx.db, ctx.ownerId);
  const [owedToPeople, helped] = await Promise.all([
    reads.thanksOwedToPeople(ctx.now, all ? null : AGENDA_SIZE, owedCount ? () => owedCount : undefined),
    reads.departmentsThatHelped(),
  ]);
  const owedDepartments = helped.flatMap((row) => {
    const stats = departmentStatsFromRow(row);
    return thanksOwed(stats, ctx.now) && stats.lastReceivedAt !== null
      ? [{ kind: "department" as const, id: row.department_id, name: row.name, at: stats.lastReceivedAt }]
      : [];
  });
  const owed = mergeOwed(owedToPeople.first, owedDepartments);
  const shownOwed = limitTo(owed, all);
  const lastOf = (kind: "person" | "department") =>
    latestReceived(
      ctx.db,
      ctx.ownerId,
      kind,
      shownOwed.filter((o) => o.kind === kind).map((o) => o.id),
    );
  const [lastFromPeople, lastFromDepartments] = await Promise.all([lastOf("person"), lastOf("department")]);
  const shown = shownOwed.map((o) => {
    const last = (o.kind === "person" ? lastFromPeople : lastFromDepartments).get(o.id);
    return {
      counterpart: { kind: o.kind, id: o.id, name: o.name },
      lastReceived: last ? { summary: last.summary, occurredAt: last.occurredAt } : null,
      daysAgo: Math.floor((ctx.now - o.at) / DAY_MS),
      /** owed for more than 30 days: say that a late thank-you still counts */
      late: isThanksLate(Math.floor((ctx.now - o.at) / DAY_MS)),
    };
  });
  return { shown, count: owedToPeople.count + owedDepartments.length };
}

/** Promises that are late or due within a week, both ways: ranked in SQL, named in the same statement. */
async function promisesSection(ctx: AppContext, all: boolean) {
  const weekAhead = new Date(ctx.now + 7 * DAY_MS).toISOString().slice(0, 10);
  const promises = await agendaReads(ctx.db, ctx.ownerId).promisesDueBy(weekAhead, all ? null : AGENDA_SIZE);
  const shown = promises.first.map(({ row, counterpart }) =>
    commitmentJson(row, counterpart, isCommitmentLate(row.due_on, ctx.now)),
  );
  return { shown, count: promises.count };
}

/** Asks gone stale: ranked in SQL, named in the same statement. */
async function asksSection(ctx: AppContext, all: boolean) {
  const staleAsks = await agendaReads(ctx.db, ctx.ownerId).asksAskedBy(
    toInstant(ctx.now - STALE_ASK_DAYS * DAY_MS),
    all ? null : AGENDA_SIZE,
  );
  const asks = staleAsks.first.map(({ row, counterpart }) => ({
    ...askJson(row, counterpart),
    /** "Open for 34 days with no answer: follow up or withdraw it." */
    advice: staleAskAdvice(fromInstant(row.asked_at), ctx.now),
  }));
  return { shown: asks, count: staleAsks.count };
}

/**
 * Who is due, the groups of one event, occasions and suggestions: the part of the agenda that
 * evaluates people.
 */
async function peopleSection(ctx: AppContext, all: boolean, ranked: Promise<AgendaRanking> | null) {
  // People first met at one event and due now, with nothing else to do for them, are one group.
  const loadPeople = (ids: string[]) => loadRelationships(ctx, { personIds: ids });
  const everyone = all ? await loadRelationships(ctx) : null;
  const early = ranked ? whomToEvaluate(ctx, false, 0, ranked) : null;
  const [events, withNeeds, first] = await Promise.all([
    everyone ? loadEventGroups(ctx, everyone) : loadAgendaEventGroups(ctx, loadPeople),
    peopleWithNeeds(ctx),
    early,
  ]);
  // Members not evaluated are not due (events.ts, `NotDueMember`).
  const grouped = groupsOf(
    events,
    (s: RelationshipState | NotDueMember): s is RelationshipState =>
      isEvaluated(s) && isDue(s.due.status) && onlyReconnect(s, withNeeds),
  );
  const inGroup = new Set(grouped.flatMap((g) => g.due.map((m) => m.state.person.id)));
  const groups = groupsJson(grouped);

  const evaluated = everyone
    ? { states: everyone, people: everyone.length, notEvaluated: null, owedThanks: null }
    : first && inGroup.size === 0
      ? first
      : await whomToEvaluate(ctx, false, inGroup.size);
  const states = evaluated.states;
  const single = inGroup.size === 0 ? states : states.filter((s) => !inGroup.has(s.person.id));
  // Grouped people SQL counted as due, each with one reconnect suggestion, and not evaluated here.
  const notEvaluated = evaluated.notEvaluated;
  const groupedElsewhere = notEvaluated ? [...inGroup].filter((id) => !notEvaluated.ids.has(id)).length : 0;

  const dueStates = single.filter((s) => isDue(s.due.status)).sort(byPriority);
  const dueShown = limitTo(dueStates, all);
  const dueCount = dueStates.length + (notEvaluated ? notEvaluated.due - groupedElsewhere : 0);

  const [planned, duePeople] = await Promise.all([
    suggestionsForStates(ctx, single, {
      ...(all ? {} : { limit: AGENDA_SIZE }),
      alsoFirstFor: dueShown.map((s) => s.person.id),
      meetNew: true,
      everyone: async () => everyone ?? (await loadRelationships(ctx)),
    }),
    peopleJson(
      ctx,
      dueShown.map((s) => s.person.id),
    ),
  ]);
  const { suggestions, total: plannedCount, firstPerPerson } = planned;
  const suggestionCount = plannedCount + (notEvaluated ? notEvaluated.suggestions - groupedElsewhere : 0);

  const occasions = states
    .flatMap((s) =>
      s.occasion ? [{ person: { id: s.person.id, name: s.person.display_name }, ...s.occasion }] : [],
    )
    .sort((a, b) => a.inDays - b.inDays || (a.person.id < b.person.id ? -1 : 1));

  return {
    people: evaluated.people,
    /** people owed thanks, counted by the ranking (null with `all`) */
    owedThanks: evaluated.owedThanks,
    groups,
    goingCold: coldEvents(events, ctx.now),
    due: dueShown.map((s, i) => ({
      person: duePeople[i],
      due: dueJson(s.due),
      balance: balanceJson(s.balance),
      suggestion: firstPerPerson.get(s.person.id) ?? null,
    })),
    dueCount,
    occasions,
    suggestions,
    suggestionCount,
  };
}

/**
 * The agenda at `now`; `all` lifts the limit of seven per section. Its sections read apart, so they
 * are asked for together: on PostgreSQL the pool answers them on several connections at once (the
 * ~35 short reads were ~20 ms of round trips one after the other); on SQLite they run in turn.
 */
export async function today(given: AppContext, options: { all?: boolean } = {}) {
  const all = options.all ?? false;
  // The sections share the owner's profile and the names of organizations and departments.
  const ctx: AppContext = { ...given, shared: new Map() };
  // On PostgreSQL the ranking is asked for at once, while the events are read, on another connection,
  // as if no one were grouped; it is asked again, with more people, only when some are. It also
  // counts the people owed thanks, for that section. On SQLite, where statements run one at a time,
  // asking twice would only cost: it waits for the events.
  const ranked = !all && ctx.store.dialect.name === "postgres" ? rank(ctx, 0) : null;
  const peopleRead = peopleSection(ctx, all, ranked);
  // The ranking counts the people owed thanks: on SQLite the thanks wait for the one the people
  // section asks for, instead of counting them again (~1.5 ms).
  const owedCount = ranked
    ? ranked.then((r) => r.owedThanks)
    : all
      ? null
      : peopleRead.then((p) => p.owedThanks ?? Promise.reject(new Error("the ranking has no count")));
  // Awaited only when more people are owed than shown: a failure is the people section's to report.
  owedCount?.catch(() => {});
  const [people, thanks, promises, asks, calendar] = await Promise.all([
    peopleRead,
    thanksSection(ctx, all, owedCount),
    promisesSection(ctx, all),
    asksSection(ctx, all),
    loadCalendarSettings(ctx),
  ]);
  return {
    date: dayIn(ctx.now, calendar.timeZone),
    /** people of one event due together: one piece of advice for the group */
    groups: limitTo(people.groups, all),
    /** events whose weak ties are going cold, with the offer of a rhythm for all of them */
    goingCold: people.goingCold,
    due: people.due,
    thanksOwed: thanks.shown,
    commitments: promises.shown,
    asks: asks.shown,
    occasions: limitTo(people.occasions, all),
    suggestions: people.suggestions,
    counts: {
      people: people.people,
      due: people.dueCount,
      groups: people.groups.length,
      thanksOwed: thanks.count,
      commitments: promises.count,
      asks: asks.count,
      occasions: people.occasions.length,
      suggestions: people.suggestionCount,
    },
  };
}
