/**
 * What every screen owes: it fits a 390 px phone without sideways scrolling, each input has a label,
 * user text stays text (never HTML), the keyboard quick log works, and the console stays quiet.
 */
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
  "/import",
  "/search?q=password",
  "/settings",
];
const HOSTILE = `<img src=x onerror="window.__pwned=1">Eve`;

describeEachDialect("every screen of the web app", (dialect) => {
  it("fits 390 px, labels every input and keeps console quiet", async () => {
    const server = await startServer(dialect, {
      prepare: (url) => {
        withDemo(url);
        // an introduction under way: its drafted messages and buttons must fit a phone too
        goodwill(url, ["intro", "Tim", "Concetta", "Tim needs guest writers; Concetta writes about IT"]);
      },
    });
    const raj = JSON.parse(goodwill(server.storeUrl, ["--json", "show", "Raj"])).person.id as string;
    const { page, problems } = await signedIn(server, 390, 844);
    for (const path of [...SCREENS, `/people/${raj}`]) {
      await page.goto(`${server.url}${path}`);
      await page.waitForLoadState("networkidle");
      await page.locator("main h1").first().waitFor();
      // Strings, not functions: the tests are type-checked without the DOM's types.
      const width = await page.evaluate("document.documentElement.scrollWidth");
      expect(width, `${path} scrolls sideways at 390 px`).toBeLessThanOrEqual(390);
      const unlabelled = await page.evaluate(`[...document.querySelectorAll("input, select, textarea")]
        .filter((el) => el.type !== "hidden" && (el.labels?.length ?? 0) === 0
          && !el.getAttribute("aria-label") && !el.getAttribute("aria-labelledby"))
        .map((el) => el.outerHTML.slice(0, 120))`);
      expect(unlabelled, `${path} has inputs without a label`).toEqual([]);
    }
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
    await page.keyboard.press("l");
    const dialog = page.getByRole("dialog", { name: "Log a moment" });
    await dialog.waitFor();
    await dialog.getByRole("combobox", { name: "With" }).fill("conc");
    await dialog.getByRole("option", { name: /Concetta/ }).waitFor({ timeout: 30_000 }); // a search on a busy machine
    await page.keyboard.press("Enter");
    await dialog.getByRole("radio", { name: "They helped me" }).check();
    await dialog.getByLabel("In a few words").fill("Proofread my report");
    await dialog.getByRole("button", { name: "Log it" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByRole("status").filter({ hasText: "Recorded help from Concetta Russo." }).waitFor();

    // the next log is a moment again, not another "they helped me"
    await page.keyboard.press("l");
    await dialog.waitFor();
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
