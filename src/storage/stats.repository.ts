/**
 * Per-person and per-department aggregates, kept current on every write (DESIGN §3, issue: `today`
 * over a million entries must not scan history). The domain decides how a sum grows; this file only
 * reads and writes the rows. `recompute…` rebuilds a row from the history after edits that
 * remove or move entries (delete, merge), and is what the tests compare the running sums against.
 */
import { type Kysely, sql } from "kysely";
import { addContact, type ContactSums, contactDay, EMPTY_CONTACT_SUMS } from "../domain/contact-summary.js";
import { EVENT_MIN_PEOPLE } from "../domain/event-groups.js";
import { addLedgerEvent, EMPTY_LEDGER_SUMS, type LedgerSums } from "../domain/giving-balance.js";
import type { Channel, ContactEvent, LedgerEvent } from "../domain/model.js";
import { refreshAgendaKeys } from "./agenda-keys.js";
import { fromInstant, fromInstantOrNull, toInstant } from "./keys.js";
import { ownedBy } from "./owned.js";
import type { Database, DepartmentStatsRow, PersonStatsRow } from "./schema.js";

/** What the ledger aggregates hold for one counterpart. */
export interface LedgerStats {
  sums: LedgerSums;
  gaves: number;
  lastReceivedAt: number | null;
  lastThanksAt: number | null;
}

export const EMPTY_LEDGER_STATS: LedgerStats = {
  sums: EMPTY_LEDGER_SUMS,
  gaves: 0,
  lastReceivedAt: null,
  lastThanksAt: null,
};

export interface PersonStats {
  ledger: LedgerStats;
  contacts: ContactSums;
}

/** Adds one ledger entry to a counterpart's ledger aggregates. */
export function addToLedgerStats(stats: LedgerStats, event: LedgerEvent): LedgerStats {
  const received = event.direction === "received";
  const thanks = event.direction === "gave" && event.kind === "thanks";
  return {
    sums: addLedgerEvent(stats.sums, event),
    gaves: stats.gaves + (event.direction === "gave" ? 1 : 0),
    lastReceivedAt: received ? Math.max(stats.lastReceivedAt ?? event.at, event.at) : stats.lastReceivedAt,
    lastThanksAt: thanks ? Math.max(stats.lastThanksAt ?? event.at, event.at) : stats.lastThanksAt,
  };
}

export function personStatsFromRow(row: PersonStatsRow | undefined): PersonStats {
  if (!row) return { ledger: EMPTY_LEDGER_STATS, contacts: EMPTY_CONTACT_SUMS };
  const channelLastAt: Partial<Record<Channel, number>> = {};
  for (const [channel, iso] of Object.entries(JSON.parse(row.channel_last) as Record<string, string>)) {
    channelLastAt[channel as Channel] = fromInstant(iso);
  }
  return {
    ledger: {
      sums: { gave: row.gave_sum, received: row.received_sum, entries: Number(row.entries) },
      gaves: Number(row.gaves),
      lastReceivedAt: fromInstantOrNull(row.last_received_at),
      lastThanksAt: fromInstantOrNull(row.last_thanks_at),
    },
    contacts: {
      contacts: Number(row.contacts),
      firstAt: fromInstantOrNull(row.first_contact_at),
      lastAt: fromInstantOrNull(row.last_contact_at),
      frequency: row.frequency_sum,
      initiatedByMe: row.initiated_me_sum,
      initiatedByThem: row.initiated_them_sum,
      channelLastAt,
    },
  };
}

export function departmentStatsFromRow(row: DepartmentStatsRow | undefined): LedgerStats {
  if (!row) return EMPTY_LEDGER_STATS;
  return {
    sums: { gave: row.gave_sum, received: row.received_sum, entries: Number(row.entries) },
    gaves: Number(row.gaves),
    lastReceivedAt: fromInstantOrNull(row.last_received_at),
    lastThanksAt: fromInstantOrNull(row.last_thanks_at),
  };
}

