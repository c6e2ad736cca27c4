/**
 * The agenda's read model (issue 15 §1, issue 16 §2): the reads `today` and the advice it words make,
 * each scoped to one owner by `agendaReads`. Thanks owed are ranked here from the epoch-ms instants
 * kept on write (migration 0011), so the section costs an index range, not everyone's dates.
 */
import { type Kysely, type SelectQueryBuilder, type SqlBool, sql } from "kysely";
import { DAY_MS } from "../domain/decay.js";
import { THANKS_WINDOW_DAYS } from "../domain/defaults.js";
import type { CadenceRules } from "./agenda-keys.js";
import { type AgendaRanking, rankEveryone, rankPool } from "./agenda-ranking.js";
import { ownedBy } from "./owned.js";
import { readRows } from "./row-arrays.js";
import type { Database, PersonRow, PersonStatsRow } from "./schema.js";

const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The rows of one query per chunk of ids, in one list. */
async function inChunks<R>(ids: readonly string[], query: (part: string[]) => { execute(): Promise<R[]> }) {
  const out: R[] = [];
  for (const part of chunks(ids)) out.push(...(await query(part).execute()));
  return out;
}

/**
 * The rows of a query about people: of everyone with a person (no ids), or of the given people, in
 * chunks. `query` filters to its part of the ids when given one.
 */
async function ofPeople<R>(
  personIds: readonly string[] | undefined,
  query: (part?: string[]) => { execute(): Promise<R[]> },
): Promise<R[]> {
  return personIds ? inChunks(personIds, query) : query().execute();
}

/** Epoch ms as the dialect returns it (PostgreSQL gives a bigint as text). */
const msOf = (value: number | string | null): number | null => (value === null ? null : Number(value));

/** The day after a YYYY-MM-DD day, as YYYY-MM-DD: the end of that day's instants. */
const dayAfter = (day: string): string =>
  new Date(Date.parse(`${day}T00:00:00.000Z`) + DAY_MS).toISOString().slice(0, 10);

/** How many rows the query's filter keeps, on each row: a window over them before any limit. */
const COUNT_ALL = sql<number | string>`count(*) over ()`.as("counted_all");

/**
 * The rows of an open loop (promises, asks: `first`, filtered, ordered, limited, with COUNT_ALL) as
 * `l`, each with the name of whom it is with, read for the rows kept only. The caller orders them
 * again: a join keeps no order.
 */
function withCounterpart<
  R extends { owner_id: string; person_id: string | null; department_id: string | null },
>(
  db: Kysely<Database>,
  first: SelectQueryBuilder<Database, keyof Database, R & { counted_all: number | string }>,
) {
  return db
    .selectFrom(first.as("l"))
    .leftJoin("people as p", (j) =>
      j.onRef("p.owner_id", "=", "l.owner_id").onRef("p.id", "=", "l.person_id"),
    )
    .leftJoin("departments as d", (j) =>
      j.onRef("d.owner_id", "=", "l.owner_id").onRef("d.id", "=", "l.department_id"),
    )
    .selectAll("l")
    .select(
      sql<string | null>`case when l.person_id is not null then p.display_name else d.name end`.as(
        "counterpart",
      ),
    );
}

/**
 * A section of open loops from one statement (issue 16 §2: on PostgreSQL each statement costs the
 * client and a backend a turn on the two cores): how many in all, and the first rows with the name of
 * whom each is with ("" when there is none, as `withCounterpartNames` says it).
 */
function firstOfLoops<R extends { counted_all: number | string; counterpart: string | null }>(rows: R[]) {
  return {
    // count(*) is a bigint as text on PostgreSQL
    count: Number(rows[0]?.counted_all ?? 0),
    first: rows.map(({ counted_all: _count, counterpart, ...row }) => ({
      row,
      counterpart: counterpart ?? "",
    })),
  };
}

/**
 * What the agenda's SQL ranking needs to know of the user and the clock, as numbers: the priority of
 * a person is bounded in SQL from these, and only the people whose bounds may reach what is shown are
 * evaluated exactly (see `candidates`).
 */
