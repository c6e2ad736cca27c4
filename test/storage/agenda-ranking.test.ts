/**
 * The agenda's SQL ranking against the full in-memory evaluation (issue 16 §2): on random stores,
 * the thank-yous `today` ranks in SQL from the epoch-ms instants are the same people, in the same
 * order, with the same count, as evaluating everyone with the domain rule; `today --all` agrees.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { mergeOwed, today } from "../../src/app/agenda.js";
import { recordExchange } from "../../src/app/moments.js";
import { addPerson } from "../../src/app/people.js";
import { loadRelationships } from "../../src/app/relationship-state.js";
import { resolveCounterpart } from "../../src/app/who.js";
import { AGENDA_SIZE } from "../../src/domain/defaults.js";
import { thanksOwed } from "../../src/domain/open-loops.js";
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

describeEachDialect("today's thank-yous ranked in SQL", (dialect) => {
  it("are the people, order and count of the full evaluation, limited and with --all", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(entryArb, { minLength: 1, maxLength: 40 }),
        fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
        async (entries, archived) => {
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

          const agenda = await today(ctx);
          expect(agenda.thanksOwed.map((t) => t.counterpart.id)).toEqual(expected.slice(0, AGENDA_SIZE));
          expect(agenda.counts.thanksOwed).toBe(expected.length);
          const everything = await today(ctx, { all: true });
          expect(everything.thanksOwed.map((t) => t.counterpart.id)).toEqual(expected);
          expect(everything.counts).toEqual(agenda.counts);
          await ctx.store.close();
        },
      ),
      { numRuns: 12 },
    );
  });
});
