import { expect, it } from "vitest";
import { cli } from "../support/cli.js";
import { describeEachDialect } from "../support/stores.js";

describeEachDialect("goodwill search", (dialect) => {
  it("cuts at --limit and says how to see more; a limit that is not one is refused", async () => {
    const { run } = cli({ dialect });
    await run("person", "add", "Ann Lee");
    for (let i = 1; i <= 4; i++) await run("note", "Ann Lee", `Alpha note ${i}`);
    const cut = await run("search", "alpha", "--limit", "3");
    expect(cut.code).toBe(0);
    expect(cut.stdout.trim().split("\n")).toHaveLength(4);
    expect(cut.stdout).toContain("(the best 3; --limit 6 shows more)");
    const json = (await run("--json", "search", "alpha", "--limit", "3")).json();
    expect(json.results).toHaveLength(3);
    expect(json.more).toBe(true);
    expect((await run("--json", "search", "alpha")).json().more).toBe(false);
    for (const bad of ["abc", "0", "201"]) {
      const refused = await run("search", "alpha", "--limit", bad);
      expect(refused.code).toBe(4);
      expect(refused.stderr).toContain(`--limit "${bad}" is not a number of results from 1 to 200.`);
    }
  });
});
