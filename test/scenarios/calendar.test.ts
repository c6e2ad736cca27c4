/*
 * Stories of the calendar and of events (issue 12, items 4, 9 and 12), told from the user's side:
 * what they type, and what they expect to read back in today, week and their calendar.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ICAL from "ical.js";
import { afterEach, expect, it } from "vitest";
import { cli } from "../support/cli.js";
import { describeEachDialect } from "../support/stores.js";
import { expectCleanAdvice } from "./advice-checks.js";

interface Give {
  kind: string;
  person: { id: string; name: string };
  action: string;
  reason: string;
  overdue: boolean;
}
interface Session {
  date: string;
  gives: Give[];
}

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length > 0) rmSync(dirs.pop() as string, { recursive: true, force: true });
});

function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "goodwill-calendar-"));
  dirs.push(dir);
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The advice texts of a week: what the user reads, one line each. */
const weekLines = (sessions: Session[]) =>
  sessions.flatMap((s) => s.gives.flatMap((g) => [`${g.person.name}: ${g.action}`, g.reason]));

/** The all-day events of an ICS export, as summary, day and description. */
function calendarOf(ics: string) {
  return new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents("vevent").map((v) => {
    const e = new ICAL.Event(v);
    return { summary: e.summary, day: e.startDate.toString(), description: e.description ?? "" };
  });
}

const FIRST = [
  "Lee",
  "Ana",
  "Tom",
  "Kai",
  "Ivy",
  "Max",
  "Zoe",
  "Ben",
  "Eva",
  "Sam",
  "Noa",
  "Ray",
  "Uma",
  "Joe",
  "Liv",
];
const LAST = ["Chan", "Ruiz", "Berg", "Holt", "Moss", "Long", "Park", "Nagy", "Lind", "Ortiz"];

