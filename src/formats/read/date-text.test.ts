import { describe, expect, it } from "vitest";
import { isoDate, parseLooseDate, parseVCardDate } from "./date-text.js";

describe("address-book dates", () => {
  it("reads vCard dates with and without a year", () => {
    expect(parseVCardDate("1990-04-12")).toEqual({ year: 1990, month: 4, day: 12 });
    expect(parseVCardDate("19900412")).toEqual({ year: 1990, month: 4, day: 12 });
    expect(parseVCardDate("--0412")).toEqual({ year: null, month: 4, day: 12 });
    expect(parseVCardDate("--04-12")).toEqual({ year: null, month: 4, day: 12 });
    expect(parseVCardDate("1604-04-12")).toEqual({ year: null, month: 4, day: 12 });
    expect(parseVCardDate("--0229")).toEqual({ year: null, month: 2, day: 29 });
    expect(parseVCardDate("2023-02-29")).toBeNull();
    expect(parseVCardDate("2024-13-01")).toBeNull();
  });

  it("reads spreadsheet dates: month names, US slashes, European dots, Outlook's empty 0/0/00", () => {
    expect(parseLooseDate("12 Jan 2024")).toEqual({ year: 2024, month: 1, day: 12 });
    expect(parseLooseDate("Jan 12, 2024")).toEqual({ year: 2024, month: 1, day: 12 });
    expect(parseLooseDate("3/14/1990")).toEqual({ year: 1990, month: 3, day: 14 });
    expect(parseLooseDate("14/3/1990")).toEqual({ year: 1990, month: 3, day: 14 });
    expect(parseLooseDate("14.03.1990")).toEqual({ year: 1990, month: 3, day: 14 });
    expect(parseLooseDate("3/14/90")).toEqual({ year: 1990, month: 3, day: 14 });
    expect(parseLooseDate("0/0/00")).toBeNull();
    expect(parseLooseDate("soon")).toBeNull();
  });

  it("writes only full dates as YYYY-MM-DD", () => {
    expect(isoDate({ year: 2024, month: 1, day: 5 })).toBe("2024-01-05");
    expect(isoDate({ year: null, month: 1, day: 5 })).toBeNull();
  });
});
