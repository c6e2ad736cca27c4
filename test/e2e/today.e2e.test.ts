import { expect, it } from "vitest";
import { describeEachDialect } from "../support/stores.js";
import { goodwill, openPage, signedIn, startServer, useBrowser } from "./support.js";

useBrowser();

describeEachDialect("the web app: signing in and Today", (dialect) => {
  it("the local sign-in link opens the app; an empty store offers the demo, which fills Today", async () => {
    const server = await startServer(dialect);
    const stranger = await openPage();
    await stranger.page.goto(server.url);
    await expect
      .poll(() => stranger.page.getByRole("heading", { name: "Open the sign-in link" }).count())
      .toBe(1);
    expect(stranger.problems).toEqual([]);

    const { page, problems } = await signedIn(server);
    await page.getByRole("button", { name: "Load the demo story" }).click();
    await page.getByRole("heading", { name: "Today", level: 1 }).waitFor();
    // Today leads with one thing: in the demo, a thank-you owed for weeks
    const first = page.getByRole("region", { name: "First, today" });
    await first.waitFor();
    expect(await first.getByRole("article").count()).toBe(1);
    expect(await first.getByText("A late thank-you still counts.", { exact: false }).count()).toBe(1);
    expect(await first.getByRole("button", { name: /^Thanked / }).count()).toBe(1);
    // then one card a person: nobody twice, and Raj's thank-you and reaching out in one card
    const names = await page.locator(".today article h3").allTextContents();
    expect(names.length).toBeGreaterThan(3);
    expect(new Set(names).size).toBe(names.length);
    const raj = page.getByRole("article", { name: "Raj Patel" });
    expect(await raj.getByRole("button", { name: "Thanked Raj Patel" }).count()).toBe(1);
    expect(await raj.getByRole("button", { name: "Got in touch with Raj Patel" }).count()).toBe(1);
    // the link is used up: a second browser cannot reuse it
    const late = await openPage();
    const response = await late.page.goto(server.loginUrl as string);
    expect(response?.status()).toBe(401);
    await late.page.getByRole("heading", { name: "This sign-in link has been used" }).waitFor();
    expect(problems).toEqual([]);
  });

  it("a thank-you leaves the agenda at once and is kept; the next person then leads", async () => {
    const server = await startServer(dialect);
    const { page, problems } = await signedIn(server);
    await page.getByRole("button", { name: "Load the demo story" }).click();
    const first = page.getByRole("region", { name: "First, today" });
    const thanked = page.getByRole("button", { name: /^Thanked / });
    await first.waitFor();
    const before = await thanked.count();
    const leading = (await first.getByRole("heading", { level: 3 }).textContent()) as string;
    const saved = page.waitForResponse(
      (r) => r.url().includes("/api/v1/exchanges") && r.request().method() === "POST",
    );
    await first.getByRole("button", { name: `Thanked ${leading}` }).click();
    // the item leaves at once, before the server has answered, and the screen says what was done
    await expect.poll(() => thanked.count()).toBe(before - 1);
    await page
      .getByRole("status")
      .filter({ hasText: `Thanked ${leading}.` })
      .waitFor();
    expect((await saved).status()).toBe(201);
    // a thank-you was all there was to do for them: someone else leads now
    await expect.poll(() => first.getByRole("heading", { level: 3 }).textContent()).not.toBe(leading);
    await page.reload();
    await first.waitFor();
    expect(await thanked.count()).toBe(before - 1);
    expect(await page.getByRole("article", { name: leading }).count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it("more than seven of a kind: Today says how many more, shows everything on request, and the address keeps it", async () => {
    const server = await startServer(dialect, {
      prepare: (url) => {
        for (let i = 1; i <= 10; i++) {
          goodwill(url, ["person", "add", `Helper ${String(i).padStart(2, "0")}`]);
          goodwill(url, ["received", `Helper ${String(i).padStart(2, "0")}`, `Helped with task ${i}`]);
        }
      },
    });
    const { page, problems } = await signedIn(server);
    const thanked = page.getByRole("button", { name: /^Thanked / });
    await page.getByRole("region", { name: "First, today" }).waitFor();
    expect(await thanked.count()).toBe(7);
    expect(await page.getByText("3 more thank-yous owed", { exact: false }).count()).toBe(1);
    await page.getByRole("button", { name: "Show everything" }).click();
    await expect.poll(() => thanked.count()).toBe(10);
    expect(new URL(page.url()).searchParams.get("all")).toBe("1");
    await expect
      .poll(() => page.evaluate("document.activeElement?.textContent"))
      .toBe("Show the first 7 of each kind");
    await page.reload();
    await expect.poll(() => thanked.count()).toBe(10);
    // a thank-you in the long agenda leaves it at once too
    await page
      .getByRole("region", { name: "Then" })
      .getByRole("button", { name: /^Thanked / })
      .first()
      .click();
    await expect.poll(() => thanked.count()).toBe(9);
    // the keyboard's focus moves on to the next thank-you, not to the page
    await expect.poll(() => page.evaluate("document.activeElement?.textContent")).toBe("Thanked");
    await page.getByRole("button", { name: "Show the first 7 of each kind" }).click();
    await expect.poll(() => thanked.count()).toBe(7);
    // (the first-seven agenda was read before the thank-you: its count follows once it is read again)
    await expect
      .poll(() => page.getByText("2 more thank-yous owed", { exact: false }).count(), { timeout: 10_000 })
      .toBe(1);
    expect(problems).toEqual([]);
  });
});