function ledgerColumns(stats: LedgerStats) {
  return {
    gave_sum: stats.sums.gave,
    received_sum: stats.sums.received,
    entries: stats.sums.entries,
    gaves: stats.gaves,
    last_received_at: stats.lastReceivedAt === null ? null : toInstant(stats.lastReceivedAt),
    last_thanks_at: stats.lastThanksAt === null ? null : toInstant(stats.lastThanksAt),
  };
}

/** The person's ledger columns, with the instants also as epoch ms (only person_stats has those). */
function personLedgerColumns(stats: LedgerStats) {
  return {
    ...ledgerColumns(stats),
    last_received_ms: stats.lastReceivedAt,
    last_thanks_ms: stats.lastThanksAt,
  };
}

export function contactColumns(sums: ContactSums) {
  const channelLast: Record<string, string> = {};
  for (const [channel, at] of Object.entries(sums.channelLastAt)) channelLast[channel] = toInstant(at);
  return {
    contacts: sums.contacts,
    first_contact_at: sums.firstAt === null ? null : toInstant(sums.firstAt),
    last_contact_at: sums.lastAt === null ? null : toInstant(sums.lastAt),
    last_contact_ms: sums.lastAt,
    frequency_sum: sums.frequency,
    initiated_me_sum: sums.initiatedByMe,
    initiated_them_sum: sums.initiatedByThem,
    channel_last: JSON.stringify(channelLast),
  };
}

export async function getPersonStats(
  db: Kysely<Database>,
  ownerId: string,
  personId: string,
): Promise<PersonStats> {
  const row = await ownedBy(db, ownerId)
    .selectFrom("person_stats")
    .selectAll()
    .where("person_id", "=", personId)
    .executeTakeFirst();
  return personStatsFromRow(row);
}

export async function getDepartmentStats(
  db: Kysely<Database>,
  ownerId: string,
  departmentId: string,
): Promise<LedgerStats> {
  const row = await ownedBy(db, ownerId)
    .selectFrom("department_stats")
    .selectAll()
    .where("department_id", "=", departmentId)
    .executeTakeFirst();
  return departmentStatsFromRow(row);
}

/**
 * Records a moment of contact with a person in their aggregates (and the day's best channel). A
 * ledger entry with a person is such a moment too: `ledger` adds it to their ledger aggregates in
 * the same read and update (one refresh of the agenda's keys, not two, for a `gave`).
 */
export async function recordContact(
  db: Kysely<Database>,
  ownerId: string,
  personId: string,
  event: ContactEvent,
  ledger?: LedgerEvent,
): Promise<void> {
  const stats = await getPersonStats(db, ownerId, personId);
  const day = contactDay(event.at);
  const dayRow = await ownedBy(db, ownerId)
    .selectFrom("contact_days")
    .select("best")
    .where("person_id", "=", personId)
    .where("day", "=", day)
    .executeTakeFirst();
  const added = addContact(stats.contacts, event, dayRow?.best ?? 0);
  await ownedBy(db, ownerId)
    .updateTable("person_stats")
    .set({
      ...contactColumns(added.sums),
      ...(ledger ? personLedgerColumns(addToLedgerStats(stats.ledger, ledger)) : {}),
    })
    .where("person_id", "=", personId)
    .execute();
  if (!dayRow) {
    await db
      .insertInto("contact_days")
      .values({ owner_id: ownerId, person_id: personId, day, best: added.bestThatDay })
      .execute();
  } else if (added.bestThatDay !== dayRow.best) {
    await ownedBy(db, ownerId)
      .updateTable("contact_days")
      .set({ best: added.bestThatDay })
      .where("person_id", "=", personId)
      .where("day", "=", day)
      .execute();
  }
  await refreshAgendaKeys(db, ownerId, [personId]);
  await refreshFirstEvents(db, ownerId, [personId]);
}

