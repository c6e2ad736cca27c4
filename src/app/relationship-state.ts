/**
 * The state of each relationship at `now`: a person's row, aggregates and open items turned into a
 * balance, a due status with its priority, open loops and the next occasion. Loaded for many people
 * at once with a handful of queries, since `today` does this for everyone.
 */

import type { ContactSums } from "../domain/contact-summary.js";
import { OCCASION_WINDOW_DAYS } from "../domain/defaults.js";
import { cadenceFor, type Due, dueAt, isBridgeTie } from "../domain/due.js";
import { type Balance, balanceAt } from "../domain/giving-balance.js";
import type { Layer, LedgerMode } from "../domain/model.js";
import { isAskStale, isCommitmentLate, thanksOwed } from "../domain/open-loops.js";
import { daysUntilOccurrence, nextOccurrence, parsePartialDate, turningAge } from "../domain/partial-date.js";
import { fromInstant } from "../storage/keys.js";
import { getOwner } from "../storage/owner.repository.js";
import type { AskRow, CommitmentRow, PersonRow } from "../storage/schema.js";
import { type LedgerStats, personStatsFromRow } from "../storage/stats.repository.js";
import type { AppContext } from "./context.js";

export interface Me {
  id: string;
  name: string | null;
  organizationId: string | null;
  departmentId: string | null;
}

export async function loadMe(ctx: AppContext): Promise<Me> {
  const owner = await getOwner(ctx.db, ctx.ownerId);
  return {
    id: ctx.ownerId,
    name: owner?.name ?? null,
    organizationId: owner?.organization_id ?? null,
    departmentId: owner?.department_id ?? null,
  };
}

export interface Occasion {
  label: string;
  date: string;
  inDays: number;
  turning: number | null;
}

/** The columns of a person the agenda works with (the rest is read for the few people shown). */
export type PersonCore = Pick<
  PersonRow,
  | "id"
  | "display_name"
  | "name_key"
  | "organization_id"
  | "department_id"
  | "tags"
  | "birthday"
  | "layer"
  | "closeness"
  | "cadence_days"
  | "ledger_mode"
  | "archived"
  | "met_on"
  | "created_at"
>;

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
  const me = await loadMe(ctx);
  if (options.personIds && options.personIds.length === 0) return [];
  let query = db
    .selectFrom("people as p")
    .leftJoin("person_stats as s", (j) =>
      j.onRef("s.owner_id", "=", "p.owner_id").onRef("s.person_id", "=", "p.id"),
    )
    .select([
      "p.id",
      "p.display_name",
      "p.name_key",
      "p.organization_id",
      "p.department_id",
      "p.tags",
      "p.birthday",
      "p.layer",
      "p.closeness",
      "p.cadence_days",
      "p.ledger_mode",
      "p.archived",
      "p.met_on",
      "p.created_at",
      "s.gave_sum",
      "s.received_sum",
      "s.entries",
      "s.gaves",
      "s.last_received_at",
      "s.last_thanks_at",
      "s.last_contact_at",
    ])
    .where("p.owner_id", "=", ctx.ownerId);
  if (!options.includeArchived) query = query.where("p.archived", "=", 0);
  if (options.personIds) query = query.where("p.id", "in", options.personIds);
  const rows = await query.execute();

  // Names of organizations and departments: a few rows, joined here rather than on every person.
  const organizations = new Map(
    (
      await db
        .selectFrom("organizations")
        .select(["id", "name"])
        .where("owner_id", "=", ctx.ownerId)
        .execute()
    ).map((o) => [o.id, o.name]),
  );
  const departments = new Map(
    (
      await db.selectFrom("departments").select(["id", "name"]).where("owner_id", "=", ctx.ownerId).execute()
    ).map((d) => [d.id, d.name]),
  );
  const contactsOf = options.strength
    ? await loadContactSums(
        ctx,
        rows.map((r) => r.id),
      )
    : null;

  const commitments = await db
    .selectFrom("commitments")
    .selectAll()
    .where("owner_id", "=", ctx.ownerId)
    .where("status", "=", "open")
    .where("person_id", "is not", null)
    .execute();
  const asks = await db
    .selectFrom("asks")
    .selectAll()
    .where("owner_id", "=", ctx.ownerId)
    .where("status", "=", "open")
    .where("person_id", "is not", null)
    .execute();
  const otherDates = await db
    .selectFrom("person_dates")
    .select(["person_id", "label", "date"])
    .where("owner_id", "=", ctx.ownerId)
    .execute();
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

  return rows.map((row) => {
    const person: PersonCore = {
      id: row.id,
      display_name: row.display_name,
      name_key: row.name_key,
      organization_id: row.organization_id,
      department_id: row.department_id,
      tags: row.tags,
      birthday: row.birthday,
      layer: row.layer,
      closeness: row.closeness,
      cadence_days: row.cadence_days,
      ledger_mode: row.ledger_mode,
      archived: row.archived,
      met_on: row.met_on,
      created_at: row.created_at,
    };
    const ledger: LedgerStats = {
      sums: { gave: num(row.gave_sum), received: num(row.received_sum), entries: num(row.entries) },
      gaves: num(row.gaves),
      lastReceivedAt: row.last_received_at ? fromInstant(row.last_received_at) : null,
      lastThanksAt: row.last_thanks_at ? fromInstant(row.last_thanks_at) : null,
    };
    return evaluate(ctx.now, me, {
      person,
      organizationName: row.organization_id ? (organizations.get(row.organization_id) ?? null) : null,
      departmentName: row.department_id ? (departments.get(row.department_id) ?? null) : null,
      ledger,
      lastContactAt: row.last_contact_at ? fromInstant(row.last_contact_at) : null,
      contacts: contactsOf?.get(row.id) ?? null,
      commitments: commitmentsOf.get(person.id) ?? [],
      asks: asksOf.get(person.id) ?? [],
      dates: datesOf.get(person.id) ?? [],
    });
  });
}

/** The strength inputs of some people, from their aggregates. */
async function loadContactSums(ctx: AppContext, ids: string[]): Promise<Map<string, ContactSums>> {
  const map = new Map<string, ContactSums>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await ctx.db
      .selectFrom("person_stats")
      .selectAll()
      .where("owner_id", "=", ctx.ownerId)
      .where("person_id", "in", ids.slice(i, i + 500))
      .execute();
    for (const row of rows) map.set(row.person_id, personStatsFromRow(row).contacts);
  }
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
  const myOpenCommitments = input.commitments.filter((c) => c.direction === "i_owe");
  const theirOpenCommitments = input.commitments.filter((c) => c.direction === "they_owe");
  const lateCommitments = input.commitments.filter((c) => isCommitmentLate(c.due_on, now)).length;
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
      addedAt: fromInstant(person.created_at),
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

/** The birthday or other date coming up within the occasion window, the nearest first. */
function nextOccasion(
  birthday: string | null,
  dates: { label: string; date: string }[],
  now: number,
): Occasion | null {
  const candidates = [...(birthday ? [{ label: "birthday", date: birthday }] : []), ...dates];
  let best: Occasion | null = null;
  for (const { label, date } of candidates) {
    const parsed = parsePartialDate(date);
    if (!parsed) continue;
    const inDays = daysUntilOccurrence(parsed, now);
    if (inDays > OCCASION_WINDOW_DAYS) continue;
    if (best === null || inDays < best.inDays) {
      best = { label, date, inDays, turning: turningAge(parsed, nextOccurrence(parsed, now)) };
    }
  }
  return best;
}
