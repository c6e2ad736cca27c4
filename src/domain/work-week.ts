/**
 * The user's work week and time zone (a profile setting): which days work contacts are reached on,
 * and which calendar day "today" is. Days are `YYYY-MM-DD` strings; weekdays 0 (Sunday) to 6.
 */
import { invalid } from "../errors.js";

export const WEEKDAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
export type WeekdayName = (typeof WEEKDAY_NAMES)[number];

/** Monday to Friday: the work week until the user sets another. */
export const DEFAULT_WORK_WEEK: readonly WeekdayName[] = ["mon", "tue", "wed", "thu", "fri"];
export const DEFAULT_TIME_ZONE = "UTC";

export interface CalendarSettings {
  /** the working days, Monday first (Sunday last) */
  workWeek: readonly WeekdayName[];
  /** an IANA time zone ("Europe/Berlin"); "today" is the day there */
  timeZone: string;
}

export const DEFAULT_CALENDAR: CalendarSettings = {
  workWeek: DEFAULT_WORK_WEEK,
  timeZone: DEFAULT_TIME_ZONE,
};

const FULL_NAMES: Record<string, WeekdayName> = {
  sunday: "sun",
  monday: "mon",
  tuesday: "tue",
  tues: "tue",
  wednesday: "wed",
  thursday: "thu",
  thurs: "thu",
  thur: "thu",
  friday: "fri",
  saturday: "sat",
};

function weekdayName(word: string, text: string): WeekdayName {
  const w = word.trim().toLowerCase();
  const found = (WEEKDAY_NAMES as readonly string[]).includes(w) ? (w as WeekdayName) : FULL_NAMES[w];
  if (found === undefined)
    throw invalid(
      `The work week "${text}" names "${word.trim()}", which is not a day: use days like mon-fri, sun-thu or mon,tue,thu.`,
      { field: "workWeek" },
    );
  return found;
}

/** Monday first, Sunday last: how people read a week. */
const READING_ORDER: readonly WeekdayName[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** Reads a work week as typed: "mon-fri", "sun-thu", "mon,tue,wed,thu" or "Monday-Thursday, Saturday". */
export function parseWorkWeek(text: string): WeekdayName[] {
  const days = new Set<WeekdayName>();
  const parts = text.split(/[,\s]+/).filter((p) => p.length > 0);
  if (parts.length === 0)
    throw invalid("The work week is empty: name its days, like mon-fri or sun-thu.", { field: "workWeek" });
  for (const part of parts) {
    const range = part.split(/[-–]/);
    if (range.length === 1) days.add(weekdayName(part, text));
    else if (range.length === 2) {
      const from = WEEKDAY_NAMES.indexOf(weekdayName(range[0] ?? "", text));
      const to = WEEKDAY_NAMES.indexOf(weekdayName(range[1] ?? "", text));
      // A range wraps past Saturday: "fri-mon" is Friday, Saturday, Sunday, Monday.
      for (let d = from; ; d = (d + 1) % 7) {
        days.add(WEEKDAY_NAMES[d] as WeekdayName);
        if (d === to) break;
      }
    } else throw invalid(`The work week "${text}" has a range "${part}" with more than two ends.`);
  }
  return READING_ORDER.filter((d) => days.has(d));
}

/** "mon-fri", "sun-thu", or the days one by one when they do not run on ("mon,wed,fri"). */
export function formatWorkWeek(days: readonly WeekdayName[]): string {
  const set = new Set(days);
  if (set.size === 7) return "mon-sun";
  // Start a run just after a day off, so "sun-thu" is one run whatever the reading order.
  const start = WEEKDAY_NAMES.findIndex(
    (d, i) => set.has(d) && !set.has(WEEKDAY_NAMES[(i + 6) % 7] as WeekdayName),
  );
  const runs: WeekdayName[][] = [];
  for (let k = 0; k < 7; k++) {
    const d = WEEKDAY_NAMES[(start + k) % 7] as WeekdayName;
    if (!set.has(d)) continue;
    const last = runs.at(-1);
    const previous = WEEKDAY_NAMES[(start + k + 6) % 7] as WeekdayName;
    if (last && last.at(-1) === previous) last.push(d);
    else runs.push([d]);
  }
  return runs.map((r) => (r.length >= 3 ? `${r[0]}-${r.at(-1)}` : r.join(","))).join(",");
}

/** Checks an IANA time zone name ("Europe/Berlin", "America/New_York", "UTC") and returns it as written. */
export function parseTimeZone(text: string): string {
  const zone = text.trim();
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: zone });
  } catch {
    throw invalid(
      `"${text}" is not a time zone Goodwill knows: use an IANA name like Europe/Berlin, America/New_York or UTC.`,
      { field: "timeZone" },
    );
  }
  if (zone === "") throw invalid("The time zone is empty: use an IANA name like Europe/Berlin or UTC.");
  return zone;
}

/** One formatter per time zone: making one costs ~0.4 ms, more than `today` spends on most steps. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of `ms` in `timeZone`, as YYYY-MM-DD. */
export function dayIn(ms: number, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    // en-CA writes dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    dayFormats.set(timeZone, format);
  }
  return format.format(new Date(ms));
}

/** The day `n` days after `day` (before, when negative). */
export function addDays(day: string, n: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

/** The weekday of a day: "sun" … "sat". */
export function weekdayOf(day: string): WeekdayName {
  return WEEKDAY_NAMES[new Date(`${day}T12:00:00Z`).getUTCDay()] as WeekdayName;
}

/**
 * Whom the user reaches on workdays only: a colleague, or an outside contact at an organization who
 * is not a communal one (`week` plans them on workdays; a daily note on a day off leaves them out).
 */
export function reachedOnWorkdays(person: {
  isColleague: boolean;
  atOrganization: boolean;
  communal: boolean;
}): boolean {
  return person.isColleague || (person.atOrganization && !person.communal);
}

export function isWorkday(day: string, workWeek: readonly WeekdayName[]): boolean {
  return workWeek.includes(weekdayOf(day));
}

/** The last workday before `day` (a week back at most; `day` itself when there is no work week). */
export function workdayBefore(day: string, workWeek: readonly WeekdayName[]): string {
  for (let n = 1; n <= 7; n++) if (isWorkday(addDays(day, -n), workWeek)) return addDays(day, -n);
  return day;
}

/** `day` when it is a workday, else the next one. */
export function workdayFrom(day: string, workWeek: readonly WeekdayName[]): string {
  for (let n = 0; n < 7; n++) if (isWorkday(addDays(day, n), workWeek)) return addDays(day, n);
  return day;
}
