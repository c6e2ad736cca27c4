/**
 * Merging two people conserves everything: whatever history a handful of people have, merging any
 * one into any other leaves every ledger entry (with its weight), moment and note where it was —
 * now the kept person's — and the kept person's person_stats equal a full recomputation.
 */
import fc from "fast-check";
import { sql } from "kysely";
import { expect, it } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { mergePeople } from "../../src/app/merge.js";
import { addNote, logInteraction, recordExchange } from "../../src/app/moments.js";
import { addPerson } from "../../src/app/people.js";
import { resolveCounterpart } from "../../src/app/who.js";
import { CHANNELS, EXCHANGE_KINDS, INITIATORS } from "../../src/domain/model.js";
import { getPersonStats, recomputePersonStats } from "../../src/storage/stats.repository.js";
import { anotherOwner, describeEachDialect, freshContext, relativeDifference } from "../support/stores.js";

const DAY = 86_400_000;
const PEOPLE = 4;

const who = fc.integer({ min: 0, max: PEOPLE - 1 });
const eventArb = fc.oneof(
  fc.record({
    type: fc.constant("exchange" as const),
    to: who,
    direction: fc.constantFrom("gave" as const, "received" as const),
    kind: fc.constantFrom(...EXCHANGE_KINDS),
    weight: fc.constantFrom(0.25, 0.5, 1, 2, 3, 8),
    daysAgo: fc.integer({ min: 0, max: 1500 }),
  }),
  fc.record({
    type: fc.constant("moment" as const),
    with: fc.uniqueArray(who, { minLength: 1, maxLength: PEOPLE }),
    daysAgo: fc.integer({ min: 0, max: 1500 }),
    channel: fc.constantFrom(...CHANNELS),
    initiatedBy: fc.constantFrom(...INITIATORS),
  }),
  fc.record({ type: fc.constant("note" as const), on: who }),
);

/** What must not change: per person and in all, entries, their weights, moments and notes. */
async function tally(ctx: AppContext, personIds: string[]) {
  const { db, ownerId } = ctx;
  const exchanges = await db
    .selectFrom("exchanges")
    .select(["id", "person_id", "direction", "weight"])
    .where("owner_id", "=", ownerId)
    .execute();
  const participants = await db
    .selectFrom("interaction_participants")
    .select(["interaction_id", "person_id"])
    .where("owner_id", "=", ownerId)
    .execute();
  const notes = await db
    .selectFrom("notes")
    .select(["id", "person_id"])
    .where("owner_id", "=", ownerId)
    .execute();
  const moments = await db
    .selectFrom("interactions")
    .select(sql<number>`count(*)`.as("n"))
    .where("owner_id", "=", ownerId)
    .executeTakeFirstOrThrow();
  const sum = (rows: { weight: number }[]) => rows.reduce((s, r) => s + Number(r.weight), 0);
  const of = (ids: string[]) => {
    const mine = exchanges.filter((e) => e.person_id !== null && ids.includes(e.person_id));
    return {
      exchanges: new Set(mine.map((e) => e.id)),
      gave: sum(mine.filter((e) => e.direction === "gave")),
      received: sum(mine.filter((e) => e.direction === "received")),
      moments: new Set(participants.filter((p) => ids.includes(p.person_id)).map((p) => p.interaction_id)),
      notes: new Set(notes.filter((n) => n.person_id !== null && ids.includes(n.person_id)).map((n) => n.id)),
    };
  };
  return {
    all: {
      ...of(personIds),
      exchangeCount: exchanges.length,
      moments: Number(moments.n),
      notes: notes.length,
    },
    of,
  };
}

