import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { describeEachDialect } from "../support/stores.js";
import { goodwill, openPage, type RunningServer, startServer, useBrowser } from "./support.js";

useBrowser();

const ANA = { email: "ana@example.com", password: "correct horse battery staple" };
const BEN = { email: "ben@example.com", password: "a different long passphrase" };

function twoAccounts(storeUrl: string): void {
  goodwill(storeUrl, ["user", "add", ANA.email, "--name", "Ana", "--password-stdin"], `${ANA.password}\n`);
  goodwill(storeUrl, ["user", "add", BEN.email, "--name", "Ben", "--password-stdin"], `${BEN.password}\n`);
}

async function signIn(server: RunningServer, account: { email: string; password: string }): Promise<Page> {
  const { page } = await openPage();
  await page.goto(server.url);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("navigation", { name: "Screens" }).waitFor();
  return page;
}

describeEachDialect("the web app in team mode", (dialect) => {
  it("asks for email and password, refuses a wrong one with the reason, lets the right one in, and logs out", async () => {
    const server = await startServer(dialect, { prepare: twoAccounts });
    expect(server.loginUrl).toBeNull();
    const { page, problems } = await openPage();
    await page.goto(server.url);
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await page.getByLabel("Email").fill(ANA.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    const refusal = page.getByRole("alert");
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/password/i);
    // what was typed stays, except the password box the user fixes
    expect(await page.getByLabel("Email").inputValue()).toBe(ANA.email);

    await page.getByLabel("Password").fill(ANA.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("navigation", { name: "Screens" }).waitFor();

    await page.getByRole("link", { name: "Settings" }).click();
    const account = page.getByRole("region", { name: "Account" });
    await account.getByText(ANA.email).waitFor();
    expect(await account.textContent()).toContain("Ana");
    await account.getByRole("button", { name: "Log out" }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/");
    // the session is gone on the server too, not only on screen
    const status = await page.evaluate(async () => (await fetch("/api/v1/people")).status);
    expect(status).toBe(401);
    // the refused sign-in (and the check above) are the only requests the console reports
    expect(problems.filter((p) => !/\b40[13]\b/.test(p))).toEqual([]);
  });

  it("changing the password: the current one is checked, the new one typed twice; other browsers are signed out, this one stays", async () => {
    const server = await startServer(dialect, { prepare: twoAccounts });
    const page = await signIn(server, ANA);
    const elsewhere = await signIn(server, ANA);
    await page.getByRole("link", { name: "Settings" }).click();
    const card = page.getByRole("region", { name: "Change password" });
    const NEW = "a fresh passphrase for ana";

    await card.getByLabel("Current password").fill("not the password");
    await card.getByLabel("New password", { exact: true }).fill(NEW);
    await card.getByLabel("New password again").fill(NEW);
    await card.getByRole("button", { name: "Change password" }).click();
    const refusal = card.getByRole("alert");
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe(
      "The current password is not right: type the password you use to sign in now.",
    );

    await card.getByLabel("Current password").fill(ANA.password);
    await card.getByLabel("New password again").fill(`${NEW}!`);
    await card.getByRole("button", { name: "Change password" }).click();
    await expect.poll(() => card.getByRole("alert").textContent()).toMatch(/two new passwords differ/);
    // the other browser is still in: nothing was sent
    expect(await elsewhere.evaluate(async () => (await fetch("/api/v1/people")).status)).toBe(200);

    await card.getByLabel("New password again").fill(NEW);
    await card.getByRole("button", { name: "Change password" }).click();
    const done = card.getByRole("status");
    await done.waitFor();
    expect(await done.textContent()).toContain("Password changed. One other session was signed out.");
    expect(await card.getByRole("alert").count()).toBe(0);
    expect(await card.getByLabel("Current password").inputValue()).toBe("");

    // the other browser is out, this one is still in
    expect(await elsewhere.evaluate(async () => (await fetch("/api/v1/people")).status)).toBe(401);
    await elsewhere.reload();
    await elsewhere.getByRole("heading", { name: "Sign in" }).waitFor();
    await page.reload();
    await page.getByRole("region", { name: "Change password" }).waitFor();
    expect(await page.evaluate(async () => (await fetch("/api/v1/people")).status)).toBe(200);

    // the old password no longer signs in; the new one does
    await elsewhere.getByLabel("Email").fill(ANA.email);
    await elsewhere.getByLabel("Password").fill(ANA.password);
    await elsewhere.getByRole("button", { name: "Sign in" }).click();
    await elsewhere.getByRole("alert").waitFor();
    await elsewhere.getByLabel("Password").fill(NEW);
    await elsewhere.getByRole("button", { name: "Sign in" }).click();
    await elsewhere.getByRole("navigation", { name: "Screens" }).waitFor();
  });

  it("one account never sees another's people: not in People, not through the API, not at their address", async () => {
    const server = await startServer(dialect, { prepare: twoAccounts });
    const ana = await signIn(server, ANA);
    await ana.getByRole("link", { name: "People" }).click();
    await ana.getByRole("button", { name: "Add a person" }).click();
    const dialog = ana.getByRole("dialog", { name: "Add a person" });
    await dialog.getByLabel("Name", { exact: true }).fill("Zelda Confidential");
    await dialog.getByRole("button", { name: "Add", exact: true }).click();
    await ana.waitForURL(/\/people\/[^/]+$/);
    const zeldaId = new URL(ana.url()).pathname.split("/").pop() as string;
    await ana.getByRole("heading", { name: "Zelda Confidential" }).waitFor();

    const ben = await signIn(server, BEN);
    await ben.goto(`${server.url}/people`);
    await ben.getByRole("heading", { name: "People", level: 1 }).waitFor();
    expect(await ben.getByText("Zelda Confidential").count()).toBe(0);
    const seen = await ben.evaluate(async (id) => {
      const list = (await (await fetch("/api/v1/people?q=Zelda")).json()) as { total: number };
      const one = await fetch(`/api/v1/people/${id}`);
      return { total: list.total, status: one.status };
    }, zeldaId);
    expect(seen).toEqual({ total: 0, status: 404 });
    await ben.goto(`${server.url}/people/${zeldaId}`);
    await ben.getByRole("heading", { name: /no such person|not found/i }).waitFor();
    expect(await ben.getByText("Zelda Confidential").count()).toBe(0);

    // and Ana still has her
    const mine = await ana.evaluate(async () => {
      return ((await (await fetch("/api/v1/people?q=Zelda")).json()) as { total: number }).total;
    });
    expect(mine).toBe(1);
  });
});
