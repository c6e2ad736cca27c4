/**
 * Events (issue 12, item 4): the moments with three or more people, and the people who share how and
 * when they met (an attendee list imported with its "met" text and date). Who was first met at each,
 * which of them are due together, which are weak ties going cold, and a rhythm for them in one step.
 */
import { createHash } from "node:crypto";
import { DAY_MS } from "../domain/decay.js";
import { DEFAULT_CLOSENESS } from "../domain/defaults.js";
import { isDue } from "../domain/due.js";
import {
  DEFAULT_EVENT_RHYTHM_DAYS,
  EVENT_MIN_PEOPLE,
  type EventMember,
  eventKey,
  eventName,
  eventsApart,
  GOING_COLD_AFTER_DAYS,
  goingColdOffer,
  groupAdvice,
} from "../domain/event-groups.js";
import { GoodwillError, invalid } from "../errors.js";
import { agendaReads } from "../storage/agenda.repository.js";
import { foldText } from "../storage/keys.js";
import { peopleWithOpenNeeds } from "../storage/need-offer.repository.js";
import { setRhythm } from "../storage/person.repository.js";
import { type AppContext, inWriteTransaction, nowIso } from "./context.js";
import {
  loadRelationships,
  type PersonCore,
  type RelationshipState,
  rhythmStartOf,
} from "./relationship-state.js";

/**
 * What an event reads of a member: who they are, how they met, their rhythm and last contact. A
 * `RelationshipState` is one; so is a `NotDueMember`.
 */
export interface MemberView {
  person: Pick<PersonCore, "id" | "met_on" | "cadence_days">;
  /** the effective cadence in days, null for none */
  due: { cadenceDays: number | null };
  lastContactAt: number | null;
}

/**
 * A member the agenda did not evaluate: their kept key (`agenda_due_ms`, agenda-keys.ts) says they
 * are not past 90 % of their rhythm, so not due, and an event needs no more of them than this.
 */
export interface NotDueMember extends MemberView {
  evaluated: false;
}

/** Whether a member was evaluated: the agenda's members are either. */
export const isEvaluated = (state: RelationshipState | NotDueMember): state is RelationshipState =>
  !("evaluated" in state);

export interface EventGroup<S extends MemberView = RelationshipState> {
  /** stable for the same name and day: a hash of both */
  id: string;
  name: string;
  /** the day of the event, YYYY-MM-DD */
  on: string;
  /** the people first met there who are not archived, with how often the user was in touch besides the event */
  members: { state: S; contacts: number }[];
}

const eventId = (key: string) => `ev-${createHash("sha256").update(key).digest("hex").slice(0, 12)}`;

type EventReads = ReturnType<typeof agendaReads>;
type MomentRow = Awaited<ReturnType<EventReads["firstContactMoments"]>>[number];
type MetAlikeRow = Awaited<ReturnType<EventReads["metAlike"]>>[number];

/**
 * Every event of the owner with the people first met there, among `states` (everyone not archived).
 * Only the crowded moments that are someone's first contact are read (an event is named by the first
 * of them), then the crowded moments of the days of lists alone: not every participant of every
 * crowded moment.
 */
export async function loadEventGroups(ctx: AppContext, states: RelationshipState[]): Promise<EventGroup[]> {
  const reads = agendaReads(ctx.db, ctx.ownerId);
  const [moments, metAlike] = await Promise.all([reads.firstContactMoments(), reads.metAlike()]);
  return groupEvents(reads, moments, metAlike, new Map(states.map((s) => [s.person.id, s])));
}

/**
 * The events as `today` needs them (issue 16 §2): `evaluate` is asked only for the members who may be
 * due (past 90 % of their rhythm by their kept key, or without the key); the others, most of the
 * people met at events, are `NotDueMember`s made from the rows the events are read from.
 */
export async function loadAgendaEventGroups(
  ctx: AppContext,
  evaluate: (ids: string[]) => Promise<RelationshipState[]>,
): Promise<EventGroup<RelationshipState | NotDueMember>[]> {
  const reads = agendaReads(ctx.db, ctx.ownerId);
  const [moments, metAlike] = await Promise.all([reads.firstContactMoments(), reads.metAlike()]);
  if (moments.length === 0 && metAlike.length < EVENT_MIN_PEOPLE) return [];
  const people = new Map<string, EventPersonRow>();
  for (const m of moments) if (m.active_id !== null) people.set(m.person_id, { ...m, id: m.person_id });
  for (const p of metAlike) people.set(p.id, p);
  const mayBeDue = (p: EventPersonRow) =>
    p.stats_of === null || (p.agenda_due_ms !== null && Number(p.agenda_due_ms) <= ctx.now + 1);
  const evaluated = await evaluate([...people.values()].filter(mayBeDue).map((p) => p.id));
  const stateOf = new Map<string, RelationshipState | NotDueMember>(evaluated.map((s) => [s.person.id, s]));
  for (const p of people.values()) if (!stateOf.has(p.id) && !mayBeDue(p)) stateOf.set(p.id, notDue(p));
  return groupEvents(reads, moments, metAlike, stateOf);
}

