import { expect, it } from "vitest";
import { describeEachDialect } from "../support/stores.js";
import { goodwill, signedIn, startServer, useBrowser, withDemo } from "./support.js";

useBrowser();

describeEachDialect("the web app: the department map", (dialect) => {
  it("shows the demo's departments with the gaps marked, and links to the people, on a phone too", async () => {
    const server = await startServer(dialect, { prepare: withDemo });
    const { page, problems } = await signedIn(server, 390, 800);
    await page.goto(`${server.url}/map`);
    const list = page.getByRole("list", { name: "Departments of Brightline Engineering" });
    await list.waitFor();
    const names = await list.locator("h2").allTextContents();
    expect(names.map((n) => n.replace(/ \(my department\)$/, ""))).toEqual([
      "Accounting",
      "Administration",
      "IT",
      "Legal",
      "Marketing",
      "Operations",
      "Project Management",
    ]);
    const legal = list.getByRole("listitem", { name: "Legal" });
    expect(await legal.getAttribute("class")).toContain("status-none");
    expect(await legal.textContent()).toContain("You know nobody here yet");
    const it = list.getByRole("listitem", { name: "IT" });
    expect(await it.getAttribute("class")).toContain("status-overdrawn");
    expect(await it.textContent()).toContain("3 people known");
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    // everyone of Brightline in the demo has a department
    expect(await page.getByRole("region", { name: "No department given" }).count()).toBe(0);

    await it.getByRole("link", { name: "Kevin O'Brien" }).click();
    await page.waitForURL(/\/people\/[^/]+$/);
    await page.getByRole("heading", { name: "Kevin O'Brien" }).waitFor();
    expect(problems).toEqual([]);
  });

  it("strength is the bar, in one colour whatever the balance; the balance is a marker with a legend; gaps only where one is", async () => {
    const server = await startServer(dialect, { prepare: withDemo });
    const { page, problems } = await signedIn(server);
    await page.goto(`${server.url}/map`);
    const list = page.getByRole("list", { name: "Departments of Brightline Engineering" });
    await list.waitFor();
    const legend = page.getByRole("region", { name: "How to read the map" });
    expect(await legend.textContent()).toMatch(
      /Bar: average strength.*Balance:.*Overdrawn.*Balanced.*Giving.*Dashed: a gap/,
    );
    const barColour = (name: string) =>
      list
        .getByRole("listitem", { name })
        .locator(".map-bar > span")
        .evaluate(
          (bar) =>
            // runs in the page: the tests' types have no DOM
            (
              globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }
            ).getComputedStyle(bar).backgroundColor,
        );
    // IT is overdrawn and Accounting balanced: their bars are the same colour, their markers are not
    expect(await barColour("IT")).toMatch(/^rgb\(/);
    expect(await barColour("IT")).toBe(await barColour("Accounting"));
    const marker = (name: string) =>
      list
        .getByRole("listitem", { name })
        .locator(".map-balance-line")
        .textContent()
        .then((t) => t?.replace(/\s+/g, " ").trim());
    expect(await marker("IT")).toBe("Balance Overdrawn");
    expect(await marker("Accounting")).toBe("Balance Balanced");
    expect(
      await list.getByRole("listitem", { name: "IT" }).getByRole("img").getAttribute("aria-label"),
    ).toMatch(/^Average strength \d+ of 100$/);
    // one gap: Legal, where Mark knows nobody (his own team is not a gap to fill); IT is overdrawn, not a gap
    expect(await page.locator(".map-summary").textContent()).toContain(
      "1 gap, where you know nobody yet: Legal. Overdrawn: IT.",
    );
    expect(await list.locator(".map-gap-card h2").allTextContents()).toEqual(["Legal"]);
    expect(problems).toEqual([]);
  });

  it("people of my organization without a department are listed on their own, and setting one moves them", async () => {
    const server = await startServer(dialect, {
      prepare: (store) => {
        goodwill(store, ["init", "--name", "Mark", "--org", "Acme", "--dept", "Sales"]);
        goodwill(store, ["person", "add", "Nadia Fix", "--dept", "IT"]);
        goodwill(store, ["person", "add", "Zed <b>Bold</b>", "--org", "Acme"]);
        goodwill(store, ["person", "add", "Yara Oduya", "--org", "acme"]);
        goodwill(store, ["person", "add", "Olga Outside", "--org", "Elsewhere"]);
      },
    });
    const { page, problems } = await signedIn(server, 390, 800);
    await page.goto(`${server.url}/map`);
    const group = page.getByRole("region", { name: "No department given" });
    await group.waitFor();
    expect(await page.getByText("3 people known (2 without a department)").count()).toBe(1);
    const people = group.getByRole("list", { name: "People without a department" });
    expect(await people.getByRole("link").allTextContents()).toEqual(["Yara Oduya", "Zed <b>Bold</b>"]);
    expect(await group.locator("b").count()).toBe(0);
    expect(await group.textContent()).toContain("count in no department until you say which");
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);

    // the field offers the organization's departments; setting one moves Yara into IT
    const field = group.getByLabel("Department of Yara Oduya");
    const offered = await page
      .locator(`datalist[id="${await field.getAttribute("list")}"] option`)
      .evaluateAll((all) => (all as unknown as { value: string }[]).map((o) => o.value));
    expect(offered).toEqual(["IT", "Sales"]);
    await field.fill("IT");
    await people
      .getByRole("listitem")
      .filter({ hasText: "Yara Oduya" })
      .getByRole("button", { name: "Set" })
      .click();
    const list = page.getByRole("list", { name: "Departments of Acme" });
    await list.getByRole("listitem", { name: "IT" }).getByRole("link", { name: "Yara Oduya" }).waitFor();
    await expect.poll(() => people.getByRole("link").allTextContents()).toEqual(["Zed <b>Bold</b>"]);
    await page.getByRole("status").filter({ hasText: "Yara Oduya is now in IT." }).waitFor();
    const yara = JSON.parse(goodwill(server.storeUrl, ["--json", "show", "Yara"])).person;
    expect(yara).toMatchObject({ organization: "Acme", department: "IT" });

    // the last one set, the group is gone
    await group.getByLabel("Department of Zed <b>Bold</b>").fill("Legal");
    // a name no department has yet: the field says Set adds it, and the confirmation says it did
    await group.getByText("No department is called that yet: Set adds it.").waitFor();
    await group.getByRole("button", { name: "Set" }).click();
    await list.getByRole("listitem", { name: "Legal" }).waitFor();
    await group.waitFor({ state: "detached" });
    await page
      .getByRole("status")
      .filter({ hasText: "Zed <b>Bold</b> is now in Legal, a new department of Acme." })
      .waitFor();
    expect(problems).toEqual([]);
  });

  it("without an organization in my profile it asks for one, then draws that organization's map", async () => {
    const server = await startServer(dialect, {
      prepare: (store) => {
        goodwill(store, ["init", "--name", "Mark"]);
        goodwill(store, ["person", "add", "Nadia Fix", "--org", "Acme", "--dept", "IT"]);
      },
    });
    const { page, problems } = await signedIn(server);
    await page.goto(`${server.url}/map`);
    await page.getByText("your profile does not name one yet").waitFor();
    expect(await page.getByLabel("My name").inputValue()).toBe("Mark");
    await page.getByLabel("Organization").fill("Acme");
    await page.getByLabel("My department").fill("Sales");
    await page.getByRole("button", { name: "Show my organization's map" }).click();
    const list = page.getByRole("list", { name: "Departments of Acme" });
    await list.waitFor();
    const sales = list.getByRole("listitem", { name: /Sales/ });
    expect(await sales.textContent()).toContain("my department");
    expect(await sales.getAttribute("class")).toContain("status-none");
    expect(await list.getByRole("listitem", { name: "IT" }).textContent()).toContain("Nadia Fix");
    expect(problems).toEqual([]);
  });
});
