/**
 * Events read narrowly (issue 16 §2): on random stores, `loadEventGroups`, which reads only the crowded
 * moments that are someone's first contact and the crowded moments of the days of lists alone, finds
 * the same events, names, members and contact counts as the full reading of every participant of every
 * crowded moment (the oracle below, the reading it replaced; an event is named by the first moment at
 * which someone was first met, a list alone by the first crowded moment of its name that day).
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import {
  coldEvents,
  type EventGroup,
  groupsOf,
  isEvaluated,
  loadAgendaEventGroups,
  loadEventGroups,
  type MemberView,
  type NotDueMember,
} from "../../src/app/events.js";
import { logInteraction } from "../../src/app/moments.js";
import { addPerson } from "../../src/app/people.js";
import { loadRelationships, type RelationshipState } from "../../src/app/relationship-state.js";
import type { PersonInput } from "../../src/contract/person-input.js";
import { isDue } from "../../src/domain/due.js";
import { EVENT_MIN_PEOPLE, eventKey, eventName } from "../../src/domain/event-groups.js";
import { foldText } from "../../src/storage/keys.js";
import { describeEachDialect, freshContext } from "../support/stores.js";

const DAY = 86_400_000;
const NAMES = ["SMPS lunch", "smps Lunch", "Board day", "Café", "Cafe"] as const;

const personArb = fc.record({
  met: fc.option(fc.constantFrom(...NAMES), { nil: null }),
  metDaysAgo: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
  archived: fc.boolean(),
});
const momentArb = fc.record({
  summary: fc.constantFrom(...NAMES),
  daysAgo: fc.integer({ min: 1, max: 4 }),
  hour: fc.integer({ min: 9, max: 11 }),
  people: fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 5 }),
});

/** The events as read before: every participant of every crowded moment, everyone's first contact. */
async function eventsInFull(ctx: AppContext, states: RelationshipState[]) {
  const { db, ownerId } = ctx;
  const participants = await db
    .selectFrom("interaction_participants")
    .select(["interaction_id", "person_id"])
    .where("owner_id", "=", ownerId)
    .execute();
  const count = new Map<string, number>();
  for (const p of participants) count.set(p.interaction_id, (count.get(p.interaction_id) ?? 0) + 1);
  const interactions = new Map(
    (await db.selectFrom("interactions").selectAll().where("owner_id", "=", ownerId).execute()).map((i) => [
      i.id,
      i,
    ]),
  );
  const moments = participants
    .filter((p) => (count.get(p.interaction_id) ?? 0) >= EVENT_MIN_PEOPLE)
    .map((p) => ({
      ...(interactions.get(p.interaction_id) as { id: string; summary: string; occurred_at: string }),
      person_id: p.person_id,
    }))
    .sort((a, b) =>
      a.occurred_at < b.occurred_at ? -1 : a.occurred_at > b.occurred_at ? 1 : a.id < b.id ? -1 : 1,
    );
  const people = await db
    .selectFrom("people")
    .select(["id", "met_text", "met_on", "created_at", "archived"])
    .where("owner_id", "=", ownerId)
    .orderBy("id")
    .execute();
  const stats = new Map(
    (await db.selectFrom("person_stats").selectAll().where("owner_id", "=", ownerId).execute()).map((s) => [
      s.person_id,
      { first: s.first_contact_at, contacts: Number(s.contacts) },
    ]),
  );
  const stateOf = new Map(states.map((s) => [s.person.id, s]));
  const groups = new Map<string, { name: string; on: string; fromMoment: boolean; people: Set<string> }>();
  const placed = new Set<string>();
  const atMoment = new Set<string>();
  const groupFor = (name: string, on: string, fromMoment: boolean) => {
    const key = eventKey(name, on);
    const group = groups.get(key) ?? { name: eventName(name), on, fromMoment, people: new Set<string>() };
    groups.set(key, group);
    group.fromMoment ||= fromMoment;
    return group;
  };
  // The first crowded moment of each name and day, whoever was first met there.
  const firstCrowded = new Map<string, string>();
  for (const m of moments) {
    const on = m.occurred_at.slice(0, 10);
    const key = eventKey(m.summary, on);
    if (!firstCrowded.has(key)) firstCrowded.set(key, eventName(m.summary));
    if (stats.get(m.person_id)?.first !== m.occurred_at) continue;
    // An event is named by the first moment at which someone was first met.
    const group = groupFor(m.summary, on, true);
    const state = stateOf.get(m.person_id);
    const metBefore = state?.person.met_on != null && state.person.met_on < on;
    if (!metBefore && !placed.has(m.person_id)) {
      group.people.add(m.person_id);
      placed.add(m.person_id);
      atMoment.add(m.person_id);
    }
  }
  for (const p of people) {
    if (p.archived || placed.has(p.id) || p.met_text === null || foldText(p.met_text) === "") continue;
    const on = p.met_on ?? p.created_at.slice(0, 10);
    const first = stats.get(p.id)?.first ?? null;
    if (first !== null && first.slice(0, 10) < on) continue;
    groupFor(p.met_text, on, false).people.add(p.id);
  }
  // A list alone takes the name of a crowded moment of its name that day, and is then an event.
  for (const [key, g] of groups) {
    const name = firstCrowded.get(key);
    if (!g.fromMoment && name !== undefined) Object.assign(g, { name, fromMoment: true });
  }
  return [...groups.values()]
    .filter((g) => g.fromMoment || g.people.size >= EVENT_MIN_PEOPLE)
    .map((g) => ({
      name: g.name,
      on: g.on,
      members: [...g.people]
        .filter((id) => stateOf.has(id))
        .map((id) => ({
          id,
          contacts: Math.max(0, (stats.get(id)?.contacts ?? 0) - (atMoment.has(id) ? 1 : 0)),
        }))
        .sort((a, b) => (a.id < b.id ? -1 : 1)),
    }))
    .filter((g) => g.members.length > 0)
    .sort((a, b) => b.on.localeCompare(a.on) || a.name.localeCompare(b.name));
}