export interface AgendaBoundsInput extends CadenceRules {
  now: number;
  maxOverdue: number;
  /** the month-days (MMDD) on which an occasion may fall within the window: a superset */
  occasionDays: readonly string[];
  /** decay factors of the gave and received sums at `now`, and the overdrawn rule's numbers */
  gaveFactor: number;
  receivedFactor: number;
  overdrawnRatio: number;
  overdrawnMinReceived: number;
  /** today (YYYY-MM-DD, UTC): a promise due before it is late */
  today: string;
  /** an ask open since this instant or earlier is stale */
  staleAskedBy: string;
  /** how many of the first of each section to evaluate */
  limit: number;
}

/**
 * What the ranking from the kept keys needs (`rankPool`): all of AgendaBoundsInput but the user,
 * whose profile the kept cadences were computed with already (agenda-keys.ts).
 */
export type AgendaPoolInput = Omit<AgendaBoundsInput, "me">;

/** One person the agenda evaluates: uncertain to SQL, or among the first of a section. */
export interface AgendaCandidate {
  id: string;
  /** whether SQL knew their facts for sure: then `due` and `kinds` are theirs, counted in the totals */
  certain: boolean;
  due: boolean;
  /** how many suggestions they have */
  kinds: number;
}

export interface OwedPerson {
  id: string;
  name: string;
  /** the last help received, epoch ms */
  at: number;
}

/**
 * What an event reads of a person beside their moments: how they met, their rhythm and last contact.
 * From the people's covering index and the aggregates' row (the agenda reads no more of the many
 * people it does not evaluate).
 */
const EVENT_PERSON = [
  "p.met_on",
  "p.cadence_days",
  "s.last_contact_ms",
  "s.agenda_cadence",
  "s.agenda_due_ms",
  // null when the person has no aggregates' row (`metAlike` joins it left)
  "s.person_id as stats_of",
] as const;

