import fc from "fast-check";
import { expect, it } from "vitest";
import { logInteraction, recordExchange } from "../../src/app/moments.js";
import { addPerson } from "../../src/app/people.js";
import { resolveCounterpart } from "../../src/app/who.js";
import { decay } from "../../src/domain/decay.js";
import { balanceAt } from "../../src/domain/giving-balance.js";
import {
  CHANNELS,
  type Channel,
  EXCHANGE_KINDS,
  type ExchangeKind,
  INITIATORS,
  type Initiator,
} from "../../src/domain/model.js";
import {
  getDepartmentStats,
  getPersonStats,
  recomputeDepartmentStats,
  recomputePersonStats,
} from "../../src/storage/stats.repository.js";
import { describeEachDialect, freshContext, relativeDifference } from "../support/stores.js";

const DAY = 86_400_000;

type Event =
  | {
      type: "exchange";
      to: "raj" | "dana" | "dept";
      direction: "gave" | "received";
      kind: ExchangeKind;
      weight: number;
      daysAgo: number;
      channel: Channel;
    }
  | { type: "moment"; with: ("raj" | "dana")[]; daysAgo: number; channel: Channel; initiatedBy: Initiator };

const eventArb: fc.Arbitrary<Event> = fc.oneof(
  fc.record({
    type: fc.constant("exchange" as const),
    to: fc.constantFrom("raj" as const, "dana" as const, "dept" as const),
    direction: fc.constantFrom("gave" as const, "received" as const),
    kind: fc.constantFrom(...EXCHANGE_KINDS),
    weight: fc.constantFrom(0.25, 0.5, 1, 2, 3, 8),
    daysAgo: fc.integer({ min: 0, max: 1500 }),
    channel: fc.constantFrom(...CHANNELS),
  }),
  fc.record({
    type: fc.constant("moment" as const),
    with: fc.constantFrom<("raj" | "dana")[]>(["raj"], ["dana"], ["raj", "dana"]),
    daysAgo: fc.integer({ min: 0, max: 1500 }),
    channel: fc.constantFrom(...CHANNELS),
    initiatedBy: fc.constantFrom(...INITIATORS),
  }),
);

