/**
 * `npm run screenshots`: the pictures in docs/screenshots/, made from the built app on the demo
 * story at a fixed date, so they can be made again whenever a screen changes.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { launchChromium } from "../test/support/chromium.js";

const ROOT = join(import.meta.dirname, "..");
const CLI = join(ROOT, "dist", "goodwill.mjs");
const OUT = join(ROOT, "docs", "screenshots");
const NOW = "2026-11-25T09:00:00Z";

const dir = mkdtempSync(join(tmpdir(), "goodwill-shots-"));
const store = join(dir, "goodwill.db");
const env = { ...process.env, GOODWILL_NOW: NOW, NO_COLOR: "1" };
const demo = spawnSync(process.execPath, [CLI, "--db", store, "demo"], { env, encoding: "utf8" });
if (demo.status !== 0) throw new Error(`goodwill demo failed: ${demo.stderr}`);
// One introduction on its way, so the Introductions screen shows how they move along.
spawnSync(
  process.execPath,
  [
    CLI,
    "--db",
    store,
    "intro",
    "Tim",
    "Concetta",
    "Tim needs guest writers; Concetta writes about IT's quick fixes",
  ],
  { env },
);
const raj = JSON.parse(
  spawnSync(process.execPath, [CLI, "--db", store, "--json", "show", "Raj"], { env, encoding: "utf8" })
    .stdout,
) as { person: { id: string } };

const server = spawn(process.execPath, [CLI, "--db", store, "serve", "--port", "0"], { env });
const loginUrl = await new Promise<string>((resolve, reject) => {
  let output = "";
  server.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    const found = output.match(/(http:\/\/\S+\/api\/v1\/auth\/local\?token=\S+)/)?.[1];
    if (found) resolve(found);
  });
  server.on("exit", (code) => reject(new Error(`goodwill serve exited with ${code}: ${output}`)));
});

const browser = await launchChromium();
const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: "light" });
const page = await context.newPage();
await page.goto(loginUrl);
await page.getByRole("heading", { name: "Today", level: 1 }).waitFor();
mkdirSync(OUT, { recursive: true });

async function shot(
  name: string,
  path: string,
  width: number,
  fullPage: boolean,
  ready?: (p: Page) => Promise<void>,
) {
  await page.setViewportSize({ width, height: width < 500 ? 844 : 860 });
  await page.goto(new URL(path, loginUrl).toString());
  await page.waitForLoadState("networkidle");
  await ready?.(page);
  await page.waitForTimeout(250);
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage });
  console.log(`docs/screenshots/${name}.png`);
}

const person = `/people/${raj.person.id}`;
await shot("today", "/", 1280, false);
await shot("people", "/people", 1280, false);
await shot("person", person, 1280, true, (p) => p.locator("canvas").first().waitFor());
await shot("map", "/map", 1280, false);
await shot("introductions", "/introductions", 1280, false);
await shot("import-export", "/import", 1280, false);
await shot("search", "/search?q=pass", 1280, false, (p) =>
  p.getByRole("list", { name: "Results" }).waitFor(),
);
await shot("settings", "/settings", 1280, false);
await shot("search-phone", "/search?q=pass", 390, false, (p) =>
  p.getByRole("list", { name: "Results" }).waitFor(),
);
await shot("today-phone", "/", 390, false);
await shot("person-phone", person, 390, false);

await browser.close();
server.kill("SIGTERM");
rmSync(dir, { recursive: true, force: true });
