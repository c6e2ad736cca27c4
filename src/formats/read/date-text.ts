import type { PartialDate } from "../../domain/model.js";
import { type FieldWarning, shownValue } from "../contact-record.js";

/**
 * Dates as address books write them. Kept apart from the domain's own date parsing on purpose:
 * these forms (Apple's year 1604, Outlook's "0/0/00", "--MMDD") belong to the file formats.
 */

/** Apple writes year-less birthdays with this placeholder year. */
const APPLE_NO_YEAR = 1604;

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** A valid PartialDate from parts, or null when the day does not exist in that month. */
export function partialDate(year: number | null, month: number, day: number): PartialDate | null {
  if (!Number.isInteger(month) || !Number.isInteger(day) || month < 1 || month > 12 || day < 1) return null;
  if (year !== null && (!Number.isInteger(year) || year < 1 || year > 9999)) return null;
  if (day > daysInMonth(year, month)) return null;
  return { year: year === APPLE_NO_YEAR ? null : year, month, day };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A year-less date counts as a leap year, so that a 29 February birthday stays possible. */
function daysInMonth(year: number | null, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1]!;
  const leap = year === null || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0));
  return leap ? 29 : 28;
}

/**
 * Reads a vCard date: `YYYY-MM-DD`, `YYYYMMDD`, `--MMDD`, `--MM-DD`, Apple's `1604-MM-DD`, with or
 * without a time part (`T…`), which is ignored. Anything else gives null.
 */
export function parseVCardDate(text: string): PartialDate | null {
  const value = text.trim();
  const cut = value.indexOf("T");
  const date = cut > 0 ? value.slice(0, cut) : value;
  let m = /^--(\d\d)-?(\d\d)$/.exec(date);
  if (m) return partialDate(null, Number(m[1]), Number(m[2]));
  m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(date) ?? /^(\d{4})(\d\d)(\d\d)$/.exec(date);
  if (m) return partialDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

/**
 * Reads a date from a spreadsheet cell: the vCard forms, `12 Jan 2024`, `Jan 12, 2024`, `M/D/YYYY`
 * (US, as Outlook and LinkedIn write it; read as D/M when the first number cannot be a month),
 * `D.M.YYYY`, two-digit years, and Outlook's `0/0/00` for "no date".
 */
export function parseLooseDate(text: string): PartialDate | null {
  const value = text.trim();
  if (value === "") return null;
  const vcard = parseVCardDate(value);
  if (vcard !== null) return vcard;
  let m = /^(\d{1,2})[ -]([A-Za-z]{3})[A-Za-z]*\.?[\s,-]+(\d{2,4})$/.exec(value);
  if (m) return monthNamed(m[3]!, m[2]!, m[1]!);
  m = /^([A-Za-z]{3})[A-Za-z]*\.? (\d{1,2}),? (\d{2,4})$/.exec(value);
  if (m) return monthNamed(m[3]!, m[1]!, m[2]!);
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{2,4})(?:\s.*)?$/.exec(value);
  if (m) {
    const first = Number(m[1]);
    const second = Number(m[2]);
    const year = fullYear(m[3]!);
    return first > 12 ? partialDate(year, second, first) : partialDate(year, first, second);
  }
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{2,4})$/.exec(value);
  if (m) return partialDate(fullYear(m[3]!), Number(m[2]), Number(m[1]));
  m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(value);
  if (m) return partialDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

function monthNamed(year: string, monthName: string, day: string): PartialDate | null {
  const month = MONTHS[monthName.toLowerCase()];
  return month === undefined ? null : partialDate(fullYear(year), month, Number(day));
}

/**
 * A two-digit year up to 30 is read as 20xx, above as 19xx: a fixed pivot keeps reading pure (no
 * clock), and two-digit years are mostly birthdays.
 */
function fullYear(text: string): number {
  const n = Number(text);
  if (text.length > 2) return n;
  return n <= 30 ? 2000 + n : 1900 + n;
}

/** A full date as `YYYY-MM-DD`, or null when the year is unknown. */
export function isoDate(date: PartialDate | null): string | null {
  if (date === null || date.year === null) return null;
  return `${String(date.year).padStart(4, "0")}-${pad2(date.month)}-${pad2(date.day)}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Whether a cell says "no date" the way exporters write it: nothing, or Outlook's `0/0/00`. */
export function isNoDate(text: string): boolean {
  return /^\s*(?:0{1,2}[/.-]0{1,2}[/.-]0{2,4})?\s*$/.test(text);
}

/**
 * Reads a date with `parse`; one that cannot be read is left out with a warning naming it
 * ("birthday 1975-02-30 is not a date: left out") instead of disappearing.
 */
export function dateOrWarning(
  text: string,
  parse: (text: string) => PartialDate | null,
  where: { field: string; words: string },
  warnings: FieldWarning[],
): PartialDate | null {
  if (isNoDate(text)) return null;
  const date = parse(text);
  if (date === null)
    warnings.push({
      field: where.field,
      message: `${where.words} ${shownValue(text.trim())} is not a date: left out`,
    });
  return date;
}
