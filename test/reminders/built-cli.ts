/**
 * The built `goodwill` (dist/goodwill.cjs, or $GOODWILL_DIST) as separate processes on a test's
 * store: `remind` as a crontab runs it, `serve` as a server runs, each with its own clock
 * (GOODWILL_NOW) and mail server (GOODWILL_SMTP_URL). Processes still running after a test are killed.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import { waitUntil } from "./support.js";

const BIN = join(process.env.GOODWILL_DIST ?? join(process.cwd(), "dist"), "goodwill.cjs");

const children: ChildProcess[] = [];
const homes: string[] = [];
afterEach(async () => {
  while (children.length > 0) {
    const child = children.pop() as ChildProcess;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    }
  }
  while (homes.length > 0) rmSync(homes.pop() as string, { recursive: true, force: true });
});

/** The environment of a goodwill process on `storeUrl` at `now`: nothing of this process's leaks in. */
export function builtEnv(storeUrl: string, now: number, extra: Record<string, string> = {}) {
  const home = mkdtempSync(join(tmpdir(), "goodwill-remind-"));
  homes.push(home);
  return {
    PATH: process.env.PATH ?? "",
    HOME: home,
    NO_COLOR: "1",
    GOODWILL_DATABASE_URL: storeUrl,
    GOODWILL_NOW: new Date(now).toISOString(),
    ...extra,
  };
}

export interface BuiltProcess {
  child: ChildProcess;
  /** stdout and stderr so far */
  output(): string;
  /** the exit code (null: killed by a signal) */
  exited: Promise<number | null>;
  /** waits until the output matches */
  waitFor(pattern: RegExp): Promise<void>;
  /** sends the signal and waits for the exit */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function startBuilt(args: string[], env: Record<string, string>): BuiltProcess {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build\` first.`);
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let done = false;
  void exited.then(() => {
    done = true;
  });
  return {
    child,
    output: () => output,
    exited,
    waitFor: (pattern) =>
      waitUntil(`goodwill ${args.join(" ")} to print ${pattern}`, () => {
        if (done && !pattern.test(output)) throw new Error(`goodwill ${args.join(" ")} exited:\n${output}`);
        return pattern.test(output);
      }),
    async stop(signal = "SIGTERM") {
      if (!done) child.kill(signal);
      return exited;
    },
  };
}

/** Runs a command to its end: its exit code and what it printed. */
export async function runBuilt(args: string[], env: Record<string, string>) {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build\` first.`);
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    children.push(child);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}
