import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { describeEachDialect } from "../support/stores.js";
import { goodwill, type RunningServer, signedIn, startServer, useBrowser, withDemo } from "./support.js";

useBrowser();

function idOf(server: RunningServer, name: string): string {
  return JSON.parse(goodwill(server.storeUrl, ["--json", "show", name])).person.id;
}

function askCount(server: RunningServer): number {
  return JSON.parse(goodwill(server.storeUrl, ["--json", "asks"])).asks.length;
}

function gauge(page: Page) {
  return page.getByRole("meter", { name: "Giving balance" });
}

describeEachDialect("the web app: Person", (dialect) => {
  it("a give shows in the timeline at once and moves the balance gauge from balanced to giving", async () => {
    const server = await startServer(dialect, {
      prepare: (url) =>
        goodwill(url, ["person", "add", "Zoe Quinn", "--org", "Northwind", "--tag", "design"]),
    });
    const { page, problems } = await signedIn(server);
    await page.goto(`${server.url}/people/${idOf(server, "Zoe Quinn")}`);
    await page.getByRole("heading", { name: "Zoe Quinn", level: 1 }).waitFor();
    // nothing given or received yet: (0 + 1) / (0 + 0 + 2)
    expect(await gauge(page).getAttribute("aria-valuetext")).toBe("0.50, balanced");
    // the months chart loads after the heading: wait for its sentence, then check it is there once
    const noMonths = page.getByText(
      "Nothing given or received yet: the months show here from the first entry either way.",
    );
    await noMonths.first().waitFor();
    expect(await noMonths.count()).toBe(1);

    await page.getByRole("button", { name: "I gave" }).click();
    await page.getByLabel("What did you give or do?").fill("Reviewed her portfolio <b>twice</b>");
    await page.getByLabel("Kind").selectOption("time");
    await page.getByRole("button", { name: "Record the give" }).click();
    const timeline = page.getByRole("list", { name: "Timeline items" });
    // user text is plain text, never HTML
    await timeline.getByText("Reviewed her portfolio <b>twice</b>").waitFor();
    expect(await timeline.locator("b").count()).toBe(0);
    // time weighs 3: (3 + 1) / (3 + 0 + 2) = 0.8
    await expect.poll(() => gauge(page).getAttribute("aria-valuetext")).toBe("0.80, giving");
    expect(
      await page.getByRole("region", { name: "Giving balance" }).getByText("Giving", { exact: true }).count(),
    ).toBe(1);
    // the month's bar goes up by what was given: time weighs 3; nothing received, nothing down
    const given = page.locator(".balance-chart rect.bar-gave").last();
    await given.waitFor();
    expect(await given.locator("title").textContent()).toMatch(/: gave 3 \(1 entry\)$/);
    expect(Number(await given.getAttribute("height"))).toBeGreaterThan(20);
    const received = page.locator(".balance-chart rect.bar-received").last();
    expect(Number(await received.getAttribute("height"))).toBe(0);
    expect(await page.getByRole("img", { name: /Given and received month by month/ }).count()).toBe(1);
    const ledger = JSON.parse(goodwill(server.storeUrl, ["--json", "ledger", idOf(server, "Zoe Quinn")]));
    expect(JSON.stringify(ledger)).toContain("Reviewed her portfolio <b>twice</b>");
    expect(problems).toEqual([]);
  });

  it("asking Raj, in the overdrawn IT department, warns before anything is recorded; Ask anyway records it", async () => {
    const server = await startServer(dialect, { prepare: withDemo });
    const { page, problems } = await signedIn(server);
    const before = askCount(server);
    await page.goto(`${server.url}/people/${idOf(server, "Raj Patel")}`);
    await page.getByRole("heading", { name: "Raj Patel", level: 1 }).waitFor();
    await page.getByRole("button", { name: "Ask", exact: true }).click();
    const check = page.getByRole("region", { name: "Before you ask" });
    await check.getByText("Consider giving first").waitFor();
    expect(await check.getByText(/from IT in the last year/).count()).toBe(1);
    expect(await check.getByRole("heading", { name: "Ways to give first" }).count()).toBe(1);
    expect(await check.getByRole("listitem").count()).toBeGreaterThan(0);
    expect(askCount(server)).toBe(before);

    await page.getByLabel("What do you want to ask?").fill("Priority help with the VPN");
    await page.getByRole("button", { name: "Ask anyway" }).click();
    await page.getByText(/Ask #\d+ recorded/).waitFor();
    expect(askCount(server)).toBe(before + 1);
    await page
      .getByRole("list", { name: "Timeline items" })
      .getByText("Priority help with the VPN")
      .waitFor();
    expect(problems).toEqual([]);
  });

  it("a promise without a date waits on the person's page and is kept there in one click", async () => {
    const server = await startServer(dialect, {
      prepare: (url) => goodwill(url, ["person", "add", "Zoe Quinn"]),
    });
    const { page, problems } = await signedIn(server);
    await page.goto(`${server.url}/people/${idOf(server, "Zoe Quinn")}`);
    await page.getByRole("button", { name: "Promise", exact: true }).click();
    await page.getByLabel("What was promised?").fill("Send the onboarding checklist");
    await page.getByRole("button", { name: "Record the promise" }).click();
    const open = page.getByRole("region", { name: "Open asks and promises" });
    await open.getByText("Send the onboarding checklist").waitFor();
    const kept = page.waitForResponse((r) => r.url().includes("/done") && r.request().method() === "POST");
    await open.getByRole("button", { name: "Done" }).click();
    expect((await kept).status()).toBe(200);
    await open.waitFor({ state: "detached" });
    const promises = JSON.parse(goodwill(server.storeUrl, ["--json", "promises", "--all"])).commitments;
    expect(promises.map((c: { summary: string; status: string }) => [c.summary, c.status])).toEqual([
      ["Send the onboarding checklist", "done"],
    ]);
    expect(problems).toEqual([]);
  });

  it("the timeline shows the 30 newest items; Show older appends the rest, each once, and a new note keeps them", async () => {
    const server = await startServer(dialect, {
      prepare: (url) => goodwill(url, ["person", "add", "Zoe Quinn"]),
    });
    const { page, problems } = await signedIn(server, 390, 844);
    const id = idOf(server, "Zoe Quinn");
    await page.goto(`${server.url}/people/${id}`);
    await page.getByRole("heading", { name: "Zoe Quinn", level: 1 }).waitFor();
    expect(await page.getByRole("button", { name: "Show older" }).count()).toBe(0);
    // 64 moments through the API (the page's own session): "Chat 64" is the newest, "Chat 01" the oldest
    const logged = await page.evaluate(async (personId) => {
      let ok = 0;
      for (let i = 1; i <= 64; i++) {
        const response = await fetch("/api/v1/interactions", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            personIds: [personId],
            summary: `Chat ${String(i).padStart(2, "0")}`,
            occurredAt: `${100 - i} days ago`,
          }),
        });
        if (response.ok) ok++;
      }
      return ok;
    }, id);
    expect(logged).toBe(64);
    await page.reload();
    const timeline = page.getByRole("list", { name: "Timeline items" });
    const summaries = () => timeline.locator(".timeline-summary").allTextContents();
    const chats = (from: number, to: number) =>
      Array.from({ length: from - to + 1 }, (_, i) => `Chat ${String(from - i).padStart(2, "0")}`);
    await expect.poll(summaries).toEqual(chats(64, 35));

    const older = page.getByRole("button", { name: "Show older" });
    await older.click();
    await expect.poll(summaries).toEqual(chats(64, 5));
    await older.click();
    await expect.poll(summaries).toEqual(chats(64, 1));
    await older.waitFor({ state: "detached" });

    // a new note goes on top, and the older pages stay shown (refreshed in order, none lost)
    await page.getByLabel("Add a note").fill("Prefers calls in the morning");
    await page.getByRole("button", { name: "Save note" }).click();
    await expect.poll(summaries).toEqual(["Prefers calls in the morning", ...chats(64, 1)]);
    await expect.poll(() => timeline.locator(".pending").count()).toBe(0);
    expect(await summaries()).toEqual(["Prefers calls in the morning", ...chats(64, 1)]);
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    expect(problems).toEqual([]);
  });

  it("at 390 px wide the whole Person screen fits, chart included, with no sideways scrolling", async () => {
    const server = await startServer(dialect, { prepare: withDemo });
    const { page, problems } = await signedIn(server, 390, 844);
    const loaded = () =>
      page.evaluate(() =>
        performance
          .getEntriesByType("resource")
          .map((entry) => entry.name)
          .join("\n"),
      );
    // the first screen does not carry the chart's code: it comes with the first chart
    await page.getByRole("heading", { name: "Today", level: 1 }).waitFor();
    expect(await loaded()).not.toMatch(/balance-chart/);
    // (on a phone the screens are in the bar at the bottom)
    await page.getByRole("navigation", { name: "Screens" }).getByRole("link", { name: "People" }).click();
    await page.getByRole("list", { name: "People" }).getByRole("link", { name: "Raj Patel" }).click();
    await page.getByRole("heading", { name: "Raj Patel", level: 1 }).waitFor();
    const chart = page.locator(".balance-chart svg").first();
    await chart.waitFor();
    expect(await loaded()).toMatch(/balance-chart/);
    const box = await chart.boundingBox();
    expect(box?.width).toBeGreaterThan(200);
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
    await page.getByRole("button", { name: "Promise" }).click();
    await page.getByRole("button", { name: "Edit", exact: true }).click();
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    // a timeline item's edit form fits too
    await page
      .getByRole("list", { name: "Timeline items" })
      .getByRole("button", { name: /^Edit the / })
      .first()
      .click();
    await page.getByRole("form", { name: /^Edit the / }).waitFor();
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    expect(problems).toEqual([]);
  });

  it("a communal person shows 'not tracked' and no numbers", async () => {
    const server = await startServer(dialect, {
      prepare: (url) => {
        goodwill(url, ["person", "add", "Mum", "--communal"]);
        goodwill(url, ["received", "Mum", "Sunday lunch"]);
      },
    });
    const { page, problems } = await signedIn(server);
    await page.goto(`${server.url}/people/${idOf(server, "Mum")}`);
    const balance = page.getByRole("region", { name: "Giving balance" });
    await balance.getByText("Not tracked").waitFor();
    expect(await gauge(page).count()).toBe(0);
    expect(await balance.locator(".balance-chart").count()).toBe(0);
    expect(await balance.textContent()).not.toMatch(/\d\.\d/);
    expect(problems).toEqual([]);
  });

  it("needs and offers: add, then mark met and withdraw", async () => {
    const server = await startServer(dialect, {
      prepare: (url) => goodwill(url, ["person", "add", "Zoe Quinn"]),
    });
    const { page, problems } = await signedIn(server);
    await page.goto(`${server.url}/people/${idOf(server, "Zoe Quinn")}`);
    await page.getByLabel("Add a need").fill("Hiring a designer");
    await page.getByRole("button", { name: "Add", exact: true }).first().click();
    const needs = page.getByRole("list", { name: "Open needs" });
    await needs.getByText("Hiring a designer").waitFor();
    await page.getByLabel("Add an offer").fill("Knows payroll rules");
    await page.getByRole("button", { name: "Add", exact: true }).last().click();
    const offers = page.getByRole("list", { name: "Open offers" });
    await offers.getByText("Knows payroll rules").waitFor();
    // an open need makes a suggestion
    await page
      .getByRole("list", { name: "Suggestions" })
      .getByText(/designer/i)
      .first()
      .waitFor();

    await needs.getByRole("button", { name: "I helped" }).click();
    await expect.poll(() => needs.count()).toBe(0);
    await offers.getByRole("button", { name: "Withdraw" }).click();
    await expect.poll(() => offers.count()).toBe(0);
    // the list empties at once (optimistically): wait for the store to say the same
    const shown = () => JSON.parse(goodwill(server.storeUrl, ["--json", "show", "Zoe Quinn"]));
    await expect
      .poll(
        () => {
          const now = shown();
          return now.offers.length + now.needs.length;
        },
        { timeout: 15_000 },
      )
      .toBe(0);
    const open = shown();
    // helping with the need was recorded as a give
    expect(open.balance.label).toBe("giving");
    expect(problems).toEqual([]);
  });

  it("editing keeps what was typed and shows the server's message beside the field it refuses, then saves", async () => {
    const server = await startServer(dialect, {
      prepare: (url) => goodwill(url, ["person", "add", "Zoe Quinn"]),
    });
    const { page } = await signedIn(server);
    await page.goto(`${server.url}/people/${idOf(server, "Zoe Quinn")}`);
    await page.getByRole("button", { name: "Edit", exact: true }).click();
    const form = page.getByRole("region", { name: "Edit the profile" });
    await form.getByLabel("Title").fill("Design lead");
    await form.getByLabel(/^Birthday/).fill("12 April");
    await form.getByRole("button", { name: "Save the profile" }).click();
    await form.getByRole("alert").waitFor();
    expect(await form.getByLabel("Title").inputValue()).toBe("Design lead");
    const birthday = form.getByLabel(/^Birthday/);
    expect(await birthday.inputValue()).toBe("12 April");
    // The message stands beside the Birthday field, which says it is the one at fault.
    expect(await birthday.getAttribute("aria-invalid")).toBe("true");
    const described = await birthday.getAttribute("aria-describedby");
    expect(await page.locator(`[id="${described}"]`).textContent()).toBe(
      "Birthday must be a date such as 1988-02-29, or --02-29 without a year.",
    );
    expect(await form.getByRole("alert").count()).toBe(1);
    expect(await form.getByLabel("Title").getAttribute("aria-invalid")).toBeNull();
    // A date that does not exist is refused by Goodwill itself, and shown in the same place.
    await birthday.fill("1975-02-30");
    await form.getByRole("button", { name: "Save the profile" }).click();
    await form.getByText(/^Birthday "1975-02-30" is not a date/).waitFor();
    expect(await birthday.getAttribute("aria-invalid")).toBe("true");

    await form.getByLabel(/^Birthday/).fill("--04-12");
    await form.getByRole("button", { name: "Save the profile" }).click();
    const profile = page.getByRole("region", { name: "Profile" });
    await profile.getByText("Design lead").waitFor();
    const saved = JSON.parse(goodwill(server.storeUrl, ["--json", "show", "Zoe Quinn"]));
    expect(saved.person.title).toBe("Design lead");
    expect(saved.person.birthday).toBe("--04-12");
  });

  it("merge into another person after confirming, and delete after confirming", async () => {
    const server = await startServer(dialect, {
      prepare: (url) => {
        goodwill(url, ["person", "add", "Zoe Quinn"]);
        goodwill(url, ["person", "add", "Zoe Q."]);
        goodwill(url, ["gave", "Zoe Q.", "Lent my charger"]);
      },
    });
    const { page, problems } = await signedIn(server);
    const duplicate = idOf(server, "Zoe Q.");
    const keep = idOf(server, "Zoe Quinn");
    await page.goto(`${server.url}/people/${duplicate}`);
    await page.getByRole("combobox", { name: "Merge Zoe Q. into" }).fill("Quinn");
    await page.getByRole("option", { name: "Zoe Quinn" }).click();
    await page.getByRole("button", { name: "Merge…" }).click();
    await page.getByRole("button", { name: "Merge into Zoe Quinn" }).click();
    await page.waitForURL(`${server.url}/people/${keep}`);
    await page.getByRole("list", { name: "Timeline items" }).getByText("Lent my charger").waitFor();

    await page.getByRole("button", { name: "Delete Zoe Quinn…" }).click();
    await page.getByRole("button", { name: "Delete Zoe Quinn", exact: true }).click();
    await page.waitForURL(`${server.url}/people`);
    await page.getByText("You have no people yet.").waitFor();
    // One click brings Zoe back, with the history merged into her.
    const status = page.getByRole("status").filter({ hasText: "Deleted Zoe Quinn." });
    await status.getByRole("button", { name: "Undo" }).click();
    await page.getByRole("status").filter({ hasText: "Undid: " }).waitFor();
    await expect
      .poll(() => JSON.parse(goodwill(server.storeUrl, ["--json", "show", keep])).timeline.length, {
        timeout: 10_000,
      })
      .toBe(1);
    expect(problems).toEqual([]);
  });

  it("an address with no such person says so", async () => {
    const server = await startServer(dialect, { prepare: withDemo });
    const { page, problems } = await signedIn(server);
    await page.goto(`${server.url}/people/0190a3c4-0000-7000-8000-000000000000`);
    await page.getByRole("heading", { name: "No such person" }).waitFor();
    await page.getByRole("link", { name: "Back to People" }).click();
    await page.getByRole("link", { name: "Raj Patel" }).waitFor();
    // the browser reports the 404 answer itself; nothing else went wrong
    expect(problems.filter((p) => !p.includes("404"))).toEqual([]);
    expect(problems.length).toBeLessThanOrEqual(1);
  });

  it("Log a moment from a person's page starts with them; others of the moment join it, and it is one moment with all", async () => {
    const server = await startServer(dialect, { prepare: withDemo });
    const { page, problems } = await signedIn(server, 390, 844);
    await page.goto(`${server.url}/people/${idOf(server, "Raj")}`);
    await page.getByRole("heading", { name: "Raj Patel", level: 1 }).waitFor();
    await page.getByRole("button", { name: "Log a moment" }).click();
    const dialog = page.getByRole("dialog", { name: "Log a moment" });
    await dialog.waitFor();
    const chosen = dialog.getByRole("list", { name: "With these people" });
    expect(await chosen.getByRole("listitem").allTextContents()).toEqual(["Raj Patel×"]);
    // the words come next: the person is chosen
    const words = await dialog.getByLabel("In a few words").getAttribute("id");
    expect(await page.evaluate("document.activeElement.id")).toBe(words);
    for (const [typed, name] of [
      ["conc", /Concetta Russo/],
      ["tim", /Tim Keller/],
      ["elena", /Elena Rivera/],
    ] as const) {
      await dialog.getByRole("combobox", { name: "With" }).fill(typed);
      await dialog.getByRole("option", { name }).waitFor({ timeout: 30_000 }); // a search on a busy machine
      await page.keyboard.press("Enter");
    }
    // one taken off again
    await chosen.getByRole("button", { name: "Remove Elena Rivera" }).click();
    expect(await chosen.getByRole("listitem").allTextContents()).toEqual([
      "Raj Patel×",
      "Concetta Russo×",
      "Tim Keller×",
    ]);
    // a give is with one person: with several, only a moment
    expect(await dialog.getByRole("radio", { name: "I gave or helped" }).isDisabled()).toBe(true);
    await dialog.getByLabel("In a few words").fill("Team lunch after the launch");
    await dialog.getByRole("button", { name: "Log it" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page
      .getByRole("status")
      .filter({ hasText: "Logged a moment with Raj Patel, Concetta Russo and Tim Keller." })
      .waitFor();
    const shown = (who: string) =>
      (
        JSON.parse(goodwill(server.storeUrl, ["--json", "show", who])) as {
          timeline: { id: string; summary: string }[];
        }
      ).timeline.filter((t) => t.summary === "Team lunch after the launch");
    const [raj, concetta, tim, elena] = ["Raj", "Concetta", "Tim", "Elena"].map(shown);
    expect(raj).toHaveLength(1);
    expect(concetta?.map((t) => t.id)).toEqual(raj?.map((t) => t.id));
    expect(tim?.map((t) => t.id)).toEqual(raj?.map((t) => t.id));
    expect(elena).toEqual([]);
    expect(problems).toEqual([]);
  });
});
