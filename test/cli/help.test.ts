import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { buildProgram, commandFilesFor } from "../../src/cli/program.js";
import type { CliIo } from "../../src/cli/runtime.js";
import { cli } from "../support/cli.js";

const io: CliIo = {
  out: () => {},
  err: () => {},
  env: {},
  stdoutIsTTY: false,
  stderrIsTTY: false,
  readStdin: async () => "",
};

/** A command's help and its subcommands' helps, depth first: what a user can see of it. */
function helpTree(command: Command, path = command.name()): string[] {
  return [
    `${path}\n${command.helpInformation()}`,
    ...command.commands.flatMap((sub) => helpTree(sub, `${path} ${sub.name()}`)),
  ];
}

describe("help", () => {
  it("a summary typed without quotes is a usage error that says to quote it, in words and in JSON", async () => {
    const { run } = cli();
    await run("person", "add", "Ann Bell");
    const plain = await run("gave", "Ann", "a", "coffee");
    expect(plain.code).toBe(2);
    expect(plain.stderr).toBe(
      `error: too many arguments for 'gave'. Expected 2 arguments but got 3.\nText with spaces is one argument in quotes, as in goodwill gave Ann "a coffee".\n`,
    );
    const json = await run("gave", "Ann", "a", "coffee", "--json");
    expect(JSON.parse(json.stderr).error.message).toContain("Text with spaces is one argument in quotes");
  });

  it("each command, loaded alone as it runs, is the command the full program shows: same options, arguments and subcommands", async () => {
    const full = await buildProgram(io, false, ["--help"]);
    const names = full.commands.map((c) => c.name());
    expect(names).toEqual(expect.arrayContaining(["gave", "person", "today", "serve", "undo", "moment"]));
    for (const name of names) {
      const alone = await buildProgram(io, false, ["--db", "x.db", "--json", name, "anything"]);
      const command = alone.commands.find((c) => c.name() === name);
      expect(command, name).toBeDefined();
      expect(helpTree(command as Command)).toEqual(
        helpTree(full.commands.find((c) => c.name() === name) as Command),
      );
      // and only what it needs: `gave` does not load the importers, the server or the agenda
      expect(alone.commands.length, name).toBeLessThan(full.commands.length);
    }
  });

  it("loads every command for help, an unknown command or an option it cannot place, and none for --version", () => {
    const all = commandFilesFor(["--help"]).length;
    expect(all).toBeGreaterThan(10);
    expect(commandFilesFor([]).length).toBe(all);
    expect(commandFilesFor(["help", "gave"]).length).toBe(all);
    expect(commandFilesFor(["frobnicate"]).length).toBe(all);
    expect(commandFilesFor(["--bogus", "gave"]).length).toBe(all);
    expect(commandFilesFor(["--version"]).length).toBe(0);
    expect(commandFilesFor(["--db=x.db", "--as", "a@example.com", "gave"]).length).toBe(1);
    // `person` is extended by the duplicates' file (dupes), `ledger` by the corrections' (edit, rm)
    expect(commandFilesFor(["person", "rm"]).length).toBe(2);
    expect(commandFilesFor(["ledger", "rm", "1"]).length).toBe(2);
  });

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
