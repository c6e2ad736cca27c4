/**
 * A mistake costs one click (issue 10), from the user's side: a one-click action on Today says what
 * it did with an Undo that brings the row back; a timeline item is corrected or deleted in place
 * (and the delete undone); an import is listed under Past imports and undone from there.
 */
import { expect, it } from "vitest";
import { describeEachDialect } from "../support/stores.js";
import { goodwill, signedIn, startServer, useBrowser } from "./support.js";

useBrowser();

const ANN_VCARD = ["BEGIN:VCARD", "VERSION:3.0", "FN:Ann Undoable", "EMAIL:ann@example.com", "END:VCARD"];
const BEN_VCARD = ["BEGIN:VCARD", "VERSION:3.0", "FN:Ben Undoable", "TEL:+1 555 0101", "END:VCARD"];

describeEachDialect("the web app: edit, delete and undo", (dialect) => {
  it("Today: Thanked takes the row away and says so with an Undo; Undo brings it back and the thank-you is owed again", async () => {
    const server = await startServer(dialect, {
      prepare: (url) => {
        goodwill(url, ["person", "add", "Kevin O'Brien"]);
        goodwill(url, ["received", "Kevin O'Brien", "Fixed the printer"]);
      },
    });
    const thanksOwed = () =>
      JSON.parse(goodwill(server.storeUrl, ["--json", "today"])).thanksOwed.length as number;
    expect(thanksOwed()).toBe(1);
    const { page, problems } = await signedIn(server);
    const thanks = page.getByRole("button", { name: "Thanked Kevin O'Brien" });
    await thanks.click();
    await expect.poll(() => thanks.count()).toBe(0);
    const status = page.getByRole("status").filter({ hasText: "Thanked Kevin O'Brien." });
    await status.waitFor();
    await expect.poll(thanksOwed, { timeout: 10_000 }).toBe(0);

    await status.getByRole("button", { name: "Undo" }).click();
    await page.getByRole("status").filter({ hasText: "Undid: " }).waitFor();
    // the row is back, its button has the keyboard's focus, and the thank-you is owed again
    await thanks.waitFor();
    await expect
      .poll(() => page.evaluate("document.activeElement?.getAttribute('aria-label')"), { timeout: 10_000 })
      .toBe("Thanked Kevin O'Brien");
    expect(thanksOwed()).toBe(1);
    expect(JSON.parse(goodwill(server.storeUrl, ["--json", "ledger", "Kevin O'Brien"])).entries).toHaveLength(
      1,
    );

    // an undo cannot be undone twice: the journal says it is already undone
    const undone = JSON.parse(goodwill(server.storeUrl, ["--json", "undo", "--list"])) as {
      entries: { undoneAt: string | null }[];
    };
    expect(undone.entries.filter((e) => e.undoneAt !== null)).toHaveLength(1);
    expect(problems).toEqual([]);
  });

  it("Undo refuses, in the same place, when a later change touched what it would put back", async () => {
    const server = await startServer(dialect, {
      prepare: (url) => {
        goodwill(url, ["person", "add", "Kevin O'Brien"]);
        goodwill(url, ["received", "Kevin O'Brien", "Fixed the printer"]);
      },
    });
    const { page, problems } = await signedIn(server);
    await page.getByRole("button", { name: "Thanked Kevin O'Brien" }).click();
    const status = page.getByRole("status").filter({ hasText: "Thanked Kevin O'Brien." });
    await status.waitFor();
    // meanwhile the thank-you is corrected from the terminal
    const entries = () =>
      JSON.parse(goodwill(server.storeUrl, ["--json", "ledger", "Kevin O'Brien"])).entries as {
        id: string;
        direction: string;
      }[];
    await expect.poll(() => entries().length, { timeout: 10_000 }).toBe(2);
    const thanks = entries().find((e) => e.direction === "gave");
    goodwill(server.storeUrl, ["ledger", "edit", thanks?.id as string, "--summary", "Thanked him in person"]);
    await status.getByRole("button", { name: "Undo" }).click();
    await page.getByRole("status").filter({ hasText: "Cannot undo this change" }).waitFor();
    expect(entries()).toHaveLength(2);
    expect(problems.filter((p) => !p.includes("409"))).toEqual([]);
  });

  it("Today: Got in touch is undone with Ctrl+Z as well", async () => {
    const server = await startServer(dialect, {
      prepare: (url) => {
        goodwill(url, ["person", "add", "Dana Due", "--layer", "15"]);
        goodwill(url, ["log", "Dana Due", "Coffee", "--on", "2026-08-01"]);
      },
    });
    const { page, problems } = await signedIn(server);
    const touched = page.getByRole("button", { name: "Got in touch with Dana Due" });
    await touched.click();
    await page.getByRole("status").filter({ hasText: "Got in touch with Dana Due." }).waitFor();
    await expect.poll(() => touched.count()).toBe(0);
    await page.keyboard.press("Control+z");
    await page.getByRole("status").filter({ hasText: "Undid: " }).waitFor();
    await touched.waitFor();
    expect(problems).toEqual([]);
  });

  it("Person: a give's summary and weight are corrected from the timeline; a deleted moment comes back with Undo", async () => {
    const server = await startServer(dialect, {
      prepare: (url) => {
        goodwill(url, ["person", "add", "Zoe Quinn"]);
        goodwill(url, ["gave", "Zoe Quinn", "Lent my charger"]);
        goodwill(url, ["log", "Zoe Quinn", "Coffee after the offsite", "--channel", "in_person"]);
      },
    });
    const ledger = () => JSON.parse(goodwill(server.storeUrl, ["--json", "ledger", "Zoe Quinn"]));
    const before = ledger();
    const { page, problems } = await signedIn(server);
    const id = JSON.parse(goodwill(server.storeUrl, ["--json", "show", "Zoe Quinn"])).person.id as string;
    await page.goto(`${server.url}/people/${id}`);
    const timeline = page.getByRole("list", { name: "Timeline items" });
    await timeline.waitFor();

    // edit: the form is prefilled; a weight out of range is refused beside the field
    await timeline.getByRole("button", { name: "Edit the give “Lent my charger”" }).click();
    const form = page.getByRole("form", { name: "Edit the give" });
    expect(await form.getByLabel("Summary").inputValue()).toBe("Lent my charger");
    expect(await form.getByLabel("Weight").inputValue()).toBe(String(before.entries[0].weight));
    await form.getByLabel("Summary").fill("Lent my good charger");
    await form.getByLabel("Weight").fill("12");
    await form.getByRole("button", { name: "Save" }).click();
    await form.getByRole("alert").waitFor();
    expect(await form.getByLabel("Weight").getAttribute("aria-invalid")).toBe("true");
    await form.getByLabel("Weight").fill("3");
    await form.getByRole("button", { name: "Save" }).click();
    await timeline.getByText("Lent my good charger").waitFor();
    await timeline.getByText("weight 3").waitFor();
    await page.getByRole("status").filter({ hasText: "Saved the give “Lent my good charger”." }).waitFor();
    const after = ledger();
    expect(after.entries[0].summary).toBe("Lent my good charger");
    expect(after.entries[0].weight).toBe(3);
    // the balance shown is worked out again with the new weight
    expect(after.balance.ratio).not.toBe(before.balance.ratio);
    await expect
      .poll(() => page.getByTestId("balance-ratio").textContent())
      .toBe((after.balance.ratio as number).toFixed(2));

    // delete a moment: asked first, then gone, then back with Undo
    await timeline.getByRole("button", { name: "Delete the moment “Coffee after the offsite”" }).click();
    await page
      .getByRole("alertdialog", { name: "Delete the moment?" })
      .getByRole("button", { name: "Delete" })
      .click();
    await expect.poll(() => timeline.getByText("Coffee after the offsite").count()).toBe(0);
    const status = page
      .getByRole("status")
      .filter({ hasText: "Deleted the moment “Coffee after the offsite”." });
    await status.waitFor();
    await status.getByRole("button", { name: "Undo" }).click();
    await page.getByRole("status").filter({ hasText: "Undid: " }).waitFor();
    await timeline.getByText("Coffee after the offsite").waitFor();
    const shown = JSON.parse(goodwill(server.storeUrl, ["--json", "show", "Zoe Quinn"]));
    expect(shown.timeline.map((t: { summary: string }) => t.summary)).toContain("Coffee after the offsite");
    // the one refusal was the weight of 12, shown beside its field
    expect(problems.filter((p) => !p.includes("422"))).toEqual([]);
  });

  it("Person: a need is deleted in one click and comes back with Undo", async () => {
    const server = await startServer(dialect, {
      prepare: (url) => {
        goodwill(url, ["person", "add", "Zoe Quinn"]);
        goodwill(url, ["need", "Zoe Quinn", "Hiring a designer"]);
      },
    });
    const { page, problems } = await signedIn(server);
    const id = JSON.parse(goodwill(server.storeUrl, ["--json", "show", "Zoe Quinn"])).person.id as string;
    await page.goto(`${server.url}/people/${id}`);
    const needs = page.getByRole("list", { name: "Open needs" });
    await needs.getByRole("button", { name: "Delete the need Hiring a designer" }).click();
    await expect.poll(() => page.getByRole("list", { name: "Open needs" }).count()).toBe(0);
    const status = page.getByRole("status").filter({ hasText: "Deleted the need “Hiring a designer”." });
    await status.getByRole("button", { name: "Undo" }).click();
    await needs.getByText("Hiring a designer").waitFor();
    expect(JSON.parse(goodwill(server.storeUrl, ["--json", "needs"])).needs).toHaveLength(1);
    expect(problems).toEqual([]);
  });

  it("Settings: Recent changes lists the last writes, and Undo there takes one back", async () => {
    const server = await startServer(dialect, {
      prepare: (url) => {
        goodwill(url, ["person", "add", "Zoe Quinn"]);
        goodwill(url, ["gave", "Zoe Quinn", "Lent my charger"]);
      },
    });
    const { page, problems } = await signedIn(server);
    await page.goto(`${server.url}/settings`);
    const recent = page.getByRole("list", { name: "Recent changes" });
    const row = recent.getByRole("listitem").filter({ hasText: "Lent my charger" });
    await row.getByRole("button", { name: /^Undo: / }).click();
    await page.getByRole("status").filter({ hasText: "Undid: " }).waitFor();
    await row.getByText("Undone", { exact: true }).waitFor();
    expect(JSON.parse(goodwill(server.storeUrl, ["--json", "ledger", "Zoe Quinn"])).entries).toHaveLength(0);
    // the person it wrote for is still there: only that one change was undone
    expect(await recent.getByRole("button", { name: /^Undo: / }).count()).toBe(1);
    expect(problems).toEqual([]);
  });

  it("Introductions: the reason is corrected in place; a deleted introduction comes back with Undo", async () => {
    const server = await startServer(dialect, {
      prepare: (url) => {
        goodwill(url, ["person", "add", "Tim"]);
        goodwill(url, ["person", "add", "Concetta"]);
        goodwill(url, ["intro", "Tim", "Concetta", "Tim needs guest writers"]);
      },
    });
    const { page, problems } = await signedIn(server);
    await page.goto(`${server.url}/introductions`);
    const card = page.getByRole("listitem", { name: "Introduction #1: Tim and Concetta" });
    await card.getByRole("button", { name: "Edit the reason for Introduction #1: Tim and Concetta" }).click();
    await card.getByLabel("Why they should meet").fill("Tim needs guest writers; Concetta writes well");
    await card.getByRole("button", { name: "Save the reason" }).click();
    await card.getByText("Tim needs guest writers; Concetta writes well", { exact: true }).waitFor();
    await expect
      .poll(() => page.evaluate("document.activeElement?.textContent"), { timeout: 10_000 })
      .toBe("Edit the reason");

    await card.getByRole("button", { name: "Delete Introduction #1: Tim and Concetta" }).click();
    await card.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
    await expect.poll(() => card.count()).toBe(0);
    const status = page.getByRole("status").filter({ hasText: "Deleted introduction #1: Tim and Concetta." });
    await status.getByRole("button", { name: "Undo" }).click();
    await card.getByText("Tim needs guest writers; Concetta writes well", { exact: true }).waitFor();
    expect(JSON.parse(goodwill(server.storeUrl, ["--json", "intros"])).introductions).toHaveLength(1);
    expect(problems).toEqual([]);
  });

  it("Import: an import shows under Past imports; Undo removes the people it created and marks it undone", async () => {
    const server = await startServer(dialect);
    const { page, problems } = await signedIn(server);
    await page.goto(`${server.url}/import`);
    await page.getByLabel("Choose a file, or drop it here").setInputFiles({
      name: "friends.vcf",
      mimeType: "text/vcard",
      buffer: Buffer.from([...ANN_VCARD, ...BEN_VCARD, ""].join("\r\n")),
    });
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.getByRole("status", { name: "Import result" }).waitFor();

    const past = page.getByRole("list", { name: "Past imports" });
    const row = past.getByRole("listitem").filter({ hasText: "friends.vcf" });
    await row.getByText("2 new people").waitFor();
    await row.getByRole("button", { name: "Undo the import of friends.vcf" }).click();
    await page
      .getByRole("alertdialog", { name: "Undo the import of friends.vcf?" })
      .getByRole("button", { name: "Undo the import" })
      .click();
    await page.getByRole("status").filter({ hasText: "Undid: " }).first().waitFor();
    await row.getByText("Undone", { exact: true }).waitFor();
    expect(await row.getByRole("button", { name: /Undo/ }).count()).toBe(0);

    await page.getByRole("navigation", { name: "Screens" }).getByRole("link", { name: "People" }).click();
    await page.getByRole("heading", { name: "People", level: 1 }).waitFor();
    await expect.poll(() => page.getByText("Ann Undoable").count()).toBe(0);
    expect(await page.getByText("Ben Undoable").count()).toBe(0);
    expect(JSON.parse(goodwill(server.storeUrl, ["--json", "person", "list"])).people).toHaveLength(0);
    expect(problems).toEqual([]);
  });
});
