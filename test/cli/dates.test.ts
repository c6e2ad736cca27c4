import { expect, it } from "vitest";
import { cli } from "../support/cli.js";
import { describeEachDialect } from "../support/stores.js";

describeEachDialect("dates read as --on reads them", (dialect) => {
  it("--met-on takes yesterday, '3 days ago' or a date, and refuses the future and years before 1900", async () => {
    const { run } = cli({ dialect, now: "2026-11-25T12:00:00.000Z" });
    const added = await run("person", "add", "Jordan Lee", "--met-on", "3 days ago", "--json");
    expect(added.code).toBe(0);
    expect(added.json().met.on).toBe("2026-11-22");
    expect((await run("person", "edit", "Jordan", "--met-on", "yesterday", "--json")).json().met.on).toBe(
      "2026-11-24",
    );
    const future = await run("person", "edit", "Jordan", "--met-on", "2027-01-01");
    expect(future.code).toBe(4);
    expect(future.stderr).toBe('goodwill: --met-on "2027-01-01" is in the future; log what has happened.\n');
    const old = await run("person", "add", "Ann Old", "--met-on", "1850-06-01");
    expect(old.code).toBe(4);
    expect(old.stderr).toContain('--met-on "1850-06-01" is before 1900; check the year.');
    expect((await run("show", "Ann Old")).code).toBe(3);
    expect((await run("show", "Jordan", "--json")).json().person.met.on).toBe("2026-11-24");
  });

  it("--on refuses a year before 1900 as it refuses the future", async () => {
    const { run } = cli({ dialect });
    await run("person", "add", "Jordan Lee");
    const old = await run("gave", "Jordan", "Coffee", "--on", "1899-12-31");
    expect(old.code).toBe(4);
    expect(old.stderr).toContain("before 1900");
    expect((await run("gave", "Jordan", "Coffee", "--on", "2027-01-01")).code).toBe(4);
    expect((await run("ledger", "Jordan", "--json")).json().balance.entries).toBe(0);
  });

  it("--due takes tomorrow, 'in 3 days', today or a date, and may be in the future", async () => {
    const { run } = cli({ dialect, now: "2026-11-25T12:00:00.000Z" });
    await run("person", "add", "Jordan Lee");
    const due = async (when: string) =>
      (await run("promise", "Jordan", `Send the deck ${when}`, "--due", when, "--json")).json().commitment
        .dueOn;
    expect(await due("tomorrow")).toBe("2026-11-26");
    expect(await due("in 3 days")).toBe("2026-11-28");
    expect(await due("today")).toBe("2026-11-25");
    expect(await due("2027-02-01")).toBe("2027-02-01");
    expect(await due("yesterday")).toBe("2026-11-24");
    const nonsense = await run("promise", "Jordan", "Something", "--due", "next blursday");
    expect(nonsense.code).toBe(4);
    expect(nonsense.stderr).toContain(
      '--due "next blursday" is not a date Goodwill can read; use YYYY-MM-DD, an ISO time, "today", "tomorrow" or "in 3 days".',
    );
  });

  it("person edit's help gives no default for a flag whose default is only for a new person", async () => {
    const { run } = cli({ dialect });
    expect((await run("person", "edit", "--help")).stdout).not.toContain("(default 3)");
    expect((await run("person", "add", "--help")).stdout).toContain("(default 3)");
  });

  it("says 1 entry, not 1 entries", async () => {
    const { run } = cli({ dialect });
    await run("person", "add", "Jordan Lee");
    await run("gave", "Jordan", "Coffee");
    expect((await run("ledger", "Jordan")).stdout).toMatch(/, 1 entry\n/);
  });
});
