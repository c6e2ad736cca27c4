/**
 * The web app's first screen from a cold server start (issue 6: usable within 1.5 s; its JavaScript
 * under 250 KB gzipped). Each run copies the demo store, starts `goodwill serve` and, in a fresh
 * browser context (empty cache), opens the sign-in link and waits until Today is usable: its heading
 * and the first "Got in touch" button are on screen. Timed from spawning the server.
 * Baseline, in the same loop: a bare node:http server started the same way, answering a fixed page
 * whose only content is a heading; the browser waits for that heading.
 * It also prints what the service worker keeps for offline use (its precache: every file of the app
 * shell, fetched in the background after the first screen has loaded), in entries and KB.
 * Needs the build (dist/) and Debian's chromium; `npm run bench` builds first.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { launchChromium } from "../test/support/chromium.js";
import { report, sampleInterleaved } from "./measure.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(ROOT, "dist", "goodwill.cjs");
const DIR = join(ROOT, ".bench", "web");
const DEMO = join(DIR, "demo.db");
const RUN_STORE = join(DIR, "run.db");
const TARGET_MS = 1500;
const TARGET_KB = 250;
const NOW = "2026-11-25T09:00:00Z";

const BARE_PAGE = `
const http = require("node:http");
const page = "<!doctype html><title>bare</title><h1>Bare page</h1>";
const server = http.createServer((req, res) => {
  res.writeHead(200, { "content-type": "text/html", "content-length": Buffer.byteLength(page) });
  res.end(page);
});
server.listen(0, "127.0.0.1", () => console.log("listening on http://127.0.0.1:" + server.address().port));
`;

function prepareDemo(): void {
  mkdirSync(DIR, { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) rmSync(DEMO + suffix, { force: true });
  const demo = spawnSync(process.execPath, [CLI, "--db", DEMO, "demo"], {
    encoding: "utf8",
    env: { ...process.env, GOODWILL_NOW: NOW, NO_COLOR: "1" },
  });
  if (demo.status !== 0) throw new Error(`goodwill demo failed: ${demo.stderr}`);
}

/** Spawns a server and resolves with the first http:// address it prints matching `pattern`. */
function startProcess(args: string[], pattern: RegExp, env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const address = new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const found = output.match(pattern)?.[1];
      if (found) resolve(found);
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return { child, address };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

let scriptBytes: number[] = [];

/** The files the service worker keeps (the precache list built into dist/web/sw.js), their size raw and gzipped. */
function precacheSize(): { entries: number; kb: number; gzipKb: number } {
  const web = join(ROOT, "dist", "web");
  const worker = readFileSync(join(web, "sw.js"), "utf8");
  const urls = new Set([...worker.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1] as string));
  let bytes = 0;
  let gzipped = 0;
  for (const url of urls) {
    const file = join(web, url);
    bytes += statSync(file).size;
    gzipped += existsSync(`${file}.gz`) ? statSync(`${file}.gz`).size : gzipSync(readFileSync(file)).length;
  }
  return { entries: urls.size, kb: bytes / 1024, gzipKb: gzipped / 1024 };
}

async function openGoodwill(browser: Browser): Promise<void> {
  for (const suffix of ["-wal", "-shm"]) rmSync(RUN_STORE + suffix, { force: true });
  copyFileSync(DEMO, RUN_STORE);
  const { child, address } = startProcess(
    [CLI, "--db", RUN_STORE, "serve", "--port", "0"],
    /(http:\/\/\S+\/api\/v1\/auth\/local\?token=\S+)/,
    { GOODWILL_NOW: NOW },
  );
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const scripts: Promise<number>[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() === "script")
        scripts.push(
          response
            .request()
            .sizes()
            .then((s) => s.responseBodySize),
        );
    });
    await page.goto(await address);
    await page.getByRole("button", { name: "Got in touch" }).first().waitFor({ state: "visible" });
    await page.getByRole("heading", { name: "Today", level: 1 }).waitFor();
    scriptBytes = await Promise.all(scripts);
  } finally {
    await context.close();
    await stop(child);
  }
}

async function openBare(browser: Browser): Promise<void> {
  const { child, address } = startProcess(["-e", BARE_PAGE], /(http:\/\/\S+)/);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(await address);
    await page.getByRole("heading", { name: "Bare page" }).waitFor();
  } finally {
    await context.close();
    await stop(child);
  }
}

async function main(): Promise<void> {
  if (!existsSync(CLI) || !existsSync(join(ROOT, "dist", "web", "index.html")))
    throw new Error("dist/ is not built: run `npm run build` first.");
  prepareDemo();
  const browser = await launchChromium();
  try {
    const [subject, baseline] = await sampleInterleaved(
      [
        { label: "goodwill serve → Today usable", run: () => openGoodwill(browser) },
        { label: "bare node:http → page shown", run: () => openBare(browser) },
      ],
      { warmups: 1, runs: 10 },
    );
    if (!subject || !baseline) throw new Error("no figures");
    const gzipKb = scriptBytes.reduce((a, b) => a + b, 0) / 1024;
    const precache = precacheSize();
    report({
      name: "web-first-screen",
      subject,
      baseline,
      ratio: subject.medianMs / baseline.medianMs,
      target: `≤ ${TARGET_MS} ms; JS < ${TARGET_KB} KB gz`,
      met: subject.medianMs <= TARGET_MS && gzipKb < TARGET_KB,
      notes: {
        "first screen JavaScript (as sent, gzip)": `${gzipKb.toFixed(1)} KB in ${scriptBytes.length} files`,
        "service worker precache (offline app shell)": `${precache.entries} files, ${precache.kb.toFixed(1)} KB (${precache.gzipKb.toFixed(1)} KB gzip)`,
      },
    });
  } finally {
    await browser.close();
  }
}

await main();
