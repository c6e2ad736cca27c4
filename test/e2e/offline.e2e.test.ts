/**
 * The web app with its server stopped (issue 14). The server's process is killed, as when a phone
 * leaves the office's network: chromium's offline switch does not reach service workers. The app
 * opens from the service worker's copy, Today and the people opened come from the device's copy of
 * the data ("Offline — as of …"), and the hallway writes wait on the device; a server started again
 * on the same store and port gets each of them once.
 */
import { expect, it } from "vitest";
import { describeEachDialect } from "../support/stores.js";
import {
  goodwill,
  type OpenedPage,
  type RunningServer,
  signedIn,
  startServer,
  useBrowser,
  withDemo,
} from "./support.js";

useBrowser();

/** Polls that wait on the service worker, IndexedDB or a server coming back: room on a busy machine. */
const SLOW = { timeout: 45_000, interval: 250 };

type Page = OpenedPage["page"];

/** The port of a running server, to start the next one where the pages expect it. */
function portOf(server: RunningServer): number {
  return Number(new URL(server.url).port);
}

/** Waits until the service worker (web/src/sw.ts) has kept the app and answers this page's requests. */
async function appKeptByServiceWorker(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate("navigator.serviceWorker.controller !== null"), SLOW).toBe(true);
}

/** The device's copy of the screens' data, as IndexedDB holds it (web/src/offline/persist.ts). */
function deviceCopy(page: Page): Promise<string> {
  return page.evaluate(`(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes("goodwill-cache")) return "";
    return await new Promise((resolve) => {
      const open = indexedDB.open("goodwill-cache");
      open.onerror = () => resolve("");
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains("queries")) { db.close(); return resolve(""); }
        const read = db.transaction("queries").objectStore("queries").get("goodwill.queries");
        read.onsuccess = () => { db.close(); resolve(typeof read.result === "string" ? read.result : ""); };
        read.onerror = () => { db.close(); resolve(""); };
      };
    });
  })()`);
}

/** One person's timeline as the CLI reads it from the store: "type: summary" lines. */
function timelineOf(storeUrl: string, who: string): string[] {
  const shown = JSON.parse(goodwill(storeUrl, ["--json", "show", who])) as {
    timeline: { type: string; summary: string }[];
  };
  return shown.timeline.map((t) => `${t.type}: ${t.summary}`);
}

function times(lines: string[], line: string): number {
  return lines.filter((l) => l === line).length;
}

