/**
 * The state of each relationship at `now`: a person's row, aggregates and open items turned into a
 * balance, a due status with its priority, open loops and the next occasion. Loaded for many people
 * at once with a handful of queries, since `today` does this for everyone.
 */
import { OCCASION_WINDOW_DAYS } from "../domain/defaults.js";
import { cadenceFor, type Due, dueAt, isBridgeTie } from "../domain/due.js";
import { type Balance, balanceAt } from "../domain/giving-balance.js";
import type { Layer, LedgerMode } from "../domain/model.js";
import { isAskStale, isCommitmentLate, thanksOwed } from "../domain/open-loops.js";
import { daysUntilOccurrence, nextOccurrence, parsePartialDate, turningAge } from "../domain/partial-date.js";
import { fromInstant } from "../storage/keys.js";
import { getOwner } from "../storage/owner.repository.js";
import type { AskRow, CommitmentRow, PersonRow } from "../storage/schema.js";
import { type PersonStats, personStatsFromRow } from "../storage/stats.repository.js";
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

export interface RelationshipState {
  person: PersonRow;
  organizationName: string | null;
  departmentName: string | null;
  isColleague: boolean;
  sameDepartmentAsMe: boolean;
  stats: PersonStats;
  balance: Balance;
  due: Due;
  thanksOwed: boolean;
  occasion: Occasion | null;
  myOpenCommitments: CommitmentRow[];
  theirOpenCommitments: CommitmentRow[];
  openAsks: AskRow[];
  openLoops: number;
}

/** Loads and evaluates relationships: everyone (not archived), or the given people. */
export async function loadRelationships(
  ctx: AppContext,
  options: { personIds?: readonly string[]; includeArchived?: boolean } = {},
): Promise<RelationshipState[]> {
  const db = ctx.db;
  const me = await loadMe(ctx);
  if (options.personIds && options.personIds.length === 0) return [];
  let query = db
    .selectFrom("people as p")
    .leftJoin("person_stats as s", (j) =>
      j.onRef("s.owner_id", "=", "p.owner_id").onRef("s.person_id", "=", "p.id"),
    )
    .leftJoin("organizations as o", (j) =>
      j.onRef("o.owner_id", "=", "p.owner_id").onRef("o.id", "=", "p.organization_id"),
    )
    .leftJoin("departments as d", (j) =>
      j.onRef("d.owner_id", "=", "p.owner_id").onRef("d.id", "=", "p.department_id"),
    )
    .selectAll("p")
    .select([
      "o.name as organization_name",
      "d.name as department_name",
      "s.gave_sum",
      "s.received_sum",
      "s.entries",
      "s.gaves",
      "s.last_received_at",
      "s.last_thanks_at",
      "s.contacts",
      "s.first_contact_at",
      "s.last_contact_at",
      "s.frequency_sum",
      "s.initiated_me_sum",
      "s.initiated_them_sum",
      "s.channel_last",
    ])
    .where("p.owner_id", "=", ctx.ownerId);
  if (!options.includeArchived) query = query.where("p.archived", "=", 0);
  if (options.personIds) query = query.where("p.id", "in", options.personIds);
  const rows = await query.execute();

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
    const { organization_name, department_name, ...rest } = row;
    const person = pickPerson(rest);
    const stats = personStatsFromRow(
      row.gave_sum === null
        ? undefined
        : {
            owner_id: row.owner_id,
            person_id: row.id,
            gave_sum: row.gave_sum,
            received_sum: row.received_sum ?? 0,
            entries: row.entries ?? 0,
            gaves: row.gaves ?? 0,
            last_received_at: row.last_received_at,
            last_thanks_at: row.last_thanks_at,
            contacts: row.contacts ?? 0,
            first_contact_at: row.first_contact_at,
            last_contact_at: row.last_contact_at,
            frequency_sum: row.frequency_sum ?? 0,
            initiated_me_sum: row.initiated_me_sum ?? 0,
            initiated_them_sum: row.initiated_them_sum ?? 0,
            channel_last: row.channel_last ?? "{}",
          },
    );
    return evaluate(ctx.now, me, {
      person,
      organizationName: organization_name,
      departmentName: department_name,
      stats,
      commitments: commitmentsOf.get(person.id) ?? [],
      asks: asksOf.get(person.id) ?? [],
      dates: datesOf.get(person.id) ?? [],
    });
  });
}

const PERSON_COLUMNS = [
  "owner_id",
  "id",
  "display_name",
  "given_name",
  "family_name",
  "nickname",
  "name_key",
  "organization_id",
  "department_id",
  "title",
  "tags",
  "met_text",
  "met_on",
  "met_through_id",
  "birthday",
  "layer",
  "closeness",
  "cadence_days",
  "ledger_mode",
  "archived",
  "uid",
  "created_at",
  "updated_at",
] as const satisfies readonly (keyof PersonRow)[];

function pickPerson(row: PersonRow): PersonRow {
  const person = {} as Record<string, unknown>;
  for (const column of PERSON_COLUMNS) person[column] = row[column];
  return person as unknown as PersonRow;
}

/** Turns one person's stored state into what the agenda needs; pure apart from its inputs. */
export function evaluate(
  now: number,
  me: Me,
  input: {
    person: PersonRow;
    organizationName: string | null;
    departmentName: string | null;
    stats: PersonStats;
    commitments: CommitmentRow[];
    asks: AskRow[];
    dates: { label: string; date: string }[];
  },
): RelationshipState {
  const { person, stats } = input;
  const isColleague = person.organization_id !== null && person.organization_id === me.organizationId;
  const sameDepartmentAsMe =
    isColleague && person.department_id !== null && person.department_id === me.departmentId;
  const mode = person.ledger_mode as LedgerMode;
  const balance = balanceAt(stats.ledger.sums, now, mode);
  const owed = thanksOwed(stats.ledger, now);
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
      lastContactAt: stats.contacts.lastAt,
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
    stats,
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
