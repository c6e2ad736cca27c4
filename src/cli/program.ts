/**
 * The `goodwill` command line: global options, the commands, and one place where every error
 * becomes a message and an exit code. Runs in-process, so tests call it directly. Only the command
 * file of the command that runs is loaded (help and unknown commands load them all).
 */
import { Command, CommanderError } from "commander";
import { RECORD_KINDS } from "../contract/record-kind.js";
import { GoodwillError } from "../errors.js";
import { asGoodwillError } from "../storage/store-errors.js";
import { EXIT_CODES } from "./exit-codes.js";
import { forTerminal } from "./output.js";
import type { CliIo } from "./runtime.js";

export const VERSION = "0.1.0";

type Register = (program: Command, io: CliIo) => void;

/**
 * Every command file, in the order the full program registers them (help lists commands in this
 * order), with the top-level commands it defines or adds verbs to. A file that extends another's
 * noun comes after it. test/cli/help.test.ts checks each command against the full program.
 */
const COMMAND_FILES: readonly { commands: readonly string[]; load(): Promise<Register> }[] = [
  {
    commands: ["init", "person", "dept", "show", "score", "note"],
    load: async () => (await import("./commands/people.command.js")).registerPeopleCommands,
  },
  {
    commands: ["org", "tags"],
    load: async () => (await import("./commands/organizations.command.js")).registerOrganizationCommands,
  },
  {
    commands: ["log", "gave", "received", "thank", "ledger"],
    load: async () => (await import("./commands/ledger.command.js")).registerLedgerCommands,
  },
  {
    commands: ["ask", "asks", "promise", "promises", "done"],
    load: async () => (await import("./commands/asks.command.js")).registerAskCommands,
  },
  {
    commands: ["need", "needs", "offer", "offers"],
    load: async () => (await import("./commands/needs-offers.command.js")).registerNeedOfferCommands,
  },
  {
    commands: ["intro", "intros"],
    load: async () => (await import("./commands/introductions.command.js")).registerIntroductionCommands,
  },
  { commands: ["map"], load: async () => (await import("./commands/map.command.js")).registerMapCommand },
  {
    commands: ["events", "event"],
    load: async () => (await import("./commands/events.command.js")).registerEventCommands,
  },
  {
    commands: ["today", "suggest", "week", "search"],
    load: async () => (await import("./commands/agenda.command.js")).registerAgendaCommands,
  },
  {
    commands: ["import", "export"],
    load: async () => (await import("./commands/transfer.command.js")).registerTransferCommands,
  },
  {
    commands: ["inbox"],
    load: async () => (await import("./commands/inbox.command.js")).registerInboxCommands,
  },
  { commands: ["demo"], load: async () => (await import("./commands/demo.command.js")).registerDemoCommand },
  {
    commands: ["serve", "user", "token", "login"],
    load: async () => (await import("./commands/server.command.js")).registerServerCommands,
  },
  {
    commands: ["remind"],
    load: async () => (await import("./commands/reminders.command.js")).registerReminderCommands,
  },
  {
    commands: ["forwarding"],
    load: async () => (await import("./commands/forwarding.command.js")).registerForwardingCommand,
  },
  {
    // `person dupes` and `person distinct`
    commands: ["person"],
    load: async () => (await import("./commands/duplicates.command.js")).registerDuplicateCommands,
  },
  {
    // Last: it adds edit, rm and undo verbs to the nouns registered above.
    // Every record kind is a noun of the CLI but own-offer: my own offers are corrected as `offer`.
    commands: [...RECORD_KINDS.filter((kind) => kind !== "own-offer"), "undo", "imports", "import"],
    load: async () => (await import("./commands/corrections.command.js")).registerCorrectionCommands,
  },
];

/** The global options that take a value: skipped (with it) when looking for the command's name. */
const VALUE_OPTIONS = new Set(["--db", "--as"]);

/**
 * The command files a command line needs: the one command's files when the line names a known
 * command after global options only, none for a bare --version, and all of them otherwise (help,
 * an unknown command or option: commander lists or suggests among every command).
 */
export function commandFilesFor(line: readonly string[]): readonly (typeof COMMAND_FILES)[number][] {
  if (line.length === 1 && (line[0] === "--version" || line[0] === "-V")) return [];
  for (let i = 0; i < line.length; i++) {
    const word = line[i] as string;
    if (VALUE_OPTIONS.has(word)) {
      i++;
      continue;
    }
    if (word === "--json" || /^--(db|as)=/.test(word)) continue;
    if (word.startsWith("-")) break;
    const files = COMMAND_FILES.filter((f) => f.commands.includes(word));
    return files.length > 0 ? files : COMMAND_FILES;
  }
  return COMMAND_FILES;
}

/** The program with the commands a command line needs (see commandFilesFor). */
export async function buildProgram(io: CliIo, json: boolean, line: readonly string[]): Promise<Command> {
  const registers = await Promise.all(commandFilesFor(line).map((f) => f.load()));
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
  for (const register of registers) register(program, io);
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
    await (await buildProgram(io, json, line)).parseAsync(line, { from: "user" });
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
      // `gave Ann a coffee`: the words of a summary typed without quotes
      const hint =
        error.code === "commander.excessArguments"
          ? 'Text with spaces is one argument in quotes, as in goodwill gave Ann "a coffee".'
          : null;
      if (json) {
        // help shown because a command group was given no command ("goodwill person")
        const words = line.filter((a) => !a.startsWith("-")).join(" ");
        const message =
          error.code === "commander.help"
            ? `"goodwill ${words}" needs a command: see goodwill ${words} --help.`
            : `${error.message.replace(/^error: /, "")}${hint ? ` ${hint}` : ""}`;
        io.err(`${JSON.stringify({ error: { code: "usage", message } })}\n`);
      } else if (hint) io.err(`${hint}\n`);
      return EXIT_CODES.usage;
    }
    const failure = asGoodwillError(
      error,
      `Something went wrong inside Goodwill: ${(error as Error)?.stack ?? String(error)}`,
    );
    if (json) io.err(`${JSON.stringify(failure.toJSON())}\n`);
    else io.err(`goodwill: ${forTerminal(failure.message, false)}\n`);
    return EXIT_CODES[failure.code];
  }
}
