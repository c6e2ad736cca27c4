import { expect, it } from "vitest";
import { describeEachDialect } from "../support/stores.js";
import { type RunningServer, signedIn, startServer, useBrowser, withDemo } from "./support.js";

useBrowser();

const BOOK = "/dav/addressbooks/goodwill/";

/** A phone's first question to the address book, with the user name and password it was given. */
async function phoneAsks(server: RunningServer, username: string, password: string): Promise<number> {
  const response = await fetch(`${server.url}${BOOK}`, {
    method: "PROPFIND",
    headers: {
      authorization: `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`,
      depth: "0",
    },
  });
  await response.text();
  return response.status;
}

describeEachDialect("the web app: Settings → Phone sync", (dialect) => {
  it("shows what to type on the phone; an app password made there opens the address book until revoked", async () => {
    const server = await startServer(dialect, { prepare: withDemo });
    const { page, problems } = await signedIn(server);
    await page.goto(`${server.url}/settings`);
    const sync = page.getByRole("region", { name: "Phone sync (CardDAV)" });
    await sync.getByText("User name").waitFor();
    // The server address and the user name, as the phone's form asks for them.
    expect(await sync.locator("dt").allTextContents()).toEqual(["Server", "User name", "Password"]);
    const [address, user] = await sync.locator("dd").allTextContents();
    expect(address).toBe(`${server.url} (or ${server.url}${BOOK})`);
    const username = (user ?? "").trim();
    expect(username).not.toBe("");
    // The page is served over http: it says a phone needs https.
    await sync.getByText("Phones need an https:// address").waitFor();

    await sync.getByLabel("Name of a new app password").fill("Ann's iPhone");
    await sync.getByRole("button", { name: "Create app password" }).click();
    const status = sync.getByRole("status");
    await status.getByText("It is shown only once").waitFor();
    const password = ((await sync.getByTestId("new-dav-password").textContent()) ?? "").trim();
    expect(password).toMatch(/^[a-z2-9]{6}(-[a-z2-9]{6}){3}$/);
    const passwords = sync.getByRole("list", { name: "App passwords" });
    await passwords.getByText("Ann's iPhone").waitFor();
    expect(await phoneAsks(server, username, password)).toBe(207);
    // The password opens the address book only, not the API.
    const api = await fetch(`${server.url}/api/v1/people`, {
      headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}` },
    });
    expect(api.status).toBe(401);

    await page.reload();
    const row = page.getByRole("region", { name: "Phone sync (CardDAV)" }).getByRole("listitem");
    await row.getByText(/last used/).waitFor();
    await page
      .getByRole("region", { name: "Phone sync (CardDAV)" })
      .screenshot({ path: `/tmp/goodwill-phone-sync-${dialect}.png` });

    await row.getByRole("button", { name: "Revoke Ann's iPhone" }).click();
    // nothing happens before the confirmation
    expect(await phoneAsks(server, username, password)).toBe(207);
    await row.getByRole("button", { name: "Yes, revoke" }).click();
    await page
      .getByRole("region", { name: "Phone sync (CardDAV)" })
      .getByRole("list", { name: "App passwords" })
      .waitFor({ state: "detached" });
    expect(await phoneAsks(server, username, password)).toBe(401);
    expect(problems).toEqual([]);
  });

  it("on a phone-sized screen the addresses wrap inside the card", async () => {
    const server = await startServer(dialect);
    const { page, problems } = await signedIn(server, 360, 740);
    await page.goto(`${server.url}/settings`);
    const sync = page.getByRole("region", { name: "Phone sync (CardDAV)" });
    await sync.getByText("User name").waitFor();
    await sync.screenshot({ path: `/tmp/goodwill-phone-sync-narrow-${dialect}.png` });
    const overflow = await sync.evaluate((card) => {
      const box = card as unknown as { scrollWidth: number; clientWidth: number };
      return box.scrollWidth - box.clientWidth;
    });
    expect(overflow).toBe(0);
    expect(problems).toEqual([]);
  });
});
