import { expect, it } from "vitest";
import { describeEachDialect } from "../support/stores.js";
import { goodwill, signedIn, startServer, useBrowser, withDemo } from "./support.js";

useBrowser();

/** The browser reports a refused request (the 409 the warning answers) as a console error. */
const unexpected = (problems: string[]) => problems.filter((p) => !p.includes("status of 409"));

describeEachDialect("the web app: duplicates", (dialect) => {
  it("adding someone already there warns with who it may be, and Add anyway adds them", async () => {
    const server = await startServer(dialect, { prepare: withDemo });
    const { page, problems } = await signedIn(server);
    await page.goto(`${server.url}/people`);
    await page.getByRole("button", { name: "Add a person" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a person" });
    await dialog.getByLabel("Name").fill("raj patel");
    await dialog.getByRole("button", { name: "Add", exact: true }).click();

    const warning = dialog.getByRole("alert");
    await warning.getByText("You may have this person already:").waitFor();
    const open = warning.getByRole("link", { name: "Open Raj Patel" });
    const raj = JSON.parse(goodwill(server.storeUrl, ["--json", "show", "Raj Patel"])).person;
    expect(await open.getAttribute("href")).toBe(`/people/${raj.id}`);
    const before = JSON.parse(goodwill(server.storeUrl, ["--json", "person", "list"])).people.length;

    await dialog.getByRole("button", { name: "Add anyway" }).click();
    await page.getByRole("heading", { name: "raj patel", level: 1 }).waitFor();
    expect(page.url()).not.toContain(raj.id);
    expect(JSON.parse(goodwill(server.storeUrl, ["--json", "person", "list"])).people).toHaveLength(
      before + 1,
    );
    expect(unexpected(problems)).toEqual([]);
  });

  it("Open … leads to the person already there", async () => {
    const server = await startServer(dialect, { prepare: withDemo });
    const { page, problems } = await signedIn(server);
    await page.goto(`${server.url}/people`);
    await page.getByRole("button", { name: "Add a person" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a person" });
    await dialog.getByLabel("Name").fill("Raj Patel");
    await dialog.getByRole("button", { name: "Add", exact: true }).click();
    await dialog.getByRole("link", { name: "Open Raj Patel" }).click();
    await page.getByRole("heading", { name: "Raj Patel", level: 1 }).waitFor();
    expect(await page.getByRole("dialog", { name: "Add a person" }).count()).toBe(0);
    expect(unexpected(problems)).toEqual([]);
  });

  it("the duplicates view lists pairs with their reasons, merges one keeping the older record, and hides one said to be two people", async () => {
    const server = await startServer(dialect, {
      prepare: (storeUrl) => {
        withDemo(storeUrl);
        goodwill(storeUrl, ["person", "add", "John Smith", "--email", "john@smith.example"]);
        goodwill(storeUrl, ["person", "add", "Jon Smith", "--phone", "+1 555 010 9999"]);
        goodwill(storeUrl, ["note", "Jon Smith", "Met at the spring fair"]);
        goodwill(storeUrl, ["person", "add", "Raj Patel", "--new", "--org", "Other Co"]);
      },
    });
    const { page, problems } = await signedIn(server);
    await page.goto(`${server.url}/people`);
    await page.getByRole("link", { name: "Possible duplicates" }).click();
    await page.getByRole("heading", { name: "Possible duplicates", level: 1 }).waitFor();

    const pair = page.getByRole("listitem", { name: "Jon Smith and John Smith" });
    await pair.getByText("names alike (0.90)").waitFor();
    await pair.getByRole("button", { name: "Merge…" }).click();
    const confirm = pair.getByRole("alertdialog");
    await confirm.getByText("Keep John Smith (john@smith.example).").waitFor();
    await confirm.getByRole("button", { name: "Merge into John Smith" }).click();
    await expect.poll(() => pair.count()).toBe(0);

    // Two people of one name: said once, the pair stays away.
    const namesakes = page.getByRole("listitem", { name: "Raj Patel and Raj Patel" });
    await namesakes.getByRole("button", { name: "Not the same person" }).click();
    await expect.poll(() => namesakes.count()).toBe(0);
    await page.reload();
    await page.getByRole("heading", { name: "Possible duplicates", level: 1 }).waitFor();
    await expect.poll(() => page.getByRole("listitem", { name: "Raj Patel and Raj Patel" }).count()).toBe(0);

    const john = JSON.parse(goodwill(server.storeUrl, ["--json", "show", "John Smith"]));
    expect(john.person.phones).toEqual(["+1 555 010 9999"]);
    expect(john.timeline.map((t: { summary: string }) => t.summary)).toContain("Met at the spring fair");
    expect(JSON.parse(goodwill(server.storeUrl, ["--json", "person", "dupes"])).pairs).not.toContainEqual(
      expect.objectContaining({ a: expect.objectContaining({ name: "Jon Smith" }) }),
    );
    expect(unexpected(problems)).toEqual([]);
  });
});
