import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { describeEachDialect } from "../support/stores.js";
import { goodwill, signedIn, startServer, useBrowser, withDemo } from "./support.js";

useBrowser();

function proposed(storeUrl: string): void {
  withDemo(storeUrl);
  goodwill(storeUrl, ["intro", "Linda", "Sofía", "Linda needs a designer; Sofía knows freelancers"]);
}

async function statusOf(page: Page, number: number): Promise<string> {
  return page.evaluate(async (n) => {
    const response = await fetch("/api/v1/introductions");
    const { introductions } = (await response.json()) as {
      introductions: { number: number; status: string; outcome: string | null; outcomeGood: boolean }[];
    };
    const found = introductions.find((i) => i.number === n);
    return found ? `${found.status}|${found.outcome}|${found.outcomeGood}` : "missing";
  }, number);
}

describeEachDialect("the web app: introductions", (dialect) => {
  it("an introduction moves from proposed through both agreements to made, with its outcome, and stays made", async () => {
    const server = await startServer(dialect, { prepare: proposed });
    const { page, problems } = await signedIn(server);
    await page.goto(`${server.url}/introductions`);
    const card = page.getByRole("listitem", { name: /Introduction #1: Linda Okafor and Sofía Marín/ });
    await card.waitFor();
    expect(await card.getByTestId("intro-status").textContent()).toBe("Waiting for both");
    // the opt-in messages are there to copy, one to each side
    expect(await card.locator("blockquote").count()).toBe(2);
    expect(await card.locator("blockquote").first().textContent()).toContain("Hi Linda");

    await card.getByRole("button", { name: "Linda Okafor agreed" }).click();
    await expect.poll(() => card.getByTestId("intro-status").textContent()).toBe("One side agreed");
    expect(await card.getByRole("button", { name: "Linda Okafor agreed" }).count()).toBe(0);
    await card.getByRole("button", { name: "Sofía Marín agreed" }).click();
    const agreed = page.getByRole("region", { name: /Both agreed/ });
    await agreed.getByRole("listitem", { name: /Introduction #1/ }).waitFor();
    await expect.poll(() => statusOf(page, 1)).toBe("agreed|null|false");

    await card.getByLabel("Outcome, if you know it already (optional)").fill("They met for coffee");
    await card.getByLabel("A good outcome").check();
    await card.getByRole("button", { name: "Introduced them" }).click();
    const made = page.getByRole("region", { name: /^Made/ });
    await made.getByRole("listitem", { name: /Introduction #1/ }).waitFor();
    await expect.poll(() => statusOf(page, 1)).toBe("made|They met for coffee|true");

    await page.reload();
    const again = page
      .getByRole("region", { name: /^Made/ })
      .getByRole("listitem", { name: /Introduction #1/ });
    await again.waitFor();
    expect(await again.getByTestId("intro-status").textContent()).toBe("Made");
    expect(await again.textContent()).toContain("They met for coffee");
    // a made introduction is a give to both: it shows in Linda's ledger
    const ledger = await page.evaluate(async () => {
      const people = (await (await fetch("/api/v1/people?q=Linda")).json()) as {
        people: { person: { id: string } }[];
      };
      const id = people.people[0]?.person.id as string;
      return JSON.stringify(await (await fetch(`/api/v1/ledger?subject=${id}`)).json());
    });
    expect(ledger).toContain("Introduced to Sofía Marín");
    expect(problems).toEqual([]);
  });

  it("Today's Introduce link fills the form; a proposal appears with its messages; a move the server refuses says why", async () => {
    const server = await startServer(dialect, { prepare: withDemo });
    const { page, problems } = await signedIn(server);
    const ids = await page.evaluate(async () => {
      const find = async (q: string) =>
        (
          (await (await fetch(`/api/v1/people?q=${encodeURIComponent(q)}`)).json()) as {
            people: { person: { id: string } }[];
          }
        ).people[0]?.person.id;
      return { a: await find("Kevin"), b: await find("Concetta") };
    });
    await page.goto(`${server.url}/introductions?a=${ids.a}&b=${ids.b}`);
    await expect.poll(() => page.getByLabel("Introduce", { exact: true }).inputValue()).toBe("Kevin O'Brien");
    await expect.poll(() => page.getByLabel("To", { exact: true }).inputValue()).toBe("Concetta Russo");
    await page.getByLabel("Why they should meet").fill("Both are planning the office move");
    await page.getByRole("button", { name: "Propose" }).click();
    const card = page.getByRole("listitem", { name: /Introduction #1: Kevin O'Brien and Concetta Russo/ });
    await card.waitFor();
    expect(await card.locator("blockquote").first().textContent()).toContain(
      "Both are planning the office move",
    );
    expect(new URL(page.url()).search).toBe("");

    // Meanwhile, in a terminal, it was declined: the button on screen is now out of date.
    goodwill(server.storeUrl, ["intro", "set", "1", "declined"]);
    await card.getByRole("button", { name: "Kevin O'Brien agreed" }).click();
    const refused = page.getByRole("alert").filter({ hasText: "cannot move to a_agreed" });
    await refused.waitFor();
    expect(await refused.textContent()).toContain("is declined");
    await expect.poll(() => statusOf(page, 1)).toBe("declined|null|false");
    // the refused request is the only thing the console reports
    expect(problems.filter((p) => !p.includes("409"))).toEqual([]);
  });

  it("Today's Introduce link carries why the two should meet, and the drafts that follow speak to each side", async () => {
    const server = await startServer(dialect, { prepare: withDemo });
    const { page, problems } = await signedIn(server);
    await page.goto(`${server.url}/`);
    const link = page.getByRole("link", { name: "Introduce", exact: true }).first();
    await link.waitFor();
    await link.click();
    await expect.poll(() => page.getByLabel("Introduce", { exact: true }).inputValue()).toBe("Tim Keller");
    await expect.poll(() => page.getByLabel("To", { exact: true }).inputValue()).toBe("Concetta Russo");
    // The reason is the one Today matched: Tim's need and Concetta's offer, in sentences.
    const reason = await page.getByLabel("Why they should meet").inputValue();
    expect(reason).toMatch(
      /^Tim is looking for guest writers for a series on networking inside engineering firms, and Concetta writes about/,
    );
    await page.getByRole("button", { name: "Propose" }).click();
    const card = page.getByRole("listitem", { name: /Introduction #1: Tim Keller and Concetta Russo/ });
    await card.waitFor();
    const [toTim, toConcetta] = await card.locator("blockquote").allTextContents();
    expect(toTim).toContain("Concetta writes about learning IT's quick fixes");
    expect(toConcetta).toContain("Tim is looking for guest writers");
    expect(toConcetta).toContain("you write about learning IT's quick fixes");
    expect(problems).toEqual([]);
  });
});
