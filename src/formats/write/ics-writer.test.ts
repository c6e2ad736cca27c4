import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { GoodwillError } from "../../errors.js";
import { type CalendarEvent, writeCalendar } from "./ics-writer.js";

const now = Date.UTC(2025, 5, 1, 12, 30); // 1 June 2025, a common year

const events: CalendarEvent[] = [
  {
    kind: "birthday",
    uid: "birthday-p1@goodwill",
    summary: "Ada Lovelace's birthday",
    date: { year: 1815, month: 12, day: 10 },
  },
  {
    kind: "birthday",
    uid: "birthday-p2@goodwill",
    summary: "Grace's birthday",
    date: { year: null, month: 4, day: 12 },
  },
  {
    kind: "anniversary",
    uid: "anniversary-p3@goodwill",
    summary: "Leap-day wedding, Sam & Alex",
    date: { year: null, month: 2, day: 29 },
  },
  {
    kind: "due",
    uid: "due-p4@goodwill",
    summary: "Get back in touch with Bob",
    day: "2025-06-03",
    description: "Last talked in March.\nAsk about the move; bring the book.",
  },
  { kind: "commitment", uid: "commitment-c9@goodwill", summary: "Send Ada the paper", day: "2025-06-10" },
];

function vevents(ics: string): ICAL.Component[] {
  return new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents("vevent");
}

function byUid(ics: string, uid: string): ICAL.Component {
  const found = vevents(ics).find((e) => e.getFirstPropertyValue("uid") === uid);
  if (found === undefined) throw new Error(`no event ${uid}`);
  return found;
}

/** The first occurrences of an event, as YYYY-MM-DD. */
function occurrences(vevent: ICAL.Component, count: number): string[] {
  const iterator = new ICAL.Event(vevent).iterator();
  const out: string[] = [];
  for (let next = iterator.next(); next && out.length < count; next = iterator.next()) {
    out.push(next.toString());
  }
  return out;
}

describe("ICS export", () => {
  const ics = writeCalendar({ name: "Goodwill — people", events, now });

  it("is a calendar with CRLF line ends, its name, and one event per entry", () => {
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Goodwill//Goodwill//EN\r\n")).toBe(
      true,
    );
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(ics).toContain("X-WR-CALNAME:Goodwill — people\r\n");
    expect(vevents(ics).map((e) => e.getFirstPropertyValue("uid"))).toEqual(events.map((e) => e.uid));
  });

  it("makes every event all-day and free", () => {
    for (const vevent of vevents(ics)) {
      expect(vevent.getFirstProperty("dtstart")?.type).toBe("date");
      expect(vevent.getFirstProperty("dtend")?.type).toBe("date");
      expect(vevent.getFirstPropertyValue("transp")).toBe("TRANSPARENT");
    }
  });

  it("repeats a birthday every year from the year of birth", () => {
    const vevent = byUid(ics, "birthday-p1@goodwill");
    expect(vevent.getFirstPropertyValue("dtstart")?.toString()).toBe("1815-12-10");
    expect(String(vevent.getFirstPropertyValue("rrule"))).toBe("FREQ=YEARLY");
    expect(occurrences(vevent, 3)).toEqual(["1815-12-10", "1816-12-10", "1817-12-10"]);
  });

  it("starts a birthday without a year in the current year", () => {
    const vevent = byUid(ics, "birthday-p2@goodwill");
    expect(vevent.getFirstPropertyValue("dtstart")?.toString()).toBe("2025-04-12");
    expect(String(vevent.getFirstPropertyValue("rrule"))).toBe("FREQ=YEARLY");
  });

  it("keeps 29 February on the last day of February, so it still appears in common years", () => {
    const vevent = byUid(ics, "anniversary-p3@goodwill");
    expect(ics).toContain("RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1\r\n");
    expect(occurrences(vevent, 5)).toEqual([
      "2025-02-28",
      "2026-02-28",
      "2027-02-28",
      "2028-02-29",
      "2029-02-28",
    ]);
  });

  it("starts a dated 29 February on the day itself", () => {
    const leap = writeCalendar({
      name: "x",
      now,
      events: [
        { kind: "birthday", uid: "b@goodwill", summary: "Leapling", date: { year: 2000, month: 2, day: 29 } },
      ],
    });
    expect(occurrences(byUid(leap, "b@goodwill"), 3)).toEqual(["2000-02-29", "2001-02-28", "2002-02-28"]);
  });

  it("puts a due reminder and a commitment on their day, once", () => {
    const due = byUid(ics, "due-p4@goodwill");
    expect(due.getFirstPropertyValue("dtstart")?.toString()).toBe("2025-06-03");
    expect(due.getFirstPropertyValue("dtend")?.toString()).toBe("2025-06-04");
    expect(due.getFirstProperty("rrule")).toBeNull();
    expect(due.getFirstPropertyValue("description")).toBe(
      "Last talked in March.\nAsk about the move; bring the book.",
    );
    expect(byUid(ics, "commitment-c9@goodwill").getFirstPropertyValue("summary")).toBe("Send Ada the paper");
  });

  it("stamps events with the given time, not the clock, so the same input gives the same file", () => {
    expect(ics).toContain("DTSTAMP:20250601T123000Z\r\n");
    expect(writeCalendar({ name: "Goodwill — people", events, now })).toBe(ics);
  });

  it("escapes text and folds long lines at 75 octets", () => {
    const summary = "Geburtstag von Jürgen, Zoë; 🎉 und 日本の友達 ".repeat(4).trim();
    const long = writeCalendar({
      name: "x",
      now,
      events: [{ kind: "due", uid: "u@goodwill", summary, day: "2025-06-03" }],
    });
    for (const line of long.split("\r\n"))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(byUid(long, "u@goodwill").getFirstPropertyValue("summary")).toBe(summary);
  });

  it("refuses a day that is not a real YYYY-MM-DD date, naming the event", () => {
    for (const day of ["2025-02-29", "03/06/2025", "2025-6-3"]) {
      const bad: CalendarEvent = { kind: "due", uid: "due-x@goodwill", summary: "x", day };
      expect(() => writeCalendar({ name: "x", now, events: [bad] })).toThrow(GoodwillError);
      expect(() => writeCalendar({ name: "x", now, events: [bad] })).toThrow(/due-x@goodwill/);
    }
    const impossible: CalendarEvent = {
      kind: "date",
      uid: "d@goodwill",
      summary: "x",
      date: { year: null, month: 4, day: 31 },
    };
    expect(() => writeCalendar({ name: "x", now, events: [impossible] })).toThrow(/does not exist/);
  });
});
