/**
 * People in bulk (issue 14), from the user's side: the 150 contacts of one event are narrowed to,
 * selected at once, tagged, put in a circle and given a rhythm in one change, and the toast's Undo
 * takes all of it back; Shift+click selects a range, and a delete of the range is undone too. The
 * store is read through the API the web app uses, not through the screen.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { describeEachDialect } from "../support/stores.js";
import { goodwill, type RunningServer, signedIn, startServer, useBrowser } from "./support.js";

useBrowser();

/** `count` people met at one fair ("Guest 001"…), and two others, imported from one vCard file. */
function importGuests(storeUrl: string, count: number): void {
  const cards: string[] = [];
  const card = (name: string, org: string, email: string) =>
    cards.push(
      ["BEGIN:VCARD", "VERSION:3.0", `FN:${name}`, `ORG:${org}`, `EMAIL:${email}`, "END:VCARD"].join("\r\n"),
    );
  for (let i = 1; i <= count; i++) {
    const n = String(i).padStart(3, "0");
    card(`Guest ${n}`, "Expo Hall", `guest${n}@example.com`);
  }
  card("Olga Other", "Elsewhere Ltd", "olga@example.com");
  card("Otto Other", "Elsewhere Ltd", "otto@example.com");
  const file = join(mkdtempSync(join(tmpdir(), "goodwill-bulk-")), "fair.vcf");
  writeFileSync(file, `${cards.join("\r\n")}\r\n`);
  goodwill(storeUrl, ["import", file]);
}

interface ListedPerson {
  person: { name: string; layer: number; cadenceDays: number | null; tags: string[] };
}

/** GET /api/v1/people with the page's session: what the store holds now. */
async function listed(
  page: Page,
  server: RunningServer,
  query: Record<string, string>,
): Promise<{ total: number; people: ListedPerson[] }> {
  const response = await page.request.get(
    `${server.url}/api/v1/people?${new URLSearchParams({ limit: "1000", ...query })}`,
  );
  expect(response.status()).toBe(200);
  return response.json();
}

