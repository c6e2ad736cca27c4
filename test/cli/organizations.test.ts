import { expect, it } from "vitest";
import { cli } from "../support/cli.js";
import { describeEachDialect } from "../support/stores.js";

describeEachDialect("goodwill org list and goodwill tags", (dialect) => {
  it("lists every organization, mine first, with its departments and how many people are in each", async () => {
    const { run } = cli({ dialect });
    expect((await run("org", "list")).stdout).toMatch(/^No organizations yet\./);
    await run("init", "--name", "Mark", "--org", "Brightline", "--dept", "Projects");
    await run("dept", "add", "Legal");
    for (const name of ["Raj Patel", "Kevin O'Brien"]) await run("person", "add", name, "--dept", "IT");
    await run("person", "add", "Nadia Fix", "--org", "Brightline");
    await run("person", "add", "Tyler Blik", "--org", "Blik Design", "--dept", "Studio");
    await run("person", "add", "Ana Nowhere");
    const { organizations } = (await run("org", "list", "--json")).json();
    expect(organizations).toEqual([
      {
        id: expect.any(String),
        name: "Brightline",
        mine: true,
        people: 3,
        withoutDepartment: 1,
        departments: [
          { id: expect.any(String), name: "IT", people: 2, mine: false },
          { id: expect.any(String), name: "Legal", people: 0, mine: false },
          { id: expect.any(String), name: "Projects", people: 0, mine: true },
        ],
      },
      {
        id: expect.any(String),
        name: "Blik Design",
        mine: false,
        people: 1,
        withoutDepartment: 0,
        departments: [{ id: expect.any(String), name: "Studio", people: 1, mine: false }],
      },
    ]);
    const text = (await run("org", "list")).stdout;
    expect(text).toMatch(
      /^Brightline \(yours\) {2}3 people\n {2}IT +2\n {2}Legal +0\n {2}Projects \(yours\) +0\n {2}no department given +1\n\nBlik Design {2}1 person\n {2}Studio +1\n$/,
    );
  });

  it("lists every tag once, whatever its case or accents, with how many people carry it", async () => {
    const { run } = cli({ dialect });
    expect((await run("tags")).stdout).toMatch(/^No tags yet\./);
    await run("person", "add", "Ana", "--tag", "Mentor", "--tag", "café");
    await run("person", "add", "Ben", "--tag", "mentor");
    await run("person", "add", "Cleo", "--tag", "mentor", "--tag", "Cafe");
    await run("person", "add", "Dan", "--tag", "zebra");
    await run("person", "add", "Eve");
    const { tags } = (await run("tags", "--json")).json();
    // spelled as most people have it; "café" and "Cafe" tie, and the first spelling in order wins
    expect(tags).toEqual([
      { name: "Cafe", people: 2 },
      { name: "mentor", people: 3 },
      { name: "zebra", people: 1 },
    ]);
    expect((await run("tags")).stdout).toBe(
      "tag     people\nCafe         2\nmentor       3\nzebra        1\n",
    );
    // each tag finds the people the list says
    expect((await run("person", "list", "--tag", "MENTOR", "--json")).json().people).toHaveLength(3);
  });
});
