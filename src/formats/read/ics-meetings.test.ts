import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { CapturedMeeting, CaptureProblem } from "../../contract/capture.js";
import { GoodwillError } from "../../errors.js";
import { readMeetings } from "./ics-meetings.js";

const FIXTURES = fileURLToPath(new URL("../../../test/fixtures/capture/", import.meta.url));
const ICALJS_SAMPLES = fileURLToPath(new URL("../../../../shared/fixtures/ics/ical.js/", import.meta.url));
const UNTIL = Date.parse("2025-11-25T12:00:00Z");

function read(file: string, until = UNTIL): (CapturedMeeting | CaptureProblem)[] {
  return readMeetings(readFileSync(FIXTURES + file, "utf8"), { until });
}
const meetings = (items: (CapturedMeeting | CaptureProblem)[]) =>
  items.filter((item): item is CapturedMeeting => item.kind === "meeting");
const iso = (at: number) => new Date(at).toISOString();

describe("a Google Calendar export", () => {
  const items = read("google.ics");
  const series = meetings(items).filter((m) => m.sourceKey.startsWith("ics:weekly-1on1@google.com@"));

  it("expands the weekly 1:1 in Berlin time, each instance keyed by its recurrence id", () => {
    expect(series[0]).toMatchObject({
      sourceKey: "ics:weekly-1on1@google.com@2025-01-06T09:00:00.000Z",
      at: Date.parse("2025-01-06T09:00:00Z"),
      allDay: false,
      title: "1:1 Ana / Sofía",
      organizer: { address: "ana@example.com", name: "Ana Lima" },
      cancelled: false,
    });
    expect(series[0]!.attendees).toEqual([
      { address: "ana@example.com", name: "Ana Lima" },
      { address: "sofia@example.org", name: "Sofía García" },
    ]);
    // Summer time: 10:00 in Berlin is 08:00 UTC from the last Sunday of March.
    expect(series.find((m) => iso(m.at).startsWith("2025-03-31"))?.at).toBe(
      Date.parse("2025-03-31T08:00:00Z"),
    );
  });

  it("leaves out the EXDATE, moves the overridden instance, and marks the cancelled one", () => {
    const days = series.map((m) => iso(m.at).slice(0, 10));
    expect(days.slice(0, 5)).toEqual(["2025-01-06", "2025-01-13", "2025-01-27", "2025-02-03", "2025-02-10"]);
    const moved = series[2]!;
    expect(moved).toMatchObject({
      sourceKey: "ics:weekly-1on1@google.com@2025-01-27T09:00:00.000Z",
      at: Date.parse("2025-01-27T13:00:00Z"),
      title: "1:1 Ana / Sofía (moved to the afternoon)",
    });
    expect(series.filter((m) => m.cancelled).map((m) => iso(m.at))).toEqual(["2025-02-03T09:00:00.000Z"]);
  });

  it("stops the open-ended series at the import's end date", () => {
    const last = series.at(-1)!;
    expect(last.at).toBeLessThanOrEqual(UNTIL);
    expect(iso(last.at).slice(0, 10)).toBe("2025-11-24");
    expect(series).toHaveLength(46); // 47 Mondays from 6 January to 24 November, less the EXDATE
  });

  it("puts an all-day event at noon UTC of its day, marks a cancelled meeting, and skips the future", () => {
    const byTitle = new Map(meetings(items).map((m) => [m.title, m]));
    expect(byTitle.get("Team offsite")).toMatchObject({
      sourceKey: "ics:offsite-2025@google.com",
      at: Date.parse("2025-06-12T12:00:00Z"),
      allDay: true,
    });
    expect(byTitle.get("Product demo")).toMatchObject({
      cancelled: true,
      organizer: { name: "Peter Brandt" },
    });
    expect(byTitle.has("Planning 2027")).toBe(false);
  });
});

