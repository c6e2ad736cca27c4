/**
 * People over 10,000 people (issue 6: scrolls smoothly; a virtualised list). The browser flings the
 * window from the top of the list to its end in four seconds, moving the scroll position once per
 * animation frame, and records every frame's duration; then it checks that the last person is on
 * screen. Baseline, in the same loop: the same 10,000 names as a plain server-rendered list with no
 * JavaScript at all, flung the same way. Smooth = 95% of frames within 1/30 s.
 * Needs the build (dist/) and Debian's chromium; `npm run bench` builds first.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../test/support/chromium.js";
import { contactAt, ensureContactsFile } from "./contacts-file.js";
import { type Figure, percentile, report } from "./measure.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(ROOT, "dist", "goodwill.cjs");
const DIR = join(ROOT, ".bench", "web");
const STORE = join(DIR, "people-10k.db");
const CONTACTS = join(DIR, "contacts-10k.vcf");
const PLAIN = join(DIR, "people-10k.html");
const PEOPLE = 10_000;
const FLING_MS = 4000;
const ROUNDS = 3;
const SMOOTH_MS = 1000 / 30;

async function prepare(): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  if (!existsSync(STORE)) {
    await ensureContactsFile(CONTACTS, PEOPLE);
    const imported = spawnSync(process.execPath, [CLI, "--db", `${STORE}.partial`, "import", CONTACTS], {
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    });
    if (imported.status !== 0) throw new Error(`goodwill import failed: ${imported.stderr}`);
    spawnSync("mv", [`${STORE}.partial`, STORE]);
    for (const suffix of ["-wal", "-shm"]) rmSync(`${STORE}.partial${suffix}`, { force: true });
  }
  const names = Array.from({ length: PEOPLE }, (_, i) => contactAt(i).displayName).sort((a, b) =>
    a.localeCompare(b),
  );
  const rows = names.map((n) => `<li><b>${n}</b><br><small>organization · department</small></li>`).join("");
  writeFileSync(
    PLAIN,
    `<!doctype html><meta charset="utf-8"><title>plain</title><style>li{height:64px;padding:4px 0}</style><h1>People</h1><ul id="list">${rows}</ul>`,
  );
}

function startServer(): { child: ChildProcess; loginUrl: Promise<string> } {
  const child = spawn(process.execPath, [CLI, "--db", STORE, "serve", "--port", "0"], {
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const loginUrl = new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const found = output.match(/(http:\/\/\S+\/api\/v1\/auth\/local\?token=\S+)/)?.[1];
      if (found) resolve(found);
    });
    child.on("exit", (code) => reject(new Error(`goodwill serve exited with ${code}: ${output}`)));
  });
  return { child, loginUrl };
}

/** Scrolls the window from top to bottom over `ms`, once per frame; returns each frame's duration. */
async function fling(page: Page, ms: number): Promise<number[]> {
  await page.evaluate("window.scrollTo(0, 0)");
  await page.waitForTimeout(200);
  // A string, not a function: tsx would wrap a function in helpers the page does not have.
  return page.evaluate(`new Promise((resolve) => {
    const frames = [];
    let start;
    let last = 0;
    const step = (t) => {
      if (start === undefined) start = t;
      else frames.push(t - last);
      last = t;
      const progress = Math.min(1, (t - start) / ${ms});
      window.scrollTo(0, (document.documentElement.scrollHeight - window.innerHeight) * progress);
      if (progress < 1) requestAnimationFrame(step);
      else resolve(frames);
    };
    requestAnimationFrame(step);
  })`) as Promise<number[]>;
}

function figure(label: string, frames: number[]): Figure {
  return {
    label,
    medianMs: percentile(frames, 0.5),
    p90Ms: percentile(frames, 0.95),
    minMs: Math.min(...frames),
    runs: frames.length,
  };
}

async function main(): Promise<void> {
  if (!existsSync(CLI) || !existsSync(join(ROOT, "dist", "web", "index.html")))
    throw new Error("dist/ is not built: run `npm run build` first.");
  await prepare();
  const browser: Browser = await launchChromium();
  const { child, loginUrl } = startServer();
  try {
    const app = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await app.goto(await loginUrl);
    await app.goto(new URL("/people", app.url()).toString());
    await app.locator("main a[href^='/people/']").first().waitFor();
    const plain = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await plain.goto(`file://${PLAIN}`);

    const appFrames: number[] = [];
    const plainFrames: number[] = [];
    let lastShown = true;
    const settleMs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? ["app", "plain"] : ["plain", "app"];
      for (const which of order) {
        if (which === "app") {
          appFrames.push(...(await fling(app, FLING_MS)));
          // the row at position 10,000 holds a person (a link), not "Loading…"
          const last = app.locator(`li[aria-posinset="${PEOPLE}"] a`);
          const stopped = performance.now();
          await last.waitFor({ timeout: 10_000 }).catch(() => {
            lastShown = false;
          });
          settleMs.push(performance.now() - stopped);
        } else plainFrames.push(...(await fling(plain, FLING_MS)));
      }
    }
    const rendered = await app.locator("main a[href^='/people/']").count();
    const subject = figure("People (virtualised) frame, median / p95", appFrames);
    const baseline = figure("plain 10,000-row page frame, median / p95", plainFrames);
    const slow = appFrames.filter((f) => f > SMOOTH_MS).length / appFrames.length;
    report({
      name: "web-people-scroll",
      subject,
      baseline,
      ratio: subject.p90Ms / baseline.p90Ms,
      target: "p95 frame ≤ 33.3 ms",
      met: subject.p90Ms <= SMOOTH_MS && lastShown,
      notes: {
        "frames over 1/30 s": `${(slow * 100).toFixed(1)}% of ${appFrames.length}`,
        "longest frame": `${Math.max(...appFrames).toFixed(1)} ms (plain page ${Math.max(...plainFrames).toFixed(1)} ms)`,
        "rows in the page after the fling": rendered,
        "last person shown at the end": lastShown ? "yes" : "NO",
        "from the fling's end to the last person on screen": settleMs
          .map((t) => `${t.toFixed(0)} ms`)
          .join(", "),
        "(the p90 column of the table holds the p95 here)": "",
      },
    });
  } finally {
    child.kill("SIGTERM");
    await browser.close();
  }
}

await main();
