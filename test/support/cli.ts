/** Runs the CLI in-process, as a user would type it, with its own environment and captured output. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { freshStoreUrl, type TestDialect } from "./stores.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read JSON documents of many shapes
  json(): any;
}

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length > 0) rmSync(dirs.pop() as string, { recursive: true, force: true });
});

/** A path for a new store file in a temporary directory removed after the test. */
export function tempStorePath(): string {
  const dir = mkdtempSync(join(tmpdir(), "goodwill-cli-"));
  dirs.push(dir);
  return join(dir, "goodwill.db");
}

/**
 * A CLI bound to one store and one clock: `db`, or else a fresh store of `dialect` (SQLite by
 * default), made before the first command runs.
 */
export function cli(
  options: { dialect?: TestDialect; db?: string; now?: string; env?: Record<string, string> } = {},
) {
  const db = options.db ? Promise.resolve(options.db) : freshStoreUrl(options.dialect ?? "sqlite");
  // Failures surface in the first run(); until then the promise must not count as unhandled.
  db.catch(() => {});
  const env: Record<string, string | undefined> = {
    HOME: tmpdir(),
    GOODWILL_NOW: options.now ?? "2026-11-25T12:00:00.000Z",
    NO_COLOR: "1",
    ...options.env,
  };
  const run = async (...args: string[]): Promise<CliRun> => {
    env.GOODWILL_DATABASE_URL ??= await db;
    return runCommand(args, env);
  };
  return { run, db, env };
}

/** One command line in-process, as from a pipe (no TTY, no colour), with `stdin` as its input. */
export async function runCommand(
  args: string[],
  env: Record<string, string | undefined>,
  stdin = "",
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    out: (t) => {
      stdout += t;
    },
    err: (t) => {
      stderr += t;
    },
    env: { NO_COLOR: "1", ...env },
    stdoutIsTTY: false,
    stderrIsTTY: false,
    readStdin: async () => stdin,
  });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}
