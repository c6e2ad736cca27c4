/**
 * The web app's Import screen takes mail history: an mbox upload shows what became of its messages,
 * the people you write to often, and leads to the Inbox.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { goodwill, signedIn, startServer, useBrowser } from "../e2e/support.js";
import { describeEachDialect } from "../support/stores.js";

useBrowser();

const TAKEOUT = join(dirname(fileURLToPath(import.meta.url)), "../fixtures/capture/takeout.mbox");

describeEachDialect("the web app: importing mail history", (dialect) => {
  it("an mbox uploads, and the report counts the moments, the skipped messages and who you write to", async () => {
    const server = await startServer(dialect, {
      prepare: (store) => {
        goodwill(store, ["person", "add", "Sofía García", "--email", "sofia@example.org"]);
        goodwill(store, ["person", "add", "Liang Chen", "--email", "liang@example.cn"]);
      },
    });
    const { page, problems } = await signedIn(server);
    await page.goto(`${server.url}/import`);
    await page.getByLabel("Choose a file, or drop it here").setInputFiles({
      name: "takeout.mbox",
      mimeType: "application/mbox",
      buffer: readFileSync(TAKEOUT),
    });
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const report = page.getByRole("status", { name: "Import result" });
    await report.waitFor();
    const count = (label: string) =>
      report
        .locator("div", { has: page.locator("dt", { hasText: label }) })
        .first()
        .locator("dd");
    expect(await count("Messages read").textContent()).toBe("10");
    // Sofía's message, Ana's to 40 people Sofía is among, and Liang's two.
    expect(await count("Moments logged").textContent()).toBe("4");
    expect(await count("From mailing lists").textContent()).toBe("1");
    expect(await count("From no-reply senders").textContent()).toBe("1");
    const frequent = report.getByRole("region", { name: "People you write to often" });
    expect(await frequent.textContent()).toMatch(/peter@example\.de/);
    expect(await report.getByRole("region", { name: "1 could not be read" }).textContent()).toMatch(
      /message 7/,
    );
    expect(problems).toEqual([]);
  });

  it("a mail file asks for your addresses and how much to keep; the import uses and saves them", async () => {
    const server = await startServer(dialect, {
      prepare: (store) => {
        goodwill(store, ["person", "add", "Sofía García", "--email", "sofia@example.org"]);
      },
    });
    const { page, problems } = await signedIn(server);
    await page.goto(`${server.url}/import`);
    // Not for an address book: the two fields appear with a mail file.
    await page.getByLabel("Choose a file, or drop it here").setInputFiles({
      name: "people.vcf",
      mimeType: "text/vcard",
      buffer: Buffer.from("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoe\r\nEND:VCARD\r\n"),
    });
    expect(await page.getByLabel("Your email addresses").count()).toBe(0);
    // (the box now names the file chosen: the input is found by its type)
    await page.locator('input[type="file"]').setInputFiles({
      name: "takeout.mbox",
      mimeType: "application/mbox",
      buffer: readFileSync(TAKEOUT),
    });
    await page.getByLabel("Your email addresses").fill("ana@example.com");
    await page.getByLabel("Keep from each message").selectOption({ label: "The subject only" });
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const report = page.getByRole("status", { name: "Import result" });
    await report.waitFor();
    expect(await report.textContent()).toContain("Your addresses: ana@example.com.");
    expect(await report.textContent()).toContain("Body text kept: none.");
    // Sofía's moment keeps its subject and no words of the message.
    const sofia = JSON.parse(goodwill(server.storeUrl, ["show", "Sofía", "--json"]));
    const moments = (sofia.timeline as { type: string; fields: { notes?: string | null } }[]).filter(
      (item) => item.type === "moment",
    );
    expect(moments.length).toBeGreaterThan(0);
    expect(moments.map((m) => m.fields.notes)).toEqual(moments.map(() => null));
    // Both are saved: the next import, from the command line, uses them without being told.
    const again = goodwill(server.storeUrl, ["import", TAKEOUT]);
    expect(again).toContain("Your addresses (saved): ana@example.com.");
    expect(again).toContain("Body text kept: none");
    expect(problems).toEqual([]);
  });
});
