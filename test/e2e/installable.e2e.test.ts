/**
 * Goodwill as an installed app (issue 14): chromium finds it installable (a manifest with its icons,
 * a service worker, a secure origin: http://127.0.0.1 counts), the service worker never stands
 * between the browser and the API or the one-time sign-in link, a new version waits for the user's
 * Reload instead of mixing with the old one, and a text shared into the app opens Log a moment with it.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext } from "playwright-core";
import { afterEach, expect, it } from "vitest";
import { launchChromiumWithProfile } from "../support/chromium.js";
import { describeEachDialect } from "../support/stores.js";
import {
  goodwill,
  type OpenedPage,
  openPage,
  signedIn,
  startServer,
  useBrowser,
  withDemo,
} from "./support.js";

useBrowser();

const SLOW = { timeout: 45_000, interval: 250 };
type Page = OpenedPage["page"];

async function appKeptByServiceWorker(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate("navigator.serviceWorker.controller !== null"), SLOW).toBe(true);
}

let copies: string[] = [];
let closeAfter: BrowserContext[] = [];
afterEach(async () => {
  for (const browser of closeAfter) await browser.close();
  closeAfter = [];
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  copies = [];
});

/** A copy of the build a test may change (inside the checkout, where node finds the dependencies). */
function copyOfTheBuild(): string {
  const dir = mkdtempSync(join(process.cwd(), ".dist-sw-update-"));
  copies.push(dir);
  cpSync(process.env.GOODWILL_DIST ?? join(process.cwd(), "dist"), dir, { recursive: true });
  return dir;
}

