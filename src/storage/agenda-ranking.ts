/**
 * The agenda's SQL ranking (issue 16 §2), behind `agendaReads(…).candidates`: who `today` must
 * evaluate in memory, and how many due people and suggestions the others have. Two ways to the same
 * answer: `rankPool` from the keys kept on write (agenda-keys.ts), evaluating only a pool of people
 * found from index ranges; `rankEveryone`, one pass over every person, when the pool cannot vouch
 * for its answer, and as the oracle the tests hold the pool to.
 */
import { type Kysely, type RawBuilder, type SqlBool, sql } from "kysely";
import type { AgendaBoundsInput, AgendaCandidate, AgendaPoolInput } from "./agenda.repository.js";
import { cadenceSql, INNER_WEIGHT_ABOVE, monthDaySql, RHYTHM_SHARE, weightSql } from "./agenda-keys.js";
import type { Database } from "./schema.js";

/** What the ranking answers. */
export interface AgendaRanking {
  /** people not archived */
  people: number;
  /** of the certain people, how many are due, and how many suggestions they have */
  certainDue: number;
  certainKinds: number;
  /** people not archived owed a thank-you: the count of the thanks section */
  owedThanks: number;
  candidates: AgendaCandidate[];
}

/** The thanks-owed test of the aggregates `s` at `now` (the rule `thanksOwed`), from agendaReads. */
type Owes = (now: number) => RawBuilder<SqlBool>;

const num = (n: number) => sql.lit(n);

/** Whether a count or flag read back (a bigint as text on PostgreSQL) is a number. */
const n = (value: number | string | null | undefined): number => Number(value ?? 0);

/** The slack of the overdrawn rule that says who may be overdrawn, and who surely is. */
const MAYBE = -0.01;
const SURE = 0.01;

/** The ratio below which the overdrawn rule, loosened or tightened by `slack`, reads overdrawn. */
const overdrawnRatio = (input: AgendaPoolInput, slack: number) => input.overdrawnRatio - slack / 100;

/**
 * The overdrawn rule on the aggregates `s` with `received` as their sum received, loosened (slack
 * < 0) or tightened (> 0) by 1 % of its edges: the same float operations as the domain.
 */
function overdrawnSql(input: AgendaPoolInput, received: RawBuilder<unknown>, slack: number) {
  const g = sql`coalesce(s.gave_sum, 0) * ${num(input.gaveFactor)}`;
  const r = sql`${received} * ${num(input.receivedFactor)}`;
  return sql<SqlBool>`${r} >= ${num(input.overdrawnMinReceived - 0.05 + slack)}
    and ${g} + 1 < ${num(overdrawnRatio(input, slack))} * (${g} + ${r} + 2)`;
}

/**
 * The key of `person_stats_agenda_give_ratio_idx` (migration 0025, which writes the same text): G/R,
 * except where one sum is beyond 1e±150 (dates centuries away, which a backup may hold). There
 * PostgreSQL's division would fail for a quotient past a double's range, and with it every write of
 * the row; the key is then 0 or 1, never above G/R, so the range under a bound still holds everyone
 * whose quotient is under it.
 */
export const GIVE_RATIO_KEY =
  "case when gave_sum <= 0 then 0 when gave_sum between 1e-150 and 1e150 and agenda_received between 1e-150 and 1e150 then gave_sum / agenda_received when gave_sum < agenda_received then 0 else 1 end";

/**
 * A bound on the kept sums' quotient G/R (gave over received, index person_stats_agenda_give_ratio_idx,
 * migration 0025) that everyone who may be overdrawn is under, or null when there is none.
 * With the decayed sums g = G·gf and r = R·rf, g + 1 < ρ(g + r + 2) reads (1 − ρ)g < ρr − (1 − 2ρ),
 * and with ρ < ½ the last term only tightens it: g/r < ρ/(1 − ρ), so G/R < ρ/(1 − ρ) · rf/gf.
 * The margin of 1e-9 covers the roundings of the products SQL computes.
 */
export function giveRatioBound(input: AgendaPoolInput): number | null {
  const ratio = overdrawnRatio(input, MAYBE);
  if (!(ratio > 0 && ratio < 0.5)) return null;
  const bound = (ratio / (1 - ratio)) * (input.receivedFactor / input.gaveFactor) * (1 + 1e-9);
  return Number.isFinite(bound) && bound > 0 ? bound : null;
}

const occasionDaysSql = (input: AgendaPoolInput) =>
  sql.join((input.occasionDays.length === 0 ? ["none"] : input.occasionDays).map((d) => sql`${d}`));

