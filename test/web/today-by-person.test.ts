/**
 * Today person by person (web/src/screens/today/by-person.ts), on agendas the CLI's `today --json`
 * answers for a small story: who leads, in which order the others follow, and that a person shows
 * once with everything to do for them.
 */
import { expect, it } from "vitest";
import { agendaByPerson, leftOut, type TodayData } from "../../web/src/screens/today/by-person.js";
import { cli } from "../support/cli.js";
import { describeEachDialect } from "../support/stores.js";

/** Who comes in which order, and what each has to do. */
const outline = (data: TodayData) =>
  agendaByPerson(data).map((a) => `${a.who.name}: ${a.items.map((i) => i.kind).join(", ")}`);

describeEachDialect("Today person by person", (dialect) => {
  it("a late thank-you leads, then a late promise of mine, a birthday today, the people due, a recent thank-you; each person once", async () => {
    const { run } = cli({ dialect });
    await run("person", "add", "Eve Recent");
    await run("received", "Eve Recent", "Lent me her charger", "--on", "3 days ago");
    await run("person", "add", "Dan Due", "--layer", "15");
    await run("log", "Dan Due", "Coffee", "--on", "2026-08-01");
    await run("promise", "Dan Due", "Book the room", "--due", "in 5 days");
    await run("person", "add", "Cara Birthday", "--birthday", "1990-11-25");
    await run("person", "add", "Ben Promise");
    await run("promise", "Ben Promise", "Send the slides", "--due", "2026-11-20");
    await run("person", "add", "Ann Late");
    await run("received", "Ann Late", "Fixed my laptop", "--on", "45 days ago");
    const today = (await run("--json", "today")).json() as TodayData;

    expect(outline(today)).toEqual([
      "Ann Late: thanks",
      "Ben Promise: promise",
      "Cara Birthday: occasion",
      // due, and a promise due within the week: one card, the more pressing first
      "Dan Due: due, promise",
      "Eve Recent: thanks",
    ]);
    // the way to help first that says to thank Ann is the advice of her thank-you, not an item of its own
    const [ann] = agendaByPerson(today);
    expect(ann?.items[0]?.advice).toMatch(/Thank Ann/);
    expect(ann?.items[0]?.advice).toContain("Fixed my laptop");
    expect(leftOut(today)).toEqual([]);
  });

  it("a birthday today comes before someone overdue, and a promise made to me after the thank-yous", async () => {
    const { run } = cli({ dialect });
    await run("person", "add", "Dan Due", "--layer", "15");
    await run("log", "Dan Due", "Coffee", "--on", "2026-08-01");
    await run("person", "add", "Tom Theirs");
    await run("promise", "Tom Theirs", "Send me the contract", "--due", "2026-11-20", "--they");
    await run("person", "add", "Eve Recent");
    await run("received", "Eve Recent", "Lent me her charger", "--on", "3 days ago");
    await run("person", "add", "Cara Birthday", "--birthday", "--11-25");
    const today = (await run("--json", "today")).json() as TodayData;
    expect(outline(today).map((line) => line.split(":")[0])).toEqual([
      "Cara Birthday",
      "Dan Due",
      "Eve Recent",
      "Tom Theirs",
    ]);
  });

  it("what the first seven of each kind leave out is said in words", async () => {
    const { run } = cli({ dialect });
    for (let i = 1; i <= 9; i++) {
      await run("person", "add", `Helper ${i}`);
      await run("received", `Helper ${i}`, `Helped with task ${i}`);
    }
    const today = (await run("--json", "today")).json() as TodayData;
    expect(agendaByPerson(today).filter((a) => a.items.some((i) => i.kind === "thanks"))).toHaveLength(7);
    expect(leftOut(today)).toContain("2 more thank-yous owed");
    const all = (await run("--json", "today", "--all")).json() as TodayData;
    expect(agendaByPerson(all).filter((a) => a.items.some((i) => i.kind === "thanks"))).toHaveLength(9);
    expect(leftOut(all)).toEqual([]);
  });
});
