/**
 * What every command shares: the global options (--db, --json, GOODWILL_NOW), opening the store as
 * the local owner, printing a result as text or as one JSON document, and turning errors into the
 * exit codes of DESIGN §4.1. The binary bundles this file with the store, Kysely and commander in
 * one chunk (tsdown.config.ts), so they are imported here directly: an import() of a module of the
 * same chunk would only cost Node one more file to resolve and read.
 */
import { join } from "node:path";
import type { Command } from "commander";
import type { AppContext } from "../app/context.js";
import { GoodwillError } from "../errors.js";
import type { GoodwillService, Resolved } from "../service/goodwill-service.js";
import { journaledService } from "../service/journaled-service.js";
import { ensureLocalOwner } from "../storage/owner.repository.js";
import { openStore, type Store } from "../storage/store.js";
import { colourWanted, forTerminal, loadTextWidths, type Paint, paint, wideTextPending } from "./output.js";

/** Where a command writes, and the environment it reads: the process's, or a test's. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  readStdin(): Promise<string>;
  /** standard input is a terminal: a destructive command may ask before it acts */
  stdinIsTTY?: boolean;
  /** asks a question on the terminal and returns the answer (only when stdinIsTTY) */
  prompt?(question: string): Promise<string>;
  /**
   * Set when the process ends as the command returns (the binary, not a test running many
   * commands): a command then leaves its SQLite store to the process's end (Store.leave) and calls
   * this, and the binary ends with process.exit() so the driver does not checkpoint on close.
   */
  storeLeftOpen?(): void;
}

export interface Globals {
  db?: string;
  json?: boolean;
  server?: string;
  as?: string;
}

/** What a command produced: the JSON document, and how to say it to a person. */
export interface Result {
  json: unknown;
  human(p: Paint, now: number): string;
  /** printed exactly as it is instead of the human text (an exported file on standard output) */
  raw?: string;
}

/** The default store: $XDG_DATA_HOME/goodwill/goodwill.db (~/.local/share/goodwill/goodwill.db). */
export function defaultStorePath(env: Record<string, string | undefined>): string {
  const dataHome =
    env.XDG_DATA_HOME && env.XDG_DATA_HOME !== ""
      ? env.XDG_DATA_HOME
      : // node:os only without HOME: a command's start does not load it
        join(env.HOME || process.getBuiltinModule("node:os").homedir(), ".local", "share");
  return join(dataHome, "goodwill", "goodwill.db");
}

export function storeUrl(globals: Globals, env: Record<string, string | undefined>): string {
  return globals.db || env.GOODWILL_DATABASE_URL || defaultStorePath(env);
}

/** GOODWILL_NOW replaces the clock (demos, tests); anything but an ISO date or time is refused. */
export function clock(env: Record<string, string | undefined>): number {
  const fixed = env.GOODWILL_NOW;
  if (fixed === undefined || fixed === "") return Date.now();
  const at = Date.parse(fixed);
  if (Number.isNaN(at) || !/^\d{4}-\d{2}-\d{2}/.test(fixed)) {
    throw new GoodwillError(
      "usage",
      `GOODWILL_NOW "${fixed}" is not an ISO date or time (e.g. 2026-11-25T09:00:00Z).`,
    );
  }
  return at;
}

/**
 * Runs a command's work with a service — over the local store, or over a team server when
 * GOODWILL_SERVER_URL and a token are set — and prints what it returns. Commander hands actions
 * their arguments and then the command; this wrapper keeps each action a plain async function.
 */
export function act<A extends unknown[]>(
  io: CliIo,
  work: (service: GoodwillService, ...args: A) => Promise<Result>,
) {
  return async (...commanderArgs: unknown[]): Promise<void> => {
    const command = commanderArgs.at(-1) as Command;
    const globals = command.optsWithGlobals<Globals>();
    const now = clock(io.env);
    const connection = await connect(globals, io, now);
    try {
      // The global options come last, for the few commands whose work depends on them.
      const result = await work(connection.service, ...([...commanderArgs.slice(0, -1), globals] as A));
      await print(io, globals, result, now);
    } finally {
      await connection.close();
    }
  };
}

/** Whose data a direct connection acts on: the local owner, or an account named with --as. */
export async function ownerFor(store: Store, globals: Globals, now: number): Promise<string> {
  if (!globals.as) {
    return (await ensureLocalOwner(store.db, new Date(now).toISOString())).id;
  }
  const { findAccount } = await import("../app/accounts.js");
  const account = await findAccount(store.db, globals.as);
  if (!account)
    throw new GoodwillError(
      "not_found",
      `There is no account for ${globals.as} in this store. Add one with "goodwill user add ${globals.as} --password-stdin".`,
    );
  return account.ownerId;
}

/** The service a command talks to: a team server when one is configured, else the local store. */
async function connect(
  globals: Globals,
  io: CliIo,
  now: number,
): Promise<{ service: GoodwillService; close(): Promise<void> }> {
  // A named store is used as it is (remoteSettings says so too): no server to look for.
  if (!globals.db && !io.env.GOODWILL_DATABASE_URL) {
    const { remoteService, remoteSettings } = await import("../service/remote-service.js");
    const remote = await remoteSettings(globals, io.env);
    if (remote) return { service: remoteService(remote), close: async () => {} };
  }
  // A named store wins over a server: say so, or a write meant for the team lands here unseen.
  if (io.env.GOODWILL_SERVER_URL)
    io.err(
      `Note: GOODWILL_SERVER_URL is ignored because ${globals.db ? "--db" : "GOODWILL_DATABASE_URL"} names a store; unset it to use the server.\n`,
    );
  const store = await openStore(storeUrl(globals, io.env));
  try {
    const ownerId = await ownerFor(store, globals, now);
    const ctx: AppContext = { store, db: store.db, ownerId, now };
    const storeLeftOpen = io.storeLeftOpen;
    return {
      service: journaledService(ctx),
      close: async () => {
        if (storeLeftOpen && store.leave()) storeLeftOpen();
        else await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** The person a command names (name, email or id); a department is refused. */
export async function personId(service: GoodwillService, who: string): Promise<string> {
  return personIdOf(await service.resolve(who), who);
}

export function personIdOf(resolved: Resolved, who: string): string {
  if (resolved.kind !== "person")
    throw new GoodwillError("invalid", `"${who}" is a department; this command needs a person.`);
  return resolved.id;
}

export async function print(io: CliIo, globals: Globals, result: Result, now: number): Promise<void> {
  if (globals.json) {
    io.out(`${JSON.stringify(result.json, null, 2)}\n`);
    return;
  }
  if (result.raw !== undefined) {
    io.out(result.raw);
    return;
  }
  const colour = colourWanted(io.env, () => io.stdoutIsTTY);
  const p = await paint(colour);
  let text = result.human(p, now);
  // A table met wide characters or emoji: measure them properly and lay the text out again.
  if (wideTextPending()) {
    await loadTextWidths();
    text = result.human(p, now);
  }
  text = forTerminal(text, colour);
  if (text !== "") io.out(text.endsWith("\n") ? text : `${text}\n`);
}
