/**
 * Property: whatever messages and meetings arrive — odd addresses, empty or huge subjects, dates
 * far in the past or to come, the same key twice — the capture pipeline never fails, every logged
 * source has its moment, the people's aggregates are what their history gives, and capturing the
 * same items again adds nothing.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { captureItems } from "../../src/app/capture/capture-items.js";
import type { CapturedItem, MailAddress } from "../../src/contract/capture.js";
import { journaledService } from "../../src/service/journaled-service.js";
import { getPersonStats, recomputePersonStats } from "../../src/storage/stats.repository.js";
import { describeEachDialect, freshContext, NOW } from "../support/stores.js";

const KNOWN = ["ann@example.com", "bob@example.com"];
const address: fc.Arbitrary<MailAddress> = fc.record({
  address: fc.oneof(
    fc.constantFrom(...KNOWN, "ANN@EXAMPLE.COM", "me@example.com", "", " ", "not an address"),
    fc.emailAddress(),
    fc.string({ maxLength: 40 }),
  ),
  name: fc.option(fc.oneof(fc.constantFrom("Ann Lee", "Bob Stone"), fc.string({ maxLength: 30 }))),
});
const at = fc.integer({ min: Date.UTC(1971, 0, 1), max: NOW + 400 * 86_400_000 });
const key = fc.oneof(fc.constantFrom("a", "b", "c"), fc.string({ minLength: 1, maxLength: 60 }));

const item: fc.Arbitrary<CapturedItem> = fc.oneof(
  fc.record({
    kind: fc.constant("email" as const),
    sourceKey: key.map((k) => `mail:${k}`),
    at: fc.option(at),
    from: fc.option(address),
    to: fc.array(address, { maxLength: 5 }),
    cc: fc.array(address, { maxLength: 3 }),
    deliveredTo: fc.array(fc.constantFrom("me@example.com", "ann@example.com"), { maxLength: 2 }),
    subject: fc.string({ maxLength: 3000 }),
    text: fc.oneof(
      fc.string({ maxLength: 500 }),
      fc.constant("thanks for the intro! could you review my deck?"),
    ),
    bulk: fc.constantFrom(null, null, "list" as const, "no-reply" as const, "auto-reply" as const),
  }),
  fc.record({
    kind: fc.constant("meeting" as const),
    sourceKey: key.map((k) => `ics:${k}`),
    at,
    allDay: fc.boolean(),
    organizer: fc.option(address),
    attendees: fc.array(address, { maxLength: 5 }),
    title: fc.string({ maxLength: 100 }),
    description: fc.string({ maxLength: 300 }),
    cancelled: fc.boolean(),
  }),
);

async function* stream(items: CapturedItem[]) {
  yield* items;
}

describeEachDialect("capturing any messages", (dialect) => {
  it("never fails, logs each source once, keeps the aggregates exact, and adds nothing the second time", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(item, { maxLength: 25 }), async (items) => {
        const ctx = await freshContext(dialect);
        const service = journaledService(ctx);
        const ann = await service.addPerson({ name: "Ann Lee", emails: [KNOWN[0] as string] });
        const bob = await service.addPerson({ name: "Bob Stone", emails: [KNOWN[1] as string] });
        const options = { format: "mbox", bodies: "snippet" as const };
        const first = await captureItems(ctx, stream(items), options);
        expect(first.read).toBe(items.length);
        const moments = await ctx.db.selectFrom("interactions").select("id").execute();
        expect(moments).toHaveLength(first.logged);
        const logged = await ctx.db
          .selectFrom("capture_sources")
          .select("interaction_id")
          .where("status", "=", "logged")
          .execute();
        expect(logged.map((l) => l.interaction_id).sort()).toEqual(moments.map((m) => m.id).sort());
        for (const id of [ann.id, bob.id]) {
          const running = await getPersonStats(ctx.db, ctx.ownerId, id);
          await recomputePersonStats(ctx.db, ctx.ownerId, id);
          expect(running.contacts.contacts).toBe(
            (await getPersonStats(ctx.db, ctx.ownerId, id)).contacts.contacts,
          );
        }
        const again = await captureItems(ctx, stream(items), options);
        expect(again.logged).toBe(0);
        expect(again.suggested).toBe(0);
        expect(await ctx.db.selectFrom("interactions").select("id").execute()).toHaveLength(first.logged);
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
