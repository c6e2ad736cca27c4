import { describe, expect, it } from "vitest";
import { GoodwillError } from "../errors.js";
import {
  dueReminders,
  formatClockTime,
  formatQuietHours,
  isQuiet,
  localClock,
  MAX_ATTEMPTS,
  parseClockTime,
  parseQuietHours,
  type ReminderTiming,
  retryDelayMs,
} from "./reminder-schedule.js";

const at = (hh: number, mm = 0) => hh * 60 + mm;
const MINUTE = 60_000;

/** What a call threw (or undefined), to look at its code, message and field. */
function thrown(run: () => unknown): GoodwillError | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof GoodwillError) return error;
    throw error;
  }
  return undefined;
}

describe("a time of day as people type it", () => {
  it.each([
    ["8", at(8)],
    ["08:00", at(8)],
    ["8:30", at(8, 30)],
    [" 7:05 ", at(7, 5)],
    ["0", 0],
    ["23:59", at(23, 59)],
    ["18.30", at(18, 30)],
    ["18h30", at(18, 30)],
    ["8am", at(8)],
    ["8 a.m.", at(8)],
    ["6:30 pm", at(18, 30)],
    ["6:30PM", at(18, 30)],
    ["12am", 0],
    ["12:15 am", at(0, 15)],
    ["12pm", at(12)],
  ])("reads %j as %i minutes after midnight", (text, minutes) => {
    expect(parseClockTime(text)).toBe(minutes);
  });

  it.each(["24:00", "8:60", "8:5", "13pm", "0am", "noon", "", "8:30:00", "-1", "8 o'clock"])(
    "refuses %j, saying how to write it",
    (text) => {
      const error = thrown(() => parseClockTime(text, "time"));
      expect(error?.code).toBe("invalid");
      expect(error?.message).toBe(`"${text}" is not a time of day: write it like 08:00, 8:30 or 6pm.`);
      expect(error?.details).toEqual({ field: "time" });
    },
  );

  it("writes minutes back as HH:MM", () => {
    expect([0, at(7, 5), at(18, 30), at(23, 59)].map(formatClockTime)).toEqual([
      "00:00",
      "07:05",
      "18:30",
      "23:59",
    ]);
  });
});

describe("quiet hours", () => {
  it("reads a span across midnight or within a day, with a hyphen, a dash or 'to'", () => {
    expect(parseQuietHours("22:00-07:00")).toEqual({ from: at(22), to: at(7) });
    expect(parseQuietHours("12:00–13:30")).toEqual({ from: at(12), to: at(13, 30) });
    expect(parseQuietHours("10pm to 7am")).toEqual({ from: at(22), to: at(7) });
    expect(parseQuietHours(" 21 - 6:30 ")).toEqual({ from: at(21), to: at(6, 30) });
  });

  it("reads off, none, no or a blank as no quiet hours", () => {
    for (const text of ["off", "OFF", "none", "No", "", "  "]) expect(parseQuietHours(text)).toBeNull();
  });

  it("refuses a single time, a span of nothing and a time that is not one, for the quietHours field", () => {
    expect(thrown(() => parseQuietHours("22:00"))?.message).toBe(
      '"22:00" is not a span of quiet hours: write it like 22:00-07:00, or off.',
    );
    expect(thrown(() => parseQuietHours("8-8"))?.message).toBe(
      'Quiet hours "8-8" start and end at the same time: give a span, or off.',
    );
    const bad = thrown(() => parseQuietHours("25:00-07:00"));
    expect(bad?.message).toMatch(/^"25:00" is not a time of day/);
    expect(bad?.details).toEqual({ field: "quietHours" });
  });

  it("writes a span back so that it reads again the same", () => {
    for (const text of ["22:00-07:00", "12:00-13:30", "off"])
      expect(formatQuietHours(parseQuietHours(text))).toBe(text);
  });

  it("across midnight: quiet from the start (included) to the end (excluded)", () => {
    const night = { from: at(22), to: at(7) };
    const quiet = [at(21, 59), at(22), at(23, 59), 0, at(6, 59), at(7), at(12)].map((m) => isQuiet(m, night));
    expect(quiet).toEqual([false, true, true, true, true, false, false]);
  });

  it("within a day: quiet from the start (included) to the end (excluded)", () => {
    const lunch = { from: at(12), to: at(13) };
    const quiet = [at(11, 59), at(12), at(12, 59), at(13), 0].map((m) => isQuiet(m, lunch));
    expect(quiet).toEqual([false, true, true, false, false]);
  });

  it("none: never quiet", () => {
    expect([0, at(3), at(23, 59)].some((m) => isQuiet(m, null))).toBe(false);
  });
});

describe("the local day and time of an instant", () => {
  it("is the zone's, whatever day it is in UTC", () => {
    const instant = Date.parse("2026-11-25T19:00:00Z");
    expect(localClock(instant, "Pacific/Auckland")).toEqual({ date: "2026-11-26", minutes: at(8) });
    expect(localClock(instant, "America/Los_Angeles")).toEqual({ date: "2026-11-25", minutes: at(11) });
    expect(localClock(instant, "UTC")).toEqual({ date: "2026-11-25", minutes: at(19) });
  });
});

