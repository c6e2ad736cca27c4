/**
 * Undo puts back what an entry changed, and refreshes the agenda's keys (migration 0020) and first
 * events (0021) of the people it touched only, not of everyone (issue 16: an undo on 10,000 people
 * took half a second). Each undo here is followed by a check that what is kept equals a fresh
 * recomputation of everyone: a person's own row put back, and a moment whose participants changed,
 * which moves the first event of everyone in it.
 */
import { expect, it } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { editMoment } from "../../src/app/edit-records.js";
import { mergePeople } from "../../src/app/merge.js";
import { logInteraction, recordExchange } from "../../src/app/moments.js";
import { addPerson, editPerson, initProfile, removePerson } from "../../src/app/people.js";
import { journaled, undo } from "../../src/app/undo.js";
import { resolveCounterpart } from "../../src/app/who.js";
import { refreshAgendaKeys } from "../../src/storage/agenda-keys.js";
import { refreshFirstEvents } from "../../src/storage/stats.repository.js";
import { keptForTheAgenda } from "../support/agenda-keys.js";
import { asTheUserWrites } from "../support/journal.js";
import { describeEachDialect, freshContext } from "../support/stores.js";

const DAY = 86_400_000;

async function expectFresh(ctx: AppContext, after: string): Promise<void> {
  const before = await keptForTheAgenda(ctx);
  await refreshAgendaKeys(ctx.db, ctx.ownerId);
  await refreshFirstEvents(ctx.db, ctx.ownerId);
  expect(before, `after undoing ${after}`).toEqual(await keptForTheAgenda(ctx));
}

describeEachDialect("undo refreshes what the agenda keeps of the people it touched", (dialect) => {
  it("after undoing an edit, an archive, a removal, a moment's participants, a merge and a gift", async () => {
    const ctx = await freshContext(dialect);
    const write = <T>(fn: (tx: AppContext) => Promise<T>) => journaled(ctx, asTheUserWrites("write"), fn);
    await initProfile(ctx, { name: "Me", organization: "Acme", department: "IT" });
    const ids: string[] = [];
    for (const name of ["Ana", "Ben", "Cleo", "Dev", "Eli"]) {
      ids.push((await addPerson(ctx, { name, layer: 50, organization: "Acme", department: "Legal" })).id);
    }
    const [ana, ben, cleo, dev, eli] = ids as [string, string, string, string, string];
    // the team offsite: a crowded moment at everyone's first instant, their first event
    const offsite = await logInteraction(ctx, [ana, ben, cleo], {
      summary: "Team offsite",
      at: ctx.now - 60 * DAY,
      channel: "in_person",
      initiatedBy: "me",
    });
    await logInteraction(ctx, [dev, eli], {
      summary: "Lunch",
      at: ctx.now - 40 * DAY,
      channel: "in_person",
      initiatedBy: "me",
    });
    const event = await ctx.db
      .selectFrom("person_stats")
      .select("first_event_id")
      .where("owner_id", "=", ctx.ownerId)
      .where("person_id", "=", ana)
      .executeTakeFirstOrThrow();
    expect(event.first_event_id).toBe(offsite.id);

    await write((tx) => editPerson(tx, ana, { layer: 5, cadenceDays: 7 }));
    await undo(ctx);
    await expectFresh(ctx, "an edit of the layer and cadence");

    await write((tx) => editPerson(tx, ben, { archived: true }));
    await undo(ctx);
    await expectFresh(ctx, "an archive");

    // without Cleo the offsite is two people, no event; back with her, it is everyone's again
    await write((tx) => removePerson(tx, cleo));
    await undo(ctx);
    await expectFresh(ctx, "a removal");

    await write((tx) => editMoment(tx, offsite.id, { personIds: [ana, ben] }));
    await undo(ctx);
    await expectFresh(ctx, "a participant dropped from a moment");

    await write((tx) => editMoment(tx, offsite.id, { personIds: [ana, ben, cleo, dev] }));
    await undo(ctx);
    await expectFresh(ctx, "a participant added to a moment");

    await write((tx) => mergePeople(tx, cleo, dev));
    await undo(ctx);
    await expectFresh(ctx, "a merge");

    await write(async (tx) =>
      recordExchange(tx, await resolveCounterpart(tx, eli), {
        direction: "received",
        kind: "favor",
        weight: 3,
        summary: "Fixed my laptop",
        at: ctx.now - DAY,
      }),
    );
    await undo(ctx);
    await expectFresh(ctx, "a gift received");
    await ctx.store.close();
  });
});
