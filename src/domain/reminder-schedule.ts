/**
 * When reminders go out (issue 13): the daily note at the account's local time, the weekly plan on
 * its day, nothing inside quiet hours, and failed sends retried with growing waits. Pure: the clock
 * and the time zone come in as arguments.
 */
import { invalid } from "../errors.js";
import { type WeekdayName, weekdayOf } from "./work-week.js";

export type ReminderKind = "daily" | "weekly";

/** Minutes after local midnight. */
export type ClockMinutes = number;

export interface QuietHours {
  from: ClockMinutes;
  to: ClockMinutes;
}

export interface ReminderTiming {
  /** the daily note is on */
  daily: boolean;
  /** when the daily note and the weekly plan go out, local time */
  time: ClockMinutes;
  /** the day of the weekly plan; null: no weekly plan */
  weeklyDay: WeekdayName | null;
  quietHours: QuietHours | null;
}

/** Reads a time of day as people type it: "8", "08:00", "8:30", "8am", "6:30 pm", "18.30". */
export function parseClockTime(text: string, field = "time"): ClockMinutes {
  const match = /^\s*(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?\s*$/i.exec(text);
  const hours = match ? Number(match[1]) : Number.NaN;
  const minutes = match?.[2] ? Number(match[2]) : 0;
  const meridiem = match?.[3]?.toLowerCase().replaceAll(".", "");
  const ok = match !== null && minutes < 60 && (meridiem ? hours >= 1 && hours <= 12 : hours <= 23);
  if (!ok) throw invalid(`"${text}" is not a time of day: write it like 08:00, 8:30 or 6pm.`, { field });
  const h24 = meridiem === "pm" ? (hours % 12) + 12 : meridiem === "am" ? hours % 12 : hours;
  return h24 * 60 + minutes;
}

export function formatClockTime(minutes: ClockMinutes): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** "22:00-07:00" (across midnight) or "12:00–13:00"; "off" or "" means none. */
export function parseQuietHours(text: string): QuietHours | null {
  const trimmed = text.trim();
  if (trimmed === "" || /^(off|none|no)$/i.test(trimmed)) return null;
  const parts = trimmed.split(/\s*(?:-|–|to)\s*/i);
  if (parts.length !== 2 || !parts[0] || !parts[1])
    throw invalid(`"${text}" is not a span of quiet hours: write it like 22:00-07:00, or off.`, {
      field: "quietHours",
    });
  const from = parseClockTime(parts[0], "quietHours");
  const to = parseClockTime(parts[1], "quietHours");
  if (from === to)
    throw invalid(`Quiet hours "${text}" start and end at the same time: give a span, or off.`, {
      field: "quietHours",
    });
  return { from, to };
}

export function formatQuietHours(quiet: QuietHours | null): string {
  return quiet ? `${formatClockTime(quiet.from)}-${formatClockTime(quiet.to)}` : "off";
}

/** Whether a local time falls in the quiet hours (the start counts as quiet, the end does not). */
export function isQuiet(minutes: ClockMinutes, quiet: QuietHours | null): boolean {
  if (!quiet) return false;
  return quiet.from < quiet.to
    ? minutes >= quiet.from && minutes < quiet.to
    : minutes >= quiet.from || minutes < quiet.to;
}

/** The local calendar day and time of day of an instant in a time zone. */
export function localClock(ms: number, timeZone: string): { date: string; minutes: ClockMinutes } {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(ms));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "00";
  return {
    date: `${part("year")}-${part("month")}-${part("day")}`,
    minutes: Number(part("hour")) * 60 + Number(part("minute")),
  };
}

/**
 * What is due at `now`: the daily note from its time until the local day ends, the weekly plan the
 * same way on its day; nothing while the quiet hours last (a note whose time falls in them goes out
 * when they end, if that is still the same day).
 */
export function dueReminders(
  timing: ReminderTiming,
  now: number,
  timeZone: string,
): { kind: ReminderKind; localDate: string }[] {
  const { date, minutes } = localClock(now, timeZone);
  if (minutes < timing.time || isQuiet(minutes, timing.quietHours)) return [];
  const due: { kind: ReminderKind; localDate: string }[] = [];
  if (timing.daily) due.push({ kind: "daily", localDate: date });
  if (timing.weeklyDay !== null && weekdayOf(date) === timing.weeklyDay)
    due.push({ kind: "weekly", localDate: date });
  return due;
}

/** A send is tried this many times before it is given up (the error stays in Settings). */
export const MAX_ATTEMPTS = 5;

/** How long to wait after the `attempt`-th failure: 1, 5, 15, 60 minutes. */
export function retryDelayMs(attempt: number): number {
  const minutes = [1, 5, 15, 60][Math.min(Math.max(attempt, 1), 4) - 1] ?? 60;
  return minutes * 60_000;
}

/** How long a process may hold a send before another takes it over (it stopped mid-send). */
export const SEND_LEASE_MS = 2 * 60_000;

/** One-tap links from a note work for this long, once. */
export const ACTION_LINK_DAYS = 7;
