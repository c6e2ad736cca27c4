/**
 * What every screen owes: it fits a 360 px and a 390 px phone without sideways scrolling, each input
 * has a label, user text stays text (never HTML), the navigation fits the width (a bar at the bottom
 * of a phone, the header on a wide screen), the keyboard quick log works, and the console stays quiet.
 */
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { describeEachDialect } from "../support/stores.js";
import { goodwill, signedIn, startServer, useBrowser, withDemo } from "./support.js";

useBrowser();

const SCREENS = [
  "/",
  "/people",
  "/people/duplicates",
  "/map",
  "/introductions",
  "/inbox",
  "/import",
  "/search?q=password",
  "/settings",
];
/**
 * Presses L and waits for the quick log. In one CI run (2026-12-04, a busy machine) the second L of
 * the test below went unanswered for 10 s, and it could not be made to happen again here: what the
 * page holds then is printed, and L pressed once more, as a user would. L that never opens the log
 * still fails. (If the log opened late, the second L goes into its name box, which is filled anew.)
 */
async function pressL(page: Page) {
  const dialog = page.getByRole("dialog", { name: "Log a moment" });
  await page.keyboard.press("l");
  try {
    await dialog.waitFor({ timeout: 10_000 });
  } catch {
    const held = await page.evaluate(`({
      url: location.href,
      focus: document.activeElement?.outerHTML.slice(0, 160),
      openDialogs: document.querySelectorAll("dialog[open]").length,
      heading: document.querySelector("h1")?.textContent,
    })`);
    console.warn(`L did not open the quick log in 10 s; the page held ${JSON.stringify(held)}`);
    await page.keyboard.press("l");
    await dialog.waitFor({ timeout: 20_000 });
  }
  return dialog;
}

const HOSTILE = `<img src=x onerror="window.__pwned=1">Eve`;

