/**
 * The `goodwill` command line: global options, the commands, and one place where every error
 * becomes a message and an exit code. Runs in-process, so tests call it directly.
 */
import { Command, CommanderError } from "commander";
import { GoodwillError } from "../errors.js";
import { storeFailure } from "../storage/store-errors.js";
import { registerAgendaCommands } from "./commands/agenda.command.js";
import { registerAskCommands } from "./commands/asks.command.js";
import { registerCorrectionCommands } from "./commands/corrections.command.js";
import { registerDemoCommand } from "./commands/demo.command.js";
import { registerDuplicateCommands } from "./commands/duplicates.command.js";
import { registerEventCommands } from "./commands/events.command.js";
import { registerIntroductionCommands } from "./commands/introductions.command.js";
import { registerLedgerCommands } from "./commands/ledger.command.js";
import { registerMapCommand } from "./commands/map.command.js";
import { registerNeedOfferCommands } from "./commands/needs-offers.command.js";
import { registerOrganizationCommands } from "./commands/organizations.command.js";
import { registerPeopleCommands } from "./commands/people.command.js";
import { registerReminderCommands } from "./commands/reminders.command.js";
import { registerServerCommands } from "./commands/server.command.js";
import { registerTransferCommands } from "./commands/transfer.command.js";
import { EXIT_CODES } from "./exit-codes.js";
import type { CliIo } from "./runtime.js";

export const VERSION = "0.1.0";

function buildProgram(io: CliIo, json: boolean): Command {
  // With --json a usage error is one JSON document on stderr: commander's own text is held back.
  const writeErr = json ? () => {} : (s: string) => io.err(s);
  const program = new Command("goodwill")
    .description(
      "Goodwill: a give-first relationship manager. Keep your people, the moments you share and a private ledger of what was given and received.",
    )
    .version(VERSION)
    .option("--db <path|url>", "the store: an SQLite file path (env: GOODWILL_DATABASE_URL)")
    .option("--json", "print exactly one JSON document (errors as JSON on stderr)")
    .option("--as <email>", "with a direct database, act as this account instead of the local owner")
    .addHelpText(
      "after",
      "\nEnvironment:\n  GOODWILL_DATABASE_URL  the store: a file or postgres:// URL (default $XDG_DATA_HOME/goodwill/goodwill.db)\n  GOODWILL_SERVER_URL    work through a team server's API instead (with GOODWILL_TOKEN, or after goodwill login)\n  GOODWILL_NOW           an ISO time that replaces the clock (demos, tests)\n  NO_COLOR               no colour in the output\n\nExit codes: 0 ok, 1 internal, 2 usage, 3 not found, 4 ambiguous/invalid/conflict/possible duplicate, 5 store unavailable.",
    )
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: (s) => io.out(s), writeErr });
  registerPeopleCommands(program, io);
  registerOrganizationCommands(program, io);
  registerLedgerCommands(program, io);
  registerAskCommands(program, io);
  registerNeedOfferCommands(program, io);
  registerIntroductionCommands(program, io);
  registerMapCommand(program, io);
  registerEventCommands(program, io);
  registerAgendaCommands(program, io);
  registerTransferCommands(program, io);
  registerDemoCommand(program, io);
  registerServerCommands(program, io);
  registerReminderCommands(program, io);
  registerDuplicateCommands(program, io);
  // Last: it adds edit, rm and undo verbs to the nouns registered above.
  registerCorrectionCommands(program, io);
  // Subcommands inherit error handling and output, so usage errors never exit the process.
  const configure = (command: Command) => {
    for (const sub of command.commands) {
      sub.exitOverride().configureOutput({ writeOut: (s) => io.out(s), writeErr });
      configure(sub);
    }
  };
  configure(program);
  return program;
}

/** Runs one command line (without "node" and the script) and returns the exit code. */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  const json = args.includes("--json");
  // commander's `help COMMAND` goes one level deep: `help user rm` is read as `user rm --help`.
  const line = args[0] === "help" && args.length > 2 ? [...args.slice(1), "--help"] : args;
  try {
    // A shell cannot pass U+0000 (exec takes C strings), a caller in-process can; PostgreSQL cannot
    // store it. Refused as the API refuses it, the same on both stores.
    const withNul = line.find((a) => a.includes("\u0000"));
    if (withNul !== undefined)
      throw new GoodwillError(
        "invalid",
        `The argument "${withNul.replaceAll("\u0000", "")}" holds a NUL character (U+0000), which Goodwill does not store. Remove it.`,
      );
    await buildProgram(io, json).parseAsync(line, { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version asked for are not failures; commander has already printed them.
      if (
        error.code === "commander.helpDisplayed" ||
        error.code === "commander.version" ||
        (error.code === "commander.help" && error.exitCode === 0)
      )
        return 0;
      if (json) {
        // help shown because a command group was given no command ("goodwill person")
        const words = line.filter((a) => !a.startsWith("-")).join(" ");
        const message =
          error.code === "commander.help"
            ? `"goodwill ${words}" needs a command: see goodwill ${words} --help.`
            : error.message.replace(/^error: /, "");
        io.err(`${JSON.stringify({ error: { code: "usage", message } })}\n`);
      }
      return EXIT_CODES.usage;
    }
    const failure =
      error instanceof GoodwillError
        ? error
        : (storeFailure(error) ??
          new GoodwillError(
            "internal",
            `Something went wrong inside Goodwill: ${(error as Error)?.stack ?? String(error)}`,
          ));
    if (json) io.err(`${JSON.stringify(failure.toJSON())}\n`);
    else io.err(`goodwill: ${failure.message}\n`);
    return EXIT_CODES[failure.code];
  }
}