describeEachDialect("the web app: People in bulk", (dialect) => {
  it("150 people from one event: select all, tag, circle and rhythm in one change; Undo takes it all back", async () => {
    const server = await startServer(dialect, { prepare: (url) => importGuests(url, 150) });
    const { page, problems } = await signedIn(server);
    const before = await listed(page, server, { organization: "Expo Hall" });
    expect(before.total).toBe(150);
    const importedLayer = before.people[0]?.person.layer;
    expect(
      before.people.every((p) => p.person.layer === importedLayer && p.person.cadenceDays === null),
    ).toBe(true);

    await page.goto(`${server.url}/people`);
    await page.getByRole("search", { name: "Find people" }).getByLabel("Organization").fill("Expo Hall");
    await page.getByText("150 people", { exact: true }).waitFor();
    // the compact table, remembered on this device
    await page.getByRole("button", { name: "Table", exact: true }).click();
    const table = page.getByRole("table", { name: "People" });
    await table.getByRole("link", { name: "Guest 001" }).waitFor();
    await page.reload();
    await table.getByRole("link", { name: "Guest 001" }).waitFor();
    expect(await page.getByRole("button", { name: "Table", exact: true }).getAttribute("aria-pressed")).toBe(
      "true",
    );

    await page.getByRole("checkbox", { name: "Select all 150" }).check();
    const bar = page.getByRole("region", { name: /selected/ });
    await bar.getByRole("heading", { name: "150 people selected" }).waitFor();
    // every box shown is ticked, though only a window of the 150 rows exists
    const boxes = table.getByRole("checkbox");
    expect(await boxes.count()).toBeLessThan(150);
    expect(
      await boxes.evaluateAll((all) => all.every((b) => (b as unknown as { checked: boolean }).checked)),
    ).toBe(true);

    await bar.getByRole("button", { name: "Tag, circle, rhythm…" }).click();
    const form = bar.getByRole("form", { name: "Change the selected people" });
    await form.getByLabel("Add the tag").fill("SMPS 2026");
    await form.getByLabel("Circle").selectOption({ label: "Active (50)" });
    await form.getByLabel("Keep in touch").selectOption({ label: "Every 3 months" });
    const saved = page.waitForResponse((r) => r.url().endsWith("/api/v1/people/bulk"));
    await form.getByRole("button", { name: "Change 150 people" }).click();
    expect((await saved).status()).toBe(200);
    const status = page
      .getByRole("status")
      .filter({ hasText: "Changed 150 people: tagged SMPS 2026, circle 50, in touch every 90 days." });
    await status.waitFor();
    // the selection is done with; the table shows what changed
    expect(await bar.count()).toBe(0);
    await expect
      .poll(() => table.getByRole("row", { name: /Guest 001/ }).textContent())
      .toMatch(/Active \(50\)/);

    const tagged = await listed(page, server, { tag: "SMPS 2026" });
    expect(tagged.total).toBe(150);
    expect(tagged.people.every((p) => p.person.layer === 50 && p.person.cadenceDays === 90)).toBe(true);
    expect(tagged.people.every((p) => p.person.name.startsWith("Guest "))).toBe(true);
    const others = await listed(page, server, { organization: "Elsewhere" });
    expect(others.people.map((p) => [p.person.layer, p.person.cadenceDays, p.person.tags])).toEqual([
      [importedLayer, null, []],
      [importedLayer, null, []],
    ]);

    await status.getByRole("button", { name: "Undo" }).click();
    await page.getByRole("status").filter({ hasText: "Undid: " }).waitFor();
    expect((await listed(page, server, { tag: "SMPS 2026" })).total).toBe(0);
    const after = await listed(page, server, { organization: "Expo Hall" });
    expect(after.total).toBe(150);
    expect(after.people.every((p) => p.person.layer === importedLayer && p.person.cadenceDays === null)).toBe(
      true,
    );
    expect(problems).toEqual([]);
  }, 60_000);

  it("Shift+click selects the rows in between; deleting them asks first, and Undo brings them back", async () => {
    const server = await startServer(dialect, { prepare: (url) => importGuests(url, 12) });
    const { page, problems } = await signedIn(server, 390, 844);
    await page.goto(`${server.url}/people`);
    const list = page.getByRole("list", { name: "People" });
    await list.getByRole("link", { name: "Guest 003" }).waitFor();
    await page.getByRole("checkbox", { name: "Select Guest 003" }).check();
    await page.getByRole("checkbox", { name: "Select Guest 007" }).click({ modifiers: ["Shift"] });
    const bar = page.getByRole("region", { name: /selected/ });
    await bar.getByRole("heading", { name: "5 people selected" }).waitFor();
    for (const n of ["003", "004", "005", "006", "007"])
      expect(await page.getByRole("checkbox", { name: `Select Guest ${n}` }).isChecked()).toBe(true);
    expect(await page.getByRole("checkbox", { name: "Select Guest 008" }).isChecked()).toBe(false);
    // Shift+click on a ticked box clears the range back to it
    await page.getByRole("checkbox", { name: "Select Guest 005" }).click({ modifiers: ["Shift"] });
    await bar.getByRole("heading", { name: "2 people selected" }).waitFor();
    await page.getByRole("checkbox", { name: "Select Guest 005" }).click({ modifiers: ["Shift"] });
    await page.getByRole("checkbox", { name: "Select Guest 007" }).click({ modifiers: ["Shift"] });
    await bar.getByRole("heading", { name: "5 people selected" }).waitFor();
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);

    await bar.getByRole("button", { name: "Delete…" }).click();
    await bar.getByText(/Delete 5 people and everything recorded with each/).waitFor();
    expect((await listed(page, server, {})).total).toBe(14);
    await bar.getByRole("button", { name: "Delete 5 people" }).click();
    const status = page.getByRole("status").filter({ hasText: "Deleted 5 people and their history." });
    await status.waitFor();
    await expect.poll(async () => (await listed(page, server, {})).total).toBe(9);
    await expect.poll(() => list.getByRole("link", { name: "Guest 005" }).count()).toBe(0);

    await status.getByRole("button", { name: "Undo" }).click();
    await page.getByRole("status").filter({ hasText: "Undid: " }).waitFor();
    expect((await listed(page, server, {})).total).toBe(14);
    await list.getByRole("link", { name: "Guest 005" }).waitFor();
    expect(problems).toEqual([]);
  }, 60_000);
});
