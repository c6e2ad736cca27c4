import { describe, expect, it } from "vitest";
import { cli } from "../support/cli.js";

describe("help", () => {
  it("help COMMAND SUBCOMMAND shows that subcommand's usage, as --help does", async () => {
    const { run } = cli();
    const deep = await run("help", "user", "rm");
    expect(deep.code).toBe(0);
    expect(deep.stdout).toMatch(/^Usage: goodwill user rm/);
    expect(deep.stdout).toBe((await run("user", "rm", "--help")).stdout);
    const one = await run("help", "user");
    expect(one.stdout).toMatch(/^Usage: goodwill user/);
  });
});
