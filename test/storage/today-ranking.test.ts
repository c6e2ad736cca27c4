/**
 * `today` ranked in SQL (issue 16 §2, continued): on random stores, the agenda that evaluates only the
 * candidates its SQL bounds let through shows the same due people, occasions and suggestions, in the
 * same order, with the same counts, as `today --all`, which evaluates everyone in memory; and
 * `today --all` lists the due people exactly as the domain rules rank every relationship.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { today } from "../../src/app/agenda.js";
import { createAsk } from "../../src/app/asks.js";
import { createCommitment } from "../../src/app/commitments.js";
import { logInteraction, recordExchange } from "../../src/app/moments.js";
import { addNeedOrOffer } from "../../src/app/needs-offers.js";
import { addPerson, initProfile } from "../../src/app/people.js";
import { loadRelationships } from "../../src/app/relationship-state.js";
import { resolveCounterpart } from "../../src/app/who.js";
import { AGENDA_SIZE } from "../../src/domain/defaults.js";
import { isDue } from "../../src/domain/due.js";
import { describeEachDialect, freshContext } from "../support/stores.js";

const DAY = 86_400_000;
const PEOPLE = 14;

/** A birthday near today (the store's clock is 25 November) in the formats a card may carry. */
const birthdayArb = fc.option(
  fc.oneof(
    fc.constantFrom("1990-11-25", "--11-28", "19801202", "--1203", "2000-11-24", "--02-29", "1985-12-01"),
    fc
      .integer({ min: -3, max: 12 })
      .map((d) => `--${new Date(Date.UTC(2026, 10, 25) + d * DAY).toISOString().slice(5, 10)}`),
  ),
  { nil: null },
);

const personArb = fc.record({
  layer: fc.constantFrom(5 as const, 15 as const, 50 as const, 150 as const, 500 as const),
  cadenceDays: fc.option(fc.constantFrom(0, 10, 45, 200), { nil: null, freq: 3 }),
  place: fc.constantFrom("mine", "other-dept", "no-dept", "outside", "none"),
  // days ago of the moments with them (none: never contacted)
  contacts: fc.array(fc.integer({ min: 0, max: 900 }), { maxLength: 3 }),
  addedDaysAgo: fc.integer({ min: 0, max: 400 }),
  metDaysAgo: fc.option(fc.integer({ min: 0, max: 600 }), { nil: null, freq: 3 }),
  birthday: birthdayArb,
  anniversary: fc.option(fc.integer({ min: -2, max: 10 }), { nil: null, freq: 3 }),
  received: fc.array(
    fc.record({ daysAgo: fc.integer({ min: 0, max: 200 }), weight: fc.constantFrom(1, 2, 3) }),
    {
      maxLength: 4,
    },
  ),
  gave: fc.array(fc.record({ daysAgo: fc.integer({ min: 0, max: 200 }), thanks: fc.boolean() }), {
    maxLength: 2,
  }),
  communal: fc.boolean(),
  archived: fc.boolean(),
  need: fc.boolean(),
});

const loopArb = fc.record({
  to: fc.integer({ min: 0, max: PEOPLE - 1 }),
  promise: fc.boolean(),
  direction: fc.constantFrom("i_owe" as const, "they_owe" as const),
  days: fc.integer({ min: -40, max: 20 }),
});

const placeOf = (place: string) =>
  place === "mine"
    ? { organization: "Acme", department: "IT" }
    : place === "other-dept"
      ? { organization: "Acme", department: "Legal" }
      : place === "no-dept"
        ? { organization: "Acme" }
        : place === "outside"
          ? { organization: "Globex" }
          : {};

