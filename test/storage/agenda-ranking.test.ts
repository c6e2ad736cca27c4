/**
 * The agenda's SQL ranking against the full in-memory evaluation (issue 16 §2): on random stores,
 * the thank-yous, promises and asks `today` ranks in SQL are the same people and rows, in the same
 * order, with the same counts, as evaluating every row with the domain rules; `today --all` agrees.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { mergeOwed, today } from "../../src/app/agenda.js";
import { createAsk } from "../../src/app/asks.js";
import { createCommitment } from "../../src/app/commitments.js";
import { recordExchange } from "../../src/app/moments.js";
import { addPerson } from "../../src/app/people.js";
import { loadRelationships } from "../../src/app/relationship-state.js";
import { resolveCounterpart } from "../../src/app/who.js";
import { AGENDA_SIZE } from "../../src/domain/defaults.js";
import { isAskStale, isCommitmentLate, thanksOwed } from "../../src/domain/open-loops.js";
import { listAsks } from "../../src/storage/ask.repository.js";
import { listCommitments } from "../../src/storage/commitment.repository.js";
import { fromInstant } from "../../src/storage/keys.js";
import { departmentStatsFromRow } from "../../src/storage/stats.repository.js";
import { describeEachDialect, freshContext } from "../support/stores.js";

const DAY = 86_400_000;

const entryArb = fc.record({
  to: fc.integer({ min: 0, max: 11 }),
  direction: fc.constantFrom("gave" as const, "received" as const),
  thanks: fc.boolean(),
  // whole days mostly, so several people share an instant and the tie rule is exercised
  daysAgo: fc.integer({ min: 0, max: 120 }),
});

const loopArb = fc.record({
  to: fc.integer({ min: 0, max: 10 }),
  promise: fc.boolean(),
  direction: fc.constantFrom("i_owe" as const, "they_owe" as const),
  // around the 7-day horizon of promises and the 30 days after which an ask is stale; some undated
  days: fc.option(fc.integer({ min: -40, max: 20 }), { nil: null }),
});

describeEachDialect("today's thank-yous, promises and asks ranked in SQL", (dialect) => {
  it("are the people, rows, order and counts of the full evaluation, limited and with --all", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(entryArb, { minLength: 1, maxLength: 40 }),
        fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
        // up to 40 loops: more than seven promises and asks in a section, so its count is read apart
        fc.array(loopArb, { maxLength: 40, size: "max" }),
        async (entries, archived, loops) => {
          const ctx = await freshContext(dialect);
          const ids: string[] = [];
          for (let i = 0; i < 10; i++) {
            const person = await addPerson(ctx, {
              name: `Person ${i}`,
              organization: "Acme",
              department: i % 2 ? "IT" : "Accounting",
              archived: archived[i] ?? false,
            });
            ids.push(person.id);
          }
          for (const e of entries) {
            const who =
              e.to < 10 ? (ids[e.to] as string) : e.to === 10 ? "dept:Acme/IT" : "dept:Acme/Accounting";
            await recordExchange(ctx, await resolveCounterpart(ctx, who), {
              direction: e.direction,
              kind: e.direction === "gave" && e.thanks ? "thanks" : "favor",
              weight: 1,
              summary: "x",
              at: ctx.now - e.daysAgo * DAY - 3_600_000,
            });
          }

          for (const l of loops) {
            const who = await resolveCounterpart(ctx, l.to < 10 ? (ids[l.to] as string) : "dept:Acme/IT");
            if (l.promise) {
              const dueOn =
                l.days === null ? null : new Date(ctx.now + l.days * DAY).toISOString().slice(0, 10);
              await createCommitment(ctx, who, { summary: "p", dueOn, direction: l.direction });
            } else {
              // asked 20 to 60 days ago: about half are stale
              await createAsk(ctx, who, "a", ctx.now + ((l.days ?? 0) - 20) * DAY);
            }
          }

          // The oracle: everyone evaluated in memory with the domain rule, sorted by the stated rule.
          const states = await loadRelationships(ctx);
          const people = states
            .filter((s) => s.thanksOwed && s.ledger.lastReceivedAt !== null)
            .map((s) => ({
              id: s.person.id,
              name: s.person.display_name,
              at: s.ledger.lastReceivedAt as number,
            }))
            .sort((a, b) => b.at - a.at || (a.id < b.id ? -1 : 1));
          const departments = (
            await ctx.db
              .selectFrom("department_stats as s")
              .innerJoin("departments as d", (j) =>
                j.onRef("d.owner_id", "=", "s.owner_id").onRef("d.id", "=", "s.department_id"),
              )
              .selectAll("s")
              .select("d.name")
              .where("s.owner_id", "=", ctx.ownerId)
              .execute()
          ).flatMap((row) => {
            const stats = departmentStatsFromRow(row);
            return thanksOwed(stats, ctx.now) && stats.lastReceivedAt !== null
              ? [
                  {
                    kind: "department" as const,
                    id: row.department_id,
                    name: row.name,
                    at: stats.lastReceivedAt,
                  },
                ]
              : [];
          });
          const expected = mergeOwed(people, departments).map((o) => o.id);

          // Each promise and ask shown with whom it is with: a person's name, or the department's.
          const names = new Map(ids.map((id, i) => [id, `Person ${i}`]));
          for (const d of await ctx.db
            .selectFrom("departments")
            .select(["id", "name"])
            .where("owner_id", "=", ctx.ownerId)
            .execute())
            names.set(d.id, d.name);
          const shown = (loop: {
            number: number;
            person_id: string | null;
            department_id: string | null;
          }) => ({
            number: loop.number,
            counterpart: names.get(loop.person_id ?? loop.department_id ?? "") ?? "",
          });
          const weekAhead = new Date(ctx.now + 7 * DAY).toISOString().slice(0, 10);
          const promises = (await listCommitments(ctx.db, ctx.ownerId, { status: "open" }))
            .filter(
              (c) => c.due_on !== null && (isCommitmentLate(c.due_on, ctx.now) || c.due_on <= weekAhead),
            )
            .map(shown);
          const asks = (await listAsks(ctx.db, ctx.ownerId, { status: "open" }))
            .filter((a) => isAskStale(fromInstant(a.asked_at), ctx.now))
            .map(shown);

          const agenda = await today(ctx);
          expect(agenda.thanksOwed.map((t) => t.counterpart.id)).toEqual(expected.slice(0, AGENDA_SIZE));
          expect(agenda.counts.thanksOwed).toBe(expected.length);
          const named = (loop: { number: number; counterpart: string }) => ({
            number: loop.number,
            counterpart: loop.counterpart,
          });
          expect(agenda.commitments.map(named)).toEqual(promises.slice(0, AGENDA_SIZE));
          expect(agenda.counts.commitments).toBe(promises.length);
          expect(agenda.asks.map(named)).toEqual(asks.slice(0, AGENDA_SIZE));
          expect(agenda.counts.asks).toBe(asks.length);
          const everything = await today(ctx, { all: true });
          expect(everything.thanksOwed.map((t) => t.counterpart.id)).toEqual(expected);
          expect(everything.commitments.map(named)).toEqual(promises);
          expect(everything.asks.map(named)).toEqual(asks);
          expect(everything.counts).toEqual(agenda.counts);
          await ctx.store.close();
        },
      ),
      { numRuns: 12 },
    );
  });
});
