import { describe, expect, it } from "vitest";
import type { GiveContext, RecentGive } from "./playbook.js";
import {
  firstName,
  giveContextFor,
  giveFirstIdeas,
  isLineResting,
  PlaybookListing,
  personTarget,
  playbookLines,
  SEED_PRACTICES,
  teamTarget,
} from "./playbook.js";

const colleague = { layer: 150 as const, isColleague: true, sameDepartmentAsMe: false };

describe("give context", () => {
  it("puts the inner circle first, even for an IT colleague", () => {
    expect(giveContextFor({ ...colleague, layer: 5, departmentName: "IT" })).toBe("inner-circle");
  });

  it("recognises IT-like departments by whole words, whatever the case", () => {
    for (const name of [
      "IT",
      "it services",
      "Information Technology",
      "Helpdesk",
      "Service Desk",
      "DevOps",
      "Tech Support",
    ]) {
      expect(giveContextFor({ ...colleague, departmentName: name })).toBe("it-colleague");
    }
    expect(giveContextFor({ ...colleague, departmentName: "Audit" })).toBe("colleague-other-dept");
    expect(giveContextFor({ ...colleague, departmentName: "Operations" })).toBe("colleague-other-dept");
  });

  it("gives each kind of department its own playbook, read from the department's name", () => {
    const cases: [string, GiveContext][] = [
      ["Accounting", "finance-colleague"],
      ["Finance & Payroll", "finance-colleague"],
      ["Legal", "legal-colleague"],
      ["Contracts and Compliance", "legal-colleague"],
      ["HR", "hr-colleague"],
      ["Human Resources", "hr-colleague"],
      ["Facilities", "facilities-colleague"],
      ["Administration", "facilities-colleague"],
      ["Marketing", "marketing-colleague"],
      ["Proposals", "marketing-colleague"],
      ["Sales", "sales-colleague"],
      ["Business Development", "sales-colleague"],
      ["Leadership", "leadership"],
      ["Executive team", "leadership"],
      // "Management" inside a longer name is a department like any other.
      ["Project Management", "colleague-other-dept"],
    ];
    for (const [departmentName, context] of cases)
      expect([departmentName, giveContextFor({ ...colleague, departmentName })]).toEqual([
        departmentName,
        context,
      ]);
  });

  it("reads leadership from a colleague's title, and mentors, clients and association peers from tags and how you met", () => {
    expect(giveContextFor({ ...colleague, departmentName: "IT", title: "Head of IT" })).toBe("leadership");
    expect(giveContextFor({ ...colleague, departmentName: "IT", title: "IT support lead" })).toBe(
      "it-colleague",
    );
    expect(giveContextFor({ ...colleague, departmentName: "Operations", tags: ["Mentor"] })).toBe("mentor");
    const outside = { ...colleague, isColleague: false, departmentName: null };
    expect(giveContextFor({ ...outside, tags: ["client"] })).toBe("client");
    expect(giveContextFor({ ...outside, tags: ["coach"] })).toBe("mentor");
    expect(giveContextFor({ ...outside, metText: "SMPS chapter lunch" })).toBe("association-peer");
    expect(giveContextFor({ ...outside, tags: ["peer"] })).toBe("association-peer");
    expect(giveContextFor({ ...outside, metText: "Read his blog post" })).toBe("external");
    // The inner circle stays the inner circle, whatever the tags.
    expect(giveContextFor({ ...outside, layer: 5, tags: ["mentor"] })).toBe("inner-circle");
  });

  it("tells my own team from colleagues elsewhere, and colleagues from the outside world", () => {
    expect(giveContextFor({ ...colleague, departmentName: "Sales", sameDepartmentAsMe: true })).toBe(
      "colleague-my-team",
    );
    expect(giveContextFor({ ...colleague, departmentName: null })).toBe("colleague-other-dept");
    expect(giveContextFor({ ...colleague, isColleague: false, departmentName: "IT" })).toBe("external");
  });
});

/** Every playbook, for the tests that go through all of them. */
const contexts: GiveContext[] = [
  "it-colleague",
  "finance-colleague",
  "legal-colleague",
  "hr-colleague",
  "facilities-colleague",
  "marketing-colleague",
  "sales-colleague",
  "leadership",
  "colleague-other-dept",
  "colleague-my-team",
  "client",
  "association-peer",
  "mentor",
  "external",
  "inner-circle",
];

