/**
 * Reading the values people type: each function either returns a clean value or throws an
 * `invalid` error that names the field, what was wrong and what is accepted. Nothing is written
 * before every value has been read.
 */
import { WEIGHT_MAX, WEIGHT_MIN } from "../domain/defaults.js";
import { LIMITS } from "../domain/limits.js";
import {
  CHANNELS,
  type Channel,
  EXCHANGE_KINDS,
  type ExchangeKind,
  INITIATORS,
  type Initiator,
  LAYERS,
  type Layer,
} from "../domain/model.js";
import { formatPartialDate, parsePartialDate } from "../domain/partial-date.js";
import { invalid } from "../errors.js";

/** The words that name the user rather than a person: `offer me "…"`. */
export function meansMe(who: string): boolean {
  return ["me", "myself"].includes(who.trim().toLowerCase());
}

export function oneOf<T extends string>(field: string, value: string, accepted: readonly T[]): T {
  const v = value.trim().toLowerCase().replace(/-/g, "_");
  const found = accepted.find((a) => a === v || a === value.trim());
  if (found === undefined) {
    throw invalid(`${field} "${value}" is not one of ${accepted.join(", ")}.`, { field, accepted });
  }
  return found;
}

export const readChannel = (value: string): Channel => oneOf("--channel", value, CHANNELS);
export const readKind = (value: string): ExchangeKind => oneOf("--kind", value, EXCHANGE_KINDS);
export const readInitiator = (value: string): Initiator => oneOf("--initiated", value, INITIATORS);

export function readLayer(value: string | number): Layer {
  const n = Number(value);
  const layer = LAYERS.find((l) => l === n);
  if (layer === undefined) {
    throw invalid(
      `--layer "${value}" is not a Dunbar layer; use one of ${LAYERS.join(", ")} (5 = inner circle, 500 = acquaintance).`,
      {
        field: "layer",
        accepted: LAYERS,
      },
    );
  }
  return layer;
}

export function readCloseness(value: string | number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 5) {
    throw invalid(`--closeness "${value}" must be a whole number from 1 (distant) to 5 (very close).`, {
      field: "closeness",
    });
  }
  return n;
}

export function readCadence(value: string | number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 3650) {
    throw invalid(`--cadence "${value}" must be a number of days from 0 (never remind) to 3650.`, {
      field: "cadence",
    });
  }
  return n;
}

export function readWeight(value: string | number): number {
  const n = typeof value === "number" ? value : Number(value.trim());
  if (!Number.isFinite(n) || n < WEIGHT_MIN || n > WEIGHT_MAX) {
    throw invalid(
      `--weight "${value}" is out of range: give a number from ${WEIGHT_MIN} (a tiny favor) to ${WEIGHT_MAX} (a very big one).`,
      { field: "weight", min: WEIGHT_MIN, max: WEIGHT_MAX },
    );
  }
  return n;
}

