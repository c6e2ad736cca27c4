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

  it("with --json a usage error is exactly one JSON document on stderr, and nothing of commander's text", async () => {
    const { run } = cli();
    for (const args of [
      ["person", "list", "--bogus", "--json"],
      ["--json", "gave"],
      ["frobnicate", "--json"],
      ["person", "list", "extra", "--json"],
      ["person", "--json"],
    ]) {
      const result = await run(...args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr.endsWith("\n")).toBe(true);
      const document = JSON.parse(result.stderr);
      expect(Object.keys(document)).toEqual(["error"]);
      expect(document.error.code).toBe("usage");
      expect(document.error.message).not.toMatch(/^error:|Usage:/);
    }
    expect(JSON.parse((await run("person", "list", "--bogus", "--json")).stderr).error.message).toBe(
      "unknown option '--bogus'",
    );
    expect(JSON.parse((await run("person", "--json")).stderr).error.message).toBe(
      '"goodwill person" needs a command: see goodwill person --help.',
    );
  });
});