describeEachDialect("the calendar and events, story by story", (dialect) => {
  it("an attendee list with a Met column and no date is still one event, and takes a rhythm in one step", async () => {
    const { run } = cli({ dialect });
    await run("init", "--name", "Paula Reyes", "--org", "Reyes Consulting");
    const rows = ["Name,Email,Company,Met"];
    for (let i = 0; i < 20; i++)
      rows.push(`${FIRST[i % 15]} ${LAST[i % 10]}${i},p${i}@firm.example,Firm ${i},SMPS chapter lunch`);
    expect(
      (await run("import", tempFile("lunch.csv", `${rows.join("\n")}\n`), "--json")).json().created,
    ).toBe(20);
    const { events } = (await run("events", "--json")).json();
    expect(events.map((e: { name: string }) => e.name)).toEqual(["SMPS chapter lunch"]);
    const rhythm = await run("event", "rhythm", "smps chapter lunch", "--json");
    expect(rhythm.code, rhythm.stderr).toBe(0);
    expect(rhythm.json().updated).toHaveLength(20);
  });

  it("the consultant who imported 150 contacts from one event: offered a rhythm in one step, then one grouped note instead of 150 lines", async () => {
    // Paula went to the SMPS chapter lunch on 14 October and came back with the attendee list.
    const paula = cli({ dialect, now: "2026-11-25T15:00:00Z" });
    const { run } = paula;
    await run("init", "--name", "Paula Reyes", "--org", "Reyes Consulting", "--time-zone", "America/Chicago");
    const rows = ["Name,Company,Email,Met,Met On"];
    for (let i = 0; i < 150; i++) {
      const name = `${FIRST[i % 15]} ${LAST[Math.floor(i / 15) % 10]}`;
      rows.push(
        `${name},Firm ${i % 40},${name.toLowerCase().replace(" ", ".")}@firm${i % 40}.example,SMPS chapter lunch,2026-10-14`,
      );
    }
    const imported = (
      await run("import", tempFile("smps-lunch.csv", `${rows.join("\n")}\n`), "--json")
    ).json();
    expect(imported.created).toBe(150);
    // She talked at length with three of them, and noted it.
    await run(
      "log",
      "Lee Chan",
      "Talked about the hospital bid",
      "--on",
      "2026-10-14",
      "--channel",
      "in_person",
    );
    await run("log", "Ana Chan", "Coffee after the lunch: she is moving to Denver", "--on", "2026-10-14");
    await run("log", "Tom Chan", "Long talk about mentoring juniors", "--on", "2026-10-14");
    await run(
      "gave",
      "Tom Chan",
      "Sent him the mentoring guide that evening",
      "--on",
      "2026-10-14",
      "--kind",
      "advice",
    );
    // Kai called her two weeks later: that tie is warm.
    await run("log", "Kai Chan", "Called about a joint pursuit", "--on", "2026-10-30", "--channel", "call");

    // Six weeks on, nobody has a rhythm, so nobody is "due"; but Goodwill must not say all is well.
    const today = (await run("today", "--json")).json();
    expect(today.goingCold).toHaveLength(1);
    expect(today.goingCold[0]).toMatchObject({ event: { name: "SMPS chapter lunch", on: "2026-10-14" } });
    // Kai was in touch after the lunch: he is not going cold; the other 149 are.
    expect(today.goingCold[0].people).toBe(149);
    const week = await run("week");
    expect(week.stdout).not.toMatch(/good shape/);
    expect(week.stdout).toContain("149 people from the SMPS chapter lunch are going cold");
    const todayText = (await run("today")).stdout;
    // The offer is one command, printed ready to run.
    const command = todayText.split("\n").find((l) => l.trim().startsWith("goodwill event rhythm"));
    expect(command?.trim()).toBe('goodwill event rhythm "SMPS chapter lunch" --every 90');
    expectCleanAdvice(
      [today.goingCold[0].title, today.goingCold[0].action, today.goingCold[0].reason],
      "Paula Reyes",
    );

    const set = (await run("event", "rhythm", "SMPS chapter lunch", "--every", "90", "--json")).json();
    expect(set.updated).toHaveLength(150);
    expect((await run("today", "--json")).json().goingCold).toEqual([]);
    // One step, undone in one step too.
    expect((await run("undo")).code).toBe(0);
    expect((await run("today", "--json")).json().goingCold[0].people).toBe(149);
    await run("event", "rhythm", "smps lunch");

    // 13 January 2027: 91 days after the lunch. Someone met once is due counted from the meeting,
    // not from the day the list was imported (49 days before), so all of them are due now.
    const january = { ...paula.env, GOODWILL_NOW: "2027-01-13T15:00:00Z" };
    const later = cli({ dialect, db: await paula.db, now: january.GOODWILL_NOW });
    const quiet = (await later.run("show", "Zoe Chan", "--json")).json();
    expect(quiet.due.daysSinceContact).toBeNull();
    expect(quiet.due.status).toBe("due");
    const agenda = (await later.run("today", "--json")).json();
    expect(agenda.groups).toHaveLength(1);
    const group = agenda.groups[0];
    // Everyone but Kai, whose rhythm runs from his call and is not due yet.
    expect(group.title).toBe("149 people from the SMPS chapter lunch");
    expect(group.people).toHaveLength(149);
    expect(group.people.map((p: { name: string }) => p.name)).not.toContain("Kai Chan");
    expect(group.action).toBe(
      "Send one follow-up note to the group, then a personal line to the three you talked with most: Tom Chan, Ana Chan and Lee Chan.",
    );
    // Not 150 single lines: nobody of the lunch is listed on their own.
    expect(agenda.due.map((d: { person: { name: string } }) => d.person.name)).toEqual([]);
    expectCleanAdvice([group.title, group.action, group.reason], "Paula Reyes");

    // The week before, the group is one give, on a workday (they are work contacts).
    const friday = cli({ dialect, db: await paula.db, now: "2027-01-08T15:00:00Z" });
    const grouped = (await friday.run("week", "--json")).json();
    const gives = (grouped.sessions as Session[]).flatMap((s) =>
      s.gives.map((g) => ({ ...g, date: s.date })),
    );
    expect(gives.map((g) => g.person.name)).toEqual(["149 people from the SMPS chapter lunch"]);
    expect(["2027-01-09", "2027-01-10"]).not.toContain(gives[0]?.date);
    expectCleanAdvice(weekLines(grouped.sessions), "Paula Reyes", "week");

    // And the calendar has one reach-out event for them, with the group in the description, on
    // Tuesday 12 January (90 days after the lunch); Kai's day is his own, 90 days after his call.
    const events = calendarOf((await friday.run("export", "--format", "ics")).stdout);
    const reachOuts = events.filter((e) => e.summary.startsWith("Goodwill: "));
    expect(reachOuts.map((e) => [e.day, e.summary])).toEqual([
      ["2027-01-12", "Goodwill: 149 people to reach out to"],
      ["2027-01-28", "Goodwill: 1 person to reach out to"],
    ]);
    expect(reachOuts[0]?.description).toContain(
      "149 people from the SMPS chapter lunch: send one follow-up note",
    );
    expect(reachOuts[1]?.description.split("\n")).toContain("Kai Chan");
  });

  it("people from several events: each event's advice says which event it is about, none is the same line twice", async () => {
    const { run } = cli({ dialect }); // Wednesday 25 November 2026
    await run("init", "--name", "Paula Reyes", "--org", "Reyes Consulting");
    // Three attendee lists: the Web Summit, and two monthly chapter lunches of the same name.
    const rows = ["Name,Company,Email,Met,Met On"];
    const lists: [string, string][] = [
      ["Web Summit", "2026-09-20"],
      ["SMPS chapter lunch", "2026-09-16"],
      ["SMPS chapter lunch", "2026-10-14"],
    ];
    lists.forEach(([event, on], e) => {
      for (let i = 0; i < 4; i++) {
        const name = `${FIRST[e * 4 + i]} ${LAST[e]}`;
        rows.push(
          `${name},Firm ${e},${name.toLowerCase().replace(" ", ".")}@firm${e}.example,${event},${on}`,
        );
      }
    });
    await run("import", tempFile("three-events.csv", `${rows.join("\n")}\n`));
    const today = (await run("today", "--json")).json() as {
      goingCold: { title: string; action: string; reason: string }[];
    };
    expect(today.goingCold).toHaveLength(3);
    const actions = today.goingCold.map((c) => c.action).sort();
    expect(actions).toEqual([
      "Keep in touch with everyone from the SMPS chapter lunch of 14 October 2026 every 90 days, counted from the meeting, in one step.",
      "Keep in touch with everyone from the SMPS chapter lunch of 16 September 2026 every 90 days, counted from the meeting, in one step.",
      "Keep in touch with everyone from the Web Summit every 90 days, counted from the meeting, in one step.",
    ]);
    expectCleanAdvice(
      today.goingCold.flatMap((c) => [c.action, c.reason]),
      "Paula Reyes",
      "today's going-cold events",
    );
    expect(
      (await run("today")).stdout.split("\n").filter((l) => l.includes("Keep in touch with all of them")),
    ).toEqual([]);

    // Two groups due together: each line names its event, in today and in week.
    const due = cli({ dialect });
    await due.run("init", "--name", "Paula Reyes", "--org", "Reyes Consulting");
    for (const [event, names] of [
      ["Web Summit", ["Lee Chan", "Ana Ruiz", "Tom Berg"]],
      ["Design Week", ["Kai Holt", "Ivy Moss", "Max Long"]],
    ] as const)
      for (const name of names)
        await due.run("person", "add", name, "--met", event, "--met-on", "2026-09-20", "--cadence", "30");
    const agenda = (await due.run("today", "--json")).json() as {
      groups: { title: string; action: string; reason: string }[];
    };
    expect(agenda.groups.map((g) => g.title).sort()).toEqual([
      "3 people from the Design Week",
      "3 people from the Web Summit",
    ]);
    for (const g of agenda.groups)
      expect(g.action).toContain(
        `Send one follow-up note to everyone from ${g.title.replace(/^3 people from /, "")},`,
      );
    expectCleanAdvice(
      agenda.groups.flatMap((g) => [g.action, g.reason]),
      "Paula Reyes",
      "today's groups",
    );
    const week = (await due.run("week", "--json")).json() as { sessions: Session[] };
    const groupGives = week.sessions
      .flatMap((d) => d.gives)
      .filter((g) => g.person.name.startsWith("3 people"));
    expect(groupGives).toHaveLength(2);
    expectCleanAdvice(weekLines(week.sessions), "Paula Reyes", "week");
    expect(new Set(groupGives.map((g) => g.action)).size).toBe(2);
  });

  it("a weekend in week: colleagues on workdays only, the work week is the user's own, overdue first, three a day", async () => {
    const { run } = cli({ dialect }); // Wednesday 25 November 2026
    await run("init", "--name", "Nia Brooks", "--org", "Brightline", "--dept", "Projects");
    // Nine close colleagues met in September and never contacted since: all past a 30-day rhythm,
    // more than Thursday and Friday can hold at three a day.
    const colleagues = [
      "Raj Patel",
      "Dana Whitfield",
      "Kevin Lu",
      "Linda Okafor",
      "Omar Haddad",
      "Lena Voss",
      "Ivo Marx",
      "Ada Brun",
      "Sol Ortiz",
    ];
    for (const [i, name] of colleagues.entries())
      await run(
        "person",
        "add",
        name,
        "--dept",
        i % 2 ? "IT" : "Finance",
        "--layer",
        "15",
        "--cadence",
        "30",
        "--met-on",
        "2026-09-01",
      );
    // A friend, no organization: a personal contact, any day will do (less pressing than the colleagues).
    await run("person", "add", "Maya Stone", "--cadence", "30", "--met-on", "2026-09-01");
    // Kevin helped yesterday (a thank-you owed) and a promise to Dana is late: both overdue.
    await run("received", "Kevin", "Fixed the projector before the client came", "--on", "yesterday");
    await run("promise", "Dana", "Send the budget template", "--due", "2026-11-20");

    const week = (await run("week", "--json")).json();
    expect(week.workWeek).toEqual(["mon", "tue", "wed", "thu", "fri"]);
    const sessions = week.sessions as Session[];
    const dayOf = (name: string) => sessions.find((s) => s.gives.some((g) => g.person.name === name))?.date;
    for (const s of sessions) expect(s.gives.length).toBeLessThanOrEqual(3);
    for (const name of colleagues) {
      const day = dayOf(name);
      if (day) expect(["2026-11-28", "2026-11-29"]).not.toContain(day);
    }
    expect(week.total).toBe(7);
    // Thursday and Friday are full; the seventh colleague waits for Monday, not Saturday.
    expect(sessions.map((s) => [s.date, s.gives.length])).toEqual([
      ["2026-11-26", 3],
      ["2026-11-27", 3],
      ["2026-11-30", 1],
    ]);
    // What is late comes first: the thank-you and the promise, on the first day.
    expect(sessions[0]?.date).toBe("2026-11-26");
    expect(sessions[0]?.gives.slice(0, 2).map((g) => g.kind)).toEqual(["thank", "follow-through"]);
    expectCleanAdvice(weekLines(sessions), "Nia Brooks", "week");

    // Nia works Sunday to Thursday: Friday and Saturday are her weekend now.
    const profile = (
      await run(
        "init",
        "--name",
        "Nia Brooks",
        "--org",
        "Brightline",
        "--dept",
        "Projects",
        "--work-week",
        "sun-thu",
        "--json",
      )
    ).json().profile;
    expect(profile.workWeek).toEqual(["mon", "tue", "wed", "thu", "sun"]);
    const hers = (await run("week", "--json")).json().sessions as Session[];
    for (const name of colleagues) {
      const day = hers.find((s) => s.gives.some((g) => g.person.name === name))?.date;
      if (day) expect(["2026-11-27", "2026-11-28"]).not.toContain(day);
    }
    expect(hers.some((s) => s.date === "2026-11-29")).toBe(true);
    // Setting the name again keeps the work week: it is changed only when given.
    await run("init", "--name", "Nia Brooks", "--org", "Brightline", "--dept", "Projects");
    expect((await run("week", "--json")).json().workWeek).toEqual(["mon", "tue", "wed", "thu", "sun"]);

    // A work week or time zone Goodwill cannot read is refused, saying what to write.
    const bad = await run("init", "--name", "Nia Brooks", "--work-week", "mon-fry");
    expect(bad.code).toBe(4);
    expect(bad.stderr).toContain('"fry", which is not a day: use days like mon-fri');
    const zone = await run("init", "--name", "Nia Brooks", "--time-zone", "Mars/Olympus");
    expect(zone.code).toBe(4);
    expect(zone.stderr).toContain("IANA name like Europe/Berlin");
  });

  it("the week starts from tomorrow where the user lives", async () => {
    // 23:30 UTC on Wednesday is already Thursday morning in Tokyo.
    const { run } = cli({ dialect, now: "2026-11-25T23:30:00Z" });
    await run("init", "--name", "Kenji Sato", "--time-zone", "Asia/Tokyo");
    expect((await run("today", "--json")).json().date).toBe("2026-11-26");
    expect((await run("week", "--json")).json()).toMatchObject({
      from: "2026-11-27",
      to: "2026-12-03",
      timeZone: "Asia/Tokyo",
    });
  });

  it("a birthday on a Sunday: a sister's wish on the day, a colleague's on the Friday before", async () => {
    const { run } = cli({ dialect }); // Wednesday 25 November 2026; Sunday is the 29th
    await run("init", "--name", "Mark Hale", "--org", "Brightline", "--dept", "Projects");
    await run("person", "add", "Rosa Hale", "--communal", "--layer", "5", "--birthday", "1990-11-29");
    await run("person", "add", "Raj Patel", "--dept", "IT", "--birthday", "--11-29");
    await run("person", "add", "Linda Okafor", "--dept", "Finance", "--birthday", "--12-02");
    const sessions = (await run("week", "--json")).json().sessions as Session[];
    const wish = (name: string) =>
      sessions.flatMap((s) =>
        s.gives.filter((g) => g.person.name === name && g.kind === "occasion").map(() => s.date),
      );
    expect(wish("Rosa Hale")).toEqual(["2026-11-29"]);
    expect(wish("Raj Patel")).toEqual(["2026-11-27"]);
    // A colleague's birthday on a workday stays on its day.
    expect(wish("Linda Okafor")).toEqual(["2026-12-02"]);
    expectCleanAdvice(weekLines(sessions), "Mark Hale", "week");
    const text = (await run("week")).stdout;
    expect(text).toContain("Sunday 29 November (2026-11-29)");
    expect(text).toContain("Friday 27 November (2026-11-27)");
  });

  it("a calendar with many people due: one all-day reach-out event a day with the names, occasions and promises their own", async () => {
    const { run } = cli({ dialect }); // Wednesday 25 November 2026
    await run("init", "--name", "Mark Hale", "--org", "Brightline", "--dept", "Projects");
    // 49 people met long ago and never contacted: all overdue, so all due today.
    const names: string[] = [];
    for (let i = 0; i < 49; i++) {
      const name = `${FIRST[i % 15]} ${LAST[Math.floor(i / 15)]}`;
      names.push(name);
      await run("person", "add", name, "--org", `Client ${i % 7}`, "--met-on", "2024-03-01");
    }
    // One more, at a client, due on Saturday 28 November: a work contact, so Monday the 30th instead.
    await run("person", "add", "Wes Saturday", "--org", "Client 9", "--cadence", "3");
    await run("log", "Wes", "Kick-off call", "--on", "2026-11-25");
    await run("person", "add", "Rosa Hale", "--communal", "--birthday", "1990-11-29", "--cadence", "0");
    await run("promise", "Lee Chan", "Send the proposal", "--due", "2026-11-27");

    const events = calendarOf((await run("export", "--format", "ics")).stdout);
    const reachOuts = events.filter((e) => e.summary.startsWith("Goodwill: "));
    expect(reachOuts.map((e) => [e.day, e.summary])).toEqual([
      ["2026-11-25", "Goodwill: 49 people to reach out to"],
      ["2026-11-30", "Goodwill: 1 person to reach out to"],
    ]);
    const listed = reachOuts[0]?.description.split("\n") ?? [];
    for (const name of names) expect(listed).toContain(name);
    expect(reachOuts[1]?.description.split("\n")).toContain("Wes Saturday");
    // Nobody gets an event of their own for a reach-out any more.
    expect(events.filter((e) => /get in touch/i.test(e.summary))).toEqual([]);
    // The birthday and the promise stay events of their own, on their days.
    expect(events.find((e) => e.summary === "Rosa Hale's birthday")?.day).toBe("1990-11-29");
    expect(events.find((e) => e.summary === "Promised Lee Chan: Send the proposal")?.day).toBe("2026-11-27");
  });
});
