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
    await page.getByRole("heading", { name: "Say thank you" }).waitFor();
    expect(await page.getByRole("heading", { name: "Help someone first" }).count()).toBe(1);
    // the link is used up: a second browser cannot reuse it
    const late = await openPage();
    const response = await late.page.goto(server.loginUrl as string);
    expect(response?.status()).toBe(401);
    await late.page.getByRole("heading", { name: "This sign-in link has been used" }).waitFor();
    expect(problems).toEqual([]);
  });

  it("a thank-you leaves the list at once and is kept", async () => {
    const server = await startServer(dialect);
    const { page, problems } = await signedIn(server);
    await page.getByRole("button", { name: "Load the demo story" }).click();
    const thanks = page.getByRole("region", { name: "Say thank you" });
    await thanks.waitFor();
    const before = await thanks.getByRole("listitem").count();
    const saved = page.waitForResponse(
      (r) => r.url().includes("/api/v1/exchanges") && r.request().method() === "POST",
    );
    const who = (await thanks.getByRole("listitem").first().getByRole("link").textContent()) as string;
    await thanks.getByRole("button", { name: `Thanked ${who}` }).click();
    // the row leaves at once, before the server has answered, and the screen says what was done
    await expect.poll(() => thanks.getByRole("listitem").count()).toBe(before - 1);
    await page
      .getByRole("status")
      .filter({ hasText: `Thanked ${who}.` })
      .waitFor();
    expect((await saved).status()).toBe(201);
    await page.reload();
    await page.getByRole("heading", { name: "Help someone first" }).waitFor();
    expect(await page.getByRole("region", { name: "Say thank you" }).getByRole("listitem").count()).toBe(
      before - 1,
    );
    expect(problems).toEqual([]);
  });

  it("a part with more than seven says how many, shows all of that part on request, and the address keeps it", async () => {
    const server = await startServer(dialect, {
      prepare: (url) => {
        for (let i = 1; i <= 10; i++) {
          goodwill(url, ["person", "add", `Helper ${String(i).padStart(2, "0")}`]);
          goodwill(url, ["received", `Helper ${String(i).padStart(2, "0")}`, `Helped with task ${i}`]);
        }
      },
    });
    const { page, problems } = await signedIn(server);
    const thanks = page.getByRole("region", { name: "Say thank you" });
    await thanks.waitFor();
    expect(await thanks.getByRole("listitem").count()).toBe(7);
    expect(await thanks.getByText("7 of 10.").count()).toBe(1);
    const ideas = page.getByRole("region", { name: "Help someone first" });
    expect(await ideas.getByRole("listitem").count()).toBe(7);
    await thanks.getByRole("button", { name: "Show all 10" }).click();
    await expect.poll(() => thanks.getByRole("listitem").count()).toBe(10);
    expect(new URL(page.url()).searchParams.get("all")).toBe("thanks");
    await expect.poll(() => page.evaluate("document.activeElement?.textContent")).toBe("Show the first 7");
    // only the part asked for opens
    expect(await ideas.getByRole("listitem").count()).toBe(7);
    await page.reload();
    await expect.poll(() => thanks.getByRole("listitem").count()).toBe(10);
    // a thank-you in the long list leaves it at once too
    await thanks.getByRole("button", { name: "Thanked" }).first().click();
    await expect.poll(() => thanks.getByRole("listitem").count()).toBe(9);
    // the keyboard's focus moves on to the next row's button, not to the page
    await expect.poll(() => page.evaluate("document.activeElement?.textContent")).toBe("Thanked");
    await thanks.getByRole("button", { name: "Show the first 7" }).click();
    await expect.poll(() => thanks.getByRole("listitem").count()).toBe(7);
    // (the first-seven agenda was read before the thank-you: its count follows once it is read again)
    await expect.poll(() => thanks.getByText("7 of 9.").count(), { timeout: 10_000 }).toBe(1);
    expect(problems).toEqual([]);
  });
});
