/** Dates that may lack a year, as birthdays often do, and when they next come round. */
import { DAY_MS } from "./decay.js";
import type { PartialDate } from "./model.js";

// Apple's Contacts writes year-less birthdays with the placeholder year 1604.
const APPLE_NO_YEAR = 1604;

const PATTERNS: RegExp[] = [
  /^(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})$/,
  /^(?<year>\d{4})(?<month>\d{2})(?<day>\d{2})$/,
  /^--(?<month>\d{2})-?(?<day>\d{2})$/,
];

/** Reads "YYYY-MM-DD", "YYYYMMDD", "--MM-DD" or "--MMDD"; null for anything else or an impossible date. */
export function parsePartialDate(text: string): PartialDate | null {
  const trimmed = text.trim();
  for (const pattern of PATTERNS) {
    const groups = pattern.exec(trimmed)?.groups;
    if (!groups) continue;
    const month = Number(groups.month);
    const day = Number(groups.day);
    const rawYear = groups.year === undefined ? null : Number(groups.year);
    if (rawYear === 0) return null;
    const year = rawYear === APPLE_NO_YEAR ? null : rawYear;
    if (month < 1 || month > 12 || day < 1) return null;
    // Without a year, 29 February is possible; with one, the year decides.
    if (day > daysInMonth(rawYear ?? 2000, month)) return null;
    return { year, month, day };
  }
  return null;
}

/** Writes "1990-04-12", or "--04-12" without a year. */
export function formatPartialDate(d: PartialDate): string {
  const md = `${pad(d.month, 2)}-${pad(d.day, 2)}`;
  return d.year === null ? `--${md}` : `${pad(d.year, 4)}-${md}`;
}

/** Epoch ms of the next UTC day (today counts) on which the date falls; 29 February falls on 28 February in common years. */
export function nextOccurrence(d: PartialDate, nowMs: number): number {
  const today = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const year = new Date(nowMs).getUTCFullYear();
  const thisYear = occurrenceIn(d, year);
  return thisYear >= today ? thisYear : occurrenceIn(d, year + 1);
}

/** Whole days until the next occurrence; 0 means today. */
export function daysUntilOccurrence(d: PartialDate, nowMs: number): number {
  const today = Math.floor(nowMs / DAY_MS) * DAY_MS;
  return Math.round((nextOccurrence(d, nowMs) - today) / DAY_MS);
}

/** The age or anniversary count reached on an occurrence, or null without a year. */
export function turningAge(d: PartialDate, occurrenceMs: number): number | null {
  if (d.year === null) return null;
  const age = new Date(occurrenceMs).getUTCFullYear() - d.year;
  return age > 0 ? age : null;
}

function occurrenceIn(d: PartialDate, year: number): number {
  const day = Math.min(d.day, daysInMonth(year, d.month));
  return Date.UTC(year, d.month - 1, day);
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; setUTCFullYear avoids the 0–99 → 1900s mapping.
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}