/** Each person's open promises (`mine`: those the user owes; `late`) and stale asks, by id: the facts' joins. */
function loopsJoins(ownerId: string, input: AgendaPoolInput, id: RawBuilder<unknown>) {
  return sql`left join (select person_id, sum(case when direction = 'i_owe' then 1 else 0 end) as mine,
                   sum(case when due_on < ${input.today} then 1 else 0 end) as late
                 from commitments where owner_id = ${ownerId} and status = 'open' and person_id is not null
                 group by person_id) c on c.person_id = ${id}
      left join (select person_id, count(*) as stale from asks
                 where owner_id = ${ownerId} and status = 'open' and person_id is not null
                   and asked_at <= ${input.staleAskedBy}
                 group by person_id) a on a.person_id = ${id}`;
}

/**
 * Whether SQL cannot know a person's occasion or need (1): a birthday of month-day `monthDay` in the
 * window, another date of theirs in it, or an open need. Those are evaluated in memory.
 */
function unsureSql(
  ownerId: string,
  input: AgendaPoolInput,
  id: RawBuilder<unknown>,
  monthDay: RawBuilder<unknown>,
) {
  const inDays = occasionDaysSql(input);
  return sql`case when ${monthDay} in (${inDays})
          or ${id} in (select person_id from needs where owner_id = ${ownerId} and status = 'open')
          or ${id} in (select person_id from person_dates
                      where owner_id = ${ownerId} and ${monthDaySql("date")} in (${inDays}))
          then 1 else 0 end`;
}

/**
 * The ranking's CTEs (`facts`, `rhythm`, `known`, `ranked`) over everyone not archived, each
 * person's facts computed from their row by the domain's rules.
 */
function rankedCtes(ownerId: string, input: AgendaBoundsInput, owes: Owes) {
  const { now } = input;
  const dbl = (e: RawBuilder<unknown>) => sql`cast(${e} as double precision)`;
  const received = sql`coalesce(s.received_sum, 0)`;
  const overdrawn = (slack: number) =>
    sql`p.ledger_mode <> 'communal' and ${overdrawnSql(input, received, slack)}`;
  const x = sql`${dbl(sql`case when ${now} > last_contact_ms then ${now} - last_contact_ms else 0 end`)} / 86400000 / cadence`;
  const max = num(input.maxOverdue);
  const facts = sql`facts as (
      select p.id,
        case when ${owes(now)} then 1 else 0 end as owed,
        ${cadenceSql(input)} as cadence,
        s.last_contact_ms,
        ${weightSql(input)} as weight,
        coalesce(c.mine, 0) as mine, coalesce(c.late, 0) + coalesce(a.stale, 0) as late,
        ${unsureSql(ownerId, input, sql`p.id`, monthDaySql("p.birthday"))} as unsure,
        case when ${overdrawn(MAYBE)} then 1 else 0 end as od_maybe,
        case when ${overdrawn(SURE)} then 1 else 0 end as od_sure
      from people p
      left join person_stats s on s.owner_id = p.owner_id and s.person_id = p.id
      ${loopsJoins(ownerId, input, sql`p.id`)}
      where p.owner_id = ${ownerId} and p.archived = 0
    )`;
  return sql`${facts}, rhythm as materialized (
      select facts.*, case when last_contact_ms is null then null else ${x} end as x from facts
    ), known as (
      select id, owed, mine, od_sure,
        case when unsure = 1 or od_maybe <> od_sure or (cadence is not null and x is null)
          or (x is not null and x > 0.999999999 and x < 1.000000001) then 0 else 1 end as certain,
        case when x is not null and x >= 1 then 1 else 0 end as due,
        case when cadence is null or x is null then owed + late + od_sure * 0.5
          else weight * (case when x < ${max} then x else ${max} end) + (owed + late + od_sure * 0.5) end as raw
      from rhythm
    ), ranked as materialized (
      select id, certain, due, owed, mine, od_sure,
        floor(raw * 100 + 0.5) / 100 as priority,
        owed + mine + (case when od_sure = 1 and owed = 0 then 1 else 0 end)
          + (case when due = 1 and owed = 0 and mine = 0 and od_sure = 0 then 1 else 0 end) as kinds
      from known
    )`;
}

