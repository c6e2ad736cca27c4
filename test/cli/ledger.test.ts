import { describe, expect, it } from "vitest";
import { cli } from "../support/cli.js";
import { describeEachDialect, type TestDialect } from "../support/stores.js";

async function company(dialect: TestDialect) {
  const c = cli({ dialect });
  await c.run("init", "--name", "Mark", "--org", "Brightline", "--dept", "Projects");
  await c.run("person", "add", "Raj Patel", "--dept", "IT");
  await c.run("person", "add", "Dana Whitfield", "--dept", "IT");
  return c;
}

describeEachDialect("the giving ledger from the command line", (dialect) => {
  it("log with two names and no summary asks for the summary instead of logging the second name as one", async () => {
    const { run } = cli({ dialect });
    await run("person", "add", "Ann Bell");
    await run("person", "add", "Bob Cole");
    for (const last of ["Bob", "bob cole"]) {
      const logged = await run("log", "Ann", last);
      expect(logged.code).toBe(2);
      expect(logged.stderr).toContain(`"${last}" would be the summary, but it names Bob Cole.`);
    }
    expect((await run("show", "Ann", "--json")).json().timeline).toEqual([]);
    // a summary that only starts with a name is a summary
    expect((await run("log", "Ann", "Bob's party")).stdout).toBe("Logged with Ann Bell: Bob's party.\n");
    expect((await run("log", "Ann", "Bob", "Coffee")).stdout).toBe(
      "Logged with Ann Bell, Bob Cole: Coffee.\n",
    );
  });

  it("twelve favors of weight 2, one a month, the latest a month ago: received about 16.8, ratio about 0.05", async () => {
    const { run } = await company(dialect);
    for (let month = 1; month <= 12; month++) {
      const on = new Date(Date.parse("2026-11-25T12:00:00Z") - month * 30.44 * 86_400_000)
        .toISOString()
        .slice(0, 10);
      expect((await run("received", "Raj", `Quick fix ${month}`, "--on", on, "--weight", "2")).code).toBe(0);
    }
    const ledger = (await run("ledger", "Raj", "--json")).json();
    expect(ledger.subject).toMatchObject({ kind: "person", name: "Raj Patel", organization: "Brightline" });
    expect(ledger.balance.received).toBeCloseTo(16.8, 1);
    expect(ledger.balance.gave).toBe(0);
    expect(ledger.balance.ratio).toBeCloseTo(0.05, 2);
    expect(ledger.balance.label).toBe("overdrawn");
    expect(ledger.balance.entries).toBe(12);
    expect(ledger.entries).toHaveLength(12);
  });

  it("a department's balance counts entries against it and against its members", async () => {
    const { run } = await company(dialect);
    await run("received", "dept:IT", "Reset my password");
    await run("received", "Raj", "Fixed Outlook");
    await run("received", "Dana", "Restored a folder", "--weight", "3");
    const it = (await run("ledger", "dept:IT", "--json")).json();
    expect(it.subject).toMatchObject({ kind: "department", name: "IT", organization: "Brightline" });
    expect(it.balance.entries).toBe(3);
    expect(it.balance.received).toBeCloseTo(7, 1);
    expect(it.entries.map((e: { counterpart: { name: string } }) => e.counterpart.name).sort()).toEqual([
      "Dana Whitfield",
      "IT",
      "Raj Patel",
    ]);
  });

  it("giving moves the balance visibly", async () => {
    const { run } = await company(dialect);
    for (let i = 0; i < 4; i++) await run("received", "Raj", `Fix ${i}`, "--on", `${10 + i} days ago`);
    const before = (await run("ledger", "Raj", "--json")).json().balance;
    expect(before.label).toBe("overdrawn");
    const gave = await run("gave", "Raj", "Took him to lunch", "--kind", "time", "--json");
    expect(gave.json().entry).toMatchObject({ direction: "gave", kind: "time", weight: 3 });
    await run("thank", "Raj", "for all the fixes");
    await run("gave", "Raj", "Told his manager how he helped", "--kind", "support");
    const after = (await run("ledger", "Raj", "--json")).json().balance;
    expect(after.ratio).toBeGreaterThan(before.ratio);
    expect(after.label).toBe("balanced");
    const text = (await run("gave", "Raj", "Brought coffee", "--weight", "0.5")).stdout;
    expect(text).toMatch(
      /You gave Raj Patel: Brought coffee \(favor, weight 0.5\)\.\nBalance with Raj Patel: balanced/,
    );
  });

  it("groups balances by person, department and organization, most overdrawn first", async () => {
    const { run } = await company(dialect);
    await run("person", "add", "Tim", "--org", "Cofebuz");
    await run("received", "Raj", "Fix");
    await run("received", "Raj", "Fix again");
    await run("gave", "Tim", "Shared his post");
    const byPerson = (await run("ledger", "--by", "person", "--json")).json().groups;
    expect(byPerson.map((g: { subject: { name: string } }) => g.subject.name)).toEqual(["Raj Patel", "Tim"]);
    const byOrg = (await run("ledger", "--by", "org", "--json")).json().groups;
    expect(byOrg.map((g: { subject: { name: string } }) => g.subject.name)).toEqual([
      "Brightline",
      "Cofebuz",
    ]);
    const byDept = (await run("ledger", "--by", "dept", "--json")).json().groups;
    expect(byDept[0].subject).toMatchObject({ kind: "department", name: "IT" });
    // One favor given (weight 2): (2 + 1) / (2 + 0 + 2) = 0.75, above 0.65.
    expect((await run("ledger", "org:cofe", "--json")).json().balance.label).toBe("giving");
  });

  it("communal people have no numbers, and do not count towards their department", async () => {
    const { run } = await company(dialect);
    await run("person", "add", "Elena", "--dept", "IT", "--communal");
    await run("received", "Elena", "Lent me her car");
    const elena = (await run("ledger", "Elena", "--json")).json().balance;
    expect(elena).toEqual({ gave: null, received: null, ratio: null, label: "untracked", entries: 1 });
    expect((await run("ledger", "dept:IT", "--json")).json().balance.entries).toBe(0);
  });

  it("logs a moment with several people, which counts as contact for each", async () => {
    const { run } = await company(dialect);
    const logged = await run(
      "log",
      "Raj",
      "Dana",
      "Planning the office move",
      "--channel",
      "meeting",
      "--json",
    );
    expect(logged.code).toBe(0);
    expect(logged.json().interaction.participants.map((p: { name: string }) => p.name)).toEqual([
      "Raj Patel",
      "Dana Whitfield",
    ]);
    const raj = (await run("show", "Raj", "--json")).json();
    expect(raj.due.daysSinceContact).toBe(0);
    expect(raj.timeline[0]).toMatchObject({ type: "moment", summary: "Planning the office move" });
  });

  describe("bad input", () => {
    it.each([
      [["gave", "Raj", "Coffee", "--weight", "9"], /--weight "9" is out of range: give a number from 0.25/],
      [["gave", "Raj", "Coffee", "--weight", "lots"], /--weight "lots" is out of range/],
      [
        ["gave", "Raj", "Coffee", "--kind", "bribe"],
        /--kind "bribe" is not one of thanks, favor, intro, advice, time, gift, support, referral, other/,
      ],
      [["gave", "Raj", "  "], /summary is empty/],
      [["gave", "Raj", "Coffee", "--on", "2026-02-30"], /--on "2026-02-30" does not exist in the calendar/],
      [
        ["gave", "Raj", "Coffee", "--on", "2026-02-30T10:00:00Z"],
        /--on "2026-02-30" does not exist in the calendar/,
      ],
      [
        ["gave", "Raj", "Coffee", "--on", "next week"],
        /"next week" is not a date Goodwill can read; use YYYY-MM-DD, an ISO time, "today", "yesterday" or "3 days ago"/,
      ],
      [["gave", "Raj", "Coffee", "--on", "2027-01-01"], /is in the future/],
      [["log", "Raj", "Chat", "--channel", "pigeon"], /--channel "pigeon" is not one of in_person, call/],
      [["log", "Raj", "Chat", "--initiated", "boss"], /--initiated "boss" is not one of me, them, unknown/],
      [["ledger", "--by", "team"], /--by "team" is not one of person, dept, org/],
    ])("%j exits 4 and writes nothing", async (args, message) => {
      const { run } = await company(dialect);
      const result = await run(...(args as string[]));
      expect(result.code).toBe(4);
      expect(result.stderr).toMatch(message);
      expect((await run("ledger", "--json")).json().entries).toEqual([]);
      expect((await run("show", "Raj", "--json")).json().timeline).toEqual([]);
    });

    it("an unknown department exits 3", async () => {
      const { run } = await company(dialect);
      const result = await run("received", "dept:Legal", "Reviewed a contract");
      expect(result.code).toBe(3);
      expect(result.stderr).toMatch(/No department called "Legal"/);
    });
  });
});