/** A required piece of text: a summary, a name. */
export function readText(
  field: string,
  value: string | undefined,
  maxLength: number = LIMITS.summary,
): string {
  const text = (value ?? "").replace(/\s+/g, " ").trim();
  // Only invisible characters (a zero-width space, a joiner, a control) is empty too: it shows as a blank.
  if (text.replace(/[\p{Cf}\p{Cc}\s]/gu, "") === "")
    throw invalid(
      field === "name"
        ? "The name is empty: write the name as you would say it."
        : `The ${field} is empty: say in a few words what it is about.`,
      { field },
    );
  if (text.length > maxLength)
    throw invalid(
      `The ${field} is too long: at most ${maxLength.toLocaleString("en")} characters, and it has ${text.length.toLocaleString("en")}. Shorten it.`,
      { field },
    );
  return text;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether "YYYY-MM-DD" names a day of the calendar (not 2026-02-30). */
function existsInCalendar(y: number, mo: number, d: number): boolean {
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Whether text is a calendar date "YYYY-MM-DD" that exists. */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  return m !== null && existsInCalendar(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** A calendar date "YYYY-MM-DD" that exists. */
export function readDate(field: string, value: string): string {
  const m = DATE.exec(value.trim());
  if (!m)
    throw invalid(`${field} "${value}" is not a date; write it as YYYY-MM-DD, e.g. 2026-03-14.`, { field });
  if (!existsInCalendar(Number(m[1]), Number(m[2]), Number(m[3])))
    throw invalid(`${field} "${value}" does not exist in the calendar.`, { field });
  return value.trim();
}

const DAY_MS = 86_400_000;
/** Nothing Goodwill records happened before 1900: an earlier year is a typing mistake. */
const EARLIEST = Date.UTC(1900, 0, 1);

/**
 * A moment from what people type: "today", "yesterday", "N days ago", "tomorrow", "in N days", a
 * date (taken as noon, local time, so it stays on that day in every nearby time zone) or a full ISO
 * instant. Refuses only what cannot be read; the callers decide which range makes sense.
 */
function parseWhen(field: string, value: string, now: number, ahead = false): number {
  const text = value.trim().toLowerCase();
  const ago = /^(\d+)\s*(d|days?)\s*(ago)?$/.exec(text);
  const inDays = /^in\s+(\d+)\s*(d|days?)$/.exec(text);
  if (text === "today" || text === "now") return now;
  if (text === "yesterday") return now - DAY_MS;
  if (text === "tomorrow") return now + DAY_MS;
  if (ago) return now - Number(ago[1]) * DAY_MS;
  if (inDays) return now + Number(inDays[1]) * DAY_MS;
  if (DATE.test(text)) {
    const [y, m, d] = readDate(field, text).split("-").map(Number) as [number, number, number];
    const at = new Date(y, m - 1, d, 12).getTime();
    // A date given for today must not land in the future when it is still morning.
    if (at > now && new Date(now).toDateString() === new Date(at).toDateString()) return now;
    return at;
  }
  const at = Date.parse(value);
  if (Number.isNaN(at) || !/^\d{4}-\d{2}-\d{2}T/.test(value.trim())) {
    throw invalid(
      `${field} "${value}" is not a date Goodwill can read; use YYYY-MM-DD, an ISO time, ${ahead ? '"today", "tomorrow" or "in 3 days"' : '"today", "yesterday" or "3 days ago"'}.`,
      { field },
    );
  }
  // Date.parse takes 2026-02-30T10:00 as 2 March: the day must exist, as a plain date's must.
  readDate(field, value.trim().slice(0, 10));
  return at;
}

/** When something happened (see `parseWhen`): never in the future, never before 1900. */
export function readWhen(field: string, value: string, now: number): number {
  const at = parseWhen(field, value, now);
  if (at > now + 60_000)
    throw invalid(`${field} "${value}" is in the future; log what has happened.`, { field });
  if (at < EARLIEST) throw invalid(`${field} "${value}" is before 1900; check the year.`, { field });
  return at;
}

/**
 * A day "YYYY-MM-DD" from what `readWhen` reads. A past event's day (`--met-on`) is refused in the
 * future; a due day (`--due`) may be. Before 1900 is refused either way.
 */
export function readDay(field: string, value: string, now: number, options: { future: boolean }): string {
  const at = options.future ? parseWhen(field, value, now, true) : readWhen(field, value, now);
  if (at < EARLIEST) throw invalid(`${field} "${value}" is before 1900; check the year.`, { field });
  const local = new Date(at);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}

/** A birthday or other date, with or without its year: "1990-04-12" or "--04-12". */
export function readPartialDate(field: string, value: string): string {
  const parsed = parsePartialDate(value);
  if (!parsed) {
    throw invalid(
      `${field} "${value}" is not a date; write YYYY-MM-DD, or --MM-DD when you do not know the year.`,
      {
        field,
      },
    );
  }
  return formatPartialDate(parsed);
}

/** Whether text looks like an email address: something@somewhere.tld, no spaces, within the limit. */
export function isEmail(text: string): boolean {
  return text.length <= LIMITS.email && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
}

/** Whether text is a phone number: digits with spaces, + ( ) - . and an extension, within the limit. */
export function isPhone(text: string): boolean {
  return (
    text.length <= LIMITS.phone && /\d/.test(text) && /^[+()\d\s./-]+(\s*(x|ext\.?)\s*\d+)?$/i.test(text)
  );
}

export function readEmail(value: string): string {
  const email = value.trim();
  if (!isEmail(email)) {
    throw invalid(`"${value}" is not an email address (expected something like name@example.com).`, {
      field: "email",
    });
  }
  return email;
}

export function readPhone(value: string): string {
  const phone = value.trim();
  if (!isPhone(phone)) {
    throw invalid(`--phone "${value}" is not a phone number (digits, spaces, + ( ) - . are fine).`, {
      field: "phone",
    });
  }
  return phone;
}
