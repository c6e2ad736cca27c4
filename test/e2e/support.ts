/**
 * End-to-end support: the built `goodwill serve` as a child process on a fresh store (either dialect),
 * and Debian's chromium driven by playwright-core. `npm test` builds dist/ first, so the server and
 * the web app under test are exactly what ships.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";
import { launchChromium } from "../support/chromium.js";
import { freshStoreUrl, type TestDialect } from "../support/stores.js";

const BIN = join(process.env.GOODWILL_DIST ?? join(process.cwd(), "dist"), "goodwill.cjs");
/** The clock of every e2e server: the same day as the other tests' NOW. */
export const E2E_NOW = "2026-11-25T12:00:00.000Z";

export interface RunningServer {
  url: string;
  /** the one-time local-mode sign-in link, or null in team mode */
  loginUrl: string | null;
  storeUrl: string;
  stop(): Promise<void>;
}

const running: ChildProcess[] = [];

function env(storeUrl: string): NodeJS.ProcessEnv {
  return { ...process.env, GOODWILL_DATABASE_URL: storeUrl, GOODWILL_NOW: E2E_NOW, NO_COLOR: "1" };
}

/** Runs a goodwill command against the store, as a user would in a terminal. */
export function goodwill(storeUrl: string, args: string[], input?: string): string {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: env(storeUrl),
    input: input ?? "",
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`goodwill ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout;
}

/**
 * Starts `goodwill serve --port 0` on a fresh store and waits for its address. `port`: that port
 * instead (a server started again where the last one was, as a browser's pages expect it); `bin`:
 * another build of goodwill.cjs (a copy of dist/ a test may change).
 */
export async function startServer(
  dialect: TestDialect,
  options: { storeUrl?: string; prepare?: (storeUrl: string) => void; port?: number; bin?: string } = {},
): Promise<RunningServer> {
  const bin = options.bin ?? BIN;
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`npm run build\` first.`);
  const storeUrl = options.storeUrl ?? (await freshStoreUrl(dialect));
  options.prepare?.(storeUrl);
  const child = spawn(process.execPath, [bin, "serve", "--port", String(options.port ?? 0)], {
    env: env(storeUrl),
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  let output = "";
  const ready = await new Promise<{ url: string; loginUrl: string | null }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`goodwill serve did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = output.match(/listening on (http:\/\/\S+)/)?.[1];
      const team = /team mode|accounts/i.test(output);
      const loginUrl = output.match(/(http:\/\/\S+\/api\/v1\/auth\/local\?token=\S+)/)?.[1] ?? null;
      if (url && (loginUrl || team || output.includes("API reference"))) {
        clearTimeout(timer);
        resolve({ url, loginUrl });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`goodwill serve exited with ${code}:\n${output}`));
    });
  });
  return {
    ...ready,
    storeUrl,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

afterEach(async () => {
  while (running.length > 0) {
    const child = running.pop() as ChildProcess;
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
  }
});

let browser: Browser | undefined;
const contexts: BrowserContext[] = [];

/** One chromium per test file, with the flags these machines need. */
export function useBrowser(): void {
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    while (contexts.length > 0) await (contexts.pop() as BrowserContext).close();
  });
  afterAll(async () => {
    await browser?.close();
  });
}

export interface OpenedPage {
  page: Page;
  /** everything the browser console said at warning level or above, and uncaught errors */
  problems: string[];
}

/**
 * A new browser page (its own cookies) at the given width; console errors are collected. `options`
 * are the context's besides the viewport (e.g. serviceWorkers: "block").
 */
export async function openPage(
  width = 1280,
  height = 900,
  options: Omit<BrowserContextOptions, "viewport"> = {},
): Promise<OpenedPage> {
  if (!browser) throw new Error("call useBrowser() in the test file first");
  const context = await browser.newContext({ ...options, viewport: { width, height } });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  return { page, problems };
}

/** A page signed in to a local-mode server through its one-time link. */
export async function signedIn(
  server: RunningServer,
  width = 1280,
  height = 900,
  options: Omit<BrowserContextOptions, "viewport"> = {},
): Promise<OpenedPage> {
  if (!server.loginUrl) throw new Error("the server is in team mode: it printed no sign-in link");
  const opened = await openPage(width, height, options);
  await opened.page.goto(server.loginUrl);
  await opened.page.waitForURL(`${server.url}/`);
  return opened;
}

/** Loads the demo story into a local store before the server starts. */
export function withDemo(storeUrl: string): void {
  goodwill(storeUrl, ["demo"]);
}
