/**
 * The state of each relationship at `now`: a person's row, aggregates and open items turned into a
 * balance, a due status with its priority, open loops and the next occasion. Loaded for many people
 * at once with a handful of queries, since `today` does this for everyone.
 */

import type { ContactSums } from "../domain/contact-summary.js";
import { DAY_MS, decayedAt, HALF_LIFE } from "../domain/decay.js";
import {
  BRIDGE_FACTOR,
  LAYER_RULES,
  layerCadence,
  OCCASION_WINDOW_DAYS,
  STALE_ASK_DAYS,
} from "../domain/defaults.js";
import { cadenceFor, type Due, dueAt, isBridgeTie, MAX_OVERDUE } from "../domain/due.js";
import {
  type Balance,
  balanceAt,
  OVERDRAWN_BELOW,
  OVERDRAWN_MIN_RECEIVED,
} from "../domain/giving-balance.js";
import { LAYERS, type Layer, type LedgerMode } from "../domain/model.js";
import { isAskStale, isCommitmentLate, thanksOwed } from "../domain/open-loops.js";
import { daysUntilOccurrence, nextOccurrence, parsePartialDate, turningAge } from "../domain/partial-date.js";
import { type AgendaBoundsInput, type AgendaPoolInput, agendaReads } from "../storage/agenda.repository.js";
import { fromInstant, toInstant } from "../storage/keys.js";
import { getOwner } from "../storage/owner.repository.js";
import type { AskRow, CommitmentRow, PersonRow, PersonStatsRow } from "../storage/schema.js";
import { type LedgerStats, personStatsFromRow } from "../storage/stats.repository.js";
import { type AppContext, sharedRead } from "./context.js";

export interface Me {
  id: string;
  name: string | null;
  organizationId: string | null;
  departmentId: string | null;
}

export async function loadMe(ctx: AppContext): Promise<Me> {
  // Outside a write transaction the profile may come from the read cache (any write drops it).
  const owner = await sharedRead(ctx, "owner", () =>
    ctx.db === ctx.store.db
      ? ctx.store.readCache.read(`owner:${ctx.ownerId}`, () => getOwner(ctx.db, ctx.ownerId))
      : getOwner(ctx.db, ctx.ownerId),
  );
  return {
    id: ctx.ownerId,
    name: owner?.name ?? null,
    organizationId: owner?.organization_id ?? null,
    departmentId: owner?.department_id ?? null,
  };
}

export interface Occasion {
  label: string;
  /** the date as stored (a birthday may carry the birth year, or none: --MM-DD) */
  date: string;
  /** the day it next falls on, YYYY-MM-DD */
  on: string;
  inDays: number;
  turning: number | null;
}

/**
 * What the agenda's SQL ranking computes priorities with, from the same rules `evaluate` applies:
 * cadences and weights by layer, the thanks window, late promises and stale asks, the month-days an
 * occasion of the window may fall on (29 February with the 28th, where a year without it puts it),
 * and the decay at `now`; `limit` is how many of each section to evaluate. All but the user's
 * profile: the ranking from the kept keys needs no more (`agendaBoundsInput` adds it).
 */
export function agendaPoolInput(now: number, limit: number): AgendaPoolInput {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const occasionDays = new Set<string>();
  for (let d = 0; d <= OCCASION_WINDOW_DAYS; d++) {
    const mmdd = new Date(today + d * DAY_MS).toISOString().slice(5, 10).replace("-", "");
    occasionDays.add(mmdd);
    if (mmdd === "0228") occasionDays.add("0229");
  }
  return {
    now,
    layers: LAYERS.map((layer) => ({
      layer,
      colleague: layerCadence(layer, true),
      other: layerCadence(layer, false),
      weight: LAYER_RULES[layer].priorityWeight,
    })),
    bridgeFactor: BRIDGE_FACTOR,
    maxOverdue: MAX_OVERDUE,
    occasionDays: [...occasionDays],
    gaveFactor: decayedAt(1, now, HALF_LIFE.gave),
    receivedFactor: decayedAt(1, now, HALF_LIFE.received),
    overdrawnRatio: OVERDRAWN_BELOW,
    overdrawnMinReceived: OVERDRAWN_MIN_RECEIVED,
    today: new Date(now).toISOString().slice(0, 10),
    staleAskedBy: toInstant(now - STALE_ASK_DAYS * DAY_MS),
    limit,
  };
}

/** The user's organization and department, as the ranking's cadence rules take them. */
export const profileOf = (me: Me): AgendaBoundsInput["me"] => ({
  organizationId: me.organizationId,
  departmentId: me.departmentId,
});

