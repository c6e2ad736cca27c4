/**
 * Debian's chromium, driven by playwright-core: the browser of the e2e tests, the browser benchmarks
 * and `npm run screenshots` (playwright cannot download its own browsers on these machines).
 */
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium } from "playwright-core";

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

/**
 * Chromium with a profile of its own in `userDataDir` (not an incognito context like
 * `browser.newContext()`): what a user's browser is, e.g. for whether it would install a web app.
 */
export function launchChromiumWithProfile(
  userDataDir: string,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, { ...options, executablePath: CHROMIUM, args: FLAGS });
}