/** Adds "Person 0", "Person 1", … with these inputs, in order; their ids. */
async function addNumbered(ctx: AppContext, inputs: PersonInput[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, input] of inputs.entries())
    ids.push((await addPerson(ctx, { ...input, name: `Person ${i}` })).id);
  return ids;
}

describeEachDialect("events read narrowly", (dialect) => {
  it("are the events, names, members and contacts of the full reading", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(personArb, { minLength: 10, maxLength: 10 }),
        fc.array(momentArb, { maxLength: 12 }),
        async (people, moments) => {
          const ctx = await freshContext(dialect);
          const ids = await addNumbered(
            ctx,
            people.map((p) => ({
              archived: p.archived,
              ...(p.met !== null ? { metText: p.met } : {}),
              ...(p.metDaysAgo !== null
                ? { metOn: new Date(ctx.now - p.metDaysAgo * DAY).toISOString().slice(0, 10) }
                : {}),
            })),
          );
          for (const m of moments) {
            await logInteraction(
              ctx,
              m.people.map((i) => ids[i] as string),
              {
                summary: m.summary,
                // on the hour: moments of one day often share an instant
                at: Math.floor((ctx.now - m.daysAgo * DAY) / DAY) * DAY + m.hour * 3_600_000,
                channel: "in_person",
                initiatedBy: "me",
              },
            );
          }
          const states = await loadRelationships(ctx);
          const narrow = (await loadEventGroups(ctx, states)).map((g) => ({
            name: g.name,
            on: g.on,
            members: g.members
              .map((m) => ({ id: m.state.person.id, contacts: m.contacts }))
              .sort((a, b) => (a.id < b.id ? -1 : 1)),
          }));
          expect(narrow).toEqual(await eventsInFull(ctx, states));
          await ctx.store.close();
        },
      ),
      { numRuns: 15 },
    );
  });
});

