/**
 * Debian's chromium, driven by playwright-core: the browser of the e2e tests, the browser benchmarks
 * and `npm run screenshots` (playwright cannot download its own browsers on these machines).
 */
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM = process.env.GOODWILL_CHROMIUM ?? "/usr/bin/chromium";

/** The flags chromium needs here: no sandbox as root, no GPU, nothing phoning home. */
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}
