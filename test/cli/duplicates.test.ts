import { describe, expect, it } from "vitest";
import { api } from "../http/support.js";
import { cli } from "../support/cli.js";
import { describeEachDialect } from "../support/stores.js";

describeEachDialect("duplicates", (dialect) => {
  it("person add refuses a folded name, an email or a phone already there (exit 4), naming who; --new adds anyway", async () => {
    const { run } = cli({ dialect });
    await run("init", "--name", "Mark Rivera", "--org", "Brightline Engineering");
    const raj = (
      await run(
        "person",
        "add",
        "Raj Patel",
        "--dept",
        "IT",
        "--email",
        "raj@brightline.example",
        "--phone",
        "+1 555 010 2030",
        "--json",
      )
    ).json();

    const byName = await run("person", "add", "RAJ PATÉL");
    expect(byName.code).toBe(4);
    expect(byName.stderr).toContain(
      "Raj Patel (Brightline Engineering, IT, raj@brightline.example) is already in your people. Add anyway with --new, or use that person.",
    );

    const byEmail = await run("person", "add", "R. Patel", "--email", "Raj@Brightline.example", "--json");
    expect(byEmail.code).toBe(4);
    expect(JSON.parse(byEmail.stderr).error).toMatchObject({
      code: "possible_duplicate",
      details: {
        candidates: [
          {
            id: raj.id,
            name: "Raj Patel",
            organization: "Brightline Engineering",
            department: "IT",
            email: "raj@brightline.example",
          },
        ],
      },
    });

    const byPhone = await run("person", "add", "Rajesh", "--phone", "555-010-2030", "--json");
    expect(byPhone.code).toBe(4);
    expect(JSON.parse(byPhone.stderr).error.details.candidates[0].id).toBe(raj.id);

    expect((await run("person", "list", "--json")).json().people).toHaveLength(1);
    const anyway = await run("person", "add", "Raj Patel", "--new", "--json");
    expect(anyway.code).toBe(0);
    expect(anyway.json().id).not.toBe(raj.id);

    // Two of that name now: both are named.
    const twice = await run("person", "add", "raj patel");
    expect(twice.code).toBe(4);
    expect(twice.stderr).toContain(
      "Raj Patel (Brightline Engineering, IT, raj@brightline.example) and Raj Patel are",
    );
    expect(twice.stderr).toContain("use one of them");
  });

  it("person dupes finds the same email, the same phone and a typo, but not two people of one organization", async () => {
    const { run } = cli({ dialect });
    await run("person", "add", "Jane Doe", "--email", "jane@acme.example", "--org", "Acme");
    await run("person", "add", "J. Doe-Walker", "--email", "JANE@acme.example", "--new");
    await run("person", "add", "Ola Nordmann", "--phone", "+44 20 7946 0958");
    await run("person", "add", "Kari Hansen", "--phone", "020 7946 0958", "--new");
    await run("person", "add", "John Smith", "--org", "Initech");
    await run("person", "add", "Jon Smith");
    await run("person", "add", "Priya Shah", "--org", "Acme");
    await run("person", "add", "Tom Becker", "--org", "Acme");

    const found = await run("person", "dupes", "--json");
    expect(found.code).toBe(0);
    const pairs: {
      a: { name: string; id: string };
      b: { name: string; id: string };
      reasons: { code: string }[];
      score: number;
    }[] = found.json().pairs;
    const named = pairs.map((p) => [p.a.name, p.b.name, p.reasons.map((r) => r.code)]);
    expect(named).toEqual(
      expect.arrayContaining([
        ["J. Doe-Walker", "Jane Doe", ["same_email"]],
        ["Kari Hansen", "Ola Nordmann", ["same_phone"]],
        ["Jon Smith", "John Smith", ["similar_name"]],
      ]),
    );
    expect(pairs).toHaveLength(3);
    for (const p of pairs) {
      expect(p.score).toBeGreaterThan(0);
      expect(p.score).toBeLessThanOrEqual(1);
    }

    const top = (await run("person", "dupes", "--limit", "1", "--json")).json();
    expect(top.total).toBe(3);
    expect(top.pairs).toHaveLength(1);
    expect((await run("person", "dupes", "--limit", "1")).stdout).toContain(
      "3 likely duplicate pairs, the likeliest 1 (see more with --limit)",
    );
    expect((await run("person", "dupes", "--limit", "0")).code).toBe(4);

    const human = await run("person", "dupes");
    expect(human.code).toBe(0);
    expect(human.stdout).toContain("3 likely duplicate pairs");
    expect(human.stdout).toContain("names alike (0.90)");
    const typo = pairs.find((p) => p.a.name === "Jon Smith");
    expect(human.stdout).toContain(`goodwill person merge ${typo?.a.id} ${typo?.b.id} --yes`);

    // The merge it suggests makes one person of the two, and the pair is gone.
    expect((await run("person", "merge", typo?.a.id ?? "", typo?.b.id ?? "", "--yes")).code).toBe(0);
    expect((await run("person", "dupes", "--json")).json().pairs).toHaveLength(2);

    // Two people after all: the pair is not shown again, the others still are.
    const apart = await run("person", "distinct", "Kari Hansen", "Ola Nordmann");
    expect(apart.code).toBe(0);
    expect(apart.stdout).toContain("Kari Hansen and Ola Nordmann are two people");
    const left = (await run("person", "dupes", "--json")).json();
    expect(left.pairs.map((p: { a: { name: string } }) => p.a.name)).toEqual(["J. Doe-Walker"]);
    expect(left.total).toBe(1);
    expect((await run("person", "distinct", "Jane Doe", "jane@acme.example")).code).toBe(4);
  });

  it("two people at one organization with names alike are a pair, the organization a supporting reason", async () => {
    const { run } = cli({ dialect });
    await run("person", "add", "Katherine Lee", "--org", "Acme");
    await run("person", "add", "Kathrine Lee", "--org", "Acme");
    const [pair] = (await run("person", "dupes", "--json")).json().pairs;
    expect(pair.reasons.map((r: { code: string }) => r.code)).toEqual(["similar_name", "same_organization"]);
    expect(pair.reasons[1].text).toBe("both at Acme");
  });

  it("says so when there are none", async () => {
    const { run } = cli({ dialect });
    await run("person", "add", "Ann Lee");
    expect((await run("person", "dupes")).stdout).toContain("No likely duplicates.");
  });
});

