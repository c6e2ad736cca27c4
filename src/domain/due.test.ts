import { describe, expect, it } from "vitest";
import { DAY_MS } from "./decay.js";
import type { DueInput } from "./due.js";
import { cadenceFor, dueAt, isBridgeTie, isDue } from "./due.js";

const NOW = Date.UTC(2026, 2, 1);

describe("cadence", () => {
  it("follows the Dunbar layer, with layer 50 closer for colleagues", () => {
    const base = { cadenceDays: null, isBridge: false };
    expect(cadenceFor({ ...base, layer: 5, isColleague: false })).toBe(7);
    expect(cadenceFor({ ...base, layer: 15, isColleague: true })).toBe(30);
    expect(cadenceFor({ ...base, layer: 50, isColleague: true })).toBe(90);
    expect(cadenceFor({ ...base, layer: 50, isColleague: false })).toBe(180);
    expect(cadenceFor({ ...base, layer: 150, isColleague: false })).toBe(365);
    expect(cadenceFor({ ...base, layer: 500, isColleague: true })).toBeNull();
  });

  it("checks on bridge ties a quarter sooner: 180 → 135, 30 → 22.5", () => {
    expect(cadenceFor({ layer: 50, cadenceDays: null, isColleague: false, isBridge: true })).toBe(135);
    expect(cadenceFor({ layer: 15, cadenceDays: null, isColleague: true, isBridge: true })).toBe(22.5);
  });

  it("lets the person's own cadence win, unscaled, and 0 switch it off", () => {
    expect(cadenceFor({ layer: 50, cadenceDays: 45, isColleague: false, isBridge: true })).toBe(45);
    expect(cadenceFor({ layer: 500, cadenceDays: 30, isColleague: false, isBridge: false })).toBe(30);
    expect(cadenceFor({ layer: 5, cadenceDays: 0, isColleague: false, isBridge: false })).toBeNull();
  });
});

describe("bridge ties", () => {
  it("are colleagues in another department, when both departments are known", () => {
    const me = { departmentId: "sales" };
    expect(isBridgeTie({ isColleague: true, departmentId: "it", organizationId: "acme" }, me)).toBe(true);
    expect(isBridgeTie({ isColleague: true, departmentId: "sales", organizationId: "acme" }, me)).toBe(false);
    expect(isBridgeTie({ isColleague: true, departmentId: null, organizationId: "acme" }, me)).toBe(false);
    expect(
      isBridgeTie({ isColleague: true, departmentId: "it", organizationId: "acme" }, { departmentId: null }),
    ).toBe(false);
  });

  it("are external contacts who work somewhere, not friends without an organization", () => {
    const me = { departmentId: null };
    expect(isBridgeTie({ isColleague: false, departmentId: null, organizationId: "smps" }, me)).toBe(true);
    expect(isBridgeTie({ isColleague: false, departmentId: null, organizationId: null }, me)).toBe(false);
  });
});

function input(over: Partial<DueInput>): DueInput {
  return {
    layer: 15,
    cadenceDays: 30,
    lastContactAt: null,
    addedAt: NOW - 1000 * DAY_MS,
    openLoops: 0,
    occasionSoon: false,
    overdrawn: false,
    ...over,
  };
}

describe("due for attention", () => {
  it("a close friend last seen 45 days ago with a thank-you owed and a birthday this week is due at priority 6", () => {
    // x = 45/30 = 1.5 → due; P = 3·1.5 + 1 + 0.5 = 6
    const due = dueAt(input({ lastContactAt: NOW - 45 * DAY_MS, openLoops: 1, occasionSoon: true }), NOW);
    expect(due).toEqual({
      status: "due",
      daysSinceContact: 45,
      cadenceDays: 30,
      overdueRatio: 1.5,
      priority: 6,
    });
  });

  it("someone added ten days ago and never contacted is fresh, counted from the day they were added", () => {
    // x = 10/30 = 0.333; P = 3·0.333 = 1
    const due = dueAt(input({ addedAt: NOW - 10 * DAY_MS }), NOW);
    expect(due).toEqual({
      status: "fresh",
      daysSinceContact: null,
      cadenceDays: 30,
      overdueRatio: 0.33,
      priority: 1,
    });
  });

  it("after eight missed rhythms a tie is dormant and its priority stops growing", () => {
    // layer 150, C = 365, 3000 days: x = 8.219 → dormant; P = 1·min(8.219, 8) + 0.5 (overdrawn) = 8.5
    const due = dueAt(
      input({ layer: 150, cadenceDays: 365, lastContactAt: NOW - 3000 * DAY_MS, overdrawn: true }),
      NOW,
    );
    expect(due.status).toBe("dormant");
    expect(due.overdueRatio).toBe(8.22);
    expect(due.priority).toBe(8.5);
  });

  it("changes status exactly at 0.8, 1, 2 and 8 rhythms", () => {
    const at = (days: number) => dueAt(input({ lastContactAt: NOW - days * DAY_MS }), NOW).status;
    expect(at(23)).toBe("fresh");
    expect(at(24)).toBe("due-soon");
    expect(at(30)).toBe("due");
    expect(at(60)).toBe("cooling");
    expect(at(239)).toBe("cooling");
    expect(at(240)).toBe("dormant");
  });

  it("counts whole days since contact and rounds the ratio to two decimals", () => {
    // 10.6 days → 10; x = 10.6/30 = 0.3533 → 0.35; P = 3·0.35333 = 1.06
    const due = dueAt(input({ lastContactAt: NOW - 10.6 * DAY_MS }), NOW);
    expect(due.daysSinceContact).toBe(10);
    expect(due.overdueRatio).toBe(0.35);
    expect(due.priority).toBe(1.06);
  });

  it("an acquaintance has no status, but open loops still give a priority", () => {
    // P = 0 + 2 + 0.5 = 2.5
    const due = dueAt(
      input({
        layer: 500,
        cadenceDays: null,
        lastContactAt: NOW - 400 * DAY_MS,
        openLoops: 2,
        overdrawn: true,
      }),
      NOW,
    );
    expect(due).toEqual({
      status: "none",
      daysSinceContact: 400,
      cadenceDays: null,
      overdueRatio: null,
      priority: 2.5,
    });
  });

  it("only due, cooling and dormant ask for attention", () => {
    expect(["fresh", "due-soon", "due", "cooling", "dormant", "none"].map((s) => isDue(s as never))).toEqual([
      false,
      false,
      true,
      true,
      true,
      false,
    ]);
  });
});