/** The candidates of `ranked`: everyone uncertain, and the first `limit` certain of each section. */
function candidatesOf(input: AgendaBoundsInput) {
  const first = (where: RawBuilder<unknown>) =>
    sql`select * from (select id from ranked where certain = 1 and ${where}
      order by priority desc, id limit ${num(input.limit)}) t`;
  return sql`certain = 0 or id in (${first(sql`due = 1`)}) or id in (${first(sql`owed = 1`)})
    or id in (${first(sql`mine > 0`)}) or id in (${first(sql`od_sure = 1 and owed = 0`)})
    or id in (${first(sql`due = 1 and owed = 0 and mine = 0 and od_sure = 0`)})`;
}

const candidateOf = (row: {
  id: string;
  certain: number | string;
  due: number | string;
  kinds: number | string;
}): AgendaCandidate => ({
  id: row.id,
  certain: n(row.certain) === 1,
  due: n(row.due) === 1,
  kinds: n(row.kinds),
});

/** The ranking from one pass over every person not archived. */
export async function rankEveryone(
  db: Kysely<Database>,
  ownerId: string,
  input: AgendaBoundsInput,
  owes: Owes,
): Promise<AgendaRanking> {
  const rows = (
    await sql<{
      id: string | null;
      certain: number | string;
      due: number | string;
      kinds: number | string;
      owed: number | string | null;
    }>`with ${rankedCtes(ownerId, input, owes)}
    select null as id, count(*) as certain, sum(case when certain = 1 then due else 0 end) as due,
      sum(case when certain = 1 then kinds else 0 end) as kinds, sum(owed) as owed from ranked
    union all
    select id, certain, due, kinds, owed from ranked where ${candidatesOf(input)}`.execute(db)
  ).rows;
  const totals = rows.find((row) => row.id === null);
  return {
    people: n(totals?.certain),
    certainDue: n(totals?.due),
    certainKinds: n(totals?.kinds),
    owedThanks: n(totals?.owed),
    candidates: rows.flatMap((row) => (row.id === null ? [] : [candidateOf({ ...row, id: row.id })])),
  };
}

/** A row of `facts` as the dialects return it (PostgreSQL gives a bigint or a count as text). */
interface Facts {
  owed: number | string;
  cadence: number | null;
  last_contact_ms: number | string | null;
  weight: number | string;
  mine: number | string;
  late: number | string;
  unsure: number | string;
  od_maybe: number | string;
  od_sure: number | string;
}

/**
 * What `rhythm`, `known` and `ranked` compute of one person's facts, in the same float operations
 * (x, the priority and its rounding are IEEE doubles in both): for the pool, a few hundred people.
 */
function evaluate(row: Facts & { id: string }, input: AgendaPoolInput) {
  const owed = n(row.owed);
  const mine = n(row.mine);
  const odSure = n(row.od_sure);
  const cadence = row.cadence === null ? null : Number(row.cadence);
  const last = row.last_contact_ms === null ? null : Number(row.last_contact_ms);
  // null without a contact or a cadence, as SQL's division by null
  const x =
    last === null || cadence === null ? null : (input.now > last ? input.now - last : 0) / 86400000 / cadence;
  const loops = owed + n(row.late) + odSure * 0.5;
  const certain = !(
    n(row.unsure) === 1 ||
    n(row.od_maybe) !== odSure ||
    (cadence !== null && x === null) ||
    (x !== null && x > 0.999999999 && x < 1.000000001)
  );
  const due = x !== null && x >= 1;
  const raw = cadence === null || x === null ? loops : n(row.weight) * Math.min(x, input.maxOverdue) + loops;
  return {
    id: row.id,
    certain,
    due,
    owed: owed === 1,
    mine: mine > 0,
    odSure: odSure === 1,
    priority: Math.floor(raw * 100 + 0.5) / 100,
    kinds:
      owed +
      mine +
      (odSure === 1 && owed === 0 ? 1 : 0) +
      (due && owed === 0 && mine === 0 && odSure === 0 ? 1 : 0),
  };
}

/**
 * The ranking from the kept keys, or null when the pool cannot vouch for it. The pool: the people
 * past RHYTHM_SHARE of their rhythm (`agenda_due_ms`: the due, those at its end, and more), with a
 * promise they owe, a late promise or a stale ask when owed thanks or maybe overdrawn,
 * an occasion maybe in the window (`agenda_month_day`, dates) or an open need, at the edge of
 * overdrawn, and those of the inner layers (`agenda_weight`) owed thanks or maybe overdrawn. Anyone
 * else is certain, not due, owes no promise, has a late loop only when neither owed nor overdrawn,
 * and has as suggestions only "thank them" (owed) and "give first" (overdrawn, not owed): those two
 * are counted from their index ranges, less the pool's.
 * Their priority is at most a weight of at most INNER_WEIGHT_ABOVE times x ≤ RHYTHM_SHARE, plus those
 * loops (1.5 owed, 0.5 give-first): when the pool's `limit`-th of those two sections is above that,
 * or no one outside is in them, the first of each section are the pool's.
 */