describeEachDialect("duplicates over the API", (dialect) => {
  it("POST /people answers 409 possible_duplicate with the candidates; allowDuplicate adds; GET /people/duplicates lists the pair", async () => {
    const { call, account } = await api(dialect);
    const t = { token: (await account("ann@example.com")).token };
    const raj = await call("POST", "/api/v1/people", {
      ...t,
      body: { name: "Raj Patel", organization: "Brightline", emails: ["raj@brightline.example"] },
    });
    expect(raj.status).toBe(201);
    const again = await call("POST", "/api/v1/people", { ...t, body: { name: "raj patel" } });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: "possible_duplicate",
      details: {
        candidates: [
          {
            id: raj.body.id,
            name: "Raj Patel",
            organization: "Brightline",
            department: null,
            email: "raj@brightline.example",
          },
        ],
      },
    });
    const anyway = await call("POST", "/api/v1/people", {
      ...t,
      body: { name: "raj patel", allowDuplicate: true },
    });
    expect(anyway.status).toBe(201);
    expect(anyway.body).not.toHaveProperty("allowDuplicate");

    const listed = await call("GET", "/api/v1/people/duplicates", t);
    expect(listed.status).toBe(200);
    expect(listed.body.pairs).toHaveLength(1);
    expect(listed.body.pairs[0]).toMatchObject({
      a: { id: anyway.body.id, name: "raj patel" },
      b: { id: raj.body.id, name: "Raj Patel" },
      reasons: [{ code: "same_name", text: "same name" }],
    });
    const apart = await call("POST", "/api/v1/people/distinct", {
      ...t,
      body: { a: raj.body.id, b: anyway.body.id },
    });
    expect(apart.status).toBe(200);
    expect(apart.body.distinct.a.id).toBe(raj.body.id);
    expect((await call("GET", "/api/v1/people/duplicates", t)).body).toEqual({ pairs: [], total: 0 });
    // …and saying it twice changes nothing
    expect(
      (await call("POST", "/api/v1/people/distinct", { ...t, body: { a: anyway.body.id, b: raj.body.id } }))
        .status,
    ).toBe(200);
    const doc = (await call("GET", "/openapi.json")).body;
    expect(doc.paths["/api/v1/people/duplicates"].get).toBeDefined();
  });
});

describe("the duplicate check and the demo", () => {
  it("the demo story loads (it adds people without the check)", async () => {
    const { run } = cli();
    expect((await run("demo")).code).toBe(0);
    expect((await run("person", "dupes", "--json")).code).toBe(0);
  });
});