describeEachDialect("today's due people, occasions and suggestions ranked in SQL", (dialect) => {
  it("are the people, order and counts of the full evaluation", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(personArb, { minLength: PEOPLE, maxLength: PEOPLE }),
        fc.array(loopArb, { maxLength: 8 }),
        fc.boolean(),
        async (people, loops, inDepartment) => {
          const ctx = await freshContext(dialect);
          await initProfile(ctx, {
            name: "Me",
            organization: "Acme",
            ...(inDepartment ? { department: "IT" } : {}),
          });
          const ids: string[] = [];
          for (const [i, p] of people.entries()) {
            const added = { ...ctx, now: ctx.now - p.addedDaysAgo * DAY };
            const person = await addPerson(added, {
              name: `Person ${String(i).padStart(2, "0")}`,
              ...placeOf(p.place),
              layer: p.layer,
              cadenceDays: p.cadenceDays,
              ledgerMode: p.communal ? "communal" : "track",
              metOn:
                p.metDaysAgo === null
                  ? null
                  : new Date(ctx.now - p.metDaysAgo * DAY).toISOString().slice(0, 10),
              birthday: p.birthday,
              archived: p.archived,
            });
            ids.push(person.id);
            if (p.anniversary !== null) {
              const on = new Date(ctx.now + p.anniversary * DAY).toISOString().slice(5, 10);
              await ctx.db
                .insertInto("person_dates")
                .values({
                  owner_id: ctx.ownerId,
                  person_id: person.id,
                  label: "anniversary",
                  date: `2015-${on}`,
                })
                .execute();
            }
            for (const daysAgo of p.contacts)
              await logInteraction(ctx, [person.id], {
                summary: "Coffee",
                at: ctx.now - daysAgo * DAY - 3_600_000,
                channel: "in_person",
                initiatedBy: "me",
              });
            const who = await resolveCounterpart(ctx, person.id);
            for (const r of p.received)
              await recordExchange(ctx, who, {
                direction: "received",
                kind: "favor",
                weight: r.weight,
                summary: "Helped",
                at: ctx.now - r.daysAgo * DAY - 7_200_000,
              });
            for (const g of p.gave)
              await recordExchange(ctx, who, {
                direction: "gave",
                kind: g.thanks ? "thanks" : "favor",
                weight: 1,
                summary: "Gave",
                at: ctx.now - g.daysAgo * DAY - 5_400_000,
              });
            if (p.need) await addNeedOrOffer(ctx, "needs", person.id, "a good accountant");
          }
          for (const l of loops) {
            const who = await resolveCounterpart(ctx, ids[l.to] as string);
            if (l.promise) {
              const dueOn = new Date(ctx.now + l.days * DAY).toISOString().slice(0, 10);
              await createCommitment(ctx, who, { summary: "p", dueOn, direction: l.direction });
            } else await createAsk(ctx, who, "a", ctx.now + (l.days - 20) * DAY);
          }

          // `today --all` evaluates everyone: its due list is the domain rules' ranking of everyone.
          const everything = await today(ctx, { all: true });
          const expectedDue = (await loadRelationships(ctx))
            .filter((s) => isDue(s.due.status))
            .sort((a, b) => b.due.priority - a.due.priority || (a.person.id < b.person.id ? -1 : 1))
            .map((s) => s.person.id);
          expect(everything.due.map((d) => d.person?.id)).toEqual(expectedDue);

          const agenda = await today(ctx);
          const first = <T>(items: T[]) => items.slice(0, AGENDA_SIZE);
          expect(agenda.counts).toEqual(everything.counts);
          expect(agenda.due.map((d) => [d.person?.id, d.due.priority, d.suggestion?.kind])).toEqual(
            first(everything.due).map((d) => [d.person?.id, d.due.priority, d.suggestion?.kind]),
          );
          expect(agenda.occasions).toEqual(first(everything.occasions));
          expect(agenda.suggestions.map((s) => [s.kind, s.personId])).toEqual(
            first(everything.suggestions).map((s) => [s.kind, s.personId]),
          );
          await ctx.store.close();
        },
      ),
      { numRuns: 12 },
    );
    // fourteen people and their history per run, on a machine shared with other test runs
  }, 180_000);
});
