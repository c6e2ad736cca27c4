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

    await it.getByRole("link", { name: "Kevin O'Brien" }).click();
    await page.waitForURL(/\/people\/[^/]+$/);
    await page.getByRole("heading", { name: "Kevin O'Brien" }).waitFor();
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
