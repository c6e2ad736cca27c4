/**
 * The agenda's keys kept on write (issue 16 §2): for each person not archived, the numbers `today`
 * ranks on, in `person_stats` beside the aggregates, so that each part of the ranking is an index
 * range instead of a pass over everyone (see `candidates` in agenda.repository.ts). They depend on
 * the person's row (layer, own cadence, organization, department, ledger mode, birthday, archived),
 * their aggregates (last contact, sum received) and the profile (the user's organization and
 * department): every writer of one of those calls `refreshAgendaKeys`, the one function that writes
 * them, and a profile change rewrites everyone.
 */
import { type Kysely, type RawBuilder, sql } from "kysely";
import { DAY_MS } from "../domain/decay.js";
import { BRIDGE_FACTOR, LAYER_RULES, layerCadence } from "../domain/defaults.js";
import { LAYERS } from "../domain/model.js";
import type { Database, PersonRow, PersonStatsRow } from "./schema.js";

/** The user and the layer rules the effective cadence is computed with. */
export interface CadenceRules {
  /** the user's organization and department: they decide who is a colleague and a bridge tie */
  me: { organizationId: string | null; departmentId: string | null };
  /** layer → default cadence for a colleague and for anyone else (null: none) and priority weight */
  layers: readonly { layer: number; colleague: number | null; other: number | null; weight: number }[];
  bridgeFactor: number;
}

/** The layer rules of the domain, as `CadenceRules` takes them. */
export const LAYER_TABLE: CadenceRules["layers"] = LAYERS.map((layer) => ({
  layer,
  colleague: layerCadence(layer, true),
  other: layerCadence(layer, false),
  weight: LAYER_RULES[layer].priorityWeight,
}));

/**
 * People whose layer weighs more than this are kept apart (`agenda_weight` in a partial index):
 * few by definition (the inner circles), and the only ones who may outrank a due person in the
 * thanks and give-first sections without being due themselves.
 */
export const INNER_WEIGHT_ABOVE = 1;

/**
 * `agenda_due_ms` is the instant the person's rhythm is this share over (`x = 0.9`): the ranking
 * evaluates everyone past it, so the due, those within 1e-9 of their rhythm's end, and everyone
 * whose rhythm could lift them above the others of a section (see `rankPool`). Compared with
 * `now + 1` ms, a superset of "x > 0.9" whatever the cadence.
 */
export const RHYTHM_SHARE = 0.9;
const SHARE_DAY_MS = DAY_MS * RHYTHM_SHARE;

const num = (n: number) => sql.lit(n);
const dbl = (e: RawBuilder<unknown>) => sql`cast(${e} as double precision)`;

/** The effective cadence in days of the person `p` (domain rule `cadenceFor`), or null: none. */
export function cadenceSql(rules: CadenceRules): RawBuilder<unknown> {
  const { me } = rules;
  const colleague = me.organizationId === null ? sql`1 = 0` : sql`p.organization_id = ${me.organizationId}`;
  const colleagueBridge =
    me.departmentId === null
      ? sql`1 = 0`
      : sql`p.department_id is not null and p.department_id <> ${me.departmentId}`;
  const scaled = (days: number | null, bridge: RawBuilder<unknown>) =>
    dbl(
      days === null
        ? sql`null`
        : sql`case when ${bridge} then ${num(days * rules.bridgeFactor)} else ${num(days)} end`,
    );
  const layerCadence = sql.join(
    rules.layers.map(
      (l) =>
        sql`when p.layer = ${num(l.layer)} then case when ${colleague} then ${scaled(l.colleague, colleagueBridge)} else ${scaled(l.other, sql`p.organization_id is not null`)} end`,
    ),
    sql` `,
  );
  // One's own cadence wins (0: none), else the layer's.
  return sql`case when p.cadence_days is not null then (case when p.cadence_days > 0 then ${dbl(sql`p.cadence_days`)} end) else (case ${layerCadence} end) end`;
}

/** The priority weight of the person `p`'s layer (0 for a layer the rules do not know). */
export function weightSql(rules: Pick<CadenceRules, "layers">): RawBuilder<unknown> {
  const weight = sql.join(
    rules.layers.map((l) => sql`when p.layer = ${num(l.layer)} then ${num(l.weight)}`),
    sql` `,
  );
  return sql`case ${weight} else 0 end`;
}

/** The last four characters of a date without its dashes: its month-day (MMDD) for the usual formats. */
export function monthDaySql(column: string): RawBuilder<unknown> {
  return sql`substr(replace(trim(${sql.ref(column)}), '-', ''), length(replace(trim(${sql.ref(column)}), '-', '')) - 3)`;
}

/** The profile's cadence rules of an owner, read from their row. */
export async function rulesOf(db: Kysely<Database>, ownerId: string): Promise<CadenceRules> {
  const owner = await db
    .selectFrom("owners")
    .select(["organization_id", "department_id"])
    .where("id", "=", ownerId)
    .executeTakeFirst();
  return {
    me: { organizationId: owner?.organization_id ?? null, departmentId: owner?.department_id ?? null },
    layers: LAYER_TABLE,
    bridgeFactor: BRIDGE_FACTOR,
  };
}

