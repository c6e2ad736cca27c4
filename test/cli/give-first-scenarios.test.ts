import { expect, it } from "vitest";
import { cli } from "../support/cli.js";
import { describeEachDialect } from "../support/stores.js";

interface S {
  kind: string;
  person: { id: string; name: string };
  action: string;
  reason: string;
  otherPerson?: { name: string };
}

describeEachDialect("give-first advice, scenario by scenario", (dialect) => {
  it("someone who only takes from IT is told to thank first, then, once thanked, given an IT give-first idea, never 'they owe you'", async () => {
    const { run } = cli({ dialect });
    await run("init", "--name", "Mark", "--org", "Brightline", "--dept", "Projects");
    await run("person", "add", "Raj Patel", "--dept", "IT", "--layer", "50");
    for (let i = 0; i < 10; i++)
      await run("received", "Raj", `Fixed my laptop, again (${i})`, "--on", `${2 + i * 30} days ago`);
    const { suggestions } = (await run("suggest", "--json")).json() as { suggestions: S[] };
    // The thank-you is the give while it is owed: no give-first idea stacked on top of it.
    expect(suggestions.map((s) => [s.kind, s.person.name])).toEqual([["thank", "Raj Patel"]]);
    await run("thank", "Raj", "for all the laptop fixes");
    const after = (await run("suggest", "--json")).json().suggestions as S[];
    expect(after.map((s) => [s.kind, s.person.name])).toEqual([["give-first", "Raj Patel"]]);
    const give = after[0] as S;
    expect(give.action).toMatch(/ticket|quick fix|manager|training|meeting|coffee|requests|internet|lunch/);
    expect(give.reason).toContain("a chance to give back");
    for (const s of [...suggestions, ...after]) expect(`${s.action} ${s.reason}`).not.toMatch(/owe/i);
    // Doing what it said rests that idea: the next one differs.
    await run("gave", "Raj", "Wrote to his manager about the laptop fixes", "--kind", "support");
    const next = (await run("suggest", "Raj", "--json"))
      .json()
      .suggestions.find((s: S) => s.kind === "give-first");
    expect(next?.action ?? "").not.toBe(give.action);
  });

  it("a new hire who knows nobody in Legal is told to meet someone there, last, and not for the departments known", async () => {
    const { run } = cli({ dialect });
    await run("init", "--name", "Nia", "--org", "Brightline", "--dept", "Projects");
    await run("dept", "add", "Legal");
    await run("dept", "add", "IT");
    await run("person", "add", "Raj Patel", "--dept", "IT", "--layer", "50");
    await run("person", "add", "Dora Kim", "--dept", "Projects", "--layer", "15");
    await run("received", "Raj", "Set up my laptop", "--on", "2 days ago");
    const { suggestions } = (await run("suggest", "--json")).json() as { suggestions: S[] };
    const kinds = suggestions.map((s) => s.kind);
    expect(kinds.at(-1)).toBe("meet-new");
    const meetNew = suggestions.filter((s) => s.kind === "meet-new");
    expect(meetNew.map((s) => s.person.name)).toEqual(["Legal"]);
    expect(meetNew[0]?.reason).toBe(
      "You know nobody in Legal at Brightline yet; one friendly contact there makes everything you ask of it easier.",
    );
    // Once somebody in Legal is known, the suggestion goes away.
    await run("person", "add", "Lena Voss", "--dept", "Legal");
    const after = (await run("suggest", "--json")).json().suggestions as S[];
    expect(after.filter((s) => s.kind === "meet-new")).toEqual([]);
  });

  it("two contacts whose need and offer match: help with the need, then introduce them, naming both and why", async () => {
    const { run } = cli({ dialect });
    await run("init", "--name", "Mark", "--org", "Brightline", "--dept", "Projects");
    await run("person", "add", "Ana Lima", "--org", "Sunfield", "--layer", "150");
    await run("person", "add", "Cleo Hart", "--org", "Studio Nine");
    await run("person", "add", "Ben Osei", "--dept", "Finance");
    await run("need", "Ana", "Hiring a designer for the spring campaign");
    await run("offer", "Cleo", "Designs logos and campaign brochures");
    await run("offer", "Ben", "Knows the payroll rules");
    const { suggestions } = (await run("suggest", "--json")).json() as { suggestions: S[] };
    const forAna = suggestions.filter((s) => s.person.name === "Ana Lima");
    expect(forAna.map((s) => s.kind)).toEqual(["help-with-need", "introduce"]);
    const intro = forAna[1] as S;
    expect(intro.action).toBe("Introduce Ana Lima to Cleo Hart: ask each of them first, then connect them.");
    expect(intro.reason).toBe(
      "Ana is hiring a designer for the spring campaign, and Cleo designs logos and campaign brochures.",
    );
    expect(intro.otherPerson?.name).toBe("Cleo Hart");
    expect(JSON.stringify(suggestions)).not.toContain("Ben Osei");
    // Asking Ana for something first shows what she needs.
    const check = (await run("ask", "Ana", "A reference", "--json")).json().check;
    expect(check.needs).toEqual([{ number: 1, text: "Hiring a designer for the spring campaign" }]);
    expect((await run("ask", "Ana", "Another reference")).stdout).toContain(
      "What they need (a chance to help first):\n  • Hiring a designer for the spring campaign",
    );
  });

  it("a communal family member gets warm suggestions, never numbers and never give-first", async () => {
    const { run } = cli({ dialect });
    await run("init", "--name", "Mark", "--org", "Brightline", "--dept", "Projects");
    await run("person", "add", "Rosa Diaz", "--communal", "--layer", "5", "--birthday", "1960-11-28");
    for (let i = 0; i < 8; i++)
      await run("received", "Rosa", "Sunday lunch", "--on", `${10 + i * 7} days ago`);
    await run("need", "Rosa", "Help moving the piano");
    const { suggestions } = (await run("suggest", "Rosa", "--json")).json() as { suggestions: S[] };
    expect(suggestions.map((s) => s.kind)).toEqual(["thank", "occasion", "help-with-need"]);
    for (const s of suggestions) {
      expect(`${s.action} ${s.reason}`).not.toMatch(/\d/);
      expect(`${s.action} ${s.reason}`).not.toMatch(/overdrawn|owe/i);
    }
  });

  it("today shows the first suggestion of each due person, and all kinds in the order of the design", async () => {
    const { run } = cli({ dialect });
    await run("init", "--name", "Mark", "--org", "Brightline", "--dept", "Projects");
    await run("dept", "add", "Legal");
    await run("person", "add", "Ana Lima", "--org", "Sunfield", "--layer", "15", "--met-on", "2025-01-01");
    await run("log", "Ana", "Coffee", "--on", "60 days ago");
    await run("need", "Ana", "Hiring a designer");
    await run("person", "add", "Cleo Hart", "--org", "Studio Nine");
    await run("offer", "Cleo", "Designer for hire");
    const agenda = (await run("today", "--json")).json();
    const ana = agenda.due.find((d: { person: { name: string } }) => d.person.name === "Ana Lima");
    expect(ana.suggestion.kind).toBe("help-with-need");
    const kinds = (agenda.suggestions as S[]).map((s) => s.kind);
    expect(kinds).toEqual(["help-with-need", "introduce", "meet-new"]);
  });
});