/** The columns of a person an event reads (`EVENT_PERSON` in agenda.repository.ts). */
type EventPersonRow = Pick<
  MetAlikeRow,
  "id" | "met_on" | "cadence_days" | "last_contact_ms" | "agenda_cadence" | "agenda_due_ms" | "stats_of"
>;

const notDue = (p: EventPersonRow): NotDueMember => ({
  evaluated: false,
  person: {
    id: p.id,
    met_on: p.met_on,
    cadence_days: p.cadence_days === null ? null : Number(p.cadence_days),
  },
  due: { cadenceDays: p.agenda_cadence === null ? null : Number(p.agenda_cadence) },
  lastContactAt: p.last_contact_ms === null ? null : Number(p.last_contact_ms),
});

/** The events of the moments and lists read, with their members among `stateOf` (people not archived). */
async function groupEvents<S extends MemberView>(
  reads: EventReads,
  moments: MomentRow[],
  metAlike: MetAlikeRow[],
  stateOf: ReadonlyMap<string, S>,
): Promise<EventGroup<S>[]> {
  if (moments.length === 0 && metAlike.length < EVENT_MIN_PEOPLE) return [];

  const contactsOf = new Map<string, number>();
  for (const row of [...moments.map((m) => ({ ...m, id: m.person_id })), ...metAlike])
    contactsOf.set(row.id, Number(row.contacts ?? 0));

  const groups = new Map<string, { name: string; on: string; fromMoment: boolean; people: Set<string> }>();
  const placed = new Set<string>();
  // People placed by a moment: that moment is one of their contacts, not one beyond the event.
  const atMoment = new Set<string>();
  const groupFor = (name: string, on: string, fromMoment: boolean) => {
    const key = eventKey(name, on);
    let group = groups.get(key);
    if (!group) {
      group = { name: eventName(name), on, fromMoment, people: new Set() };
      groups.set(key, group);
    }
    group.fromMoment ||= fromMoment;
    return group;
  };
  // Each row is a crowded moment at the person's first contact, in the order of the moments.
  for (const m of moments) {
    const on = m.occurred_at.slice(0, 10);
    const group = groupFor(m.summary, on, true);
    const state = stateOf.get(m.person_id);
    // First met there: no earlier meeting is on record.
    const metBefore = state?.person.met_on != null && state.person.met_on < on;
    if (!metBefore && !placed.has(m.person_id)) {
      group.people.add(m.person_id);
      placed.add(m.person_id);
      atMoment.add(m.person_id);
    }
  }
  for (const p of metAlike) {
    if (placed.has(p.id) || p.met_text === null || foldText(p.met_text) === "") continue;
    // Without the day they met (a list imported with a "Met" column and no date), the day they
    // were added stands for it: the people of one list, added together, are one event.
    const on = p.met_on ?? p.created_at.slice(0, 10);
    // Someone in touch before that day was not first met there.
    if (p.first_contact_at !== null && p.first_contact_at.slice(0, 10) < on) continue;
    groupFor(p.met_text, on, false).people.add(p.id);
  }
  // A list alone (no one first met at a moment of its name) takes the name of the first crowded moment
  // that day bearing it, and is then an event however small: the crowded moments of those days only.
  const listsOnly = [...groups.values()].filter((g) => !g.fromMoment);
  for (const m of await reads.crowdedMomentsOn([...new Set(listsOnly.map((g) => g.on))], EVENT_MIN_PEOPLE)) {
    const key = eventKey(m.summary, m.occurred_at.slice(0, 10));
    const group = groups.get(key);
    if (!group || group.fromMoment) continue;
    group.name = eventName(m.summary);
    group.fromMoment = true;
  }

  const out: EventGroup<S>[] = [];
  for (const [key, g] of groups) {
    if (!g.fromMoment && g.people.size < EVENT_MIN_PEOPLE) continue;
    const members = [...g.people].flatMap((id) => {
      const state = stateOf.get(id);
      const contacts = (contactsOf.get(id) ?? 0) - (atMoment.has(id) ? 1 : 0);
      return state ? [{ state, contacts: Math.max(0, contacts) }] : [];
    });
    if (members.length === 0) continue;
    out.push({ id: eventId(key), name: g.name, on: g.on, members });
  }
  return out.sort((a, b) => b.on.localeCompare(a.on) || a.name.localeCompare(b.name));
}

