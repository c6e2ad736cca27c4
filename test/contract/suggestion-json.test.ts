/**
 * The suggestion's place in the JSON contract (DESIGN §4.1): whom it is for is `person: {id, name}`
 * like every other document, and the flat `personId`/`personName` stay one release (CHANGELOG.md).
 */
import { expect, it } from "vitest";
import { api } from "../http/support.js";
import { cli } from "../support/cli.js";
import { describeEachDialect } from "../support/stores.js";

interface Item {
  kind: string;
  person: { id: string; name: string };
  personId: string;
  personName: string;
  department?: { id: string; name: string };
}

/** every item names its person twice, the same way: nested, and flat for last release's readers */
function expectBothForms(items: Item[]) {
  expect(items.length).toBeGreaterThan(0);
  for (const s of items) {
    expect(Object.keys(s.person).sort()).toEqual(["id", "name"]);
    expect(s.personId).toBe(s.person.id);
    expect(s.personName).toBe(s.person.name);
  }
}

describeEachDialect("suggestions in the JSON contract", (dialect) => {
  it("suggest, week, today and the pre-ask check name the person as person {id, name}, and the old fields agree", async () => {
    const { run } = cli({ dialect });
    await run("init", "--name", "Nia", "--org", "Brightline", "--dept", "Projects");
    const raj = (await run("person", "add", "Raj Patel", "--dept", "IT", "--json")).json();
    await run("received", "Raj", "Fixed my laptop", "--on", "3 days ago");

    const { suggestions } = (await run("suggest", "--json")).json() as { suggestions: Item[] };
    expectBothForms(suggestions);
    expect(suggestions[0]).toMatchObject({ kind: "thank", person: { id: raj.id, name: "Raj Patel" } });

    const week = (await run("week", "--json")).json() as { sessions: { gives: Item[] }[] };
    expectBothForms(week.sessions.flatMap((s) => s.gives));
    const today = (await run("today", "--json")).json() as { suggestions: Item[] };
    expectBothForms(today.suggestions);

    await run("thank", "Raj", "for the laptop");
    const asked = (await run("ask", "Raj", "A new laptop", "--json")).json() as {
      check: { suggestions: Item[] };
    };
    expectBothForms(asked.check.suggestions);
    expect(asked.check.suggestions[0]?.person).toEqual({ id: raj.id, name: "Raj Patel" });
  });

  it("for meet-new, person is the department where you know nobody, as the flat fields were", async () => {
    const { run } = cli({ dialect });
    await run("init", "--name", "Nia", "--org", "Brightline", "--dept", "Projects");
    await run("person", "add", "Raj Patel", "--dept", "IT");
    await run("dept", "add", "Legal");
    const { suggestions } = (await run("suggest", "--json")).json() as { suggestions: Item[] };
    const legal = suggestions.find((s) => s.kind === "meet-new" && s.person.name === "Legal");
    expect(legal?.person).toEqual(legal?.department);
    expectBothForms(suggestions);
  });

  it("the API sends both forms and its OpenAPI document marks the flat ones deprecated", async () => {
    const { call, account } = await api(dialect);
    const t = { token: (await account("ann@example.com")).token };
    await call("PUT", "/api/v1/profile", { ...t, body: { name: "Ann", organization: "Acme" } });
    const raj = (
      await call("POST", "/api/v1/people", { ...t, body: { name: "Raj Patel", department: "IT" } })
    ).body;
    await call("POST", "/api/v1/exchanges", {
      ...t,
      body: { personId: raj.id, direction: "received", summary: "Fixed my laptop" },
    });
    const all = (await call("GET", "/api/v1/suggestions", t)).body.suggestions as Item[];
    expectBothForms(all);
    expect(all[0]?.person).toEqual({ id: raj.id, name: "Raj Patel" });
    expectBothForms((await call("GET", `/api/v1/people/${raj.id}/suggestions`, t)).body.suggestions);

    const schema = (await call("GET", "/openapi.json")).body.components.schemas.Suggestion;
    expect(schema.required).toEqual(expect.arrayContaining(["person", "personId", "personName"]));
    expect(schema.properties.person.properties).toHaveProperty("id");
    expect(schema.properties.personId.deprecated).toBe(true);
    expect(schema.properties.personName.deprecated).toBe(true);
  });
});
