import { describe, expect, it } from "vitest";
import {
  daysUntilOccurrence,
  formatPartialDate,
  nextOccurrence,
  parsePartialDate,
  turningAge,
} from "./partial-date.js";

describe("partial dates", () => {
  it("reads full and year-less dates in the forms contacts files use", () => {
    expect(parsePartialDate("1990-04-12")).toEqual({ year: 1990, month: 4, day: 12 });
    expect(parsePartialDate("19900412")).toEqual({ year: 1990, month: 4, day: 12 });
    expect(parsePartialDate("--04-12")).toEqual({ year: null, month: 4, day: 12 });
    expect(parsePartialDate("--0412")).toEqual({ year: null, month: 4, day: 12 });
    expect(parsePartialDate(" 1990-04-12 ")).toEqual({ year: 1990, month: 4, day: 12 });
  });

  it("treats Apple's year 1604 as no year", () => {
    expect(parsePartialDate("1604-02-29")).toEqual({ year: null, month: 2, day: 29 });
  });

  it("rejects impossible dates but allows 29 February without a year", () => {
    expect(parsePartialDate("2026-02-30")).toBeNull();
    expect(parsePartialDate("2025-02-29")).toBeNull();
    expect(parsePartialDate("2024-02-29")).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parsePartialDate("--02-29")).toEqual({ year: null, month: 2, day: 29 });
    expect(parsePartialDate("--13-01")).toBeNull();
    expect(parsePartialDate("2026-04-31")).toBeNull();
    expect(parsePartialDate("2026-4-1")).toBeNull();
    expect(parsePartialDate("April 12")).toBeNull();
  });

  it("writes them back", () => {
    expect(formatPartialDate({ year: 1990, month: 4, day: 12 })).toBe("1990-04-12");
    expect(formatPartialDate({ year: null, month: 4, day: 2 })).toBe("--04-02");
  });

  it("a birthday today is 0 days away, even late in the day", () => {
    const now = Date.UTC(2026, 2, 1, 22, 30);
    const d = { year: null, month: 3, day: 1 };
    expect(nextOccurrence(d, now)).toBe(Date.UTC(2026, 2, 1));
    expect(daysUntilOccurrence(d, now)).toBe(0);
  });

  it("yesterday's birthday comes round again next year", () => {
    // 2026-03-01 → 2027-02-28: 365 − 1 = 364 days
    const now = Date.UTC(2026, 2, 1);
    expect(nextOccurrence({ year: null, month: 2, day: 28 }, now)).toBe(Date.UTC(2027, 1, 28));
    expect(daysUntilOccurrence({ year: null, month: 2, day: 28 }, now)).toBe(364);
  });

  it("29 February falls on 28 February in common years and on itself in leap years", () => {
    const leapling = { year: 2000, month: 2, day: 29 };
    expect(nextOccurrence(leapling, Date.UTC(2026, 1, 1))).toBe(Date.UTC(2026, 1, 28));
    // 2027-03-01 → 2028-02-29: 366 days to 2028-03-01, less one = 365
    expect(nextOccurrence(leapling, Date.UTC(2027, 2, 1))).toBe(Date.UTC(2028, 1, 29));
    expect(daysUntilOccurrence(leapling, Date.UTC(2027, 2, 1))).toBe(365);
  });

  it("knows the age reached, when the year is known", () => {
    expect(turningAge({ year: 1990, month: 4, day: 12 }, Date.UTC(2026, 3, 12))).toBe(36);
    expect(turningAge({ year: null, month: 4, day: 12 }, Date.UTC(2026, 3, 12))).toBeNull();
    expect(turningAge({ year: 2026, month: 4, day: 12 }, Date.UTC(2026, 3, 12))).toBeNull();
  });
});