describeEachDialect("merging two people", (dialect) => {
  it("keeps every ledger entry, moment and note, and the kept person's stats equal a recomputation", async () => {
    const first = await freshContext(dialect);
    await fc.assert(
      fc.asyncProperty(
        fc.array(eventArb, { maxLength: 30 }),
        fc.integer({ min: 0, max: PEOPLE - 1 }),
        fc.integer({ min: 1, max: PEOPLE - 1 }),
        async (events, fromAt, offset) => {
          // Each run in an account of its own: a clean slate in the same database.
          const ctx = await anotherOwner(first);
          const ids: string[] = [];
          for (let i = 0; i < PEOPLE; i++) ids.push((await addPerson(ctx, { name: `Person ${i}` })).id);
          for (const e of events) {
            if (e.type === "exchange")
              await recordExchange(ctx, await resolveCounterpart(ctx, ids[e.to] as string), {
                direction: e.direction,
                kind: e.kind,
                weight: e.weight,
                summary: "x",
                at: ctx.now - e.daysAgo * DAY - 3_600_000,
              });
            else if (e.type === "moment")
              await logInteraction(
                ctx,
                e.with.map((i) => ids[i] as string),
                {
                  summary: "y",
                  at: ctx.now - e.daysAgo * DAY - 3_600_000,
                  channel: e.channel,
                  initiatedBy: e.initiatedBy,
                },
              );
            else await addNote(ctx, ids[e.on] as string, "z");
          }
          const from = ids[fromAt] as string;
          const into = ids[(fromAt + offset) % PEOPLE] as string;

          const before = await tally(ctx, ids);
          const both = before.of([from, into]);
          await mergePeople(ctx, from, into);
          const after = await tally(
            ctx,
            ids.filter((id) => id !== from),
          );

          // Nothing lost anywhere…
          expect(after.all.exchangeCount).toBe(before.all.exchangeCount);
          expect(after.all.exchanges).toEqual(before.all.exchanges);
          expect(relativeDifference(after.all.gave, before.all.gave)).toBeLessThan(1e-9);
          expect(relativeDifference(after.all.received, before.all.received)).toBeLessThan(1e-9);
          expect(after.all.moments).toBe(before.all.moments);
          expect(after.all.notes).toBe(before.all.notes);
          // …and the kept person has what both had.
          const kept = after.of([into]);
          expect(kept.exchanges).toEqual(both.exchanges);
          expect(relativeDifference(kept.gave, both.gave)).toBeLessThan(1e-9);
          expect(relativeDifference(kept.received, both.received)).toBeLessThan(1e-9);
          expect(kept.moments).toEqual(both.moments);
          expect(kept.notes).toEqual(both.notes);
          expect(
            after.of([from]).exchanges.size + after.of([from]).moments.size + after.of([from]).notes.size,
          ).toBe(0);

          // The kept person's stats as the merge left them equal a full recomputation.
          const merged = await getPersonStats(ctx.db, ctx.ownerId, into);
          await recomputePersonStats(ctx.db, ctx.ownerId, into);
          const rebuilt = await getPersonStats(ctx.db, ctx.ownerId, into);
          expect(merged.ledger.sums.entries).toBe(both.exchanges.size);
          expect(merged.ledger.sums.entries).toBe(rebuilt.ledger.sums.entries);
          expect(relativeDifference(merged.ledger.sums.gave, rebuilt.ledger.sums.gave)).toBeLessThan(1e-9);
          expect(relativeDifference(merged.ledger.sums.received, rebuilt.ledger.sums.received)).toBeLessThan(
            1e-9,
          );
          expect(merged.ledger.lastReceivedAt).toBe(rebuilt.ledger.lastReceivedAt);
          expect(merged.ledger.lastThanksAt).toBe(rebuilt.ledger.lastThanksAt);
          expect(merged.contacts.contacts).toBe(rebuilt.contacts.contacts);
          expect(merged.contacts.firstAt).toBe(rebuilt.contacts.firstAt);
          expect(merged.contacts.lastAt).toBe(rebuilt.contacts.lastAt);
          expect(relativeDifference(merged.contacts.frequency, rebuilt.contacts.frequency)).toBeLessThan(
            1e-9,
          );
          expect(merged.contacts.channelLastAt).toEqual(rebuilt.contacts.channelLastAt);
        },
      ),
      { numRuns: 25 },
    );
  });
});