/** Records a ledger entry with a department in its aggregates (one with a person: `recordContact`). */
export async function recordDepartmentLedger(
  db: Kysely<Database>,
  ownerId: string,
  departmentId: string,
  event: LedgerEvent,
): Promise<void> {
  const stats = await getDepartmentStats(db, ownerId, departmentId);
  const columns = ledgerColumns(addToLedgerStats(stats, event));
  await db
    .insertInto("department_stats")
    .values({ owner_id: ownerId, department_id: departmentId, ...columns })
    .onConflict((oc) => oc.columns(["owner_id", "department_id"]).doUpdateSet(columns))
    .execute();
}

/**
 * The moments a person took part in, as `i` (their participation as `ip`), found from the
 * participants' (owner, person) index. A cross join, because SQLite keeps its order: with an inner
 * join and without statistics SQLite's planner walked all the owner's moments in the order asked
 * for and probed each one's participants — 250 ms on 300,000 moments, against 2.5 ms this way.
 * PostgreSQL plans a cross join with its conditions as any other join.
 */
export function momentsOfPerson(db: Kysely<Database>, ownerId: string, personId: string) {
  return db
    .selectFrom("interaction_participants as ip")
    .crossJoin("interactions as i")
    .whereRef("i.owner_id", "=", "ip.owner_id")
    .whereRef("i.id", "=", "ip.interaction_id")
    .where("ip.owner_id", "=", ownerId)
    .where("ip.person_id", "=", personId);
}

/** A person's ledger entries and moments of contact, oldest first, as the domain sees them. */
export async function personHistory(
  db: Kysely<Database>,
  ownerId: string,
  personId: string,
): Promise<{ ledger: LedgerEvent[]; contacts: ContactEvent[] }> {
  const exchanges = await ownedBy(db, ownerId)
    .selectFrom("exchanges")
    .select(["direction", "kind", "weight", "occurred_at", "channel", "initiated_by"])
    .where("person_id", "=", personId)
    .orderBy("occurred_at")
    .execute();
  const interactions = await momentsOfPerson(db, ownerId, personId)
    .select(["i.occurred_at", "i.channel", "i.initiated_by"])
    .orderBy("i.occurred_at")
    .execute();
  const ledger = exchanges.map(
    (e): LedgerEvent => ({
      direction: e.direction as LedgerEvent["direction"],
      kind: e.kind as LedgerEvent["kind"],
      weight: e.weight,
      at: fromInstant(e.occurred_at),
    }),
  );
  const contacts = [...exchanges, ...interactions]
    .map(
      (c): ContactEvent => ({
        at: fromInstant(c.occurred_at),
        channel: c.channel as Channel,
        initiatedBy: c.initiated_by as ContactEvent["initiatedBy"],
      }),
    )
    .sort((a, b) => a.at - b.at);
  return { ledger, contacts };
}

/** Rebuilds a person's aggregates and contact-days from their whole history. */
export async function recomputePersonStats(
  db: Kysely<Database>,
  ownerId: string,
  personId: string,
): Promise<void> {
  const history = await personHistory(db, ownerId, personId);
  let ledger = EMPTY_LEDGER_STATS;
  for (const event of history.ledger) ledger = addToLedgerStats(ledger, event);
  let contacts = EMPTY_CONTACT_SUMS;
  const bestByDay = new Map<number, number>();
  for (const event of history.contacts) {
    const day = contactDay(event.at);
    const added = addContact(contacts, event, bestByDay.get(day) ?? 0);
    contacts = added.sums;
    bestByDay.set(day, added.bestThatDay);
  }
  await ownedBy(db, ownerId).deleteFrom("contact_days").where("person_id", "=", personId).execute();
  const days = [...bestByDay].map(([day, best]) => ({ owner_id: ownerId, person_id: personId, day, best }));
  for (let i = 0; i < days.length; i += 500) {
    await db
      .insertInto("contact_days")
      .values(days.slice(i, i + 500))
      .execute();
  }
  const columns = { ...personLedgerColumns(ledger), ...contactColumns(contacts) };
  await db
    .insertInto("person_stats")
    .values({ owner_id: ownerId, person_id: personId, ...columns })
    .onConflict((oc) => oc.columns(["owner_id", "person_id"]).doUpdateSet(columns))
    .execute();
  await refreshAgendaKeys(db, ownerId, [personId]);
  await refreshFirstEvents(db, ownerId, [personId]);
}

