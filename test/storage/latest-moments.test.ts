import { expect, it } from "vitest";
import { logInteraction, recordExchange } from "../../src/app/moments.js";
import { addPerson } from "../../src/app/people.js";
import { resolveCounterpart } from "../../src/app/who.js";
import { agendaReads } from "../../src/storage/agenda.repository.js";
import { toInstant } from "../../src/storage/keys.js";
import { describeEachDialect, freshContext, NOW } from "../support/stores.js";

const DAY = 86_400_000;

describeEachDialect("each person's newest moment, for the advice of today", (dialect) => {
  it("is the moment at the last contact, or the newest before a later give or a moment ahead", async () => {
    const ctx = await freshContext(dialect);
    const ann = await addPerson(ctx, { name: "Ann Lee" });
    const bo = await addPerson(ctx, { name: "Bo Chen" });
    const cy = await addPerson(ctx, { name: "Cy Park" });
    const di = await addPerson(ctx, { name: "Di Ross" });
    const ed = await addPerson(ctx, { name: "Ed Wu" });
    const moment = (ids: string[], summary: string, at: number) =>
      logInteraction(ctx, ids, { summary, at, channel: "in_person", initiatedBy: "me" });
    await moment([ann.id, bo.id], "Coffee", NOW - 9 * DAY);
    await moment([ann.id], "Lunch", NOW - 2 * DAY);
    // Bo's last contact is a give after the coffee: the coffee is still the newest moment.
    await recordExchange(ctx, await resolveCounterpart(ctx, bo.id), {
      direction: "gave",
      kind: "favor",
      summary: "Sent a book",
      at: NOW - DAY,
    });
    // Two moments at one instant: the later id.
    const first = await moment([cy.id], "Call", NOW - 3 * DAY);
    const second = await moment([cy.id, di.id], "Workshop", NOW - 3 * DAY);
    const later = first.id < second.id ? second : first;
    // A moment ahead of the instant asked about does not count.
    await moment([di.id], "Dinner next week", NOW + 5 * DAY);

    const latest = await agendaReads(ctx.db, ctx.ownerId).latestMoments(
      [ann.id, bo.id, cy.id, di.id, ed.id],
      toInstant(NOW),
    );
    const summaries = Object.fromEntries([...latest].map(([id, m]) => [id, [m.summary, m.occurredAt]]));
    expect(summaries).toEqual({
      [ann.id]: ["Lunch", toInstant(NOW - 2 * DAY)],
      [bo.id]: ["Coffee", toInstant(NOW - 9 * DAY)],
      [cy.id]: [later.summary, toInstant(NOW - 3 * DAY)],
      [di.id]: ["Workshop", toInstant(NOW - 3 * DAY)],
    });
    expect(latest.get(cy.id)?.id).toBe(later.id);
  });
});
