import { expect, it } from "vitest";
import { describeEachDialect } from "../support/stores.js";
import { goodwill, signedIn, startServer, useBrowser, withDemo } from "./support.js";

useBrowser();

describeEachDialect("the web app: Search", (dialect) => {
  it("/ opens it from anywhere; hits say whose they are, mark the words, link to the person, and the address keeps the query", async () => {
    const server = await startServer(dialect, { prepare: withDemo });
    const { page, problems } = await signedIn(server);
    await page.goto(`${server.url}/people`);
    await page.getByRole("link", { name: "Raj Patel" }).waitFor();
    await page.keyboard.press("/");
    await page.getByRole("heading", { name: "Search", level: 1 }).waitFor();
    // the cursor is in the box
    await expect.poll(() => page.evaluate("document.activeElement?.getAttribute('type')")).toBe("search");

    await page.keyboard.type("passw");
    await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe("passw");
    const results = page.getByRole("list", { name: "Results" });
    await results.waitFor();
    const raj = results.getByRole("listitem").filter({ hasText: "Reset my password, again" }).first();
    expect(await raj.getByRole("link").textContent()).toBe("Raj Patel");
    expect(await raj.locator("mark").allTextContents()).toEqual(["password"]);
    expect(await raj.locator(".badge").textContent()).toBe("Ledger");

    await page.reload();
    await results.waitFor();
    expect(await page.getByLabel("Search everything", { exact: true }).inputValue()).toBe("passw");
    await results.getByRole("link", { name: "Raj Patel" }).first().click();
    await page.getByRole("heading", { name: "Raj Patel", level: 1 }).waitFor();
    await page.goBack();
    await results.waitFor();

    await page.getByLabel("Search everything", { exact: true }).fill("nothing-is-called-this");
    await page.getByText("Nothing found for “nothing-is-called-this”.").waitFor();
    expect(problems).toEqual([]);
  });

  it("/ and L do nothing while a dialog is open: what it holds is kept", async () => {
    const server = await startServer(dialect, { prepare: withDemo });
    const { page, problems } = await signedIn(server);
    await page.goto(`${server.url}/people`);
    await page.getByRole("button", { name: "Add a person" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a person" });
    await dialog.getByLabel("Name").fill("Ada Lovelace");
    await dialog.getByRole("heading").click();
    await page.keyboard.press("/");
    await page.keyboard.press("l");
    expect(new URL(page.url()).pathname).toBe("/people");
    expect(await page.getByRole("dialog").count()).toBe(1);
    expect(await dialog.getByLabel("Name").inputValue()).toBe("Ada Lovelace");
    expect(problems).toEqual([]);
  });

  it("a note's own brackets and markup stay text; only the matched words are marked", async () => {
    const server = await startServer(dialect, {
      prepare: (url) => {
        goodwill(url, ["person", "add", "Ann Lee"]);
        goodwill(url, ["note", "Ann Lee", "Todo [x] <b>bring</b> the Zürich deck"]);
      },
    });
    const { page, problems } = await signedIn(server);
    await page.goto(`${server.url}/search?q=zurich`);
    const hit = page.getByRole("list", { name: "Results" }).getByRole("listitem").first();
    await hit.waitFor();
    expect(await hit.locator(".search-snippet").textContent()).toBe("Todo [x] <b>bring</b> the Zürich deck");
    expect(await hit.locator("mark").allTextContents()).toEqual(["Zürich"]);
    expect(await page.locator("main b").count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it("shows the best 30, then more on request", async () => {
    const server = await startServer(dialect, {
      prepare: (url) => {
        goodwill(url, ["person", "add", "Ann Lee"]);
        for (let i = 1; i <= 35; i++) goodwill(url, ["note", "Ann Lee", `Alpha note ${i}`]);
      },
    });
    const { page, problems } = await signedIn(server);
    await page.goto(`${server.url}/search?q=alpha`);
    const results = page.getByRole("list", { name: "Results" });
    await results.waitFor();
    expect(await results.getByRole("listitem").count()).toBe(30);
    await page.getByText("30 results (the best 30)").waitFor();
    await page.getByRole("button", { name: "Show more results" }).click();
    await expect.poll(() => results.getByRole("listitem").count()).toBe(35);
    expect(await page.getByRole("button", { name: "Show more results" }).count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
