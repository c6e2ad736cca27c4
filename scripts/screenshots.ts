/**
 * `npm run screenshots`: the pictures in docs/screenshots/, made from the built app on the demo
 * story at a fixed date, so they can be made again whenever a screen changes. Every screen twice: on
 * a wide screen (1280 px, `name.png`) and on a phone (390 px, `name-phone.png`).
 *
 * `tsx scripts/screenshots.ts --widths 360,768 --out /tmp/shots` makes the same pictures at other
 * widths (`name-360.png`) elsewhere, to look a layout over before a change is committed; it also says
 * which screens scroll sideways; `--dark` makes them in the dark colour scheme.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { parseArgs } from "node:util";
import type { Locator, Page } from "playwright-core";
import { launchChromium } from "../test/support/chromium.js";

const ROOT = join(import.meta.dirname, "..");
const CLI = join(ROOT, "dist", "goodwill.cjs");
const NOW = "2026-11-25T09:00:00Z";

const { values: options } = parseArgs({
  options: { widths: { type: "string" }, out: { type: "string" }, dark: { type: "boolean" } },
});
const OUT = options.out ?? join(ROOT, "docs", "screenshots");
/** [suffix, width]: the committed pair, or the widths asked for */
const WIDTHS: [string, number][] = options.widths
  ? options.widths.split(",").map((w) => [`-${w}`, Number(w)])
  : [
      ["", 1280],
      ["-phone", 390],
    ];

const dir = mkdtempSync(join(tmpdir(), "goodwill-shots-"));
const store = join(dir, "goodwill.db");
const env = { ...process.env, GOODWILL_NOW: NOW, NO_COLOR: "1" };
const cli = (args: string[]) => {
  const run = spawnSync(process.execPath, [CLI, "--db", store, ...args], { env, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`goodwill ${args.join(" ")} failed: ${run.stderr}`);
  return run.stdout;
};
cli(["demo"]);
// One introduction on its way, so the Introductions screen shows how they move along.
cli(["intro", "Tim", "Concetta", "Tim needs guest writers; Concetta writes about IT's quick fixes"]);
const raj = JSON.parse(cli(["--json", "show", "Raj"])) as { person: { id: string } };

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
const context = await browser.newContext({
  viewport: { width: 1280, height: 860 },
  colorScheme: options.dark ? "dark" : "light",
});
const page = await context.newPage();
await page.goto(loginUrl);
await page.getByRole("heading", { name: "Today", level: 1 }).waitFor();
mkdirSync(OUT, { recursive: true });

interface Screen {
  name: string;
  path: string;
  /** the whole page rather than the first screenful (on a wide screen; a phone's bar would cover it) */
  fullPage?: boolean;
  /** only this part of the screen (without the phone's bar, which would cover its foot) */
  part?: (p: Page) => Locator;
  /** a phone's view only (the bar at the bottom) */
  phoneOnly?: boolean;
  ready?: (p: Page) => Promise<unknown>;
  /** done on the screen before the picture (a view chosen, people selected) */
  prepare?: (p: Page) => Promise<unknown>;
}

const view = (name: "List" | "Table") => (p: Page) => p.getByRole("button", { name, exact: true }).click();
const person = `/people/${raj.person.id}`;
const SCREENS: Screen[] = [
  { name: "today", path: "/" },
  { name: "people", path: "/people", prepare: view("List") },
  {
    name: "people-table",
    path: "/people",
    prepare: async (p) => {
      await view("Table")(p);
      await p.getByRole("checkbox", { name: "Select Dana Whitfield" }).check();
      await p.getByRole("checkbox", { name: "Select Kevin O'Brien" }).click({ modifiers: ["Shift"] });
    },
  },
  { name: "person", path: person, fullPage: true, ready: (p) => p.locator(".balance-chart svg").waitFor() },
  {
    name: "person-balance",
    path: person,
    ready: (p) => p.locator(".balance-chart svg").waitFor(),
    part: (p) => p.getByRole("region", { name: "Giving balance" }),
  },
  { name: "duplicates", path: "/people/duplicates" },
  {
    name: "more",
    path: "/",
    phoneOnly: true,
    prepare: (p) =>
      p.getByRole("navigation", { name: "Screens" }).getByRole("button", { name: "More…" }).click(),
  },
  { name: "map", path: "/map" },
  { name: "introductions", path: "/introductions" },
  { name: "import-export", path: "/import" },
  {
    name: "search",
    path: "/search?q=pass",
    ready: (p) => p.getByRole("list", { name: "Results" }).waitFor(),
  },
  { name: "settings", path: "/settings" },
];

const sideways: string[] = [];
for (const [suffix, width] of WIDTHS) {
  await page.setViewportSize({ width, height: width < 500 ? 844 : 860 });
  for (const screen of SCREENS) {
    if (screen.phoneOnly && width >= 500) continue;
    await page.goto(new URL(screen.path, loginUrl).toString());
    await page.waitForLoadState("networkidle");
    await page.locator("main h1").first().waitFor();
    await screen.ready?.(page);
    await screen.prepare?.(page);
    await page.waitForTimeout(250); // fonts and the last layout settle
    const file = join(OUT, `${screen.name}${suffix}.png`);
    if (screen.part) {
      await page.addStyleTag({ content: ".tabbar { display: none !important; }" });
      await screen.part(page).screenshot({ path: file });
    } else await page.screenshot({ path: file, fullPage: (screen.fullPage ?? false) && width >= 500 });
    // (strings, not functions: the scripts are type-checked without the DOM's types)
    const scrollWidth = await page.evaluate<number>("document.documentElement.scrollWidth");
    if (scrollWidth > width) sideways.push(`${screen.name} at ${width} px: ${scrollWidth} px wide`);
    console.log(relative(process.cwd(), file));
  }
  // the table view is remembered: the next width starts from the list again
  await page.evaluate("localStorage.clear()");
}
if (sideways.length > 0) console.log(`Scrolls sideways:\n  ${sideways.join("\n  ")}`);

await browser.close();
server.kill("SIGTERM");
rmSync(dir, { recursive: true, force: true });