describeEachDialect("aggregates kept on write", (dialect) => {
  it("equal a full recomputation from the history, whatever order moments arrive in", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(eventArb, { minLength: 1, maxLength: 40 }), async (events) => {
        const ctx = await freshContext(dialect);
        const raj = await addPerson(ctx, { name: "Raj Patel", organization: "Acme", department: "IT" });
        const dana = await addPerson(ctx, { name: "Dana Whitfield", organization: "Acme", department: "IT" });
        const ids = { raj: raj.id, dana: dana.id };
        const dept = await resolveCounterpart(ctx, "dept:Acme/IT");
        for (const e of events) {
          const at = ctx.now - e.daysAgo * DAY - 3_600_000;
          if (e.type === "exchange") {
            const counterpart = e.to === "dept" ? dept : await resolveCounterpart(ctx, ids[e.to]);
            await recordExchange(ctx, counterpart, {
              direction: e.direction,
              kind: e.kind,
              weight: e.weight,
              summary: "x",
              at,
              channel: e.channel,
            });
          } else {
            await logInteraction(
              ctx,
              e.with.map((k) => ids[k]),
              { summary: "y", at, channel: e.channel, initiatedBy: e.initiatedBy },
            );
          }
        }
        for (const id of [raj.id, dana.id]) {
          const running = await getPersonStats(ctx.db, ctx.ownerId, id);
          await recomputePersonStats(ctx.db, ctx.ownerId, id);
          const rebuilt = await getPersonStats(ctx.db, ctx.ownerId, id);
          expect(running.ledger.sums.entries).toBe(rebuilt.ledger.sums.entries);
          expect(relativeDifference(running.ledger.sums.gave, rebuilt.ledger.sums.gave)).toBeLessThan(1e-9);
          expect(relativeDifference(running.ledger.sums.received, rebuilt.ledger.sums.received)).toBeLessThan(
            1e-9,
          );
          expect(running.ledger.lastReceivedAt).toBe(rebuilt.ledger.lastReceivedAt);
          expect(running.ledger.lastThanksAt).toBe(rebuilt.ledger.lastThanksAt);
          expect(running.contacts.contacts).toBe(rebuilt.contacts.contacts);
          expect(running.contacts.lastAt).toBe(rebuilt.contacts.lastAt);
          expect(running.contacts.firstAt).toBe(rebuilt.contacts.firstAt);
          expect(relativeDifference(running.contacts.frequency, rebuilt.contacts.frequency)).toBeLessThan(
            1e-9,
          );
          expect(
            relativeDifference(running.contacts.initiatedByMe, rebuilt.contacts.initiatedByMe),
          ).toBeLessThan(1e-9);
          expect(
            relativeDifference(running.contacts.initiatedByThem, rebuilt.contacts.initiatedByThem),
          ).toBeLessThan(1e-9);
          expect(running.contacts.channelLastAt).toEqual(rebuilt.contacts.channelLastAt);
          // The agenda's epoch-ms copies say the same instants as the ISO text.
          const row = await ctx.db
            .selectFrom("person_stats")
            .select(["last_contact_ms", "last_received_ms", "last_thanks_ms"])
            .where("owner_id", "=", ctx.ownerId)
            .where("person_id", "=", id)
            .executeTakeFirstOrThrow();
          const ms = (v: number | string | null) => (v === null ? null : Number(v));
          expect(ms(row.last_contact_ms)).toBe(rebuilt.contacts.lastAt);
          expect(ms(row.last_received_ms)).toBe(rebuilt.ledger.lastReceivedAt);
          expect(ms(row.last_thanks_ms)).toBe(rebuilt.ledger.lastThanksAt);
        }
        const runningDept = await getDepartmentStats(
          ctx.db,
          ctx.ownerId,
          dept.kind === "department" ? dept.department.id : "",
        );
        await recomputeDepartmentStats(
          ctx.db,
          ctx.ownerId,
          dept.kind === "department" ? dept.department.id : "",
        );
        const rebuiltDept = await getDepartmentStats(
          ctx.db,
          ctx.ownerId,
          dept.kind === "department" ? dept.department.id : "",
        );
        expect(runningDept.sums.entries).toBe(rebuiltDept.sums.entries);
        expect(relativeDifference(runningDept.sums.gave, rebuiltDept.sums.gave)).toBeLessThan(1e-9);
        expect(relativeDifference(runningDept.sums.received, rebuiltDept.sums.received)).toBeLessThan(1e-9);
        await ctx.store.close();
      }),
      { numRuns: 15 },
    );
  });

  it("give the balance of the plain formula Σ w·0.5^(age/H), read at any later time", async () => {
    const ctx = await freshContext(dialect);
    const raj = await addPerson(ctx, { name: "Raj" });
    const counterpart = await resolveCounterpart(ctx, raj.id);
    const history = [
      { direction: "received" as const, weight: 2, daysAgo: 400 },
      { direction: "received" as const, weight: 3, daysAgo: 90 },
      { direction: "gave" as const, weight: 1, daysAgo: 30 },
      { direction: "gave" as const, weight: 0.5, daysAgo: 2 },
    ];
    for (const h of history) {
      await recordExchange(ctx, counterpart, {
        direction: h.direction,
        kind: "favor",
        weight: h.weight,
        summary: "s",
        at: ctx.now - h.daysAgo * DAY,
      });
    }
    const stats = await getPersonStats(ctx.db, ctx.ownerId, raj.id);
    for (const laterDays of [0, 45, 365]) {
      const at = ctx.now + laterDays * DAY;
      const g = history
        .filter((h) => h.direction === "gave")
        .reduce((s, h) => s + h.weight * decay(h.daysAgo + laterDays, 180), 0);
      const r = history
        .filter((h) => h.direction === "received")
        .reduce((s, h) => s + h.weight * decay(h.daysAgo + laterDays, 365), 0);
      const balance = balanceAt(stats.ledger.sums, at);
      expect(balance.gave).toBeCloseTo(g, 9);
      expect(balance.received).toBeCloseTo(r, 9);
      expect(balance.ratio).toBeCloseTo((g + 1) / (g + r + 2), 9);
    }
  });
});
