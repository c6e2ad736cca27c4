import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { describeEachDialect } from "../support/stores.js";
import { goodwill, signedIn, startServer, useBrowser, withDemo } from "./support.js";

useBrowser();

/** The names of the rows the People list shows right now (only the rendered window). */
function shownNames(page: Page): Promise<string[]> {
  return page.getByRole("list", { name: "People" }).locator("li a.name").allTextContents();
}

/** The names shown once the address has `param=value` and the list is fetching nothing. */
async function settledNames(page: Page, param: string, value: string, count?: number): Promise<string[]> {
  await expect.poll(() => new URL(page.url()).searchParams.get(param)).toBe(value);
  const list = page.getByRole("list", { name: "People" });
  await expect.poll(() => list.getAttribute("aria-busy")).toBe("false");
  await expect.poll(() => page.getByText("updating…").count()).toBe(0);
  // and every row of the new order is on screen (once in CI, none was yet when the list said it was
  // not busy: the rows' page may not have started its request)
  if (count !== undefined) await expect.poll(async () => (await shownNames(page)).length).toBe(count);
  return shownNames(page);
}

/** A CSV of `count` people named "Seed 00001"…, imported in one command. */
function seedPeople(storeUrl: string, count: number): void {
  const dir = mkdtempSync(join(tmpdir(), "goodwill-people-"));
  const rows = ["Name,Organization,Email"];
  for (let i = 1; i <= count; i++) {
    const n = String(i).padStart(5, "0");
    rows.push(`Seed ${n},Seed Co ${i % 7},seed${n}@example.com`);
  }
  const file = join(dir, "people.csv");
  writeFileSync(file, `${rows.join("\n")}\n`);
  goodwill(storeUrl, ["import", file]);
}

