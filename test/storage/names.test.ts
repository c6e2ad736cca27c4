import { expect, it } from "vitest";
import { createCommitment } from "../../src/app/commitments.js";
import { addPerson } from "../../src/app/people.js";
import { resolveCounterpart, resolvePerson } from "../../src/app/who.js";
import { listCommitments } from "../../src/storage/commitment.repository.js";
import { describeEachDialect, freshContext } from "../support/stores.js";

describeEachDialect("queries that SQL dialects could answer differently", (dialect) => {
  it("the start of a name with _ or % finds that name only: they are not wildcards", async () => {
    const ctx = await freshContext(dialect);
    await addPerson(ctx, { name: "Team_Lead Bot" });
    await addPerson(ctx, { name: "TeamXLead Person" });
    await addPerson(ctx, { name: "Growth 100% Club" });
    await addPerson(ctx, { name: "Growth 1000 Club" });
    expect((await resolvePerson(ctx, "team_l")).display_name).toBe("Team_Lead Bot");
    expect((await resolvePerson(ctx, "growth 100% c")).display_name).toBe("Growth 100% Club");
  });

  it("promises without a due date come first, then by date and number", async () => {
    const ctx = await freshContext(dialect);
    const ann = await resolveCounterpart(ctx, (await addPerson(ctx, { name: "Ann" })).id);
    for (const [summary, dueOn] of [
      ["later", "2026-12-20"],
      ["someday", null],
      ["sooner", "2026-12-01"],
      ["whenever", null],
    ] as const) {
      await createCommitment(ctx, ann, { summary, dueOn, direction: "i_owe" });
    }
    const rows = await listCommitments(ctx.db, ctx.ownerId, {});
    expect(rows.map((r) => r.summary)).toEqual(["someday", "whenever", "sooner", "later"]);
  });
});
