import { describe, expect, it } from "vitest";
import type { GiveContext } from "./playbook.js";
import { firstName, giveContextFor, giveFirstIdeas } from "./playbook.js";

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
    expect(giveContextFor({ ...colleague, departmentName: "Accounting" })).toBe("colleague-other-dept");
  });

  it("tells my own team from colleagues elsewhere, and colleagues from the outside world", () => {
    expect(giveContextFor({ ...colleague, departmentName: "Sales", sameDepartmentAsMe: true })).toBe(
      "colleague-my-team",
    );
    expect(giveContextFor({ ...colleague, departmentName: null })).toBe("colleague-other-dept");
    expect(giveContextFor({ ...colleague, isColleague: false, departmentName: "IT" })).toBe("external");
  });
});

describe("give-first ideas", () => {
  const contexts: GiveContext[] = [
    "it-colleague",
    "colleague-other-dept",
    "colleague-my-team",
    "external",
    "inner-circle",
  ];

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
