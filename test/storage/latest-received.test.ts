import { expect, it } from "vitest";
import { recordExchange } from "../../src/app/moments.js";
import { addPerson } from "../../src/app/people.js";
import { resolveCounterpart } from "../../src/app/who.js";
import { latestReceived } from "../../src/storage/exchange.repository.js";
import { describeEachDialect, freshContext, NOW } from "../support/stores.js";

const DAY = 86_400_000;

describeEachDialect("the latest help received, for many at once", (dialect) => {
  it("gives each person's and department's newest received entry; gives are not help received", async () => {
    const ctx = await freshContext(dialect);
    const ann = await addPerson(ctx, { name: "Ann Lee", organization: "Acme", department: "IT" });
    const bo = await addPerson(ctx, { name: "Bo Chen" });
    const cy = await addPerson(ctx, { name: "Cy Park" });
    const annC = await resolveCounterpart(ctx, ann.id);
    const it = await resolveCounterpart(ctx, "dept:IT");
    const log = (who: typeof annC, direction: "gave" | "received", summary: string, daysAgo: number) =>
      recordExchange(ctx, who, { direction, kind: "favor", summary, at: NOW - daysAgo * DAY });
    await log(annC, "received", "Fixed my laptop", 10);
    await log(annC, "received", "Reset my password", 3);
    await log(annC, "gave", "Brought coffee", 1);
    await log(it, "received", "New monitor", 5);
    await log(it, "received", "VPN access", 20);
    await log(await resolveCounterpart(ctx, bo.id), "gave", "Lunch", 2);

    const people = await latestReceived(ctx.db, ctx.ownerId, "person", [ann.id, bo.id, cy.id]);
    expect([...people.entries()].map(([id, l]) => [id, l.summary])).toEqual([[ann.id, "Reset my password"]]);
    expect(people.get(ann.id)?.occurredAt).toBe(new Date(NOW - 3 * DAY).toISOString());
    const departments = await latestReceived(ctx.db, ctx.ownerId, "department", [
      it.kind === "department" ? it.department.id : "",
    ]);
    expect([...departments.values()].map((l) => l.summary)).toEqual(["New monitor"]);
    expect((await latestReceived(ctx.db, ctx.ownerId, "person", [])).size).toBe(0);
  });

  it("asks in batches: more people than one statement takes", async () => {
    const ctx = await freshContext(dialect);
    const ids: string[] = [];
    for (let i = 0; i < 620; i++) ids.push((await addPerson(ctx, { name: `Person ${i}` })).id);
    const last = ids.at(-1) as string;
    await recordExchange(ctx, await resolveCounterpart(ctx, last), {
      direction: "received",
      kind: "favor",
      summary: "Covered my shift",
      at: NOW,
    });
    const found = await latestReceived(ctx.db, ctx.ownerId, "person", ids);
    expect([...found.keys()]).toEqual([last]);
  });
});