describe("an Outlook export", () => {
  const items = read("outlook.ics");

  it("reads Windows time-zone names from the file's VTIMEZONE, and a known one without it", () => {
    const byTitle = new Map(meetings(items).map((m) => [m.title, m]));
    expect(byTitle.get("Budget review")?.at).toBe(Date.parse("2025-06-10T13:00:00Z"));
    expect(byTitle.get("Budget review")?.attendees.map((a) => a.name)).toEqual(["Ana Lima", "Brandt, Peter"]);
    expect(byTitle.get("Budget review")?.description).toBe("Quarterly budget review.");
    // "Pacific Standard Time" has no VTIMEZONE here: 09:00 in Los Angeles in June is 16:00 UTC.
    expect(byTitle.get("Sync with the Seattle office")?.at).toBe(Date.parse("2025-06-11T16:00:00Z"));
  });

  it("expands the weekday stand-up across the change back to winter time", () => {
    const standups = meetings(items).filter((m) => m.title === "Stand-up");
    expect(standups[0]?.at).toBe(Date.parse("2025-10-01T07:00:00Z"));
    expect(standups.find((m) => iso(m.at).startsWith("2025-10-27"))?.at).toBe(
      Date.parse("2025-10-27T08:00:00Z"),
    );
    expect(standups.every((m) => ![0, 6].includes(new Date(m.at).getUTCDay()))).toBe(true);
  });

  it("caps the instances of one series and says so", () => {
    const capped = readMeetings(readFileSync(FIXTURES + "outlook.ics", "utf8"), {
      until: UNTIL,
      maxInstances: 5,
    });
    expect(meetings(capped).filter((m) => m.title === "Stand-up")).toHaveLength(5);
    expect(capped.filter((i) => i.kind === "problem")).toEqual([
      expect.objectContaining({
        where: expect.stringMatching(/^VEVENT 3/),
        message: expect.stringMatching(/more than 5 instances/),
      }),
    ]);
  });
});

describe("an Apple Calendar export", () => {
  const items = read("apple.ics");

  it("reads attendees by their EMAIL parameter, ends the series at its UNTIL, and marks the cancelled instance", () => {
    const series = meetings(items).filter((m) => m.title === "Mentoring with Liang");
    expect(series.map((m) => [iso(m.at), m.cancelled])).toEqual([
      ["2025-01-15T14:00:00.000Z", false],
      ["2025-02-15T14:00:00.000Z", false],
      ["2025-03-15T13:00:00.000Z", true],
      ["2025-04-15T13:00:00.000Z", false],
    ]);
    expect(series[0]?.attendees).toEqual([{ address: "liang@example.cn", name: "Liang Chen" }]);
    // The override leaves its attendees out: they are the series'.
    expect(series[2]?.attendees).toEqual(series[0]?.attendees);
  });

  it("reads an all-day event and names the broken VEVENT instead of stopping", () => {
    expect(meetings(items).find((m) => m.title === "Barbecue at Marta's")).toMatchObject({
      at: Date.parse("2025-07-04T12:00:00Z"),
      allDay: true,
      organizer: null,
      attendees: [{ address: "marta@example.it", name: "Marta Rossi" }],
    });
    expect(items.filter((i) => i.kind === "problem")).toEqual([
      {
        kind: "problem",
        where: "VEVENT 4 (UID broken-start@apple)",
        message: expect.stringMatching(/could not be read/),
      },
    ]);
  });
});

describe("files that are not what they seem", () => {
  it("refuses a file that is no calendar, saying what a calendar looks like", () => {
    const vcard = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nEND:VCARD\r\n";
    expect(() => readMeetings(vcard, { until: UNTIL })).toThrow(GoodwillError);
    expect(() => readMeetings(vcard, { until: UNTIL })).toThrow(/BEGIN:VCALENDAR/);
  });

  it("reads every sample calendar of the ical.js project without throwing", () => {
    for (const file of readdirSync(ICALJS_SAMPLES).filter((f) => f.endsWith(".ics"))) {
      const items = readMeetings(readFileSync(ICALJS_SAMPLES + file, "utf8"), { until: UNTIL });
      for (const item of items) {
        if (item.kind === "meeting") {
          expect(Number.isFinite(item.at), file).toBe(true);
          expect(item.at, file).toBeLessThanOrEqual(UNTIL);
          expect(item.sourceKey, file).toMatch(/^ics:./);
        }
      }
    }
  });
});
