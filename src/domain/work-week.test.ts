import { describe, expect, it } from "vitest";
import { GoodwillError } from "../errors.js";
import {
  dayIn,
  formatWorkWeek,
  isWorkday,
  parseTimeZone,
  parseWorkWeek,
  weekdayOf,
  workdayBefore,
  workdayFrom,
} from "./work-week.js";

describe("the work week", () => {
  it("reads ranges, lists and full names, Monday first", () => {
    expect(parseWorkWeek("mon-fri")).toEqual(["mon", "tue", "wed", "thu", "fri"]);
    expect(parseWorkWeek("Sunday-Thursday")).toEqual(["mon", "tue", "wed", "thu", "sun"]);
    expect(parseWorkWeek("mon, wed,fri")).toEqual(["mon", "wed", "fri"]);
    expect(parseWorkWeek("fri-mon")).toEqual(["mon", "fri", "sat", "sun"]);
  });

  it("refuses what is not a day, saying what to write", () => {
    expect(() => parseWorkWeek("mon-fry")).toThrow(/"fry", which is not a day: use days like mon-fri/);
    expect(() => parseWorkWeek(" ")).toThrow(GoodwillError);
  });

  it("writes a week back the short way", () => {
    expect(formatWorkWeek(parseWorkWeek("mon-fri"))).toBe("mon-fri");
    expect(formatWorkWeek(parseWorkWeek("sun-thu"))).toBe("sun-thu");
    expect(formatWorkWeek(parseWorkWeek("mon,wed,fri"))).toBe("mon,wed,fri");
    expect(formatWorkWeek(parseWorkWeek("mon-sun"))).toBe("mon-sun");
  });

  it("knows weekdays and the workday before or from a day", () => {
    expect(weekdayOf("2026-11-29")).toBe("sun");
    expect(isWorkday("2026-11-28", parseWorkWeek("mon-fri"))).toBe(false);
    expect(workdayBefore("2026-11-29", parseWorkWeek("mon-fri"))).toBe("2026-11-27");
    expect(workdayBefore("2026-11-28", parseWorkWeek("sun-thu"))).toBe("2026-11-26");
    expect(workdayFrom("2026-11-28", parseWorkWeek("mon-fri"))).toBe("2026-11-30");
  });

  it("takes today's date in the user's time zone", () => {
    const lateEvening = Date.parse("2026-11-25T23:30:00Z");
    expect(dayIn(lateEvening, "UTC")).toBe("2026-11-25");
    expect(dayIn(lateEvening, "Europe/Berlin")).toBe("2026-11-26");
    expect(dayIn(lateEvening, "America/Los_Angeles")).toBe("2026-11-25");
  });

  it("refuses a time zone it does not know", () => {
    expect(parseTimeZone("Europe/Berlin")).toBe("Europe/Berlin");
    expect(() => parseTimeZone("Mars/Olympus")).toThrow(/not a time zone Goodwill knows/);
  });
});
