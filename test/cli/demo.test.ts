import { expect, it } from "vitest";
import { cli } from "../support/cli.js";
import { describeEachDialect } from "../support/stores.js";

describeEachDialect("goodwill demo tells Mark's story", (dialect) => {
  it("loads into an empty store and refuses a store that already has people", async () => {
    const { run } = cli({ dialect });
    const loaded = await run("demo", "--json");
    expect(loaded.code).toBe(0);
    expect(loaded.json().loaded).toMatchObject({ people: 11, me: { name: "Mark Rivera" } });
    const again = await run("demo");
    expect(again.code).toBe(4);
    expect(again.stderr).toMatch(/already has 11 people.*--db/);
  });

  it("today shows IT overdrawn with IT-flavoured ways to give first, the thanks owed to IT's people, the late promise and Elena's birthday", async () => {
    const { run } = cli({ dialect });
    await run("demo");
    const today = (await run("today", "--json")).json();
    expect(today.date).toBe("2026-11-25");
    // Mark never thanks IT: a thank-you stays owed for 90 days, late after 30. Kevin helped last
    // week; Dana and Raj's fixes were weeks ago, late but still worth a thank-you.
    expect(
      today.thanksOwed.map((t: { counterpart: { name: string }; late: boolean }) => [
        t.counterpart.name,
        t.late,
      ]),
    ).toEqual([
      ["Kevin O'Brien", false],
      ["Dana Whitfield", true],
      ["Raj Patel", true],
    ]);
    expect(today.commitments.find((c: { late: boolean }) => c.late)).toMatchObject({
      counterpart: "Sofía Marín",
      direction: "i_owe",
    });
    expect(today.asks).toHaveLength(1);
    expect(today.asks[0]).toMatchObject({
      counterpart: "IT",
      status: "open",
      advice: "Open for 40 days with no answer: follow up or withdraw it.",
    });
    expect(today.occasions).toEqual([
      expect.objectContaining({
        person: expect.objectContaining({ name: "Elena Rivera" }),
        label: "birthday",
        inDays: 3,
      }),
    ]);

    const kinds = today.suggestions.map((s: { kind: string }) => s.kind);
    // Ordered by kind: thank, follow-through, occasion, help with needs, introduce, then give-first.
    expect(kinds).toEqual([
      "thank",
      "thank",
      "thank",
      "follow-through",
      "occasion",
      "help-with-need",
      "help-with-need",
    ]);
    const everything = (await run("today", "--all", "--json")).json();
    const giveFirst = everything.suggestions.filter((s: { kind: string }) => s.kind === "give-first");
    // Raj, Dana and Kevin are each owed a thank-you: that is the give, with no give-first on top.
    for (const name of ["Raj Patel", "Dana Whitfield", "Kevin O'Brien"])
      expect(giveFirst.find((s: { person: { name: string } }) => s.person.name === name)).toBeUndefined();
    // The IT-flavoured ways to give first are the department's: three different lines for IT.
    const it = (await run("suggest", "dept:IT", "--json")).json().suggestions as {
      kind: string;
      action: string;
    }[];
    expect(it.filter((s) => s.kind === "thank")).toHaveLength(3);
    const itLines = it.filter((s) => s.kind === "give-first").map((s) => s.action);
    expect(itLines).toHaveLength(3);
    expect(new Set(itLines).size).toBe(3);
    expect(itLines.join(" ")).toMatch(/IT team/);
    // Communal Elena never gets numbers or a give-first nudge.
    expect(
      giveFirst.find((s: { person: { name: string } }) => s.person.name === "Elena Rivera"),
    ).toBeUndefined();
    const raj = today.due.find((d: { person: { name: string } }) => d.person.name === "Raj Patel");
    expect(raj.balance.label).toBe("overdrawn");
    // The first thing to do for Raj is the thank-you he is still owed.
    expect(raj.suggestion.kind).toBe("thank");
  });

  it("ledger dept:IT is overdrawn: years of quick fixes, nothing given", async () => {
    const { run } = cli({ dialect });
    await run("demo");
    const it = (await run("ledger", "dept:IT", "--json")).json();
    expect(it.balance.label).toBe("overdrawn");
    expect(it.balance.gave).toBe(0);
    expect(it.balance.entries).toBeGreaterThan(25);
    expect(it.entries.every((e: { direction: string }) => e.direction === "received")).toBe(true);
  });

  it("asking IT warns, and logging a few gives visibly moves the balance", async () => {
    const { run } = cli({ dialect });
    await run("demo");
    const ask = (await run("ask", "dept:IT", "A new laptop", "--json")).json();
    expect(ask.check.warning).toMatch(
      /^You have received \d+ times from IT in the last year and given nothing\. Consider giving first\.$/,
    );
    const before = (await run("ledger", "dept:IT", "--json")).json().balance;
    await run("thank", "Kevin", "for the hard drive swap");
    await run("gave", "Raj", "Told his manager how much his fixes saved the bid", "--kind", "support");
    await run("gave", "dept:IT", "Cleaned up my server space before filing the ticket", "--kind", "time");
    await run("gave", "Dana", "Took her to lunch", "--kind", "time");
    const after = (await run("ledger", "dept:IT", "--json")).json().balance;
    expect(after.gave).toBeGreaterThan(8);
    expect(after.ratio).toBeGreaterThan(before.ratio + 0.1);
    // Kevin is thanked; a lunch or a word to the manager is a give, but only a thank-you closes the loop.
    const owed = () =>
      run("today", "--json").then((r) =>
        r.json().thanksOwed.map((t: { counterpart: { name: string } }) => t.counterpart.name),
      );
    expect(await owed()).toEqual(["Dana Whitfield", "Raj Patel"]);
    await run("thank", "Dana", "for recovering the project folder");
    await run("thank", "Raj");
    expect(await owed()).toEqual([]);
  });

  it("show and score explain one relationship, with parts that add up to the score", async () => {
    const { run } = cli({ dialect });
    await run("demo");
    const shown = (await run("show", "Raj", "--json")).json();
    expect(shown.person).toMatchObject({
      name: "Raj Patel",
      department: "IT",
      organization: "Brightline Engineering",
      isColleague: true,
    });
    expect(shown.balance.label).toBe("overdrawn");
    expect(shown.timeline.length).toBeGreaterThan(5);
    const { strength } = shown;
    const sum =
      strength.parts.recency + strength.parts.frequency + strength.parts.depth + strength.parts.reciprocity;
    expect(Math.abs(sum - strength.score)).toBeLessThanOrEqual(0.6);
    expect(strength.explanation).toHaveLength(4);
    const score = (await run("score", "Raj")).stdout;
    expect(score).toMatch(
      /^Strength with Raj Patel: \d+ of 100\n {2}Last contact 72 days ago: [\d.]+ of 30\./,
    );
  });

  it("suggest lists every suggestion, and search finds accents and notes", async () => {
    const { run } = cli({ dialect });
    await run("demo");
    const suggestions = (await run("suggest", "--json")).json().suggestions;
    expect(suggestions.length).toBeGreaterThanOrEqual(8);
    // In the order of DESIGN §3.5.
    const kinds = suggestions.map((s: { kind: string }) => s.kind);
    // Every kind but give-first: IT's people are each owed a thank-you, which is the give (IT's
    // give-first lines are the department's, tested above).
    expect([...new Set(kinds)]).toEqual([
      "thank",
      "follow-through",
      "occasion",
      "help-with-need",
      "introduce",
      "reconnect",
      "meet-new",
    ]);
    const forTim = (await run("suggest", "Tim", "--json")).json().suggestions;
    expect(forTim).toEqual([
      expect.objectContaining({
        kind: "help-with-need",
        person: expect.objectContaining({ name: "Tim Keller" }),
      }),
      expect.objectContaining({
        kind: "introduce",
        person: expect.objectContaining({ name: "Tim Keller" }),
        otherPerson: expect.objectContaining({ name: "Concetta Russo" }),
      }),
    ]);
    expect(suggestions.find((s: { kind: string }) => s.kind === "meet-new")).toMatchObject({
      person: { name: "Legal" },
    });
    const found = (await run("search", "sofia", "--json")).json().results;
    expect(found[0]).toMatchObject({ kind: "person", person: { name: "Sofía Marín" } });
    const notes = (await run("search", "quick", "fixes", "--json")).json().results;
    expect(
      notes.some(
        (r: { kind: string; person: { name: string } }) =>
          r.kind === "note" && r.person.name === "Concetta Russo",
      ),
    ).toBe(true);
  });

  it("week: seven gives, one per person, at most three a day, overdue first, colleagues on workdays and Elena's birthday on its day", async () => {
    const { run } = cli({ dialect });
    await run("demo");
    const week = (await run("week", "--json")).json();
    expect(week).toMatchObject({
      from: "2026-11-26",
      to: "2026-12-02",
      total: 7,
      workWeek: ["mon", "tue", "wed", "thu", "fri"],
    });
    type Give = { kind: string; person: { name: string }; overdue: boolean };
    const sessions = week.sessions as { date: string; gives: Give[] }[];
    const gives = sessions.flatMap((s) => s.gives.map((g) => ({ ...g, date: s.date })));
    expect(new Set(gives.map((g) => g.person.name)).size).toBe(7);
    for (const s of sessions) expect(s.gives.length).toBeLessThanOrEqual(3);
    // Wednesday 25 November: Thursday and Friday are workdays, the weekend is 28 and 29 November.
    const weekend = ["2026-11-28", "2026-11-29"];
    // Elena is family: her birthday wish goes on its day, whatever the day; nobody else is on a weekend.
    const elena = gives.find((g) => g.person.name === "Elena Rivera");
    expect(elena).toMatchObject({ kind: "occasion" });
    const elenaBirthday = (await run("show", "Elena", "--json")).json().occasion.on;
    expect(elena?.date).toBe(elenaBirthday);
    for (const g of gives.filter((g) => g.person.name !== "Elena Rivera"))
      expect(weekend).not.toContain(g.date);
    // The thank-yous owed to IT's people and the late promise to Sofía are overdue: first of all.
    expect(new Set(gives.slice(0, 4).map((g) => `${g.kind} ${g.person.name}`))).toEqual(
      new Set([
        "thank Raj Patel",
        "thank Dana Whitfield",
        "thank Kevin O'Brien",
        "follow-through Sofía Marín",
      ]),
    );
    // Within each day too, what is late comes before what is not.
    for (const s of sessions) {
      const flags = s.gives.map((g) => g.overdue);
      expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)));
    }
    expect((await run("week")).stdout).toContain("Thursday 26 November (2026-11-26)");
  });
});