describeEachDialect("Goodwill as an installed app", (dialect) => {
  it("chromium finds it installable: manifest, icons, service worker", async () => {
    const server = await startServer(dialect, { prepare: withDemo });
    // A browser with a profile: chromium installs nothing from an incognito context (newContext's).
    const profile = mkdtempSync(join(tmpdir(), "goodwill-profile-"));
    copies.push(profile);
    const browser = await launchChromiumWithProfile(profile, { viewport: { width: 1280, height: 900 } });
    closeAfter.push(browser);
    const page = browser.pages()[0] ?? (await browser.newPage());
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
    });
    await page.goto(server.loginUrl as string);
    await page.getByRole("heading", { name: "Today", level: 1 }).waitFor();
    await appKeptByServiceWorker(page);
    expect(await page.evaluate("navigator.serviceWorker.controller.scriptURL")).toBe(`${server.url}/sw.js`);

    const devtools = await page.context().newCDPSession(page);
    const manifest = (await devtools.send("Page.getAppManifest")) as {
      url: string;
      errors: unknown[];
    };
    expect(manifest.url).toBe(`${server.url}/manifest.webmanifest`);
    expect(manifest.errors).toEqual([]);
    const { installabilityErrors } = await devtools.send("Page.getInstallabilityErrors");
    expect(installabilityErrors).toEqual([]);

    const document = (await (await page.request.get(manifest.url)).json()) as {
      name: string;
      display: string;
      start_url: string;
      icons: { src: string; sizes: string; purpose: string }[];
      share_target: { action: string; method: string; enctype: string; params: Record<string, string> };
    };
    expect(document).toMatchObject({ name: "Goodwill", display: "standalone", start_url: "/" });
    expect(document.icons.map((i) => `${i.sizes} ${i.purpose}`)).toEqual([
      "192x192 any",
      "512x512 any",
      "512x512 maskable",
    ]);
    for (const icon of document.icons) {
      const image = await page.request.get(`${server.url}${icon.src}`);
      expect(image.headers()["content-type"], icon.src).toBe("image/png");
      // a PNG of the size the manifest says (its width and height are bytes 16–23)
      const bytes = await image.body();
      const side = Number(icon.sizes.split("x")[0]);
      expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)], icon.src).toEqual([side, side]);
    }
    expect(document.share_target).toEqual({
      action: "/share",
      method: "GET",
      enctype: "application/x-www-form-urlencoded",
      params: { title: "title", text: "text", url: "url" },
    });

    // The check can say no: the API's documentation page has no manifest.
    await page.goto(`${server.url}/api/docs`);
    const docs = await devtools.send("Page.getInstallabilityErrors");
    expect(docs.installabilityErrors.map((e) => e.errorId)).toContain("no-manifest");
    expect(problems).toEqual([]);
  });

  it("with the service worker in control, the API, the health check and the sign-in link reach the server, and signing in works", async () => {
    const server = await startServer(dialect, { prepare: withDemo });
    const { page } = await signedIn(server);
    await page.getByRole("heading", { name: "Today", level: 1 }).waitFor();
    await appKeptByServiceWorker(page);

    // a screen's address is answered by the service worker; the server's own addresses are not
    const screen = await page.goto(`${server.url}/people`);
    expect(screen?.fromServiceWorker()).toBe(true);
    const used = await page.goto(`${server.url}/api/v1/auth/local?token=not-a-token`);
    expect(used?.status()).toBe(401);
    expect(used?.fromServiceWorker()).toBe(false);
    await page.getByRole("heading", { name: "This sign-in link has been used" }).waitFor();
    const health = await page.goto(`${server.url}/healthz`);
    expect(health?.fromServiceWorker()).toBe(false);
    expect(await health?.json()).toMatchObject({ status: "ok" });
    const openapi = await page.goto(`${server.url}/openapi.json`);
    expect(openapi?.fromServiceWorker()).toBe(false);
    expect(((await openapi?.json()) as { openapi?: string } | undefined)?.openapi).toMatch(/^3\./);

    // Signed out here (the cookie gone), the app asks to sign in; a new one-time link signs in.
    await page.context().clearCookies();
    await server.stop();
    const again = await startServer(dialect, {
      storeUrl: server.storeUrl,
      port: Number(new URL(server.url).port),
    });
    await page.goto(`${again.url}/`);
    await page.getByRole("heading", { name: "Open the sign-in link" }).waitFor();
    await page.goto(again.loginUrl as string);
    await page.waitForURL(`${again.url}/`);
    await page.getByRole("heading", { name: "Today", level: 1 }).waitFor();
  });

  it("a new version waits for Reload: the page keeps its own until the user asks, then shows the new one", async () => {
    const build = copyOfTheBuild();
    const server = await startServer(dialect, { prepare: withDemo, bin: join(build, "goodwill.cjs") });
    const { page } = await signedIn(server);
    await page.getByRole("heading", { name: "Today", level: 1 }).waitFor();
    await appKeptByServiceWorker(page);
    const newVersion = "meta[name='goodwill-build'][content='next']";
    expect(await page.locator(newVersion).count()).toBe(0);

    // An upgrade of the server: a new index.html, and a service worker that keeps it.
    const index = join(build, "web", "index.html");
    writeFileSync(
      index,
      readFileSync(index, "utf8").replace("<head>", `<head><meta name="goodwill-build" content="next">`),
    );
    const worker = join(build, "web", "sw.js");
    const before = readFileSync(worker, "utf8");
    const after = before.replace(/("revision":")[0-9a-f]+(","url":"index\.html")/, "$1next$2");
    expect(after).not.toBe(before);
    writeFileSync(worker, after);

    await page.reload();
    const banner = page.getByRole("status").filter({ hasText: "A new version of Goodwill is ready." });
    await banner.waitFor({ timeout: 45_000 });
    // still the version it started with: no page of one build with scripts of another
    expect(await page.locator(newVersion).count()).toBe(0);
    await page.getByRole("heading", { name: "Today", level: 1 }).waitFor();

    await banner.getByRole("button", { name: "Reload" }).click();
    await expect.poll(() => page.locator(newVersion).count(), SLOW).toBe(1);
    await page.getByRole("heading", { name: "Today", level: 1 }).waitFor();
    expect(await banner.count()).toBe(0);
  });

  it("a text shared into the app opens Log a moment with it; before signing in, once signed in", async () => {
    const server = await startServer(dialect, { prepare: withDemo });
    const shared = `/share?title=${encodeURIComponent("Q3 plan")}&text=&url=${encodeURIComponent("https://example.com/q3")}`;
    // Not signed in yet: the sign-in page first; the one-time link leads to Today, and the log opens.
    const { page } = await openPage(390, 844);
    await page.goto(`${server.url}${shared}`);
    await page.getByRole("heading", { name: "Open the sign-in link" }).waitFor();
    await page.goto(server.loginUrl as string);
    const dialog = page.getByRole("dialog", { name: "Log a moment" });
    await dialog.waitFor();
    expect(await dialog.getByLabel("In a few words").inputValue()).toBe("Q3 plan https://example.com/q3");
    await dialog.getByRole("combobox", { name: "With" }).fill("raj");
    await dialog.getByRole("option", { name: /Raj Patel/ }).waitFor({ timeout: 30_000 });
    await page.keyboard.press("Enter");
    await dialog.getByRole("button", { name: "Log it" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByRole("status").filter({ hasText: "Logged a moment with Raj Patel." }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/");
    const raj = JSON.parse(goodwill(server.storeUrl, ["--json", "show", "Raj"])) as {
      timeline: { type: string; summary: string }[];
    };
    expect(raj.timeline.filter((t) => t.summary === "Q3 plan https://example.com/q3")).toEqual([
      expect.objectContaining({ type: "moment" }),
    ]);

    // Signed in: straight to the log; Cancel leaves it for Today.
    await page.goto(`${server.url}/share?text=${encodeURIComponent("Read this https://example.com/r")}`);
    await dialog.waitFor();
    expect(await dialog.getByLabel("In a few words").inputValue()).toBe("Read this https://example.com/r");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(new URL(page.url()).pathname).toBe("/");
    await page.getByRole("heading", { name: "Today", level: 1 }).waitFor();
  });
});