/** `agendaPoolInput` with the user's profile: what the full pass over everyone needs. */
export function agendaBoundsInput(now: number, me: Me, limit: number): AgendaBoundsInput {
  return { ...agendaPoolInput(now, limit), me: profileOf(me) };
}

/** The columns of a person the agenda works with (the rest is read for the few people shown). */
const PERSON_CORE = [
  "id",
  "display_name",
  "name_key",
  "organization_id",
  "department_id",
  "tags",
  "birthday",
  "layer",
  "closeness",
  "cadence_days",
  "ledger_mode",
  "archived",
  "met_on",
  "created_at",
] as const satisfies readonly (keyof PersonRow)[];
export type PersonCore = Pick<PersonRow, (typeof PERSON_CORE)[number]>;

/** The aggregates the agenda reads for everyone (the strength sums are read only when asked). */
const AGENDA_STATS = [
  "person_id",
  "gave_sum",
  "received_sum",
  "entries",
  "gaves",
  "last_received_ms",
  "last_thanks_ms",
  "last_contact_ms",
] as const satisfies readonly (keyof PersonStatsRow)[];

export interface RelationshipState {
  person: PersonCore;
  organizationName: string | null;
  departmentName: string | null;
  isColleague: boolean;
  sameDepartmentAsMe: boolean;
  ledger: LedgerStats;
  lastContactAt: number | null;
  /** the strength inputs: loaded only with `strength: true` (show, score), null otherwise */
  contacts: ContactSums | null;
  balance: Balance;
  due: Due;
  thanksOwed: boolean;
  occasion: Occasion | null;
  myOpenCommitments: CommitmentRow[];
  theirOpenCommitments: CommitmentRow[];
  openAsks: AskRow[];
  openLoops: number;
}

/** One empty list for everyone who has none (never written to). */
const NONE: never[] = [];

/** An instant kept as epoch ms (PostgreSQL returns a bigint as text). */
const msOrNull = (value: number | string | null | undefined): number | null =>
  value === null || value === undefined ? null : Number(value);

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/**
 * Loads and evaluates relationships: everyone (not archived), or the given people. The agenda reads
 * every person, so only the columns it needs are selected; `strength` adds the contact sums.
 */
export async function loadRelationships(
  ctx: AppContext,
  options: { personIds?: readonly string[]; includeArchived?: boolean; strength?: boolean } = {},
): Promise<RelationshipState[]> {
  const db = ctx.db;
  if (options.personIds && options.personIds.length === 0) return [];
  // People and their aggregates are read apart and joined here: on SQLite a join of the two over
  // ten thousand people costs several times the two plain reads (measured, bench/today.ts). The
  // reads are independent: asked together, PostgreSQL answers them on several connections at once.
  const reads = agendaReads(db, ctx.ownerId);
  const [me, people, stats, organizations, departments, commitments, asks, otherDates] = await Promise.all([
    loadMe(ctx),
    reads.peopleColumns(PERSON_CORE, options),
    reads.statsColumns(AGENDA_STATS, options.personIds),
    // Names of organizations and departments: a few rows, joined here rather than on every person.
    sharedRead(ctx, "organization names", () => reads.organizationNames()),
    sharedRead(ctx, "department names", () => reads.departmentNames()),
    reads.openCommitmentsWithPeople(options.personIds),
    reads.openAsksToPeople(options.personIds),
    reads.personDates(options.personIds),
  ]);
  const statsOf = new Map(stats.map((row) => [row.person_id, row]));
  const contactsOf = options.strength
    ? await loadContactSums(
        ctx,
        people.map((p) => p.id),
      )
    : null;

  const byPerson = <T extends { person_id: string | null }>(items: T[]) => {
    const map = new Map<string, T[]>();
    for (const item of items) {
      if (item.person_id === null) continue;
      const list = map.get(item.person_id);
      if (list) list.push(item);
      else map.set(item.person_id, [item]);
    }
    return map;
  };
  const commitmentsOf = byPerson(commitments);
  const asksOf = byPerson(asks);
  const datesOf = byPerson(otherDates);

  return people.map((person: PersonCore) => {
    const st = statsOf.get(person.id);
    const ledger: LedgerStats = {
      sums: { gave: num(st?.gave_sum), received: num(st?.received_sum), entries: num(st?.entries) },
      gaves: num(st?.gaves),
      lastReceivedAt: msOrNull(st?.last_received_ms),
      lastThanksAt: msOrNull(st?.last_thanks_ms),
    };
    return evaluate(ctx.now, me, {
      person,
      organizationName: person.organization_id ? (organizations.get(person.organization_id) ?? null) : null,
      departmentName: person.department_id ? (departments.get(person.department_id) ?? null) : null,
      ledger,
      lastContactAt: msOrNull(st?.last_contact_ms),
      contacts: contactsOf?.get(person.id) ?? null,
      commitments: commitmentsOf.get(person.id) ?? NONE,
      asks: asksOf.get(person.id) ?? NONE,
      dates: datesOf.get(person.id) ?? NONE,
    });
  });
}

