import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
import { describeEachDialect } from "../support/stores.js";
import { signedIn, startServer, useBrowser, withDemo } from "./support.js";

useBrowser();

// Three cards; the second has nothing to call the person by, so it is reported and skipped; the
// first has a birthday that does not exist, which is left out with a warning.
const VCARDS = [
  "BEGIN:VCARD",
  "VERSION:3.0",
  "FN:Ann Importer",
  "EMAIL:ann.importer@example.com",
  "ORG:Northwind",
  "BDAY:1975-02-30",
  "END:VCARD",
  "BEGIN:VCARD",
  "VERSION:3.0",
  "N:;;;;",
  "END:VCARD",
  "BEGIN:VCARD",
  "VERSION:3.0",
  "FN:Bruno Importer",
  "TEL:+1 555 0100",
  "END:VCARD",
  "",
].join("\r\n");

describeEachDialect("the web app: import and export", (dialect) => {
  it("a vCard file uploads with a progress bar, the broken record is named in the error report, the rest is in People", async () => {
    const server = await startServer(dialect);
    const { page, problems } = await signedIn(server);
    await page.goto(`${server.url}/import`);
    await page.getByRole("heading", { name: "Import", exact: true }).waitFor();
    // Record every value the progress bar shows, from the moment it appears.
    // (a script string: the tests are typechecked without the DOM's types)
    await page.evaluate(`
      window.progressSeen = [];
      new MutationObserver(() => {
        const bar = document.querySelector("progress");
        const seen = window.progressSeen;
        if (bar && seen[seen.length - 1] !== bar.value) seen.push(bar.value);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    `);
    await page.getByLabel("Choose a file, or drop it here").setInputFiles({
      name: "contacts.vcf",
      mimeType: "text/vcard",
      buffer: Buffer.from(VCARDS),
    });
    await page.getByLabel("Format").selectOption("vcard");
    await page.getByRole("button", { name: "Import", exact: true }).click();

    const report = page.getByRole("status", { name: "Import result" });
    await report.waitFor();
    const seen = await page.evaluate<number[]>("window.progressSeen");
    expect(seen[0]).toBeLessThan(1);
    expect(seen[seen.length - 1]).toBe(1);
    expect(
      await page
        .getByLabel("Uploaded and imported")
        .evaluate((p) => (p as unknown as { value: number }).value),
    ).toBe(1);
    const count = (label: string) => report.locator("div", { has: page.locator("dt", { hasText: label }) });
    expect(await count("New people").locator("dd").textContent()).toBe("2");
    expect(await count("Skipped").locator("dd").textContent()).toBe("1");
    const rows = report.getByRole("table").locator("tbody tr");
    expect(await rows.count()).toBe(1);
    const cells = await rows.first().locator("td").allTextContents();
    expect(cells[0]).toBe("#2");
    expect(Number(cells[1])).toBe(8); // the line where the second card begins
    expect(cells[2]).toMatch(/name/i);
    const warnings = report.getByRole("region", { name: "1 value left out or shortened" });
    expect(await warnings.getByRole("listitem").allTextContents()).toEqual([
      "Record 1 (line 1): birthday 1975-02-30 is not a date: left out",
    ]);

    // The API says the same as People: both imported, the broken one nowhere.
    const listed = await page.evaluate(async () => {
      const response = await fetch("/api/v1/people?q=Importer");
      return ((await response.json()) as { people: { person: { name: string } }[] }).people.map(
        (p) => p.person.name,
      );
    });
    expect(listed.sort()).toEqual(["Ann Importer", "Bruno Importer"]);
    await report.getByRole("link", { name: "See them in People" }).click();
    await page.waitForURL(`${server.url}/people`);
    await page.getByText("Ann Importer").first().waitFor();
    expect(problems).toEqual([]);
  });

  it("a file that is no address book says so, and imports nothing", async () => {
    const server = await startServer(dialect);
    const { page } = await signedIn(server);
    await page.goto(`${server.url}/import`);
    await page.getByLabel("Choose a file, or drop it here").setInputFiles({
      name: "notes.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("Buy milk.\nCall the plumber about the boiler.\n"),
    });
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const alert = page.getByRole("alert").filter({ hasText: "This file is not an address book" });
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Nothing was imported");
    const total = await page.evaluate(
      async () => ((await (await fetch("/api/v1/people")).json()) as { total: number }).total,
    );
    expect(total).toBe(0);
  });

  it("Cancel stops an upload that has not reached the server, says so, and nothing is imported", async () => {
    const server = await startServer(dialect);
    const { page, problems } = await signedIn(server);
    // Hold the upload on its way, as a slow link would; it never reaches the server.
    let held = false;
    await page.route("**/api/v1/import**", () => {
      held = true;
    });
    await page.goto(`${server.url}/import`);
    await page.getByLabel("Choose a file, or drop it here").setInputFiles({
      name: "contacts.vcf",
      mimeType: "text/vcard",
      buffer: Buffer.from(VCARDS),
    });
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect.poll(() => held).toBe(true);
    await page.getByRole("button", { name: "Cancel the upload" }).click();
    const status = page.getByRole("status").filter({ hasText: "contacts.vcf was" });
    await status.waitFor();
    expect(await status.textContent()).toMatch(/cancelled|stopped/);
    expect(await page.getByRole("button", { name: "Cancel the upload" }).count()).toBe(0);
    await page.unroute("**/api/v1/import**");
    const total = await page.evaluate(
      async () => ((await (await fetch("/api/v1/people")).json()) as { total: number }).total,
    );
    expect(total).toBe(0);
    expect(problems).toEqual([]);
  });

  it("an export link downloads the file: vCard 3.0 with the demo's people, and the JSON backup", async () => {
    const server = await startServer(dialect, { prepare: withDemo });
    const { page, problems } = await signedIn(server);
    await page.goto(`${server.url}/import`);
    const [vcard] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download vCard 3.0" }).click(),
    ]);
    expect(vcard.suggestedFilename()).toBe("goodwill.vcf");
    const text = await readFile(await vcard.path(), "utf8");
    expect(text).toContain("BEGIN:VCARD");
    expect(text).toContain("VERSION:3.0");
    expect(text).toContain("Linda Okafor");

    const [backup] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download JSON backup" }).click(),
    ]);
    const json = JSON.parse(await readFile(await backup.path(), "utf8")) as Record<string, unknown>;
    expect(JSON.stringify(json)).toContain("Kevin O'Brien");
    expect(problems).toEqual([]);
  });
});