export async function rankPool(
  db: Kysely<Database>,
  ownerId: string,
  input: AgendaPoolInput,
  owes: Owes,
): Promise<AgendaRanking | null> {
  const { now } = input;
  // The least sum received that may make someone overdrawn (loosened as od_maybe is), a range bound.
  const minReceived = ((input.overdrawnMinReceived - 0.06) / input.receivedFactor) * (1 - 1e-9);
  // A person with nothing received has no `agenda_received`: the pool could not find them.
  if (!(minReceived > 0)) return null;
  // The most an outer-layer person past no more than RHYTHM_SHARE of their rhythm weighs, before loops.
  const outer = Math.max(
    0,
    ...input.layers.filter((l) => l.weight <= INNER_WEIGHT_ABOVE).map((l) => l.weight),
  );
  const rhythmAtMost = outer * RHYTHM_SHARE;
  const giveRatioBelow = giveRatioBound(input);
  if (giveRatioBelow === null) return null;
  const kept = sql`s.agenda_received`;
  const odMaybe = overdrawnSql(input, kept, MAYBE);
  const odSure = overdrawnSql(input, kept, SURE);
  const owed = sql`(case when ${owes(now)} then 1 else 0 end)`;
  const inDays = occasionDaysSql(input);
  // A late promise or a stale ask only lifts a priority: it matters to the first of a section only
  // for someone owed thanks or maybe overdrawn (the due are in the pool already).
  // A correlated scalar read of the person's aggregates, one index probe a row: as `exists`,
  // PostgreSQL hashed the whole of person_stats to test a few hundred promises and asks.
  const lifted = (loop: RawBuilder<unknown>) => sql`(select case when ${owed} = 1
      or (s.agenda_received is not null and ${odMaybe}) then 1 else 0 end from person_stats s
    where s.owner_id = ${loop}.owner_id and s.person_id = ${loop}.person_id) = 1`;
  // Everyone maybe overdrawn, from one pass over the range of their index, by their sums' quotient
  // (4,377 entries for 4,008 people of the bench store's 10,000): the pool takes those at the edge,
  // the count of give-first the sure ones not owed. The quotient and `agenda_received > 0` are
  // written as the index has them (migration 0025), so that both dialects use it. In the index's
  // order: PostgreSQL then reads the range from the index alone; unordered, its costs chose a pass
  // over the whole table.
  const giveRatio = sql.raw(GIVE_RATIO_KEY);
  const overdrawn = sql`overdrawn as materialized (
      select s.person_id as id, case when ${odSure} then 1 else 0 end as sure, ${owed} as owed
      from person_stats s
      where s.owner_id = ${ownerId} and ${giveRatio} < ${num(giveRatioBelow)} and s.agenda_received > 0
        and s.agenda_received >= ${num(minReceived)} and ${odMaybe}
      order by ${giveRatio})`;
  // `union all`, then distinct: a `union` wants each part in id order, and SQLite then read the
  // overdrawn edge from the primary key (every row) instead of the range of its index.
  const pool = sql`pool as (select distinct id from (
      select person_id as id from person_stats where owner_id = ${ownerId} and agenda_due_ms <= ${num(now + 1)}
      union all select person_id from commitments c
        where owner_id = ${ownerId} and status = 'open' and person_id is not null
          and (direction = 'i_owe' or (due_on < ${input.today} and ${lifted(sql`c`)}))
      union all select person_id from asks a
        where owner_id = ${ownerId} and status = 'open' and person_id is not null
          and asked_at <= ${input.staleAskedBy} and ${lifted(sql`a`)}
      union all select person_id from person_stats where owner_id = ${ownerId} and agenda_month_day in (${inDays})
      union all select person_id from needs where owner_id = ${ownerId} and status = 'open'
      union all select person_id from person_dates where owner_id = ${ownerId} and ${monthDaySql("date")} in (${inDays})
      union all select s.person_id from person_stats s
        where s.owner_id = ${ownerId} and s.agenda_weight > ${num(INNER_WEIGHT_ABOVE)}
          and (${owed} = 1 or (s.agenda_received is not null and ${odMaybe}))
      union all select id from overdrawn where sure = 0
    ) parts)`;
  // The pool's facts from the keys kept beside the aggregates (agenda-keys.ts), which hold what the
  // full pass computes from each person's row: the effective cadence (with the profile it was kept
  // for), the layer's weight, the birthday's month-day and the sum received that may make one
  // overdrawn (null when communal), all null when archived. So the pool reads one covering index of
  // `person_stats` (migration 0026), not `people` too: on PostgreSQL a pass over all of `people`
  // and ~4 ms of the ranking, and the ranking no longer waits for the user's profile.
  const facts = sql`facts as (
      select s.person_id as id, ${owed} as owed, s.agenda_cadence as cadence, s.last_contact_ms,
        s.agenda_weight as weight,
        coalesce(c.mine, 0) as mine, coalesce(c.late, 0) + coalesce(a.stale, 0) as late,
        ${unsureSql(ownerId, input, sql`s.person_id`, sql`s.agenda_month_day`)} as unsure,
        case when ${odMaybe} then 1 else 0 end as od_maybe,
        case when ${odSure} then 1 else 0 end as od_sure
      from pool cross join person_stats s
      ${loopsJoins(ownerId, input, sql`s.person_id`)}
      where s.owner_id = ${ownerId} and s.person_id = pool.id and s.agenda_weight is not null
    )`;
  // Owed thanks among people not archived: everyone's, less the archived (few, from the people index).
  const owedAll = sql`(select count(*) from person_stats s where s.owner_id = ${ownerId} and ${owes(now)})
    - (select count(*) from people p cross join person_stats s
       where p.owner_id = ${ownerId} and p.archived = 1 and s.owner_id = p.owner_id and s.person_id = p.id
         and ${owes(now)})`;
  const giveFirstAll = sql`(select count(*) from overdrawn where sure = 1 and owed = 0)`;
  type Row = Facts & { id: string | null };
  // Every person of the pool with their facts, and a first row of totals (people, owed thanks and
  // give-first of everyone).
  const rows = (
    await sql<Row>`with ${overdrawn}, ${pool}, ${facts}
    select null as id, ${owedAll} as owed, null as cadence, null as last_contact_ms,
      (select count(*) from people where owner_id = ${ownerId} and archived = 0) as weight,
      ${giveFirstAll} as mine, null as late, null as unsure, null as od_maybe, null as od_sure
    union all
    select id, owed, cadence, last_contact_ms, weight, mine, late, unsure, od_maybe, od_sure from facts`.execute(
      db,
    )
  ).rows;
  const totals = rows.find((row) => row.id === null);
  const pooled = rows.flatMap((row) => (row.id === null ? [] : [evaluate({ ...row, id: row.id }, input)]));
  type Pooled = (typeof pooled)[number];
  const giveFirst = (p: Pooled) => p.odSure && !p.owed;
  // By priority, then id: the order of the SQL of `rankEveryone` (ids are ASCII, compared as bytes).
  const ranked = pooled
    .filter((p) => p.certain)
    .sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const firstOf = (inSection: (p: Pooled) => boolean) => ranked.filter(inSection).slice(0, input.limit);
  const owedFirst = firstOf((p) => p.owed);
  const giveFirstFirst = firstOf(giveFirst);
  const outsideOwed = n(totals?.owed) - pooled.filter((p) => p.owed).length;
  const outsideGiveFirst = n(totals?.mine) - pooled.filter(giveFirst).length;
  // Outside the pool, loops are a thank-you owed (1) and overdrawn (0.5); give-first is not owed.
  const vouched = (first: Pooled[], outside: number, bound: number) =>
    outside === 0 || (first.length === input.limit && (first[input.limit - 1]?.priority ?? 0) > bound);
  if (
    !vouched(owedFirst, outsideOwed, rhythmAtMost + 1.5) ||
    !vouched(giveFirstFirst, outsideGiveFirst, rhythmAtMost + 0.5)
  )
    return null;
  const shown = new Set([
    ...pooled.filter((p) => !p.certain),
    ...firstOf((p) => p.due),
    ...owedFirst,
    ...firstOf((p) => p.mine),
    ...giveFirstFirst,
    ...firstOf((p) => p.due && !p.owed && !p.mine && !p.odSure),
  ]);
  const certain = pooled.filter((p) => p.certain);
  return {
    people: n(totals?.weight),
    certainDue: certain.filter((p) => p.due).length,
    certainKinds: certain.reduce((sum, p) => sum + p.kinds, 0) + outsideOwed + outsideGiveFirst,
    owedThanks: n(totals?.owed),
    candidates: [...shown].map((p) => ({ id: p.id, certain: p.certain, due: p.due, kinds: p.kinds })),
  };
}