describeEachDialect("the web app: People", (dialect) => {
  it("adds a person through the form and opens their page", async () => {
    const server = await startServer(dialect, { prepare: withDemo });
    const { page, problems } = await signedIn(server);
    await page.goto(`${server.url}/people`);
    await page.getByRole("button", { name: "Add a person" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a person" });
    await dialog.getByLabel("Name").fill("Ada Lovelace");
    await dialog.getByLabel("Organization (optional)").fill("Analytical Engines");
    await dialog.getByLabel("Email (optional)").fill("ada@engines.example");
    // A tag longer than a tag may be: the server's message stands beside the Tags field.
    const tags = dialog.getByLabel("Tags (optional, separated by commas)");
    await tags.fill(`math, ${"m".repeat(150)}`);
    await dialog.getByRole("button", { name: "Add", exact: true }).click();
    await dialog.getByText("Tag 2 is too long: at most 100 characters.").waitFor();
    expect(await tags.getAttribute("aria-invalid")).toBe("true");
    expect(await dialog.locator(`[id="${await tags.getAttribute("aria-describedby")}"]`).textContent()).toBe(
      "Tag 2 is too long: at most 100 characters.",
    );
    await tags.fill("math, mentor");
    await dialog.getByRole("button", { name: "Add", exact: true }).click();
    await page.getByRole("heading", { name: "Ada Lovelace", level: 1 }).waitFor();
    expect(page.url()).toMatch(/\/people\/[0-9a-f-]{36}$/);
    const profile = page.getByRole("region", { name: "Profile" });
    expect(await profile.getByText("Analytical Engines").count()).toBe(1);
    expect(await profile.getByRole("link", { name: "mentor" }).count()).toBe(1);
    // the store has her too
    const shown = JSON.parse(goodwill(server.storeUrl, ["--json", "show", "Ada Lovelace"]));
    expect(shown.person.emails).toEqual(["ada@engines.example"]);
    expect(shown.person.tags).toEqual(["math", "mentor"]);
    // the browser logs the refused request, and nothing else went wrong
    expect(problems).toEqual([expect.stringMatching(/status of 422/)]);
  });

  it("search as you type and the filters narrow the list, and the address keeps them", async () => {
    const server = await startServer(dialect, { prepare: withDemo });
    const { page, problems } = await signedIn(server);
    await page.goto(`${server.url}/people`);
    await page.getByRole("link", { name: "Raj Patel" }).waitFor();
    const filters = page.getByRole("search", { name: "Find people" });
    const everyone = (await shownNames(page)).length;
    expect(everyone).toBeGreaterThan(5);

    await filters.getByLabel("Search by name").fill("pat");
    await expect.poll(() => shownNames(page)).toEqual(["Pat Morgan", "Raj Patel"]);
    await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe("pat");
    await page.reload();
    await expect.poll(() => shownNames(page)).toEqual(["Pat Morgan", "Raj Patel"]);
    // what was typed comes back from the address
    expect(await filters.getByLabel("Search by name").inputValue()).toBe("pat");

    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect.poll(async () => (await shownNames(page)).length).toBe(everyone);

    await filters.getByLabel("Department").fill("IT");
    await expect.poll(() => shownNames(page)).toEqual(["Dana Whitfield", "Kevin O'Brien", "Raj Patel"]);
    await filters.getByLabel("Balance").selectOption("overdrawn");
    await expect.poll(() => new URL(page.url()).searchParams.get("label")).toBe("overdrawn");
    const overdrawn = page.getByRole("list", { name: "People" }).getByText("Overdrawn");
    await expect.poll(() => overdrawn.count()).toBe(3);

    // sorted by balance, most overdrawn first; reversed puts the least overdrawn first. Each list is
    // read once the address holds the new choice and no page is still on its way: until then the
    // previous order stays on screen, and a stale list may happen to start with the expected name.
    await filters.getByLabel("Sort by").selectOption("balance");
    const mostOverdrawnFirst = await settledNames(page, "sort", "balance", 3);
    expect(mostOverdrawnFirst).toHaveLength(3);
    await filters.getByLabel("Order").selectOption("desc");
    const leastOverdrawnFirst = await settledNames(page, "order", "desc", 3);
    // (equal balances keep their order by name, so only the ends are sure to swap)
    expect(leastOverdrawnFirst).toHaveLength(3);
    expect(leastOverdrawnFirst[0]).toBe(mostOverdrawnFirst[2]);
    expect(leastOverdrawnFirst[2]).not.toBe(mostOverdrawnFirst[2]);

    await filters.getByLabel("Search by name").fill("nobody-has-this-name");
    await page.getByText("No one matches these filters.").waitFor();
    await page.getByRole("button", { name: "Clear filters" }).first().click();
    await expect.poll(async () => (await shownNames(page)).length).toBe(everyone);
    expect(new URL(page.url()).searchParams.get("label")).toBeNull();
    expect(problems).toEqual([]);
  });

  it("the Organization, Department and Tag filters offer the store's names to pick, and a pick narrows the list", async () => {
    const server = await startServer(dialect, { prepare: withDemo });
    const { page, problems } = await signedIn(server, 390, 800);
    await page.goto(`${server.url}/people`);
    await page.getByRole("link", { name: "Raj Patel" }).waitFor();
    const filters = page.getByRole("search", { name: "Find people" });
    /** what the field's <datalist> offers: each name with what the browser shows beside it */
    const offered = async (label: string) => {
      const list = await filters.getByLabel(label, { exact: true }).getAttribute("list");
      const options = page.locator(`datalist[id="${list}"] option`);
      await expect.poll(() => options.count()).toBeGreaterThan(0);
      // (the tests are type-checked without the DOM's types: an option is what it shows here)
      return options.evaluateAll((all) =>
        (all as unknown as { value: string; label: string }[]).map((o) => `${o.value} (${o.label})`),
      );
    };
    expect(await offered("Organization")).toEqual([
      "Brightline Engineering (7 people, mine)",
      "Blik Design Group (1 person)",
      "Cofebuz (1 person)",
    ]);
    expect(await offered("Tag")).toEqual([
      "blog reader (1 person)",
      "blogger (1 person)",
      "family (1 person)",
      "mentor (1 person)",
      "networking (1 person)",
      "proposals (1 person)",
      "SMPS (1 person)",
    ]);
    expect(await offered("Department")).toContain("IT (3 people)");

    // Headless chromium draws no datalist popup, so the pick is made as the popup makes it: the
    // option's value goes into the field (an input event), typed by nobody.
    const pick = async (label: string, value: string) => {
      const field = filters.getByLabel(label, { exact: true });
      expect(await offered(label)).toContainEqual(expect.stringMatching(new RegExp(`^${value} \\(`)));
      await field.fill(value);
    };
    await pick("Tag", "mentor");
    await expect.poll(() => settledNames(page, "tag", "mentor")).toEqual(["Concetta Russo"]);
    await page.getByRole("button", { name: "Clear filters" }).click();
    await pick("Organization", "Cofebuz");
    await expect.poll(() => settledNames(page, "org", "Cofebuz")).toEqual(["Tim Keller"]);
    // the departments offered are those of the organization typed: Cofebuz has none
    const departments = await filters.getByLabel("Department", { exact: true }).getAttribute("list");
    await expect.poll(() => page.locator(`datalist[id="${departments}"] option`).count()).toBe(0);
    await filters.getByLabel("Organization", { exact: true }).fill("Brightline");
    await pick("Department", "IT");
    await expect
      .poll(() => settledNames(page, "dept", "IT"))
      .toEqual(["Dana Whitfield", "Kevin O'Brien", "Raj Patel"]);
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    expect(problems).toEqual([]);
  });

  it("an empty store says so and points to Today's welcome", async () => {
    const server = await startServer(dialect);
    const { page, problems } = await signedIn(server);
    await page.goto(`${server.url}/people`);
    await page.getByText("You have no people yet.").waitFor();
    await page.getByRole("link", { name: "Start on Today" }).click();
    await page.getByRole("heading", { name: "Welcome to Goodwill" }).waitFor();
    expect(problems).toEqual([]);
  });

  it("10,000 people: only a window of rows is rendered, and scrolling to the end reaches the last one", async () => {
    const server = await startServer(dialect, { prepare: (url) => seedPeople(url, 10_000) });
    const { page, problems } = await signedIn(server);
    await page.goto(`${server.url}/people`);
    await page.getByText("10,000 people").waitFor();
    await page.getByRole("link", { name: "Seed 00001" }).waitFor();
    const rendered = await page.getByRole("list", { name: "People" }).locator("li").count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(80);
    // the list is as tall as 10,000 rows although only a few exist
    expect(await page.evaluate("document.documentElement.scrollHeight")).toBeGreaterThan(100_000);

    const last = page.getByRole("link", { name: "Seed 10000" });
    const deadline = Date.now() + 20_000;
    while ((await last.count()) === 0) {
      if (Date.now() > deadline) throw new Error("the last person never showed");
      await page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)");
      await page.waitForTimeout(100);
    }
    await last.waitFor();
    expect(await page.getByRole("list", { name: "People" }).locator("li").count()).toBeLessThan(80);
    expect(await page.getByRole("link", { name: "Seed 00001" }).count()).toBe(0);

    // the table is a window too, and 10,000 are more than one change may touch: no "select all"
    await page.evaluate("window.scrollTo(0, 0)");
    await page.getByRole("button", { name: "Table", exact: true }).click();
    const table = page.getByRole("table", { name: "People" });
    await table.getByRole("link", { name: "Seed 00001" }).waitFor();
    const rows = await table.locator("tbody tr[data-index]").count();
    expect(rows).toBeGreaterThan(5);
    expect(rows).toBeLessThan(80);
    expect(await page.evaluate("document.documentElement.scrollHeight")).toBeGreaterThan(100_000);
    expect(await page.getByRole("checkbox", { name: "Select all 10,000" }).isDisabled()).toBe(true);
    expect(problems).toEqual([]);
  }, 60_000);
});