/**
 * Each key's expression from the person `p`, their last contact (epoch ms) and their sum received:
 * an archived person's keys are all null, so they drop out of every range.
 */
function keysSql(rules: CadenceRules, lastContact: RawBuilder<unknown>, received: RawBuilder<unknown>) {
  const cadence = cadenceSql(rules);
  const active = sql`p.archived = 0`;
  return {
    agenda_cadence: sql`case when ${active} then ${cadence} end`,
    agenda_due_ms: sql`case when ${active} and (${cadence}) is not null then
        (case when ${lastContact} is null then 0
          else cast(${lastContact} as double precision) + (${cadence}) * ${num(SHARE_DAY_MS)} end) end`,
    agenda_weight: sql`case when ${active} then ${weightSql(rules)} end`,
    agenda_received: sql`case when ${active} and p.ledger_mode <> 'communal' and ${received} > 0
        then ${received} end`,
    agenda_month_day: sql`case when ${active} then ${monthDaySql("p.birthday")} end`,
  };
}

/** The columns of a person's row the keys depend on, as an insert gives them (a column left out takes its default). */
export type KeyedPerson = {
  [K in "layer" | "cadence_days" | "organization_id" | "department_id" | "archived" | "birthday"]?:
    | PersonRow[K]
    | undefined;
};

/**
 * The keys of a person just added, with no contact and nothing received yet, computed here as
 * `keysSql` computes them in SQL (the same float operations): an import writes them with the
 * aggregates' row instead of updating every row after (about a tenth of an import's time).
 * Undefined when the birthday's text is too short for both dialects' `substr` to agree, or a
 * column the keys need was left to its default: the SQL then writes them.
 * `test/storage/agenda-keys-new.test.ts` holds the two to each other.
 */
export function keysOfNewPerson(
  rules: CadenceRules,
  p: KeyedPerson,
):
  | Pick<
      PersonStatsRow,
      "agenda_cadence" | "agenda_due_ms" | "agenda_weight" | "agenda_received" | "agenda_month_day"
    >
  | undefined {
  if (p.layer === undefined || p.archived === undefined) return undefined;
  const cadenceDays = p.cadence_days ?? null;
  const organizationId = p.organization_id ?? null;
  const departmentId = p.department_id ?? null;
  const birthday = p.birthday ?? null;
  const day = birthday === null ? null : birthday.replace(/^ +| +$/g, "").replaceAll("-", "");
  if (day !== null && day.length < 4) return undefined;
  if (p.archived !== 0)
    return {
      agenda_cadence: null,
      agenda_due_ms: null,
      agenda_weight: null,
      agenda_received: null,
      agenda_month_day: null,
    };
  const rule = rules.layers.find((l) => l.layer === p.layer);
  const colleague = rules.me.organizationId !== null && organizationId === rules.me.organizationId;
  const bridge = colleague
    ? rules.me.departmentId !== null && departmentId !== null && departmentId !== rules.me.departmentId
    : organizationId !== null;
  const layerDays = rule === undefined ? null : colleague ? rule.colleague : rule.other;
  const cadence =
    cadenceDays !== null
      ? cadenceDays > 0
        ? cadenceDays
        : null
      : layerDays === null
        ? null
        : bridge
          ? layerDays * rules.bridgeFactor
          : layerDays;
  return {
    agenda_cadence: cadence,
    agenda_due_ms: cadence === null ? null : 0,
    agenda_weight: rule?.weight ?? 0,
    agenda_received: null,
    agenda_month_day: day === null ? null : day.slice(-4),
  };
}

const inParts = async (ids: readonly string[], run: (part: readonly string[]) => Promise<unknown>) => {
  for (let i = 0; i < ids.length; i += 500) await run(ids.slice(i, i + 500));
};

/**
 * Rewrites the agenda's keys of these people (everyone of the owner without `personIds`) from their
 * row, their aggregates and the owner's profile. Call it after any write to what they depend on
 * (see the file's comment).
 */
export async function refreshAgendaKeys(
  db: Kysely<Database>,
  ownerId: string,
  personIds?: readonly string[],
): Promise<void> {
  if (personIds !== undefined && personIds.length === 0) return;
  const keys = keysSql(await rulesOf(db, ownerId), sql`s.last_contact_ms`, sql`s.received_sum`);
  const update = (only: RawBuilder<unknown>) => sql`update person_stats as s set
      ${sql.join(Object.entries(keys).map(([column, value]) => sql`${sql.ref(column)} = ${value}`))}
    from people as p
    where p.owner_id = s.owner_id and p.id = s.person_id and s.owner_id = ${ownerId} ${only}`;
  if (personIds === undefined) await update(sql``).execute(db);
  else await inParts(personIds, (part) => update(sql`and s.person_id in (${sql.join(part)})`).execute(db));
}