/** The strength inputs of some people, from their aggregates. */
async function loadContactSums(ctx: AppContext, ids: string[]): Promise<Map<string, ContactSums>> {
  const map = new Map<string, ContactSums>();
  for (const row of await agendaReads(ctx.db, ctx.ownerId).statsRows(ids))
    map.set(row.person_id, personStatsFromRow(row).contacts);
  return map;
}

/** Turns one person's stored state into what the agenda needs; pure apart from its inputs. */
export function evaluate(
  now: number,
  me: Me,
  input: {
    person: PersonCore;
    organizationName: string | null;
    departmentName: string | null;
    ledger: LedgerStats;
    lastContactAt: number | null;
    contacts: ContactSums | null;
    commitments: CommitmentRow[];
    asks: AskRow[];
    dates: { label: string; date: string }[];
  },
): RelationshipState {
  const { person, ledger } = input;
  const isColleague = person.organization_id !== null && person.organization_id === me.organizationId;
  const sameDepartmentAsMe =
    isColleague && person.department_id !== null && person.department_id === me.departmentId;
  const mode = person.ledger_mode as LedgerMode;
  const balance = balanceAt(ledger.sums, now, mode);
  const owed = thanksOwed(ledger, now);
  // Most people have no open commitment or ask: their empty lists are shared, not copied.
  const some = input.commitments.length > 0;
  const myOpenCommitments = some ? input.commitments.filter((c) => c.direction === "i_owe") : NONE;
  const theirOpenCommitments = some ? input.commitments.filter((c) => c.direction === "they_owe") : NONE;
  const lateCommitments = some ? input.commitments.filter((c) => isCommitmentLate(c.due_on, now)).length : 0;
  const staleAsks = input.asks.filter((a) => isAskStale(fromInstant(a.asked_at), now)).length;
  const openLoops = (owed ? 1 : 0) + lateCommitments + staleAsks;
  const occasion = nextOccasion(person.birthday, input.dates, now);
  const layer = person.layer as Layer;
  const cadence = cadenceFor({
    layer,
    cadenceDays: person.cadence_days,
    isColleague,
    isBridge: isBridgeTie(
      { isColleague, departmentId: person.department_id, organizationId: person.organization_id },
      { departmentId: me.departmentId },
    ),
  });
  const due = dueAt(
    {
      layer,
      cadenceDays: cadence,
      lastContactAt: input.lastContactAt,
      addedAt: rhythmStartOf(person, now),
      openLoops,
      occasionSoon: occasion !== null,
      overdrawn: balance.label === "overdrawn",
    },
    now,
  );
  return {
    person,
    organizationName: input.organizationName,
    departmentName: input.departmentName,
    isColleague,
    sameDepartmentAsMe,
    ledger,
    lastContactAt: input.lastContactAt,
    contacts: input.contacts,
    balance,
    due,
    thanksOwed: owed,
    occasion,
    myOpenCommitments,
    theirOpenCommitments,
    openAsks: input.asks,
    openLoops,
  };
}

/**
 * Where the rhythm of someone never contacted starts: the day you met them when it is known (someone
 * met once is due counted from the meeting), else the day they were added.
 */
export function rhythmStartOf(person: Pick<PersonCore, "met_on" | "created_at">, now: number): number {
  const added = fromInstant(person.created_at);
  if (person.met_on === null) return added;
  const met = Date.parse(`${person.met_on}T12:00:00.000Z`);
  return Number.isFinite(met) && met <= now ? Math.min(met, added) : added;
}

/** The birthday or other date coming up within the occasion window, the nearest first. */
function nextOccasion(
  birthday: string | null,
  dates: { label: string; date: string }[],
  now: number,
): Occasion | null {
  if (birthday === null && dates.length === 0) return null;
  const candidates = [...(birthday ? [{ label: "birthday", date: birthday }] : []), ...dates];
  let best: Occasion | null = null;
  for (const { label, date } of candidates) {
    const parsed = parsePartialDate(date);
    if (!parsed) continue;
    const inDays = daysUntilOccurrence(parsed, now);
    if (inDays > OCCASION_WINDOW_DAYS) continue;
    if (best === null || inDays < best.inDays) {
      const next = nextOccurrence(parsed, now);
      best = {
        label,
        date,
        on: new Date(next).toISOString().slice(0, 10),
        inDays,
        turning: turningAge(parsed, next),
      };
    }
  }
  return best;
}
