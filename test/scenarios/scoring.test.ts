import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect, it } from "vitest";
import { cli, tempStorePath } from "../support/cli.js";
import { describeEachDialect } from "../support/stores.js";
import { expectAddressedTo, expectCleanAdvice } from "./advice-checks.js";

/*
 * Stories of the numbers behind the advice, told from the user's side: what they type, what they
 * expect to read. The clock of every story is 25 November 2026 at noon unless it moves on.
 */

interface Suggestion {
  kind: string;
  person: { id: string; name: string };
  action: string;
  reason: string;
}

const texts = (suggestions: Suggestion[]) => suggestions.flatMap((s) => [s.action, s.reason]);

describeEachDialect("scoring stories", (dialect) => {
  it("one favor yesterday: Maria is balanced, not overdrawn, and the thank-you is owed (late after a month, gone after three)", async () => {
    const { run, db } = cli({ dialect });
    await run("init", "--name", "Nia Brooks", "--org", "Brightline", "--dept", "Projects");
    await run("person", "add", "Maria Lopez", "--dept", "Operations", "--layer", "50");
    await run(
      "received",
      "Maria",
      "Covered my site visit when I was sick",
      "--kind",
      "favor",
      "--on",
      "yesterday",
    );

    // One five-minute favor is not an overdraft: the balance says balanced, nowhere overdrawn.
    const shown = (await run("show", "Maria", "--json")).json();
    expect(shown.balance.label).toBe("balanced");
    expect(shown.thanksOwed).toBe(true);
    expect(shown.thanksOwedText).toBe("You owe a thank-you for help yesterday.");
    const showText = (await run("show", "Maria")).stdout;
    expect(showText).not.toContain("overdrawn");
    expect(showText).toContain("You owe a thank-you for help yesterday.");

    // What to do is to thank her, and nothing says she is owed back in numbers.
    const { suggestions } = (await run("suggest", "Maria", "--json")).json() as { suggestions: Suggestion[] };
    expect(suggestions.map((s) => s.kind)).toEqual(["thank"]);
    expect(suggestions[0]?.action).toContain("Covered my site visit when I was sick");
    expect(suggestions[0]?.reason).not.toContain("late");
    expectCleanAdvice(texts(suggestions), "Nia Brooks", "suggest Maria");
    const today = (await run("today", "--json")).json();
    expect(today.thanksOwed.map((t: { counterpart: { name: string } }) => t.counterpart.name)).toEqual([
      "Maria Lopez",
    ]);
    expect(
      today.due.find((d: { balance: { label: string } }) => d.balance.label === "overdrawn"),
    ).toBeUndefined();

    // In the week, the thank-you comes first, and yesterday's favor is not yet called overdue.
    const week = (await run("week", "--json")).json();
    const first = week.sessions[0].gives[0];
    expect([first.kind, first.person.name, first.overdue]).toEqual(["thank", "Maria Lopez", false]);
    expect((await run("week")).stdout).not.toContain("overdue");

    // Six weeks on, still not thanked: still owed, and the advice says a late thank-you still counts.
    const sixWeeks = cli({ db: await db, now: "2027-01-06T12:00:00.000Z" });
    const lateWeek = (await sixWeeks.run("week", "--json")).json();
    expect(lateWeek.sessions[0].gives[0]).toMatchObject({ kind: "thank", overdue: true });
    const late = (await sixWeeks.run("suggest", "Maria", "--json")).json().suggestions as Suggestion[];
    expect(late.map((s) => s.kind)).toEqual(["thank"]);
    expect(late[0]?.reason).toBe(
      "Maria Lopez helped you 43 days ago and has not heard a thank-you yet. A late thank-you still counts.",
    );
    expectCleanAdvice(texts(late), "Nia Brooks", "suggest Maria, six weeks on");
    const lateToday = (await sixWeeks.run("today")).stdout;
    expect(lateToday).toMatch(
      /Maria Lopez {2}"Covered my site visit when I was sick" 43 days ago\n {4}→ A late thank-you still counts\./,
    );

    // A late thank-you closes it.
    await sixWeeks.run("thank", "Maria", "for covering the site visit");
    expect((await sixWeeks.run("today", "--json")).json().thanksOwed).toEqual([]);
  });

  it("a thank-you never sent lapses after 90 days: the agenda stops asking for it", async () => {
    const { run, db } = cli({ dialect });
    await run("init", "--name", "Nia Brooks", "--org", "Brightline");
    await run("person", "add", "Omar Haddad", "--org", "Haddad & Co");
    await run("received", "Omar", "Reviewed my bid pricing", "--kind", "advice", "--on", "2026-11-20");
    const url = await db;
    const at = async (now: string) =>
      (await cli({ db: url, now }).run("today", "--json"))
        .json()
        .thanksOwed.map((t: { counterpart: { name: string } }) => t.counterpart.name);
    expect(await at("2027-02-18T12:00:00.000Z")).toEqual(["Omar Haddad"]); // day 90
    expect(await at("2027-02-19T12:00:00.000Z")).toEqual([]); // day 91
  });

  it("a stale ask: open for 30 days it says follow up or withdraw it; a fresh ask says nothing; withdrawn, it is gone", async () => {
    const { run } = cli({ dialect });
    await run("init", "--name", "Nia Brooks", "--org", "Brightline", "--dept", "Projects");
    await run("person", "add", "Omar Haddad", "--org", "Haddad & Co");
    await run("person", "add", "Lee Park", "--org", "Parkworks");
    const stale = (
      await run(
        "ask",
        "Omar",
        "An introduction to the county's facilities team",
        "--on",
        "30 days ago",
        "--json",
      )
    ).json();
    await run("ask", "Lee", "Feedback on my proposal outline", "--on", "10 days ago");

    const today = (await run("today", "--json")).json();
    expect(today.asks.map((a: { counterpart: string; advice: string }) => [a.counterpart, a.advice])).toEqual(
      [["Omar Haddad", "Open for 30 days with no answer: follow up or withdraw it."]],
    );
    expectCleanAdvice(
      today.asks.map((a: { advice: string }) => a.advice),
      "Nia Brooks",
      "today's asks",
    );
    const text = (await run("today")).stdout;
    expect(text).toContain("Asks waiting 30 days or more");
    expect(text).toContain(
      `→ Open for 30 days with no answer: follow up or withdraw it. (goodwill ask withdraw ${stale.ask.number})`,
    );
    expect(text).not.toContain("Feedback on my proposal outline");

    // Doing what it says: withdrawn, the ask leaves the agenda.
    expect((await run("ask", "withdraw", String(stale.ask.number))).code).toBe(0);
    expect((await run("today", "--json")).json().asks).toEqual([]);
  });

  it("a family member: communal, so no numbers anywhere and never a nudge to give back, however much she helps", async () => {
    const { run } = cli({ dialect });
    await run("init", "--name", "Nia Brooks", "--org", "Brightline");
    await run("person", "add", "Rosa Brooks", "--communal", "--layer", "5", "--birthday", "--11-28");
    const help = [
      "Picked the kids up from school",
      "Cooked for us all week",
      "Drove me to the airport",
      "Watered the garden while we were away",
      "Lent us her car",
      "Picked the kids up again",
    ];
    for (const [i, what] of help.entries())
      await run("received", "Rosa", what, "--kind", "time", "--on", `${2 + i * 9} days ago`);

    const shown = (await run("show", "Rosa", "--json")).json();
    expect(shown.balance).toMatchObject({ label: "untracked", gave: null, received: null, ratio: null });
    expect((await run("ledger", "Rosa", "--json")).json().balance.label).toBe("untracked");
    const showText = (await run("show", "Rosa")).stdout;
    expect(showText).toMatch(/Balance {3}untracked \(communal: no numbers kept\)/);
    expect(showText).not.toMatch(/overdrawn|ratio/);

    const { suggestions } = (await run("suggest", "Rosa", "--json")).json() as { suggestions: Suggestion[] };
    const kinds = suggestions.map((s) => s.kind);
    expect(kinds).not.toContain("give-first");
    expect(kinds).toEqual(["thank", "occasion"]);
    for (const line of texts(suggestions)) {
      expect(line, line).not.toMatch(/\d/); // no counts, no days, no ratios for family
      expect(line, line).not.toMatch(/give back|overdrawn|balance|owe/i);
    }
    expectCleanAdvice(texts(suggestions), "Nia Brooks", "suggest Rosa");
  });

  it("an imported stranger: no points for recency, frequency or reciprocity, closeness 2, and their department stays a gap", async () => {
    const { run } = cli({ dialect });
    await run("init", "--name", "Nia Brooks", "--org", "Brightline", "--dept", "Projects");
    const file = join(dirname(tempStorePath()), "chapter-lunch.csv");
    writeFileSync(
      file,
      "Name,Email,Organization,Department\nGreta Lind,greta@brightline.example,Brightline,Legal\nHugo Sand,hugo@sandarch.example,Sand Architects,\n",
    );
    expect((await run("import", file, "--json")).json()).toMatchObject({ created: 2 });

    for (const who of ["Greta", "Hugo"]) {
      const shown = (await run("show", who, "--json")).json();
      expect(shown.person.closeness).toBe(2);
      expect(shown.strength.parts).toEqual({ recency: 0, frequency: 0, depth: 4.5, reciprocity: 0 });
      expect(shown.strength.score).toBe(5);
      expect(shown.strength.explanation).toEqual([
        "No contact yet: 0 of 30.",
        "No recent contact-days to count: 0 of 25.",
        "Closeness 2 of 5, known only a short while, 0 channels used in the last year: 4.5 of 30.",
        "Nobody has reached out yet: 0 of 15.",
      ]);
      for (const line of shown.strength.explanation) expectAddressedTo(line, "Nia Brooks");
    }
    const score = (await run("score", "Greta")).stdout;
    expect(score).toMatch(/^Strength with Greta Lind: 5 of 100\n/);

    // Greta is a name in Legal, not a tie there: Legal is still a gap on the map.
    const legal = (await run("map", "--json"))
      .json()
      .departments.find((d: { name: string }) => d.name === "Legal");
    expect(legal).toMatchObject({ people: 1, contacted: 0, averageStrength: null, status: "none" });
    expect((await run("map")).stdout).toMatch(/Legal\s+1\s+–\s+·{10}\s+–\s+no contact yet/);

    // One coffee with her, and Legal is known (thin), with her strength now counting.
    await run(
      "log",
      "Greta",
      "Coffee after the chapter lunch",
      "--channel",
      "in_person",
      "--initiated",
      "them",
    );
    const after = (await run("show", "Greta", "--json")).json().strength;
    expect(after.parts.recency).toBe(30);
    expect(after.parts.reciprocity).toBe(0); // one contact says nothing yet about who reaches out
    const legalAfter = (await run("map", "--json"))
      .json()
      .departments.find((d: { name: string }) => d.name === "Legal");
    expect(legalAfter).toMatchObject({ contacted: 1, status: "thin", averageStrength: after.score });
  });

  it("two late thank-yous: the note that a late one still counts is said once in today, suggest and the daily note", async () => {
    const { run } = cli({ dialect });
    await run("person", "add", "Maria Lopez");
    await run("person", "add", "Omar Haddad");
    await run("received", "Maria Lopez", "Covered my site visit", "--on", "50 days ago");
    await run("received", "Omar Haddad", "Reviewed my bid", "--on", "45 days ago");
    const note = "A late thank-you still counts.";
    const count = (text: string) => text.split(note).length - 1;
    const today = (await run("today")).stdout;
    const [thanksPart, suggestionsPart] = today.split("Suggestions");
    expect(count(thanksPart ?? "")).toBe(1);
    expect(count(suggestionsPart ?? "")).toBe(1);
    const suggested = (await run("suggest", "--json")).json().suggestions as Suggestion[];
    const thanks = suggested.filter((s) => s.kind === "thank");
    expect(thanks).toHaveLength(2);
    expect(thanks.map((s) => s.reason.endsWith(note))).toEqual([true, false]);
    await run("remind", "settings", "--email", "me@example.com", "--smtp", "smtp://localhost:2525");
    const dryRun = (await run("remind", "--dry-run")).stdout;
    expect(dryRun).toContain("Thank Omar Haddad");
    expect(count(dryRun)).toBe(1);
  });
});