/** A member an advice names: someone evaluated. */
type NamedMember = {
  state: { person: Pick<PersonCore, "id" | "display_name" | "closeness"> };
  contacts: number;
};

const member = (m: NamedMember): EventMember => ({
  id: m.state.person.id,
  name: m.state.person.display_name,
  contacts: m.contacts,
  closeness: m.state.person.closeness,
});

/** A weak tie of the event with no rhythm: no cadence of their own and none from their layer. */
function withoutRhythm(state: MemberView): boolean {
  return state.due.cadenceDays === null && state.person.cadence_days === null;
}

/** Whether someone is due now or becomes due within `days` days (by their rhythm). */
export function dueWithin(state: RelationshipState, now: number, days: number): boolean {
  if (isDue(state.due.status)) return true;
  const cadence = state.due.cadenceDays;
  if (cadence === null) return false;
  const from = state.lastContactAt ?? rhythmStartOf(state.person, now);
  return from + cadence * DAY_MS <= now + days * DAY_MS;
}

/** Met there, no rhythm, nothing since the event, and the event two weeks old or more. */
export function goingCold<S extends MemberView>(group: EventGroup<S>, now: number): S[] {
  const eventEnd = Date.parse(`${group.on}T00:00:00Z`) + DAY_MS;
  if (now - Date.parse(`${group.on}T00:00:00Z`) < GOING_COLD_AFTER_DAYS * DAY_MS) return [];
  return group.members
    .map((m) => m.state)
    .filter((s) => withoutRhythm(s) && (s.lastContactAt === null || s.lastContactAt < eventEnd));
}

export interface GroupJson {
  event: { id: string; name: string; on: string };
  title: string;
  action: string;
  reason: string;
  people: { id: string; name: string }[];
}

/**
 * The advice for the people of one event due together (three or more); `named`: the event as
 * `eventsApart` names it among the other groups of the listing.
 */
export function groupJson(
  group: { id: string; name: string; on: string },
  due: NamedMember[],
  named: string | null = null,
): GroupJson {
  const advice = groupAdvice(group, due.map(member), DEFAULT_CLOSENESS, named);
  return {
    event: { id: group.id, name: group.name, on: group.on },
    ...advice,
    people: due.map((m) => ({ id: m.state.person.id, name: m.state.person.display_name })),
  };
}

export interface ColdEventJson {
  event: { id: string; name: string; on: string };
  title: string;
  action: string;
  reason: string;
  /** how many of the people met there are going cold */
  people: number;
  everyDays: number;
}

/** The events whose weak ties are going cold, the largest first, with the one-step offer. */
export function coldEvents<S extends MemberView>(groups: EventGroup<S>[], now: number): ColdEventJson[] {
  const cold = groups.flatMap((g) => {
    const count = goingCold(g, now).length;
    return count === 0 ? [] : [{ g, count }];
  });
  const named = eventsApart(cold.map(({ g }) => g));
  return cold
    .map(({ g, count }, i) => ({
      event: { id: g.id, name: g.name, on: g.on },
      ...goingColdOffer(g, count, DEFAULT_EVENT_RHYTHM_DAYS, named[i] ?? null),
      people: count,
      everyDays: DEFAULT_EVENT_RHYTHM_DAYS,
    }))
    .sort((a, b) => b.people - a.people);
}

/** The advice of each group of one listing, each line saying which event it is about when there are several. */
export function groupsJson(
  grouped: readonly { group: { id: string; name: string; on: string }; due: NamedMember[] }[],
): GroupJson[] {
  const named = eventsApart(grouped.map(({ group }) => group));
  return grouped.map(({ group, due }, i) => groupJson(group, due, named[i] ?? null));
}

/**
 * Who may be grouped: nothing to do for them but get in touch (a thank-you, a promise, an occasion,
 * a need or an overdraft keeps its own line).
 */
export function onlyReconnect(state: RelationshipState, withNeeds: ReadonlySet<string>): boolean {
  return (
    !state.thanksOwed &&
    state.myOpenCommitments.length === 0 &&
    state.occasion === null &&
    state.balance.label !== "overdrawn" &&
    !withNeeds.has(state.person.id)
  );
}