describeEachDialect("the web app with its server stopped", (dialect) => {
  it("Today and an opened person come from the device; three writes wait there and are stored once when the server is back", async () => {
    const server = await startServer(dialect, { prepare: withDemo });
    const raj = JSON.parse(goodwill(server.storeUrl, ["--json", "show", "Raj"])).person.id as string;
    const { page } = await signedIn(server, 390, 844);
    await page.getByRole("heading", { name: "Today", level: 1 }).waitFor();
    await appKeptByServiceWorker(page);
    // People read once, and Raj opened once: his page is among the people kept on the device
    await page.getByRole("navigation", { name: "Screens" }).getByRole("link", { name: "People" }).click();
    await page.getByRole("heading", { name: "People", level: 1 }).waitFor();
    await page.getByRole("link", { name: "Raj Patel" }).first().click();
    await page.getByRole("heading", { name: "Raj Patel", level: 1 }).waitFor();
    await page.waitForLoadState("networkidle");
    await expect
      .poll(async () => {
        const copy = await deviceCopy(page);
        return (
          copy.includes('["today"]') &&
          copy.includes('["people","list"') &&
          copy.includes(`["person","${raj}"]`)
        );
      }, SLOW)
      .toBe(true);

    await server.stop();
    await page.goto(`${server.url}/`);
    // the app from the service worker, Today from the device, said to be so
    await page.getByRole("heading", { name: "Today", level: 1 }).waitFor({ timeout: 45_000 });
    const banner = page.getByRole("status").filter({ hasText: "Offline — as of" });
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/Offline — as of \d{1,2}:\d{2}/);

    // 1. Thank, from Today
    await page.getByRole("button", { name: "Thanked Kevin O'Brien" }).click();
    const panel = page.getByRole("region", { name: /^Waiting to send/ });
    await panel.getByRole("heading", { name: "Waiting to send (1)" }).waitFor();
    await page.getByRole("status").filter({ hasText: "Saved on this device" }).waitFor();
    await expect.poll(() => page.getByRole("button", { name: "Thanked Kevin O'Brien" }).count()).toBe(0);

    // 2. a moment with two people: the names come from the device
    await page.keyboard.press("l");
    const dialog = page.getByRole("dialog", { name: "Log a moment" });
    await dialog.waitFor();
    await dialog.getByRole("combobox", { name: "With" }).fill("conc");
    await dialog.getByRole("option", { name: /Concetta Russo/ }).waitFor();
    await page.keyboard.press("Enter");
    await dialog.getByRole("combobox", { name: "With" }).fill("tim");
    await dialog.getByRole("option", { name: /Tim Keller/ }).waitFor();
    await page.keyboard.press("Enter");
    expect(
      await dialog.getByRole("list", { name: "With these people" }).getByRole("listitem").allTextContents(),
    ).toEqual(["Concetta Russo×", "Tim Keller×"]);
    await dialog.getByLabel("In a few words").fill("Coffee in the hallway");
    await dialog.getByRole("button", { name: "Log it" }).click();
    await dialog.waitFor({ state: "hidden" });
    await panel.getByRole("heading", { name: "Waiting to send (2)" }).waitFor();

    // 3. I gave, on Raj's page (read from the device)
    await page.getByRole("link", { name: "Raj Patel" }).first().click();
    await page.getByRole("heading", { name: "Raj Patel", level: 1 }).waitFor();
    await page.getByRole("button", { name: "I gave" }).click();
    await page.getByLabel("What did you give or do?").fill("Lent my charger");
    await page.getByRole("button", { name: "Record the give" }).click();
    await panel.getByRole("heading", { name: "Waiting to send (3)" }).waitFor();
    // folded to its one line on a phone; unfolded, each write in words
    expect(await panel.getByRole("listitem").count()).toBe(0);
    await panel.getByRole("button", { name: "Waiting to send (3)" }).click();
    expect(await panel.getByRole("listitem").allTextContents()).toEqual([
      expect.stringMatching(
        /^Thank-you to Kevin O'Brien: “Thanked them for: .+” · kept at .+ · Waiting for the server\./,
      ),
      expect.stringMatching(
        /^Moment with Concetta Russo and Tim Keller: “Coffee in the hallway” · kept at .+ · Waiting for the server\./,
      ),
      expect.stringMatching(/^I gave Raj Patel: “Lent my charger” · kept at .+ · Waiting for the server\./),
    ]);
    // People and Today are still there, from the device (the toast dismissed: on a phone it covers
    // the bottom bar for its 15 seconds)
    await page.getByRole("button", { name: "Dismiss" }).click();
    await page.getByRole("navigation", { name: "Screens" }).getByRole("link", { name: "People" }).click();
    await page.getByRole("heading", { name: "People", level: 1 }).waitFor();
    await page.getByRole("link", { name: "Concetta Russo" }).first().waitFor();
    await banner.waitFor();
    await page.getByRole("link", { name: "Today" }).first().click();
    await page.getByRole("heading", { name: "Today", level: 1 }).waitFor();
    await banner.waitFor();
    // nothing reached the store
    expect(times(timelineOf(server.storeUrl, "Raj"), "gave: Lent my charger")).toBe(0);

    // The server again, on the same store and port: the writes go, each once.
    await startServer(dialect, { storeUrl: server.storeUrl, port: portOf(server) });
    await expect.poll(() => panel.count(), SLOW).toBe(0);
    await expect.poll(() => banner.count(), SLOW).toBe(0);
    const kevin = timelineOf(server.storeUrl, "Kevin");
    expect(kevin.filter((l) => l.startsWith("gave: Thanked them for:"))).toHaveLength(1);
    expect(times(timelineOf(server.storeUrl, "Concetta"), "moment: Coffee in the hallway")).toBe(1);
    expect(times(timelineOf(server.storeUrl, "Tim"), "moment: Coffee in the hallway")).toBe(1);
    expect(times(timelineOf(server.storeUrl, "Raj"), "gave: Lent my charger")).toBe(1);
    // one moment with both, not two
    const events = JSON.parse(goodwill(server.storeUrl, ["--json", "show", "Concetta"])) as {
      timeline: { type: string; summary: string; id: string }[];
    };
    const moment = events.timeline.find((t) => t.summary === "Coffee in the hallway");
    const tims = JSON.parse(goodwill(server.storeUrl, ["--json", "show", "Tim"])) as typeof events;
    expect(tims.timeline.find((t) => t.summary === "Coffee in the hallway")?.id).toBe(moment?.id);
    // and the screen reads the server again: Kevin's thank-you is no longer owed
    await page.getByRole("button", { name: "Thanked Dana Whitfield" }).waitFor();
    await expect.poll(() => page.getByRole("button", { name: "Thanked Kevin O'Brien" }).count()).toBe(0);
  });

  it("a kept write the server refuses (its person was deleted meanwhile) shows the reason and stays until discarded", async () => {
    const server = await startServer(dialect, { prepare: withDemo });
    const elena = JSON.parse(goodwill(server.storeUrl, ["--json", "show", "Elena"])).person.id as string;
    const { page } = await signedIn(server);
    await page.getByRole("heading", { name: "Today", level: 1 }).waitFor();
    await appKeptByServiceWorker(page);
    await page.goto(`${server.url}/people/${elena}`);
    await page.getByRole("heading", { name: "Elena Rivera", level: 1 }).waitFor();
    await page.waitForLoadState("networkidle");
    await expect
      .poll(async () => {
        const copy = await deviceCopy(page);
        return copy.includes('["today"]') && copy.includes(`["person","${elena}"]`);
      }, SLOW)
      .toBe(true);

    await server.stop();
    await page.reload();
    await page.getByRole("heading", { name: "Elena Rivera", level: 1 }).waitFor({ timeout: 45_000 });
    await page.getByLabel("Add a note").fill("Ask about the marathon");
    await page.getByRole("button", { name: "Save note" }).click();
    const panel = page.getByRole("region", { name: /^Waiting to send/ });
    await panel.getByRole("heading", { name: "Waiting to send (1)" }).waitFor();
    await page.getByRole("link", { name: "Today" }).first().click();
    await page.getByRole("button", { name: "Thanked Dana Whitfield" }).click();
    await panel.getByRole("heading", { name: "Waiting to send (2)" }).waitFor();

    // Meanwhile, on the computer: Elena is deleted.
    goodwill(server.storeUrl, ["person", "rm", elena, "--yes"]);
    await startServer(dialect, { storeUrl: server.storeUrl, port: portOf(server) });

    // The thank-you goes; the note is refused, with the server's reason, and stays.
    await panel.getByRole("heading", { name: "Waiting to send (1)" }).waitFor({ timeout: 45_000 });
    const note = panel.getByRole("listitem");
    await note.getByRole("alert").waitFor();
    expect(await note.textContent()).toContain("Note on Elena Rivera: “Ask about the marathon”");
    expect(await note.textContent()).toContain("Not sent: the server refused it.");
    expect(await note.getByRole("alert").textContent()).toMatch(/person|Elena|found/i);
    const dana = timelineOf(server.storeUrl, "Dana");
    expect(dana.filter((l) => l.startsWith("gave: Thanked them for:"))).toHaveLength(1);

    // Retry: refused again (she is still gone), with a new key, and still kept
    await note.getByRole("button", { name: /^Retry/ }).click();
    await expect.poll(() => note.textContent(), SLOW).toContain("Not sent: the server refused it.");
    await panel.getByRole("heading", { name: "Waiting to send (1)" }).waitFor();
    // it stays across a reload: it is on the device, not in the page
    await page.reload();
    await panel.getByRole("heading", { name: "Waiting to send (1)" }).waitFor({ timeout: 45_000 });
    await note.getByRole("button", { name: /^Discard/ }).click();
    await expect.poll(() => panel.count()).toBe(0);
    await page.reload();
    await page.getByRole("heading", { name: "Today", level: 1 }).waitFor();
    expect(await panel.count()).toBe(0);
  });

  it("a write whose answer was lost on the way is kept with its key, and sent again it is stored once", async () => {
    const server = await startServer(dialect, { prepare: withDemo });
    // No service worker here: the page's own requests are the ones to cut.
    const { page } = await signedIn(server, 1280, 900, { serviceWorkers: "block" });
    await page.getByRole("heading", { name: "Today", level: 1 }).waitFor();
    // The first try reaches the server, which stores it; its answer never comes back.
    let cut = 0;
    const keys: string[] = [];
    await page.route("**/api/v1/exchanges", async (route) => {
      keys.push(route.request().headers()["idempotency-key"] ?? "");
      if (cut > 0) return route.continue();
      cut++;
      await route.fetch();
      await route.abort("connectionreset");
    });
    await page.getByRole("button", { name: "Thanked Raj Patel" }).click();
    const panel = page.getByRole("region", { name: /^Waiting to send/ });
    // kept, and sent again by itself once the server is found there (it never left)
    await expect.poll(() => keys.length, SLOW).toBe(2);
    await expect.poll(() => panel.count(), SLOW).toBe(0);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    const raj = timelineOf(server.storeUrl, "Raj");
    expect(raj.filter((l) => l.startsWith("gave: Thanked them for:"))).toHaveLength(1);
  });
});