/** The reads of the agenda, every one filtered to `ownerId` here and nowhere else. */
export function agendaReads(db: Kysely<Database>, ownerId: string) {
  /** people not archived with their aggregates, of this owner */
  const activeStats = () =>
    ownedBy(db, ownerId)
      .selectFrom("person_stats as s")
      .innerJoin("people as p", (j) =>
        j.onRef("p.owner_id", "=", "s.owner_id").onRef("p.id", "=", "s.person_id"),
      )
      .where("p.archived", "=", 0);

  /** people not archived of this owner, with their aggregates when they have any */
  const activeStatsOrNone = () =>
    ownedBy(db, ownerId)
      .selectFrom("people as p")
      .leftJoin("person_stats as s", (j) =>
        j.onRef("s.owner_id", "=", "p.owner_id").onRef("s.person_id", "=", "p.id"),
      )
      .where("p.archived", "=", 0);

  /**
   * The moment aliased `moment` (its `owner_id` and `id`) has at least `minPeople` participants (an
   * event's least). Counted up to `minPeople` only: each of the 150 people first met at one event
   * would otherwise count all 150.
   */
  const crowdedMoment = (minPeople: number, moment = "i") =>
    sql<SqlBool>`(select count(*) from (select 1 from interaction_participants c
      where c.owner_id = ${sql.ref(`${moment}.owner_id`)} and c.interaction_id = ${sql.ref(`${moment}.id`)}
      limit ${minPeople}) as crowd) >= ${minPeople}`;

  /** An organization's departments `d`, with the organization's name. */
  const departmentsIn = (organizationId: string) =>
    ownedBy(db, ownerId)
      .selectFrom("departments as d")
      .innerJoin("organizations as o", (j) =>
        j.onRef("o.owner_id", "=", "d.owner_id").onRef("o.id", "=", "d.organization_id"),
      )
      .select(["d.id", "d.name", "o.name as organization"])
      .where("d.organization_id", "=", organizationId);

  /** The person `person` (a column) took part in the moment aliased `moment` (its `owner_id` and `id`). */
  const tookPart = (moment: string, person: string) =>
    sql<SqlBool>`exists (select 1 from interaction_participants ip
      where ip.owner_id = ${sql.ref(`${moment}.owner_id`)} and ip.interaction_id = ${sql.ref(`${moment}.id`)}
        and ip.person_id = ${sql.ref(person)})`;

  /**
   * The aggregates `s` of someone helped within the thanks window and not thanked since (rule
   * `thanksOwed`). Its second term is the condition of the index it is read from
   * (`person_stats_owed_idx`, migration 0025), word for word: SQLite uses the index only then.
   */
  const owes = (now: number) =>
    sql<SqlBool>`s.last_received_ms >= ${now - THANKS_WINDOW_DAYS * DAY_MS}
      and (s.last_thanks_ms is null or s.last_thanks_ms < s.last_received_ms)`;

  /** How many rows a query of a count counted (count(*) is a bigint as text on PostgreSQL). */
  const countOf = async (query: {
    executeTakeFirst(): Promise<{ n: number | string | bigint } | undefined>;
  }) => Number((await query.executeTakeFirst())?.n ?? 0);

  return {
    /**
     * How many people are owed a thank-you, and the first `limit` (all with null): newest help first.
     * `counted`, when given, answers the count (the agenda's ranking has it) instead of two counts here.
     */
    async thanksOwedToPeople(
      now: number,
      limit: number | null,
      counted?: () => Promise<number>,
    ): Promise<{ count: number; first: OwedPerson[] }> {
      let query = activeStats()
        .where(owes(now))
        .select(["s.person_id", "p.display_name", "s.last_received_ms"])
        .orderBy("s.last_received_ms", "desc")
        .orderBy("s.person_id");
      if (limit !== null) query = query.limit(limit);
      const first = (await query.execute()).map((r) => ({
        id: r.person_id,
        name: r.display_name,
        at: msOf(r.last_received_ms) as number,
      }));
      if (limit === null || first.length < limit) return { count: first.length, first };
      if (counted) return { count: await counted(), first };
      // Counted from the aggregates' index alone, less the archived (few, found from the people
      // index first): joined to people, each of the thousands owed cost a probe of the people index.
      const everyone = await countOf(
        ownedBy(db, ownerId)
          .selectFrom("person_stats as s")
          .where(owes(now))
          .select((eb) => eb.fn.countAll().as("n")),
      );
      const archived = await countOf(
        ownedBy(db, ownerId)
          .selectFrom("people as p")
          .crossJoin("person_stats as s")
          .where("p.archived", "=", 1)
          .whereRef("s.owner_id", "=", "p.owner_id")
          .whereRef("s.person_id", "=", "p.id")
          .where(owes(now))
          .select((eb) => eb.fn.countAll().as("n")),
      );
      return { count: everyone - archived, first };
    },

    /**
     * The people the agenda may show (issue 16 §2). Each person's priority, due status and number
     * of suggestions are computed here by the domain's rules and float operations, for everyone whose
     * facts SQL knows for sure ("certain"): the rest — an occasion maybe in the window, an open need,
     * a balance at the edge of overdrawn, a rhythm never started or exactly at its end — are always
     * candidates, evaluated exactly in memory. Of the certain people, only the first `limit` of each
     * section (due, thanks, promises, give-first, reconnect; by priority, then id) are candidates;
     * for the others the totals say how many are due and how many suggestions they have.
     *
     * Read from the keys kept on write (agenda-keys.ts): only a pool found from index ranges is
     * evaluated, and the rest counted from them; when the pool cannot vouch for the first of the
     * thanks and give-first sections, every person is evaluated (`candidatesOfEveryone`), and only
     * then is the user's profile read (`me`): the kept keys hold the cadences it gives.
     */
    async candidates(
      input: AgendaPoolInput,
      me: () => Promise<AgendaBoundsInput["me"]>,
    ): Promise<AgendaRanking> {
      return (
        (await rankPool(db, ownerId, input, owes)) ??
        (await rankEveryone(db, ownerId, { ...input, me: await me() }, owes))
      );
    },

    /** The ranking from the kept keys alone, or null where `candidates` falls back to the full pass. */
    async candidatesFromKeys(input: AgendaPoolInput): Promise<AgendaRanking | null> {
      return rankPool(db, ownerId, input, owes);
    },

    /** The same ranking from a pass over every person, without the kept keys: what `candidates` must equal. */
    async candidatesOfEveryone(input: AgendaBoundsInput): Promise<AgendaRanking> {
      return rankEveryone(db, ownerId, input, owes);
    },

    /**
     * The moments of three or more people that are someone's first contact, with that person and
     * their number of contacts: from the first event kept on write (`first_event_id`, migration
     * 0021), an index range over the few people who have one, one moment row each. With what an
     * event reads of the person (`EVENT_PERSON`; `active_id` null when archived), so that the agenda
     * evaluates only those its kept key says may be due. A cross join, which SQLite keeps in its
     * order: with the person's row joined too, its planner walked every moment by date instead.
     */
    async firstContactMoments() {
      return ownedBy(db, ownerId)
        .selectFrom("person_stats as s")
        .crossJoin("interactions as i")
        .leftJoin("people as p", (j) =>
          j.onRef("p.owner_id", "=", "s.owner_id").on("p.archived", "=", 0).onRef("p.id", "=", "s.person_id"),
        )
        .select([
          "i.id",
          "i.summary",
          "i.occurred_at",
          "s.person_id",
          "s.contacts",
          "p.id as active_id",
          ...EVENT_PERSON,
        ])
        .whereRef("i.owner_id", "=", "s.owner_id")
        .whereRef("i.id", "=", "s.first_event_id")
        .where("s.first_event_id", "is not", null)
        .orderBy("i.occurred_at")
        .orderBy("i.id")
        .orderBy("s.person_id")
        .execute();
    },

    /** The moments of three or more people on these days (YYYY-MM-DD), in order: summary and instant. */
    async crowdedMomentsOn(days: readonly string[], minPeople: number) {
      const out = [];
      // One range of the date index per day (a union): an `or` of ranges made SQLite scan them all.
      for (const part of chunks(days, 200)) {
        const onDay = (day: string) =>
          ownedBy(db, ownerId)
            .selectFrom("interactions as i")
            .select(["i.id", "i.summary", "i.occurred_at"])
            .where("i.occurred_at", ">=", day)
            .where("i.occurred_at", "<", dayAfter(day))
            .where(crowdedMoment(minPeople));
        const [first, ...rest] = part.map(onDay);
        if (first) out.push(...(await rest.reduce((union, q) => union.unionAll(q), first).execute()));
      }
      return out.sort((a, b) =>
        a.occurred_at < b.occurred_at ? -1 : a.occurred_at > b.occurred_at ? 1 : a.id < b.id ? -1 : 1,
      );
    },

    /** People not archived with a "met" text, their first contact and number of contacts. */
    async metAlike() {
      return activeStatsOrNone()
        .select(["p.id", "p.met_text", "p.created_at", "s.first_contact_at", "s.contacts", ...EVENT_PERSON])
        .where("p.met_text", "is not", null)
        .orderBy("p.id")
        .execute();
    },

    /**
     * Open promises due by `lastDay` (YYYY-MM-DD, late ones included): how many, and the first
     * `limit` by due date, each with the name of whom it is with (`firstOfLoops`).
     */
    async promisesDueBy(lastDay: string, limit: number | null) {
      const due = ownedBy(db, ownerId)
        .selectFrom("commitments")
        .where("status", "=", "open")
        .where("due_on", "is not", null)
        .where("due_on", "<=", lastDay)
        .selectAll()
        .select(COUNT_ALL)
        .orderBy("due_on")
        .orderBy("number");
      const rows = await withCounterpart(db, limit === null ? due : due.limit(limit))
        .orderBy("l.due_on")
        .orderBy("l.number")
        .execute();
      return firstOfLoops(rows);
    },

    /**
     * Open asks asked at or before `askedBy` (an instant): how many, and the first `limit`, newest
     * number first, each with the name of whom it is with (`firstOfLoops`).
     */
    async asksAskedBy(askedBy: string, limit: number | null) {
      const stale = ownedBy(db, ownerId)
        .selectFrom("asks")
        .where("status", "=", "open")
        .where("asked_at", "<=", askedBy)
        .selectAll()
        .select(COUNT_ALL)
        .orderBy("number", "desc");
      const rows = await withCounterpart(db, limit === null ? stale : stale.limit(limit))
        .orderBy("l.number", "desc")
        .execute();
      return firstOfLoops(rows);
    },

    /** Departments helped the user at some point (their own entries), with the aggregates. */
    async departmentsThatHelped() {
      return ownedBy(db, ownerId)
        .selectFrom("department_stats as s")
        .innerJoin("departments as d", (j) =>
          j.onRef("d.owner_id", "=", "s.owner_id").onRef("d.id", "=", "s.department_id"),
        )
        .selectAll("s")
        .select("d.name")
        .where("s.last_received_at", "is not", null)
        .execute();
    },

    /** What advice cites of these people: title, tags, how they were met and through whom (their name). */
    async adviceFacts(ids: readonly string[]) {
      return inChunks(ids, (part) =>
        ownedBy(db, ownerId)
          .selectFrom("people as p")
          .leftJoin("people as t", (j) =>
            j.onRef("t.owner_id", "=", "p.owner_id").onRef("t.id", "=", "p.met_through_id"),
          )
          .select(["p.id", "p.title", "p.tags", "p.met_text", "p.met_on", "p.met_through_id"])
          .select("t.display_name as met_through_name")
          .where("p.id", "in", part),
      );
    },

    /**
     * Each person's newest moment up to `untilIso` (the later id on a tie). First the moments at the
     * person's last contact (kept on write; no moment of theirs is later): a probe of the date index
     * each. Only the people whose last contact was not a moment of theirs up to `untilIso` (a give,
     * a date ahead) have every moment read from the covering participant index of migration 0011 and
     * the newest picked here: in one correlated query SQLite walked every interaction by date.
     */
    async latestMoments(ids: readonly string[], untilIso: string) {
      const latest = new Map<string, { id: string; summary: string; occurredAt: string }>();
      const keep = (r: { person_id: string; id: string; summary: string; occurred_at: string }) => {
        const best = latest.get(r.person_id);
        if (!best || r.occurred_at > best.occurredAt || (r.occurred_at === best.occurredAt && r.id > best.id))
          latest.set(r.person_id, { id: r.id, summary: r.summary, occurredAt: r.occurred_at });
      };
      const atLastContact = await inChunks(ids, (part) =>
        ownedBy(db, ownerId)
          .selectFrom("person_stats as s")
          .crossJoin("interactions as i")
          .select(["s.person_id", "i.id", "i.summary", "i.occurred_at"])
          .where("s.person_id", "in", part)
          .where("s.last_contact_at", "<=", untilIso)
          .whereRef("i.owner_id", "=", "s.owner_id")
          .whereRef("i.occurred_at", "=", "s.last_contact_at")
          .where(tookPart("i", "s.person_id")),
      );
      for (const r of atLastContact) keep(r);
      const rest = ids.filter((id) => !latest.has(id));
      for (const part of chunks(rest)) {
        const rows = await ownedBy(db, ownerId)
          .selectFrom("interaction_participants as ip")
          .innerJoin("interactions as i", (j) =>
            j.onRef("i.owner_id", "=", "ip.owner_id").onRef("i.id", "=", "ip.interaction_id"),
          )
          .select(["ip.person_id", "i.id", "i.summary", "i.occurred_at"])
          .where("ip.person_id", "in", part)
          .execute();
        // Filtered here: a date range in the query makes SQLite walk interactions by date again.
        for (const r of rows) if (r.occurred_at <= untilIso) keep(r);
      }
      return latest;
    },

    /** Columns of the people not archived (all with `includeArchived`), or of the given people. */
    async peopleColumns<C extends keyof PersonRow & string>(
      columns: readonly C[],
      options: { personIds?: readonly string[]; includeArchived?: boolean },
    ) {
      let query = ownedBy(db, ownerId).selectFrom("people").select(columns);
      if (!options.includeArchived) query = query.where("archived", "=", 0);
      if (options.personIds) query = query.where("id", "in", options.personIds);
      return readRows(db, query, columns as never) as unknown as Promise<Pick<PersonRow, C>[]>;
    },

    /** Columns of everyone's aggregates, or of the given people's. */
    async statsColumns<C extends keyof PersonStatsRow & string>(
      columns: readonly C[],
      personIds?: readonly string[],
    ) {
      let query = ownedBy(db, ownerId).selectFrom("person_stats").select(columns);
      if (personIds) query = query.where("person_id", "in", personIds);
      return readRows(db, query, columns as never) as unknown as Promise<Pick<PersonStatsRow, C>[]>;
    },

    /** Every aggregate row of these people. */
    async statsRows(ids: readonly string[]) {
      return inChunks(ids, (part) =>
        ownedBy(db, ownerId).selectFrom("person_stats").selectAll().where("person_id", "in", part),
      );
    },

    /** Names of every organization, by id. */
    async organizationNames(): Promise<Map<string, string>> {
      const rows = await ownedBy(db, ownerId).selectFrom("organizations").select(["id", "name"]).execute();
      return new Map(rows.map((o) => [o.id, o.name]));
    },

    /** Names of every department, by id. */
    async departmentNames(): Promise<Map<string, string>> {
      const rows = await ownedBy(db, ownerId).selectFrom("departments").select(["id", "name"]).execute();
      return new Map(rows.map((d) => [d.id, d.name]));
    },

    /** Open promises with a person, both ways: with everyone, or with the given people. */
    async openCommitmentsWithPeople(personIds?: readonly string[]) {
      const open = ownedBy(db, ownerId)
        .selectFrom("commitments")
        .selectAll()
        .where("status", "=", "open")
        .where("person_id", "is not", null);
      return ofPeople(personIds, (part) => (part ? open.where("person_id", "in", part) : open));
    },

    /** Open asks to a person: anyone, or the given people. */
    async openAsksToPeople(personIds?: readonly string[]) {
      const open = ownedBy(db, ownerId)
        .selectFrom("asks")
        .selectAll()
        .where("status", "=", "open")
        .where("person_id", "is not", null);
      return ofPeople(personIds, (part) => (part ? open.where("person_id", "in", part) : open));
    },

    /** Everyone's other dates (anniversaries and the like), or the given people's. */
    async personDates(personIds?: readonly string[]) {
      const dates = ownedBy(db, ownerId).selectFrom("person_dates").select(["person_id", "label", "date"]);
      return ofPeople(personIds, (part) => (part ? dates.where("person_id", "in", part) : dates));
    },

    /** Open needs or offers of people not archived, with the person's name, by number. */
    async openOf(table: "needs" | "offers") {
      return db
        .selectFrom(`${table} as n` as "needs as n")
        .innerJoin("people as p", (j) =>
          j.onRef("p.owner_id", "=", "n.owner_id").onRef("p.id", "=", "n.person_id"),
        )
        .select(["n.id", "n.number", "n.person_id", "n.text", "p.display_name"])
        .where("n.owner_id", "=", ownerId)
        .where("n.status", "=", "open")
        .where("p.archived", "=", 0)
        .orderBy("n.number")
        .execute();
    },

    /** The pairs of people already introduced, as "a b" and "b a". */
    async introducedPairs(): Promise<Set<string>> {
      const rows = await ownedBy(db, ownerId).selectFrom("introductions").select(["a_id", "b_id"]).execute();
      return new Set(rows.flatMap((i) => [`${i.a_id} ${i.b_id}`, `${i.b_id} ${i.a_id}`]));
    },

    /** An organization's departments with the organization's name, by name. */
    async departmentsOf(organizationId: string) {
      return departmentsIn(organizationId).orderBy("d.name_key").execute();
    },

    /**
     * The departments of an organization where the user knows nobody not archived — in touch once,
     * or kept above the acquaintance layer is knowing them (the rule `knowsThem`) — with the
     * organization's name, by name. One `exists` per department stops at the first person known:
     * reading every member of the organization to find the departments known cost ~5 ms.
     */
    async departmentsWithNobodyIn(organizationId: string) {
      return departmentsIn(organizationId)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom("people as p")
                .leftJoin("person_stats as s", (j) =>
                  j.onRef("s.owner_id", "=", "p.owner_id").onRef("s.person_id", "=", "p.id"),
                )
                .select("p.id")
                .whereRef("p.owner_id", "=", "d.owner_id")
                .where("p.organization_id", "=", organizationId)
                .whereRef("p.department_id", "=", "d.id")
                .where("p.archived", "=", 0)
                .where((eb) => eb.or([eb("s.last_contact_ms", "is not", null), eb("p.layer", "<>", 500)])),
            ),
          ),
        )
        .orderBy("d.name_key")
        .execute();
    },

    /** The ids of the people not archived in an organization or a department. */
    async memberIds(of: { organizationId: string } | { departmentId: string }): Promise<string[]> {
      let query = ownedBy(db, ownerId).selectFrom("people").select("id").where("archived", "=", 0);
      query =
        "organizationId" in of
          ? query.where("organization_id", "=", of.organizationId)
          : query.where("department_id", "=", of.departmentId);
      return (await query.execute()).map((p) => p.id);
    },

    /** Names on file (layer 500, not archived) in these departments, by name. */
    async acquaintancesIn(departmentIds: readonly string[]) {
      return ownedBy(db, ownerId)
        .selectFrom("people")
        .select(["id", "display_name", "department_id", "met_through_id"])
        .where("archived", "=", 0)
        .where("department_id", "in", departmentIds)
        .where("layer", "=", 500)
        .orderBy("name_key")
        .execute();
    },

    /** What these people's records say in words: titles, how met, notes (newest first), open needs and offers. */
    async wordsAbout(ids: readonly string[]) {
      const [people, notes, needs, offers] = await Promise.all([
        ownedBy(db, ownerId)
          .selectFrom("people")
          .select(["id", "title", "met_text"])
          .where("id", "in", ids)
          .execute(),
        ownedBy(db, ownerId)
          .selectFrom("notes")
          .select(["person_id", "body"])
          .where("person_id", "in", ids)
          .orderBy("created_at", "desc")
          .execute(),
        ownedBy(db, ownerId)
          .selectFrom("needs")
          .select(["person_id", "text"])
          .where("person_id", "in", ids)
          .where("status", "=", "open")
          .execute(),
        ownedBy(db, ownerId)
          .selectFrom("offers")
          .select(["person_id", "text"])
          .where("person_id", "in", ids)
          .where("status", "=", "open")
          .execute(),
      ]);
      return { people, notes, needs, offers };
    },

    /** Gives since `sinceIso` to these people. */
    async givesTo(ids: readonly string[], sinceIso: string) {
      return inChunks(ids, (part) =>
        ownedBy(db, ownerId)
          .selectFrom("exchanges")
          .select(["person_id", "kind", "summary", "occurred_at"])
          .where("direction", "=", "gave")
          .where("person_id", "in", part)
          .where("occurred_at", ">=", sinceIso),
      );
    },

    /** Gives since `sinceIso` logged against a department itself (not its members). */
    async givesToDepartment(departmentId: string, sinceIso: string) {
      return ownedBy(db, ownerId)
        .selectFrom("exchanges")
        .select(["kind", "summary", "occurred_at"])
        .where("direction", "=", "gave")
        .where("department_id", "=", departmentId)
        .where("occurred_at", ">=", sinceIso)
        .execute();
    },
  };
}