describeEachDialect("every screen of the web app", (dialect) => {
  it("fits 360 and 390 px, labels every input and keeps console quiet", async () => {
    const server = await startServer(dialect, {
      prepare: (url) => {
        withDemo(url);
        // an introduction under way: its drafted messages and buttons must fit a phone too
        goodwill(url, ["intro", "Tim", "Concetta", "Tim needs guest writers; Concetta writes about IT"]);
      },
    });
    const raj = JSON.parse(goodwill(server.storeUrl, ["--json", "show", "Raj"])).person.id as string;
    const { page, problems } = await signedIn(server, 360, 780);
    // Strings, not functions: the tests are type-checked without the DOM's types.
    const pageWidth = () => page.evaluate<number>("document.documentElement.scrollWidth");
    for (const width of [360, 390]) {
      await page.setViewportSize({ width, height: 800 });
      for (const path of [...SCREENS, `/people/${raj}`]) {
        await page.goto(`${server.url}${path}`);
        await page.waitForLoadState("networkidle");
        await page.locator("main h1").first().waitFor();
        expect(await pageWidth(), `${path} scrolls sideways at ${width} px`).toBeLessThanOrEqual(width);
        const unlabelled = await page.evaluate(`[...document.querySelectorAll("input, select, textarea")]
          .filter((el) => el.type !== "hidden" && (el.labels?.length ?? 0) === 0
            && !el.getAttribute("aria-label") && !el.getAttribute("aria-labelledby"))
          .map((el) => el.outerHTML.slice(0, 120))`);
        expect(unlabelled, `${path} has inputs without a label`).toEqual([]);
      }
      // People's table keeps its columns and scrolls inside its own box, not the page
      await page.goto(`${server.url}/people`);
      await page.getByRole("button", { name: "Table", exact: true }).click();
      const box = page.locator(".people-table-box");
      await page.getByRole("table", { name: "People" }).getByRole("link", { name: "Raj Patel" }).waitFor();
      expect(await pageWidth(), `People's table scrolls the page at ${width} px`).toBeLessThanOrEqual(width);
      expect(
        await box.evaluate((b) => (b as unknown as { scrollWidth: number }).scrollWidth),
      ).toBeGreaterThan(width);
      await page.getByRole("button", { name: "List", exact: true }).click();
      // the person's strength: no part name cut in two
      await page.goto(`${server.url}/people/${raj}`);
      const names = page.locator(".strength-name");
      await names.first().waitFor();
      const cut = await names.evaluateAll((all) =>
        (all as unknown as { textContent: string; getClientRects(): { length: number } }[])
          .filter((n) => n.getClientRects().length > 1)
          .map((n) => n.textContent),
      );
      expect(cut, `part names on two lines at ${width} px`).toEqual([]);
    }
    expect(problems).toEqual([]);
    // nine screens at two widths: over the 30 s default on a busy machine
  }, 60_000);

  it("the navigation: a bar at the bottom of a phone with More… for the other screens, the header on a wide screen", async () => {
    const server = await startServer(dialect, { prepare: withDemo });
    const { page, problems } = await signedIn(server, 360, 780);
    await page.getByRole("heading", { name: "Today", level: 1 }).waitFor();
    const screens = page.getByRole("navigation", { name: "Screens" });
    // one navigation at a time: the phone's bar
    expect(await screens.count()).toBe(1);
    expect(await screens.getByRole("link").allTextContents()).toEqual(["Today", "People", "Search"]);
    const bar = await screens.boundingBox();
    expect((bar?.y ?? 0) + (bar?.height ?? 0)).toBeCloseTo(780, 0);
    expect(await page.getByRole("button", { name: "+ Log" }).isVisible()).toBe(true);
    const more = screens.getByRole("button", { name: "More…" });
    await more.click();
    expect(await more.getAttribute("aria-expanded")).toBe("true");
    // the menu takes the keyboard's focus; Escape gives it back to More…
    await expect.poll(() => page.evaluate("document.activeElement?.textContent")).toBe("Map");
    await page.keyboard.press("Escape");
    expect(await screens.getByRole("link", { name: "Map" }).count()).toBe(0);
    await expect.poll(() => page.evaluate("document.activeElement?.textContent")).toBe("More…");
    await more.click();
    await screens.getByRole("link", { name: "Settings" }).click();
    await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
    // the menu closes once a screen is chosen, and More… says the screen is one of its own
    expect(await screens.getByRole("link", { name: "Map" }).count()).toBe(0);
    expect(await more.getAttribute("class")).toBe("active");
    await screens.getByRole("link", { name: "People" }).click();
    await page.getByRole("heading", { name: "People", level: 1 }).waitFor();

    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await screens.count()).toBe(1);
    expect(await screens.getByRole("link").allTextContents()).toEqual([
      "Today",
      "People",
      "Map",
      "Introductions",
      "Inbox",
      "Import / Export",
      "Search",
      "Settings",
    ]);
    expect((await screens.boundingBox())?.y).toBeLessThan(60);
    expect(problems).toEqual([]);
  });

  it("user text is shown as text, never run as HTML", async () => {
    const server = await startServer(dialect, {
      prepare: (url) => {
        goodwill(url, ["person", "add", HOSTILE, "--org", "<b>Acme</b>"]);
        goodwill(url, ["note", HOSTILE, "<script>window.__pwned=2</script> remember the <i>cake</i>"]);
        goodwill(url, ["gave", HOSTILE, "<img src=x onerror=window.__pwned=3> lunch"]);
      },
    });
    const { page, problems } = await signedIn(server);
    await page.goto(`${server.url}/people`);
    await page.getByRole("link", { name: HOSTILE }).click();
    await page.getByText("remember the <i>cake</i>", { exact: false }).first().waitFor();
    expect(await page.locator("main img[src='x'], main b, main i").count()).toBe(0);
    expect(await page.evaluate("window.__pwned")).toBeUndefined();
    expect(problems).toEqual([]);
  });

  it("the quick log opens with L, completes a name, logs, confirms, and starts the next log afresh", async () => {
    const server = await startServer(dialect, { prepare: withDemo });
    const { page, problems } = await signedIn(server);
    await page.getByRole("heading", { name: "Today", level: 1 }).waitFor();
    const dialog = await pressL(page);
    await dialog.getByRole("combobox", { name: "With" }).fill("conc");
    await dialog.getByRole("option", { name: /Concetta/ }).waitFor({ timeout: 30_000 }); // a search on a busy machine
    await page.keyboard.press("Enter");
    await dialog.getByRole("radio", { name: "They helped me" }).check();
    await dialog.getByLabel("In a few words").fill("Proofread my report");
    await dialog.getByRole("button", { name: "Log it" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByRole("status").filter({ hasText: "Recorded help from Concetta Russo." }).waitFor();

    // the next log is a moment again, not another "they helped me"
    await pressL(page);
    expect(await dialog.getByRole("radio", { name: "We talked or met" }).isChecked()).toBe(true);
    await dialog.getByRole("combobox", { name: "With" }).fill("conc");
    await dialog.getByRole("option", { name: /Concetta/ }).waitFor({ timeout: 30_000 }); // a search on a busy machine
    await page.keyboard.press("Enter");
    await dialog.getByLabel("In a few words").fill("Coffee by the river");
    await dialog.getByRole("button", { name: "Log it" }).click();
    await dialog.waitFor({ state: "hidden" });
    const shown = JSON.parse(goodwill(server.storeUrl, ["--json", "show", "Concetta"]));
    // (both at the same fixed instant: their order in the timeline is not the point)
    const logged = shown.timeline.map((t: { type: string; summary: string }) => `${t.type}: ${t.summary}`);
    expect(logged).toContain("moment: Coffee by the river");
    expect(logged).toContain("received: Proofread my report");
    expect(problems).toEqual([]);
  });
});