/** The people with an open need (they get help-with-need advice of their own, not a group line). */
export async function peopleWithNeeds(ctx: AppContext): Promise<Set<string>> {
  return new Set(await peopleWithOpenNeeds(ctx.db, ctx.ownerId));
}

/** Groups of three or more people of one event who pass `include`; the rest stay single. */
export function groupsOf<S extends MemberView, T extends S>(
  groups: EventGroup<S>[],
  include: (state: S) => state is T,
): { group: EventGroup<S>; due: { state: T; contacts: number }[] }[];
export function groupsOf<S extends MemberView>(
  groups: EventGroup<S>[],
  include: (state: S) => boolean,
): { group: EventGroup<S>; due: EventGroup<S>["members"] }[];
export function groupsOf<S extends MemberView>(groups: EventGroup<S>[], include: (state: S) => boolean) {
  return groups.flatMap((group) => {
    const due = group.members.filter((m) => include(m.state));
    return due.length >= EVENT_MIN_PEOPLE ? [{ group, due }] : [];
  });
}

export interface EventListJson {
  events: {
    id: string;
    name: string;
    on: string;
    /** people first met there */
    people: number;
    /** of them, people with no keep-in-touch rhythm */
    withoutRhythm: number;
    goingCold: number;
  }[];
}

/** `goodwill events`: every event, the newest first. */
export async function listEvents(ctx: AppContext): Promise<EventListJson> {
  const groups = await loadEventGroups(ctx, await loadRelationships(ctx));
  return {
    events: groups.map((g) => ({
      id: g.id,
      name: g.name,
      on: g.on,
      people: g.members.length,
      withoutRhythm: g.members.filter((m) => withoutRhythm(m.state)).length,
      goingCold: goingCold(g, ctx.now).length,
    })),
  };
}

/** An event by its id, or by its name (case and accents aside; word starts do, when only one fits). */
function findEvent(groups: EventGroup[], ref: string): EventGroup {
  const text = ref.trim();
  const byId = groups.find((g) => g.id === text);
  if (byId) return byId;
  const folded = foldText(eventName(text));
  const exact = groups.filter((g) => foldText(g.name) === folded);
  const words = folded.split(" ");
  const candidates =
    exact.length > 0
      ? exact
      : groups.filter((g) => {
          const name = foldText(g.name).split(" ");
          return words.every((w) => name.some((n) => n.startsWith(w)));
        });
  if (candidates.length === 1 && candidates[0]) return candidates[0];
  if (candidates.length === 0)
    throw new GoodwillError(
      "not_found",
      `No event is called "${text}". An event is a moment with ${EVENT_MIN_PEOPLE} or more people, or people who met alike; goodwill events lists them.`,
    );
  throw new GoodwillError(
    "ambiguous",
    `"${text}" names ${candidates.length} events: ${candidates.map((g) => `${g.name} on ${g.on} (${g.id})`).join(", ")}. Use the id.`,
    { candidates: candidates.map((g) => ({ id: g.id, name: g.name, on: g.on })) },
  );
}

export interface EventRhythmJson {
  event: { id: string; name: string; on: string };
  everyDays: number;
  /** the people who had no rhythm and have one now */
  updated: { id: string; name: string }[];
}

/**
 * Gives every person first met at the event who has no rhythm yet one: every `everyDays` days
 * (90 unless told), counted from the meeting, in layer 150 (meaningful) instead of 500. People who
 * already have a rhythm, or whose reminders were turned off (cadence 0), are left as they are.
 */
export async function setEventRhythm(
  ctx: AppContext,
  ref: string,
  everyDays: number = DEFAULT_EVENT_RHYTHM_DAYS,
): Promise<EventRhythmJson> {
  if (!Number.isInteger(everyDays) || everyDays < 1 || everyDays > 3650)
    throw invalid(`--every ${everyDays} is not a number of days from 1 to 3650.`, { field: "everyDays" });
  const group = findEvent(await loadEventGroups(ctx, await loadRelationships(ctx)), ref);
  const people = group.members.map((m) => m.state).filter(withoutRhythm);
  await inWriteTransaction(ctx, async (tx) => {
    const at = nowIso(tx);
    for (let i = 0; i < people.length; i += 500) {
      await setRhythm(
        tx.db,
        tx.ownerId,
        people.slice(i, i + 500).map((s) => s.person.id),
        everyDays,
        at,
      );
    }
  });
  return {
    event: { id: group.id, name: group.name, on: group.on },
    everyDays,
    updated: people.map((s) => ({ id: s.person.id, name: s.person.display_name })),
  };
}
