import { expect, it } from "vitest";
import { ensureLocalOwner } from "../../src/storage/owner.repository.js";
import { correspondent, suggest } from "../capture/inbox-rows.js";
import { describeEachDialect, freshStoreUrl, openStoreAgain, type TestDialect } from "../support/stores.js";
import { E2E_NOW, goodwill, signedIn, startServer, useBrowser } from "./support.js";

useBrowser();

/** Mark's store with what an import of his mail would leave: three suggestions and two correspondents. */
async function mailboxStore(dialect: TestDialect): Promise<string> {
  const url = await freshStoreUrl(dialect);
  goodwill(url, ["init", "--name", "Mark"]);
  const sofia = JSON.parse(goodwill(url, ["--json", "person", "add", "Sofía Ramírez"])).id as string;
  const ben = JSON.parse(goodwill(url, ["--json", "person", "add", "Ben Osei"])).id as string;
  const store = await openStoreAgain(url);
  const owner = (await ensureLocalOwner(store.db, E2E_NOW)).id;
  await suggest(store.db, owner, {
    kind: "gave",
    personId: sofia,
    summary: "the intro to Ana",
    because: "thanks for the intro",
    at: "2026-11-20T09:00:00.000Z",
    subject: "Re: meeting Ana",
    exchangeKind: "intro",
  });
  await suggest(store.db, owner, {
    kind: "ask",
    personId: ben,
    summary: "review my deck",
    because: "could you review my deck",
    at: "2026-11-21T09:00:00.000Z",
    subject: "Deck for Friday — a very long subject line that must wrap on a phone rather than scroll",
  });
  await suggest(store.db, owner, {
    kind: "thanks",
    personId: ben,
    summary: "the coffee",
    because: "thanks a lot for the coffee",
    at: "2026-11-22T09:00:00.000Z",
  });
  await correspondent(store.db, owner, {
    email: "lena.park@studio.example",
    name: "Lena Park",
    messages: 6,
    lastAt: "2026-11-19T09:00:00.000Z",
  });
  await correspondent(store.db, owner, {
    email: "tom@example.org",
    name: null,
    messages: 2,
    lastAt: "2026-11-18T09:00:00.000Z",
  });
  return url;
}

describeEachDialect("the web app: the Inbox", (dialect) => {
  it("accepts with Undo, edits inline and accepts, dismisses, and adds people you write to", async () => {
    const server = await startServer(dialect, { storeUrl: await mailboxStore(dialect) });
    const { page, problems } = await signedIn(server);
    const nav = page.getByRole("navigation", { name: "Screens" }).first();
    await nav.getByRole("link", { name: "Inbox 3 waiting" }).click();
    await page.getByRole("heading", { name: "Inbox", level: 1 }).waitFor();

    const gave = page.getByRole("listitem", { name: "You gave Sofía Ramírez: the intro to Ana" });
    await gave
      .getByText(/^Because the message says ‘thanks for the intro’ · .*2026 · “Re: meeting Ana”$/)
      .waitFor();
    await gave.getByRole("button", { name: "Accept" }).click();
    await page.getByText("Recorded: You gave Sofía Ramírez: the intro to Ana.").waitFor();
    await expect.poll(() => gave.count()).toBe(0);
    const ledger = () => JSON.parse(goodwill(server.storeUrl, ["--json", "ledger", "Sofía"])).entries;
    expect(ledger()).toMatchObject([{ kind: "intro", summary: "the intro to Ana" }]);
    await page.getByRole("button", { name: "Undo" }).click();
    await gave.waitFor();
    expect(ledger()).toEqual([]);

    const ask = page.getByRole("listitem", { name: "Ben Osei asks: review my deck" });
    await ask.getByRole("button", { name: "Edit" }).click();
    const form = ask.getByRole("form", { name: "Edit: Ben Osei asks: review my deck" });
    await form.getByLabel("What it was").fill("review the pitch deck");
    await form.getByRole("button", { name: "Save and accept" }).click();
    await page.getByText("Recorded: You promised Ben Osei: review the pitch deck.").waitFor();
    const promises = JSON.parse(goodwill(server.storeUrl, ["--json", "promises"])).commitments;
    expect(promises).toMatchObject([{ direction: "i_owe", summary: "review the pitch deck" }]);

    const thanks = page.getByRole("listitem", { name: "You thanked Ben Osei: the coffee" });
    await thanks.getByRole("button", { name: "Dismiss" }).click();
    await expect.poll(() => thanks.count()).toBe(0);
    await nav.getByRole("link", { name: "Inbox 1 waiting" }).waitFor();

    const panel = page.getByRole("region", { name: "People you write to often" });
    await panel.getByRole("checkbox", { name: /Lena Park/ }).check();
    await panel.getByRole("checkbox", { name: /tom@example\.org/ }).check();
    await panel.getByRole("button", { name: "Add 2 people" }).click();
    await page.getByText("Added 2 people. Import the same export again to log their messages.").waitFor();
    await expect.poll(() => panel.count()).toBe(0);
    const people = JSON.parse(goodwill(server.storeUrl, ["--json", "person", "list"])).people;
    expect(people.map((p: { person: { name: string } }) => p.person.name).sort()).toEqual([
      "Ben Osei",
      "Lena Park",
      "Sofía Ramírez",
      "Tom",
    ]);
    expect(problems).toEqual([]);
  });

  it("fits a phone: nothing scrolls sideways at 360 px, with an item being edited", async () => {
    const server = await startServer(dialect, { storeUrl: await mailboxStore(dialect) });
    const { page, problems } = await signedIn(server, 360, 780);
    await page.goto(`${server.url}/inbox`);
    await page.getByRole("heading", { name: "People you write to often" }).waitFor();
    const ask = page.getByRole("listitem", { name: "Ben Osei asks: review my deck" });
    await ask.getByRole("button", { name: "Edit" }).click();
    await ask.getByLabel("Who").waitFor();
    const width = await page.evaluate<number>("document.documentElement.scrollWidth");
    expect(width).toBeLessThanOrEqual(360);
    await page.screenshot({ path: `/tmp/goodwill-inbox-phone-${dialect}.png`, fullPage: true });
    expect(problems).toEqual([]);
  });
});
