import { expect, it } from "vitest";
import { cli } from "../support/cli.js";
import { describeEachDialect } from "../support/stores.js";
import { expectCleanAdvice } from "./advice-checks.js";

/*
 * Stories of the give-first playbook, told as the user lives them: an analyst who only ever takes
 * from IT, a department overdrawn as a whole, a consultant who reconnects with someone met at a
 * chapter lunch. Expectations come from the story, never from the output.
 */

interface S {
  kind: string;
  person: { id: string; name: string };
  action: string;
  reason: string;
  department?: { id: string; name: string };
}

const texts = (list: S[]) => list.flatMap((s) => [s.action, s.reason]);

/** A line with the person's first name taken out, so "Tell Raj's manager" and "Tell Dana's manager" are one line. */
const asLine = (s: S) => s.action.replaceAll(s.person.name.split(" ")[0] as string, "X");

const giveFirstOf = (list: S[], name: string) =>
  list.filter((s) => s.kind === "give-first" && s.person.name === name);

describeEachDialect("stories of the give-first playbook", (dialect) => {
  async function analystWhoOnlyTakesFromIt() {
    const story = cli({ dialect });
    const { run } = story;
    await run("init", "--name", "Priya Nair", "--org", "Northwind", "--dept", "Analytics");
    for (const name of ["Dana Whitfield", "Kevin O'Brien", "Raj Patel"])
      await run("person", "add", name, "--dept", "IT", "--layer", "50");
    // A year of quick fixes from each of them; Priya said thanks once, five weeks ago, and gave nothing else.
    for (const who of ["Dana", "Kevin", "Raj"]) {
      for (let i = 0; i < 6; i++)
        await run("received", who, `Quick fix number ${i + 1}`, "--on", `${40 + i * 50} days ago`);
      await run("thank", who, "for all the quick fixes", "--on", "35 days ago");
    }
    return story;
  }

  it("the only-takes-from-IT analyst: Dana, Kevin and Raj each get a different line, in every listing", async () => {
    const { run } = await analystWhoOnlyTakesFromIt();

    const { suggestions } = (await run("suggest", "--json")).json() as { suggestions: S[] };
    const it = ["Dana Whitfield", "Kevin O'Brien", "Raj Patel"].map((name) => giveFirstOf(suggestions, name));
    for (const lines of it) expect(lines).toHaveLength(1);
    expect(new Set(it.flat().map(asLine)).size).toBe(3);
    expectCleanAdvice(texts(suggestions), "Priya Nair", "suggest");

    // The agenda: its suggestions and the line shown beside each due person come from one listing.
    const today = (await run("today", "--all", "--json")).json() as {
      suggestions: S[];
      due: { suggestion: S | null }[];
    };
    const shown = new Map<string, S>();
    for (const s of [...today.suggestions, ...today.due.flatMap((d) => d.suggestion ?? [])])
      shown.set(`${s.kind} ${s.person.id}`, s);
    const agendaGives = [...shown.values()].filter((s) => s.kind === "give-first");
    expect(agendaGives.map((s) => s.person.name).sort()).toEqual([
      "Dana Whitfield",
      "Kevin O'Brien",
      "Raj Patel",
    ]);
    expect(new Set(agendaGives.map(asLine)).size).toBe(agendaGives.length);
    expectCleanAdvice(texts(today.suggestions), "Priya Nair", "agenda");

    const week = (await run("week", "--json")).json() as { sessions: { gives: S[] }[] };
    const weekGives = week.sessions.flatMap((s) => s.gives);
    expect(weekGives.filter((s) => s.kind === "give-first")).toHaveLength(3);
    expect(new Set(weekGives.filter((s) => s.kind === "give-first").map(asLine)).size).toBe(3);
    expectCleanAdvice(texts(weekGives), "Priya Nair", "week");
  });

  it("the only-takes-from-IT analyst: a line she acted on for Dana is not offered to Dana again for 8 weeks", async () => {
    const story = await analystWhoOnlyTakesFromIt();
    const { run, env } = story;
    const [idea] = giveFirstOf((await run("suggest", "Dana", "--json")).json().suggestions, "Dana Whitfield");
    if (!idea) throw new Error("Dana, overdrawn and thanked, has a give-first idea");
    // Priya does it and logs it in the words of the idea, as the one-click log does.
    expect((await run("gave", "Dana", idea.action)).code).toBe(0);

    for (const later of ["2026-11-26", "2026-12-20", "2027-01-15"]) {
      env.GOODWILL_NOW = `${later}T12:00:00.000Z`;
      const alone = giveFirstOf(
        (await run("suggest", "Dana", "--json")).json().suggestions,
        "Dana Whitfield",
      );
      const all = giveFirstOf((await run("suggest", "--json")).json().suggestions, "Dana Whitfield");
      const week = (await run("week", "--json")).json() as { sessions: { gives: S[] }[] };
      const inWeek = giveFirstOf(
        week.sessions.flatMap((s) => s.gives),
        "Dana Whitfield",
      );
      for (const s of [...alone, ...all, ...inWeek])
        expect([later, s.action]).not.toEqual([later, idea.action]);
      // Something else is still on offer for her: she is still far from even.
      expect(alone).toHaveLength(1);
    }
  });

  it("an overdrawn department: suggest dept:IT thanks who is owed, names the person to start with and gives the team lines", async () => {
    const { run } = cli({ dialect });
    await run("init", "--name", "Priya Nair", "--org", "Northwind", "--dept", "Analytics");
    await run("person", "add", "Raj Patel", "--dept", "IT", "--layer", "50");
    await run("person", "add", "Dana Whitfield", "--dept", "IT", "--layer", "50");
    await run("person", "add", "Kevin O'Brien", "--dept", "IT", "--layer", "150");
    await run("dept", "add", "Legal");
    // Raj carried most of it: a fix every month for a year. Dana twice. The help desk as a whole, often.
    for (let i = 0; i < 12; i++)
      await run("received", "Raj", `Fixed the VPN again (${i + 1})`, "--on", `${35 + i * 30} days ago`);
    await run("thank", "Raj", "for the VPN fixes", "--on", "33 days ago");
    await run("received", "Dana", "Restored my deleted folder", "--on", "200 days ago");
    await run("received", "Dana", "Set up my second screen", "--on", "120 days ago");
    for (let i = 0; i < 6; i++)
      await run("received", "dept:IT", `Ticket closed (${i + 1})`, "--on", `${60 + i * 45} days ago`);
    await run("thank", "dept:IT", "for closing every ticket", "--on", "50 days ago");
    // Kevin has helped three times before, and swapped her hard drive yesterday: not thanked yet.
    for (const days of [300, 200, 100])
      await run("received", "Kevin", "Fixed the printer", "--on", `${days} days ago`);
    await run("thank", "Kevin", "for the printer", "--on", "90 days ago");
    await run("received", "Kevin", "Swapped my failing hard drive", "--on", "yesterday");

    expect((await run("ledger", "dept:IT", "--json")).json().balance.label).toBe("overdrawn");
    const result = await run("suggest", "dept:IT", "--json");
    expect(result.code).toBe(0);
    const { suggestions } = result.json() as { suggestions: S[] };

    // The thank-you owed to Kevin comes first, and is his give: no give-first idea on top of it.
    expect(suggestions[0]).toMatchObject({ kind: "thank", person: { name: "Kevin O'Brien" } });
    expect(suggestions[0]?.action).toContain("Swapped my failing hard drive");
    expect(giveFirstOf(suggestions, "Kevin O'Brien")).toEqual([]);
    // Raj did the most for her: start with him.
    const start = suggestions.filter((s) => s.kind === "give-first" && !s.department);
    expect(start.map((s) => s.person.name)).toEqual(["Raj Patel"]);
    expect(start[0]?.reason).toMatch(/^Start with Raj/);
    // Then ideas for IT as a team, none of them twice, none the same as Raj's.
    const team = suggestions.filter((s) => s.kind === "give-first" && s.department?.name === "IT");
    expect(team.length).toBeGreaterThanOrEqual(2);
    for (const s of team) expect(s.action).toContain("the IT team");
    const lines = [...start, ...team].map((s) => s.action.replace(/\bRaj\b|the IT team/g, "X"));
    expect(new Set(lines).size).toBe(lines.length);
    expect(team.some((s) => s.reason.includes("The balance with IT is overdrawn"))).toBe(true);
    expectCleanAdvice(texts(suggestions), "Priya Nair", "suggest dept:IT");

    // Everywhere else too, Kevin's thank-you stands alone.
    const everyone = (await run("suggest", "--json")).json().suggestions as S[];
    expect(everyone.filter((s) => s.person.name === "Kevin O'Brien").map((s) => s.kind)).toEqual(["thank"]);

    const human = (await run("suggest", "dept:IT")).stdout;
    expect(human).not.toContain("Nothing to suggest");
    expect(human).toContain("Start with Raj");

    // A department where she knows nobody: meet someone there, and what the team would welcome.
    const legal = (await run("suggest", "dept:Legal", "--json")).json().suggestions as S[];
    expect(legal.map((s) => s.kind)).toContain("meet-new");
    expect(legal.filter((s) => s.kind === "give-first").length).toBeGreaterThan(0);
    expectCleanAdvice(texts(legal), "Priya Nair", "suggest dept:Legal");

    const missing = await run("suggest", "dept:Catering");
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/No department called "Catering"/);
  });

  it("a consultant reconnecting: the advice says where they met, when, through whom, and the last moment shared", async () => {
    const { run } = cli({ dialect });
    await run("init", "--name", "Morgan Hale", "--org", "Hale Consulting");
    await run("person", "add", "Tim Keller", "--org", "Cofebuz");
    await run(
      "person",
      "add",
      "Lee Chan",
      "--org",
      "Harbor Health",
      "--layer",
      "50",
      "--met",
      "SMPS chapter lunch",
      "--met-on",
      "2026-03-12",
      "--met-through",
      "Tim Keller",
    );
    await run("log", "Lee", "Coffee about the hospital bid", "--on", "2026-05-20", "--channel", "in_person");

    const { suggestions } = (await run("suggest", "Lee", "--json")).json() as { suggestions: S[] };
    expect(suggestions.map((s) => s.kind)).toEqual(["reconnect"]);
    const [reconnect] = suggestions as [S];
    expect(reconnect.action).toContain("Harbor Health");
    expect(reconnect.reason).toContain("SMPS chapter lunch");
    expect(reconnect.reason).toContain("March 2026");
    expect(reconnect.reason).toContain("Tim Keller");
    expect(reconnect.reason).toContain("Coffee about the hospital bid");
    expectCleanAdvice(texts(suggestions), "Morgan Hale");

    // The agenda shows the same advice beside Lee.
    const today = (await run("today", "--json")).json() as {
      due: { person: { name: string }; suggestion: S }[];
    };
    const lee = today.due.find((d) => d.person.name === "Lee Chan");
    expect(lee?.suggestion.reason).toContain("SMPS chapter lunch");
    expect(lee?.suggestion.reason).toContain("Coffee about the hospital bid");
  });
  it("a new hire's IT: someone never in touch is not the person to start with, and no line says they helped", async () => {
    const { run } = cli({ dialect });
    await run("init", "--name", "Nia Brooks", "--org", "Brightline", "--dept", "Projects");
    await run("person", "add", "Sam Ortiz", "--dept", "IT");
    await run("person", "add", "Kevin O'Brien", "--dept", "IT");
    await run("person", "add", "Dana Whitfield", "--dept", "IT");
    await run("received", "Kevin", "Swapped my keyboard", "--on", "yesterday");
    await run("received", "Dana", "Fixed my laptop", "--on", "36 days ago");
    // Both who helped are owed a thank-you: those are the start; Sam has done nothing yet.
    let it = (await run("suggest", "dept:IT", "--json")).json().suggestions as {
      kind: string;
      person: { id: string; name: string };
      action: string;
      reason: string;
    }[];
    expect(JSON.stringify(it)).not.toContain("Sam");
    expect(it.filter((s) => s.kind === "thank").map((s) => s.person.name)).toEqual([
      "Kevin O'Brien",
      "Dana Whitfield",
    ]);
    expect(it.find((s) => s.reason.startsWith("Start with"))).toBeUndefined();
    // Once Dana is thanked, she is the one to start with.
    await run("thank", "Dana", "for the laptop");
    it = (await run("suggest", "dept:IT", "--json")).json().suggestions;
    expect(JSON.stringify(it)).not.toContain("Sam");
    expect(it.find((s) => s.reason.startsWith("Start with"))?.person.name).toBe("Dana Whitfield");
    expectCleanAdvice(
      it.map((s) => `${s.action} ${s.reason}`),
      "Nia Brooks",
      "suggest dept:IT",
    );
  });
});
