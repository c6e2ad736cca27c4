import { expect, it } from "vitest";
import { cli } from "../support/cli.js";
import { describeEachDialect } from "../support/stores.js";

describeEachDialect("the department map", (dialect) => {
  it("shows every department of my organization: strong, thin, overdrawn and the ones where I know nobody", async () => {
    const { run } = cli({ dialect });
    await run("init", "--name", "Mark", "--org", "Brightline", "--dept", "Projects");
    await run("dept", "add", "Legal");
    await run("person", "add", "Raj Patel", "--dept", "IT");
    for (let i = 0; i < 6; i++) await run("received", "Raj", "Quick fix", "--on", `${3 + i * 20} days ago`);
    for (const name of ["Ana Lima", "Ben Osei"]) {
      await run("person", "add", name, "--dept", "Marketing", "--closeness", "5", "--met-on", "2020-01-01");
      for (let i = 0; i < 4; i++)
        await run("log", name, "Lunch", "--channel", "in_person", "--on", `${2 + i * 7} days ago`);
    }
    await run("person", "add", "Lena Voss", "--dept", "Finance");
    await run("person", "add", "Outside Olga", "--org", "Elsewhere", "--dept", "Legal");
    const map = (await run("map", "--json")).json();
    expect(map.organization).toBe("Brightline");
    const byName = Object.fromEntries(map.departments.map((d: { name: string }) => [d.name, d])) as Record<
      string,
      { people: number; status: string; averageStrength: number | null; balance: { label: string } }
    >;
    expect(Object.keys(byName)).toEqual(["Finance", "IT", "Legal", "Marketing", "Projects"]);
    expect(byName.IT).toMatchObject({ people: 1, status: "overdrawn", balance: { label: "overdrawn" } });
    expect(byName.Marketing?.status).toBe("strong");
    expect(byName.Marketing?.averageStrength).toBeGreaterThanOrEqual(40);
    // Lena was added but never contacted: a name is not a tie, so Finance is still a gap
    expect(byName.Finance).toMatchObject({ people: 1, contacted: 0, status: "none", averageStrength: null });
    expect(byName.Legal).toMatchObject({ people: 0, status: "none", averageStrength: null });
    const text = (await run("map")).stdout;
    expect(text).toMatch(/^Brightline\ndepartment\s+people\s+strength\s+balance\s+status\n/);
    expect(text).toMatch(/Legal\s+0\s+–\s+·{10}\s+–\s+nobody yet/);
    expect(text).toMatch(/Finance\s+1\s+–\s+·{10}\s+–\s+no contact yet/);
    expect(text).toMatch(/Marketing\s+2\s+\d+\s+█+·*\s+balanced\s+strong/);
  });

  it("people never contacted count in no department's strength or status: one lunch with one of them makes it thin", async () => {
    const { run } = cli({ dialect });
    await run("init", "--name", "Mark", "--org", "Brightline", "--dept", "Projects");
    for (const name of ["Ada Stone", "Bo Grant", "Cy Lee"])
      await run("person", "add", name, "--dept", "Legal");
    let legal = (await run("map", "--json"))
      .json()
      .departments.find((d: { name: string }) => d.name === "Legal");
    expect(legal).toMatchObject({ people: 3, contacted: 0, averageStrength: null, status: "none" });
    await run(
      "log",
      "Ada",
      "Lunch about the contract review",
      "--channel",
      "in_person",
      "--on",
      "3 days ago",
    );
    legal = (await run("map", "--json")).json().departments.find((d: { name: string }) => d.name === "Legal");
    const ada = legal.members.find((m: { name: string }) => m.name === "Ada Stone");
    expect(ada.contacted).toBe(true);
    // the average is Ada's alone: the two strangers do not drag it down
    expect(legal).toMatchObject({ people: 3, contacted: 1, averageStrength: ada.strength, status: "thin" });
  });

  it("lists the people of my organization without a department on their own, with how to set one", async () => {
    const { run } = cli({ dialect });
    await run("init", "--name", "Mark", "--org", "Brightline", "--dept", "Projects");
    await run("person", "add", "Raj Patel", "--dept", "IT");
    await run("person", "add", "Zoë Adler", "--org", "Brightline");
    await run("person", "add", "Nadia O'Neil", "--org", "brightline", "--closeness", "5");
    await run("person", "add", "Outside Olga", "--org", "Elsewhere");
    const map = (await run("map", "--json")).json();
    expect(map.departments.map((d: { name: string; people: number }) => `${d.name} ${d.people}`)).toEqual([
      "IT 1",
      "Projects 0",
    ]);
    expect(map.withoutDepartment).toEqual([
      { id: expect.any(String), name: "Nadia O'Neil", strength: expect.any(Number) },
      { id: expect.any(String), name: "Zoë Adler", strength: expect.any(Number) },
    ]);
    const text = (await run("map")).stdout;
    expect(text).toContain(
      `\nNo department given  2 people: Nadia O'Neil, Zoë Adler\n  They show in no department until you set one: goodwill person edit "Nadia O'Neil" --dept DEPT\n`,
    );
    // as the hint says: once set, they are in their department and no longer on their own
    expect((await run("person", "edit", "Nadia O'Neil", "--dept", "IT")).code).toBe(0);
    const after = (await run("map", "--json")).json();
    expect(after.withoutDepartment.map((p: { name: string }) => p.name)).toEqual(["Zoë Adler"]);
    expect(after.departments[0]).toMatchObject({ name: "IT", people: 2 });
    await run("person", "edit", "Zoë Adler", "--dept", "Legal");
    expect((await run("map", "--json")).json().withoutDepartment).toEqual([]);
    expect((await run("map")).stdout).not.toContain("No department given");
  });

  it("an organization without departments still lists its people", async () => {
    const { run } = cli({ dialect });
    await run("person", "add", "Tyler Blik", "--org", "Blik Design");
    const text = (await run("map", "--org", "Blik")).stdout;
    expect(text).toMatch(/^No departments of Blik Design yet\./);
    expect(text).toContain("No department given  1 person: Tyler Blik\n");
  });

  it("maps another organization with --org, and explains what to do without an organization", async () => {
    const { run } = cli({ dialect });
    const none = await run("map");
    expect(none.code).toBe(4);
    expect(none.stderr).toContain("goodwill init --name NAME --org ORG");
    await run("person", "add", "Tyler Blik", "--org", "Blik Design", "--dept", "Studio");
    const map = (await run("map", "--org", "Blik", "--json")).json();
    expect(map).toMatchObject({ organization: "Blik Design", departments: [{ name: "Studio", people: 1 }] });
    expect((await run("map", "--org", "Nowhere")).code).toBe(3);
  });
});
