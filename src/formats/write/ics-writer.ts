import ical, { ICalEventRepeatingFreq, ICalEventTransparency } from "ical-generator";
import type { PartialDate } from "../../domain/model.js";
import { invalid } from "../../errors.js";

/*
 * A calendar people subscribe to: birthdays, anniversaries and other dates yearly, due reminders
 * and commitments on their day. Every event is all-day and shown as free, so it never blocks a
 * meeting. Output depends only on the input: DTSTAMP comes from `now` and each UID from the caller,
 * so a client that fetches the feed again updates its events instead of adding copies.
 */

/** One entry of the calendar; `uid` must stay the same for the same thing (e.g. `birthday-<id>@goodwill`). */
export type CalendarEvent =
  | {
      kind: "birthday" | "anniversary" | "date";
      uid: string;
      summary: string;
      /** Repeats every year; without a year it starts in the year of `now`. */
      date: PartialDate;
      description?: string;
    }
  | {
      kind: "due" | "commitment";
      uid: string;
      summary: string;
      /** YYYY-MM-DD: one all-day event. */
      day: string;
      description?: string;
    };

export interface CalendarInput {
  name: string;
  events: readonly CalendarEvent[];
  /** Epoch ms: the DTSTAMP of every event and the year a year-less date starts in. */
  now: number;
}

const DAY_MS = 86_400_000;

/** The events as an iCalendar (RFC 5545) file with CRLF line ends. */
export function writeCalendar(input: CalendarInput): string {
  const calendar = ical({
    name: input.name,
    prodId: { company: "Goodwill", product: "Goodwill", language: "EN" },
  });
  const stamp = new Date(input.now);
  const thisYear = stamp.getUTCFullYear();
  for (const event of input.events) {
    const common = {
      id: event.uid,
      summary: event.summary,
      description: event.description ?? null,
      stamp,
      allDay: true,
      transparency: ICalEventTransparency.TRANSPARENT,
    };
    if ("date" in event) {
      const { start, repeating } = yearly(event.date, thisYear, event.uid);
      calendar.createEvent({ ...common, start, end: new Date(start.getTime() + DAY_MS), repeating });
    } else {
      const start = dayStart(event.day, event.uid);
      calendar.createEvent({ ...common, start, end: new Date(start.getTime() + DAY_MS) });
    }
  }
  // RFC 5545 ends every content line with CRLF, the last one too; ical-generator leaves it off.
  const text = calendar.toString();
  return text.endsWith("\r\n") ? text : `${text}\r\n`;
}

/**
 * The first occurrence and the rule of a yearly date. A date with a year starts in that year; one
 * without starts in the year of `now`, so it shows up from this year on.
 *
 * 29 February repeats as "the last day of February" (BYMONTH=2;BYMONTHDAY=-1): a plain yearly
 * rule from 29 February has no occurrence in common years (RFC 5545 §3.3.10 skips invalid
 * dates), so three birthdays in four would vanish. This way it falls on 28 February in common
 * years, as nextOccurrence in src/domain/partial-date.ts counts it, and on the 29th in leap years.
 * A year-less 29 February starts on the last day of February of this year, which the rule itself
 * yields, so the first occurrence is consistent with the rest.
 */
function yearly(
  date: PartialDate,
  thisYear: number,
  uid: string,
): { start: Date; repeating: { freq: ICalEventRepeatingFreq; byMonth?: number; byMonthDay?: number } } {
  const year = date.year ?? thisYear;
  if (!isRealDate(date.year ?? 2000, date.month, date.day)) {
    throw invalid(`the date of calendar event ${uid} does not exist: ${JSON.stringify(date)}`);
  }
  if (date.month === 2 && date.day === 29) {
    return {
      start: utcDay(year, 2, daysInMonth(year, 2)),
      repeating: { freq: ICalEventRepeatingFreq.YEARLY, byMonth: 2, byMonthDay: -1 },
    };
  }
  return { start: utcDay(year, date.month, date.day), repeating: { freq: ICalEventRepeatingFreq.YEARLY } };
}

function dayStart(day: string, uid: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const [year, month, dayOfMonth] = match
    ? [Number(match[1]), Number(match[2]), Number(match[3])]
    : [0, 0, 0];
  if (!isRealDate(year, month, dayOfMonth)) {
    throw invalid(`the day of calendar event ${uid} must be a date as YYYY-MM-DD, not "${day}"`);
  }
  return utcDay(year, month, dayOfMonth);
}

/** Midnight UTC: with no calendar time zone, ical-generator writes a DATE from the UTC fields. */
function utcDay(year: number, month: number, day: number): Date {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  return date;
}

function isRealDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    year >= 1 &&
    year <= 9999 &&
    Number.isInteger(month) &&
    month >= 1 &&
    month <= 12 &&
    Number.isInteger(day) &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

function daysInMonth(year: number, month: number): number {
  return utcDay(year, month + 1, 0).getUTCDate();
}