/**
 * Rewrites `first_event_id` (migration 0021) of these people, or of everyone of the owner: the
 * moment of `EVENT_MIN_PEOPLE` or more people at the person's first instant that they took part in
 * (the least id when several are), else null. `today`'s events are read from it (issue 16 §2).
 * Called by every writer of `first_contact_at` and of a moment's participants or instant.
 */
export async function refreshFirstEvents(
  db: Kysely<Database>,
  ownerId: string,
  personIds?: readonly string[],
): Promise<void> {
  const firstEvent = sql<string | null>`(select min(i.id) from interaction_participants ip
    join interactions i on i.owner_id = ip.owner_id and i.id = ip.interaction_id
    where ip.owner_id = person_stats.owner_id and ip.person_id = person_stats.person_id
      and i.occurred_at = person_stats.first_contact_at
      and (select count(*) from (select 1 from interaction_participants c
        where c.owner_id = i.owner_id and c.interaction_id = i.id limit ${EVENT_MIN_PEOPLE}) as crowd)
        >= ${EVENT_MIN_PEOPLE})`;
  const update = () => ownedBy(db, ownerId).updateTable("person_stats").set({ first_event_id: firstEvent });
  if (!personIds) {
    await update().execute();
    return;
  }
  for (let i = 0; i < personIds.length; i += 500) {
    const part = personIds.slice(i, i + 500);
    if (part.length > 0) await update().where("person_id", "in", part).execute();
  }
}

/**
 * Rewrites `first_event_id` of everyone who takes part in these moments: adding or removing a
 * participant (a merge, a deletion) can make a moment an event or stop it being one for all of them.
 */
export async function refreshFirstEventsOfMoments(
  db: Kysely<Database>,
  ownerId: string,
  interactionIds: readonly string[],
): Promise<void> {
  const people = new Set<string>();
  for (let i = 0; i < interactionIds.length; i += 500) {
    const rows = await ownedBy(db, ownerId)
      .selectFrom("interaction_participants")
      .select("person_id")
      .where("interaction_id", "in", interactionIds.slice(i, i + 500))
      .execute();
    for (const r of rows) people.add(r.person_id);
  }
  await refreshFirstEvents(db, ownerId, [...people]);
}

/** Rewrites `first_event_id` of everyone who shares a moment with this person (and theirs). */
export async function refreshFirstEventsAround(
  db: Kysely<Database>,
  ownerId: string,
  personId: string,
): Promise<void> {
  const moments = await ownedBy(db, ownerId)
    .selectFrom("interaction_participants")
    .select("interaction_id")
    .where("person_id", "=", personId)
    .execute();
  await refreshFirstEventsOfMoments(
    db,
    ownerId,
    moments.map((m) => m.interaction_id),
  );
}

/** Rebuilds the aggregates of the entries logged against a department itself. */
export async function recomputeDepartmentStats(
  db: Kysely<Database>,
  ownerId: string,
  departmentId: string,
): Promise<void> {
  const rows = await ownedBy(db, ownerId)
    .selectFrom("exchanges")
    .select(["direction", "kind", "weight", "occurred_at"])
    .where("department_id", "=", departmentId)
    .orderBy("occurred_at")
    .execute();
  let stats = EMPTY_LEDGER_STATS;
  for (const r of rows) {
    stats = addToLedgerStats(stats, {
      direction: r.direction as LedgerEvent["direction"],
      kind: r.kind as LedgerEvent["kind"],
      weight: r.weight,
      at: fromInstant(r.occurred_at),
    });
  }
  const columns = ledgerColumns(stats);
  await db
    .insertInto("department_stats")
    .values({ owner_id: ownerId, department_id: departmentId, ...columns })
    .onConflict((oc) => oc.columns(["owner_id", "department_id"]).doUpdateSet(columns))
    .execute();
}