describe("what is due at an instant", () => {
  const BERLIN = "Europe/Berlin";
  // Thursday 26 November 2026; Berlin is UTC+1 in winter.
  const berlin = (day: string, hh: number, mm = 0) =>
    Date.parse(`${day}T${String(hh - 1).padStart(2, "0")}:${String(mm).padStart(2, "0")}:00Z`);
  const timing: ReminderTiming = {
    daily: true,
    time: at(8),
    weeklyDay: "thu",
    quietHours: { from: at(22), to: at(7) },
  };

  it("nothing before the time, both notes on the weekly plan's day from the time until the quiet hours", () => {
    expect(dueReminders(timing, berlin("2026-11-26", 7, 59), BERLIN)).toEqual([]);
    const both = [
      { kind: "daily", localDate: "2026-11-26" },
      { kind: "weekly", localDate: "2026-11-26" },
    ];
    expect(dueReminders(timing, berlin("2026-11-26", 8), BERLIN)).toEqual(both);
    expect(dueReminders(timing, berlin("2026-11-26", 21, 59), BERLIN)).toEqual(both);
    expect(dueReminders(timing, berlin("2026-11-26", 22), BERLIN)).toEqual([]);
  });

  it("the daily note alone on the other days", () => {
    expect(dueReminders(timing, berlin("2026-11-27", 8), BERLIN)).toEqual([
      { kind: "daily", localDate: "2026-11-27" },
    ]);
  });

  it("only the weekly plan when the daily note is off, and nothing when both are", () => {
    expect(dueReminders({ ...timing, daily: false }, berlin("2026-11-26", 9), BERLIN)).toEqual([
      { kind: "weekly", localDate: "2026-11-26" },
    ]);
    expect(dueReminders({ ...timing, daily: false }, berlin("2026-11-27", 9), BERLIN)).toEqual([]);
    expect(
      dueReminders({ ...timing, daily: false, weeklyDay: null }, berlin("2026-11-26", 9), BERLIN),
    ).toEqual([]);
  });

  it("a time inside the quiet hours waits until they end, the same day", () => {
    const early = { ...timing, time: at(6), weeklyDay: null };
    expect(dueReminders(early, berlin("2026-11-26", 6), BERLIN)).toEqual([]);
    expect(dueReminders(early, berlin("2026-11-26", 6, 59), BERLIN)).toEqual([]);
    expect(dueReminders(early, berlin("2026-11-26", 7), BERLIN)).toEqual([
      { kind: "daily", localDate: "2026-11-26" },
    ]);
  });

  it("a time whose quiet hours last past midnight never comes that day (nor as the next day's)", () => {
    const late = { ...timing, time: at(23), weeklyDay: null };
    const instants = [berlin("2026-11-26", 23), berlin("2026-11-26", 23, 59), berlin("2026-11-27", 7)];
    expect(instants.flatMap((instant) => dueReminders(late, instant, BERLIN))).toEqual([]);
  });

  it("each zone's own 08:00: Auckland's Thursday begins on Wednesday in UTC", () => {
    const instant = Date.parse("2026-11-25T19:00:00Z");
    const daily = { ...timing, weeklyDay: null, quietHours: null };
    expect(dueReminders(daily, instant - MINUTE, "Pacific/Auckland")).toEqual([]);
    expect(dueReminders(daily, instant, "Pacific/Auckland")).toEqual([
      { kind: "daily", localDate: "2026-11-26" },
    ]);
    expect(dueReminders(daily, instant, "America/Los_Angeles")).toEqual([
      { kind: "daily", localDate: "2026-11-25" },
    ]);
  });

  it("08:00 on the day clocks go back is 08:00 on the new time", () => {
    // Los Angeles leaves daylight time at 02:00 on Sunday 1 November 2026: 08:00 PST is 16:00 UTC.
    const daily = { ...timing, weeklyDay: null, quietHours: null };
    const eight = Date.parse("2026-11-01T16:00:00Z");
    expect(dueReminders(daily, eight - MINUTE, "America/Los_Angeles")).toEqual([]);
    expect(dueReminders(daily, eight, "America/Los_Angeles")).toEqual([
      { kind: "daily", localDate: "2026-11-01" },
    ]);
  });
});

describe("retries", () => {
  it("wait 1, 5, 15, then 60 minutes after each failure", () => {
    expect([1, 2, 3, 4, 5, 9].map((n) => retryDelayMs(n) / MINUTE)).toEqual([1, 5, 15, 60, 60, 60]);
  });

  it("take a first failure however it is counted", () => {
    expect(retryDelayMs(0)).toBe(MINUTE);
    expect(retryDelayMs(-3)).toBe(MINUTE);
  });

  it(`stop at ${MAX_ATTEMPTS} attempts, the last over an hour and a half after the first`, () => {
    const waits = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1));
    expect(waits.reduce((a, b) => a + b, 0) / MINUTE).toBe(81);
  });
});
