import { expect, it } from "vitest";
import { describeEachDialect } from "../support/stores.js";
import { signedIn, startServer, useBrowser, withDemo } from "./support.js";

useBrowser();

describeEachDialect("the web app: settings", (dialect) => {
  it("a new API token is shown once and works; revoked after confirming, it stops working", async () => {
    const server = await startServer(dialect, { prepare: withDemo });
    const { page, problems } = await signedIn(server);
    await page.goto(`${server.url}/settings`);
    const tokens = page.getByRole("region", { name: "API tokens" });
    await tokens.getByText("No tokens yet.").waitFor();
    await tokens.getByLabel("Name of a new token").fill("Backup script");
    await tokens.getByRole("button", { name: "Create token" }).click();
    const secret = (await tokens.getByTestId("new-token").textContent()) as string;
    expect(secret.length).toBeGreaterThan(20);
    const asToken = () =>
      fetch(`${server.url}/api/v1/people?q=Linda`, { headers: { authorization: `Bearer ${secret}` } });
    expect((await asToken()).status).toBe(200);

    const active = tokens.getByRole("list", { name: "Active tokens" });
    await active.getByText("Backup script").waitFor();
    await active.getByRole("button", { name: "Revoke Backup script" }).click();
    // nothing happens before the confirmation
    expect((await asToken()).status).toBe(200);
    await active.getByRole("button", { name: "Yes, revoke" }).click();
    await tokens.getByText("No active token.").waitFor();
    await expect.poll(async () => (await asToken()).status).toBe(401);
    await page.reload();
    await page.getByRole("region", { name: "API tokens" }).getByText("1 revoked token").waitFor();
    expect(problems).toEqual([]);
  });

  it("the calendar link is shown and serves the feed; a new link stops the old one; the profile saves", async () => {
    const server = await startServer(dialect, { prepare: withDemo });
    const { page, problems } = await signedIn(server);
    await page.goto(`${server.url}/settings`);
    const calendar = page.getByRole("region", { name: "Calendar feed" });
    await calendar.getByRole("button", { name: "Make a calendar link" }).click();
    const first = await calendar.getByLabel("Your calendar link").inputValue();
    expect(first).toMatch(/\/api\/v1\/calendar\.ics\?key=/);
    const feed = await fetch(first);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain("BEGIN:VCALENDAR");

    await calendar.getByRole("button", { name: /Make another link/ }).click();
    await expect.poll(() => calendar.getByLabel("Your calendar link").inputValue()).not.toBe(first);
    expect((await fetch(first)).status).toBe(404);

    const profile = page.getByRole("region", { name: "My profile" });
    await expect.poll(() => profile.getByLabel("Name").inputValue()).not.toBe("");
    await profile.getByLabel("Department").fill("Operations");
    await profile.getByRole("button", { name: "Save the profile" }).click();
    await profile.getByText("Saved.").waitFor();
    await page.reload();
    await expect
      .poll(() => page.getByRole("region", { name: "My profile" }).getByLabel("Department").inputValue())
      .toBe("Operations");
    expect(await page.getByRole("region", { name: "Account" }).textContent()).toContain("local mode");
    // local mode has no password to change
    expect(await page.getByRole("region", { name: "Change password" }).count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
