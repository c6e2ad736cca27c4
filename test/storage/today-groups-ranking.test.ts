import { expect, it } from "vitest";
import { today } from "../../src/app/agenda.js";
import { logInteraction } from "../../src/app/moments.js";
import { addPerson, initProfile } from "../../src/app/people.js";
import { AGENDA_SIZE } from "../../src/domain/defaults.js";
import { describeEachDialect, freshContext } from "../support/stores.js";

const DAY = 86_400_000;

describeEachDialect("today with people of one event due together, ranked in SQL", (dialect) => {
  it("shows the same group, due people and counts as the full evaluation when the group outranks everyone", async () => {
    const ctx = await freshContext(dialect);
    await initProfile(ctx, { name: "Me" });
    const moment = (ids: string[], summary: string, daysAgo: number) =>
      logInteraction(ctx, ids, {
        summary,
        at: ctx.now - daysAgo * DAY,
        channel: "in_person",
        initiatedBy: "me",
      });
    // Four people first met at one conference long ago, each on a monthly rhythm: the most overdue.
    const met: string[] = [];
    for (let i = 0; i < 4; i++)
      met.push((await addPerson(ctx, { name: `Attendee ${i}`, cadenceDays: 30 })).id);
    await moment(met, "Regional conference", 200);
    // Ten more people due on their own, less overdue: the due list is theirs once the group leaves it.
    for (let i = 0; i < 10; i++) {
      const person = await addPerson(ctx, { name: `Friend ${String(i).padStart(2, "0")}`, cadenceDays: 30 });
      await moment([person.id], "Coffee", 40 + i * 5);
    }

    const everything = await today(ctx, { all: true });
    const agenda = await today(ctx);
    expect(everything.groups.map((g) => g.people.length)).toEqual([4]);
    expect(agenda.groups).toEqual(everything.groups);
    expect(agenda.counts).toEqual(everything.counts);
    expect(agenda.counts.due).toBe(10);
    expect(agenda.due.map((d) => d.person?.name)).toEqual(
      everything.due.slice(0, AGENDA_SIZE).map((d) => d.person?.name),
    );
    expect(agenda.due).toHaveLength(AGENDA_SIZE);
    expect(agenda.due.map((d) => d.person?.name)).not.toContain("Attendee 0");
    await ctx.store.close();
  });
});