const rhythmArb = fc.record({
  met: fc.option(fc.constantFrom(...NAMES), { nil: null }),
  layer: fc.constantFrom(5, 15, 50, 150, 500),
  // none (the layer's), off, or a rhythm of its own, short enough for some to be due
  cadenceDays: fc.option(fc.constantFrom(0, 3, 10, 40), { nil: undefined }),
  archived: fc.boolean(),
});
const timedMomentArb = fc.record({
  summary: fc.constantFrom(...NAMES),
  // long ago (most are due), recently (some are not)
  daysAgo: fc.constantFrom(1, 2, 6, 20, 60, 200),
  people: fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 5 }),
});

describeEachDialect("the agenda's events", (dialect) => {
  it("evaluate only members who may be due, and say what the full evaluation says of everyone", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rhythmArb, { minLength: 10, maxLength: 10 }),
        fc.array(timedMomentArb, { maxLength: 10 }),
        async (people, moments) => {
          const ctx = await freshContext(dialect);
          const ids = await addNumbered(
            ctx,
            people.map((p) => ({
              layer: p.layer,
              archived: p.archived,
              ...(p.cadenceDays !== undefined ? { cadenceDays: p.cadenceDays } : {}),
              ...(p.met !== null ? { metText: p.met } : {}),
            })),
          );
          for (const m of moments)
            await logInteraction(
              ctx,
              m.people.map((i) => ids[i] as string),
              { summary: m.summary, at: ctx.now - m.daysAgo * DAY, channel: "in_person", initiatedBy: "me" },
            );
          const everyone = await loadRelationships(ctx);
          const full = await loadEventGroups(ctx, everyone);
          const asked: string[][] = [];
          const agenda = await loadAgendaEventGroups(ctx, (personIds) => {
            asked.push(personIds);
            return loadRelationships(ctx, { personIds });
          });
          const view = <S extends MemberView>(groups: EventGroup<S>[]) =>
            groups.map((g) => ({
              id: g.id,
              name: g.name,
              on: g.on,
              members: g.members.map((m) => ({
                id: m.state.person.id,
                contacts: m.contacts,
                person: { ...m.state.person },
                cadenceDays: m.state.due.cadenceDays,
                lastContactAt: m.state.lastContactAt,
              })),
            }));
          const pick = (v: ReturnType<typeof view>) =>
            v.map((g) => ({
              ...g,
              members: g.members.map((m) => ({
                ...m,
                person: {
                  id: m.person.id,
                  met_on: m.person.met_on,
                  cadence_days: m.person.cadence_days,
                },
              })),
            }));
          // The same events, members and what an event reads of each.
          expect(pick(view(agenda))).toEqual(pick(view(full)));
          expect(coldEvents(agenda, ctx.now)).toEqual(coldEvents(full, ctx.now));
          // Whoever was not evaluated is not due; whoever is due was evaluated.
          const stateOf = new Map(everyone.map((s) => [s.person.id, s]));
          for (const g of agenda)
            for (const m of g.members)
              if (!isEvaluated(m.state))
                expect(isDue(stateOf.get(m.state.person.id)?.due.status ?? "none")).toBe(false);
          const dueGroups = (groups: EventGroup<RelationshipState | NotDueMember>[]) =>
            groupsOf(groups, (s) => isEvaluated(s) && isDue(s.due.status)).map(({ group, due }) => ({
              id: group.id,
              due: due.map((m) => m.state.person.id),
            }));
          expect(dueGroups(agenda)).toEqual(dueGroups(full));
          // One read of the people who may be due, never everyone met at an event.
          expect(asked.length).toBeLessThanOrEqual(1);
          await ctx.store.close();
        },
      ),
      { numRuns: 15 },
    );
  });
});
