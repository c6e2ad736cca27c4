import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { cli } from "../support/cli.js";
import { describeEachDialect, type TestDialect } from "../support/stores.js";

async function network(dialect: TestDialect) {
  const c = cli({ dialect });
  await c.run("init", "--name", "Mark", "--org", "Brightline", "--dept", "Projects");
  await c.run("person", "add", "Tim Keller", "--org", "Cofebuz");
  await c.run("person", "add", "Concetta Russo", "--dept", "Operations", "--title", "Operations analyst");
  await c.run("need", "Tim", "Guest writers for a networking series");
  await c.run("offer", "Concetta", "Writes about networking with IT");
  return c;
}

describeEachDialect("introductions, double opt-in", (dialect) => {
  it("proposing drafts a message to each side and stops the introduce suggestion", async () => {
    const { run } = await network(dialect);
    const before = (await run("suggest", "Tim", "--json"))
      .json()
      .suggestions.map((s: { kind: string }) => s.kind);
    expect(before).toContain("introduce");
    const proposed = await run("intro", "Tim", "Concetta", "She writes about networking with IT");
    expect(proposed.code).toBe(0);
    expect(proposed.stdout).toContain(
      "To Tim Keller:\n  Hi Tim, I would like to introduce you to Concetta Russo (Operations analyst at Brightline). Concetta writes about networking with IT, and you are looking for guest writers for a networking series.",
    );
    // Concetta reads her own sentence about what Tim brings, never the one written for Tim.
    expect(proposed.stdout).toContain(
      "To Concetta Russo:\n  Hi Concetta, I would like to introduce you to Tim Keller (Cofebuz). Tim is looking for guest writers for a networking series, and you write about networking with IT.",
    );
    const after = (await run("suggest", "Tim", "--json"))
      .json()
      .suggestions.map((s: { kind: string }) => s.kind);
    expect(after).not.toContain("introduce");
    expect((await run("intros", "--json")).json().introductions[0]).toMatchObject({
      number: 1,
      status: "proposed",
      a: { name: "Tim Keller" },
      b: { name: "Concetta Russo" },
      allowedMoves: ["a_agreed", "b_agreed", "declined"],
    });
  });

  it("made only after both agreed: an early move exits 4 and says which moves are allowed, and writes nothing", async () => {
    const { run } = await network(dialect);
    await run("intro", "Tim", "Concetta", "Networking series");
    const early = await run("intro", "set", "1", "made");
    expect(early.code).toBe(4);
    expect(early.stderr).toContain(
      "Introduction #1 is proposed; it cannot move to made. Allowed: a_agreed, b_agreed, declined. Both sides must agree first",
    );
    expect((await run("ledger", "Tim", "--json")).json().entries).toEqual([]);
    const unknown = await run("intro", "set", "1", "maybe");
    expect(unknown.code).toBe(4);
    await run("intro", "set", "1", "b_agreed");
    expect((await run("intro", "set", "1", "made")).code).toBe(4);
    const both = (await run("intro", "set", "1", "a_agreed", "--json")).json().introduction;
    expect(both).toMatchObject({
      status: "agreed",
      aAgreed: true,
      bAgreed: true,
      allowedMoves: ["made", "declined"],
    });
  });

  it("a made introduction is a give of kind intro to both; a good outcome raises both to weight 5", async () => {
    const { run } = await network(dialect);
    await run("intro", "Tim", "Concetta", "Networking series");
    await run("intro", "set", "1", "a_agreed");
    await run("intro", "set", "1", "b_agreed");
    const made = (await run("intro", "set", "1", "made", "--json")).json().introduction;
    expect(made.status).toBe("made");
    for (const who of ["Tim", "Concetta"]) {
      const { entries } = (await run("ledger", who, "--json")).json();
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ direction: "gave", kind: "intro", weight: 2 });
    }
    const gaveBefore = (await run("ledger", "Tim", "--json")).json().balance.gave;
    const outcome = await run(
      "intro",
      "set",
      "1",
      "made",
      "--outcome",
      "She wrote two posts",
      "--good",
      "--json",
    );
    expect(outcome.json().introduction).toMatchObject({ outcome: "She wrote two posts", outcomeGood: true });
    const tim = (await run("ledger", "Tim", "--json")).json();
    expect(tim.entries[0].weight).toBe(5);
    expect(tim.balance.gave).toBeGreaterThan(gaveBefore);
    expect((await run("ledger", "Concetta", "--json")).json().entries[0].weight).toBe(5);
    // Made is made: it cannot be declined afterwards.
    expect((await run("intro", "set", "1", "declined")).code).toBe(4);
  });

  it("a declined introduction is closed; lists go by status; and the backup keeps introductions", async () => {
    const { run } = await network(dialect);
    await run("person", "add", "Ben Osei", "--dept", "Finance");
    await run("intro", "Tim", "Concetta", "Networking series");
    await run("intro", "Ben", "Tim", "Both run");
    await run("intro", "set", "1", "declined");
    const closed = await run("intro", "set", "1", "a_agreed");
    expect(closed.code).toBe(4);
    expect(closed.stderr).toContain("A declined introduction is closed.");
    const listed = (await run("intros", "--json"))
      .json()
      .introductions.map((i: { number: number }) => i.number);
    expect(listed).toEqual([2, 1]);
    expect((await run("intros", "--status", "declined", "--json")).json().introductions).toHaveLength(1);
    expect((await run("intro", "Tim", "Tim", "Self")).code).toBe(4);

    const first = await run("export", "--format", "json");
    expect(JSON.parse(first.stdout).introductions).toHaveLength(2);
    const file = join(mkdtempSync(join(tmpdir(), "goodwill-intro-")), "backup.json");
    writeFileSync(file, first.stdout);
    const other = cli({ dialect });
    expect((await other.run("import", file)).code).toBe(0);
    expect((await other.run("export", "--format", "json")).stdout).toBe(first.stdout);
  });
});