describe("give-first ideas", () => {
  it("every line rests on a piece of the story's advice, and each playbook draws on several of them", () => {
    const ids = new Set<string>();
    for (const context of contexts) {
      const lines = playbookLines(context);
      expect(lines.length, context).toBeGreaterThanOrEqual(6);
      for (const l of lines) {
        expect(SEED_PRACTICES[l.practice], l.id).toBeTruthy();
        expect(ids.has(l.id), `${l.id} twice`).toBe(false);
        ids.add(l.id);
      }
      expect(new Set(lines.map((l) => l.practice)).size, context).toBeGreaterThanOrEqual(4);
      // Lines of several ledger kinds, so one give never rests a whole playbook.
      expect(new Set(lines.map((l) => l.kind)).size, context).toBeGreaterThanOrEqual(4);
    }
  });

  it("a department's lines read as sentences about the team", () => {
    const team = teamTarget("IT");
    for (const context of contexts.filter((c) => c !== "inner-circle")) {
      for (const l of playbookLines(context)) {
        const text = l.text(team);
        expect(text).toContain("the IT team");
        expect(text).not.toMatch(/'s's|\s{2}|\.\.$/);
        expect(text).toMatch(/^[A-Z].*\.$/);
      }
    }
    expect(teamTarget("Marketing team").name).toBe("the Marketing team");
  });

  it("offer at least six distinct ideas in every context, each naming the person", () => {
    for (const context of contexts) {
      const ideas = giveFirstIdeas(context, 100, 0, "Raj Patel");
      expect(ideas.length).toBeGreaterThanOrEqual(6);
      expect(new Set(ideas).size).toBe(ideas.length);
      for (const idea of ideas) {
        expect(idea).toContain("Raj");
        expect(idea).not.toContain("Patel");
      }
    }
  });

  it("for IT start with telling their manager, as the story advises", () => {
    expect(giveFirstIdeas("it-colleague", 1, 0, "Raj Patel")).toEqual([
      "Tell Raj's manager, in a short note, how Raj helped you last time.",
    ]);
    const all = giveFirstIdeas("it-colleague", 100, 0, "Raj").join(" ");
    expect(all).toMatch(/server space/);
    expect(all).toMatch(/quick fix/);
    expect(all).toMatch(/training/);
    expect(all).toMatch(/installing programs from the internet/);
  });

  it("rotate with the gives so far, so the next suggestion differs and wraps round", () => {
    const all = giveFirstIdeas("external", 100, 0, "Tyler");
    expect(giveFirstIdeas("external", 2, 1, "Tyler")).toEqual([all[1], all[2]]);
    expect(giveFirstIdeas("external", 1, all.length, "Tyler")).toEqual([all[0]]);
    expect(giveFirstIdeas("external", 2, all.length - 1, "Tyler")).toEqual([all[all.length - 1], all[0]]);
    expect(giveFirstIdeas("external", 0, 3, "Tyler")).toEqual([]);
  });

  it("use the first word of the name", () => {
    expect(firstName("  Concetta  Rossi ")).toBe("Concetta");
  });
});

describe("a listing of playbook lines", () => {
  const now = Date.UTC(2026, 10, 25, 12);
  const day = 86_400_000;
  const lunch: RecentGive = { kind: "other", summary: "Took Dana to lunch", occurredAt: now - 3 * day };

  it("never gives one line twice, so colleagues of one department get different lines", () => {
    const listing = new PlaybookListing(now);
    const taken = [0, 1, 2, 3, 4].flatMap(() =>
      listing.take("it-colleague", { count: 1, start: 0, recentGives: [] }).map((l) => l.id),
    );
    expect(new Set(taken).size).toBe(5);
    // Once every line is out, there is nothing left to give in this listing.
    const all = playbookLines("it-colleague").length;
    expect(listing.take("it-colleague", { count: all, start: 0, recentGives: [] })).toHaveLength(all - 5);
    expect(listing.take("it-colleague", { count: 1, start: 0, recentGives: [] })).toEqual([]);
  });

  it("rests a line acted on, by its kind or by its words in the give's summary, for 8 weeks", () => {
    const [lunchLine] = playbookLines("it-colleague").filter((l) => l.id === "it-lunch");
    if (!lunchLine) throw new Error("the IT playbook has a lunch line");
    expect(isLineResting(lunchLine, [lunch], now)).toBe(true);
    expect(
      isLineResting(lunchLine, [{ ...lunch, summary: "Sorted the ticket queue", kind: "time" }], now),
    ).toBe(true);
    expect(isLineResting(lunchLine, [{ ...lunch, summary: "Sorted the ticket queue" }], now)).toBe(false);
    expect(isLineResting(lunchLine, [{ ...lunch, occurredAt: now - 57 * day }], now)).toBe(false);
    const listing = new PlaybookListing(now);
    const ids = listing.take("it-colleague", { count: 20, start: 0, recentGives: [lunch] }).map((l) => l.id);
    expect(ids).not.toContain("it-lunch");
  });

  it("rests every line once the user logs it as given in the line's own words", () => {
    for (const context of contexts)
      for (const l of playbookLines(context)) {
        const done: RecentGive = {
          kind: "favor",
          summary: l.text(personTarget("Dana Whitfield")),
          occurredAt: now - day,
        };
        const other = l.kind === "favor" ? "intro" : "favor";
        expect([l.id, isLineResting(l, [{ ...done, kind: other }], now)]).toEqual([l.id, true]);
      }
  });

  it("can keep to one line per piece of advice", () => {
    const lines = new PlaybookListing(now).take("it-colleague", {
      count: 6,
      start: 0,
      recentGives: [],
      distinctPractices: true,
    });
    expect(new Set(lines.map((l) => l.practice)).size).toBe(lines.length);
  });
});
