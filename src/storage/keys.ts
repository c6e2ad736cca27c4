/**
 * Lookup keys: the folded forms under which names, emails and phones are matched, so that
 * "José" finds "jose", "Ann@Example.com" finds "ann@example.com" and "+1 (555) 010-2030" finds
 * "555 010 2030".
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { V7Generator } from "uuidv7";

let ids: V7Generator | undefined;

/** A new time-ordered id (UUIDv7), generated here rather than by the database (DESIGN §5). */
export function newId(): string {
  ids ??= new V7Generator(kernelRandom());
  return ids.generate().toString();
}

/**
 * The ids' random bits, from the kernel's generator (/dev/urandom, the source of
 * crypto.getRandomValues too), 4 kB a read (at most 3 words an id: an import reads once per 340
 * ids or more). Not getRandomValues: Node's web crypto loads ~25 crypto and stream modules, ~3 ms of
 * a CLI command's start (docs/decisions.md, "CLI start-up, a CommonJS binary"). Where there is no
 * such device (Windows), getRandomValues.
 */
function kernelRandom(): { nextUint32(): number } {
  const words: Uint32Array<ArrayBuffer> = new Uint32Array(1024);
  let next = words.length;
  return {
    nextUint32() {
      if (next === words.length) {
        fillRandom(words);
        next = 0;
      }
      return words[next++] as number;
    },
  };
}

function fillRandom(words: Uint32Array<ArrayBuffer>): void {
  const bytes = new Uint8Array(words.buffer);
  let fd: number | undefined;
  try {
    fd = openSync("/dev/urandom", "r");
    // a character device, not a file someone put in its place
    if (!fstatSync(fd).isCharacterDevice()) throw new Error("/dev/urandom is not a device");
    for (let filled = 0; filled < bytes.length; ) {
      const read = readSync(fd, bytes, filled, bytes.length - filled, null);
      if (read === 0) throw new Error("/dev/urandom ended");
      filled += read;
    }
  } catch {
    crypto.getRandomValues(words);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isId(text: string): boolean {
  return UUID.test(text);
}

/**
 * The apostrophes phones and word processors type for ' (’ ‘ ʼ): O’Brien is O'Brien. Migration
 * 0027 folded the keys written before.
 */
const TYPOGRAPHIC_APOSTROPHES = /[\u2018\u2019\u02bc]/g;

/** Lower case, accents removed, one apostrophe, spaces collapsed: how names are compared. */
export function foldText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(TYPOGRAPHIC_APOSTROPHES, "'")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * An account's email as sign-in and its throttle compare it: composed (NFC), without the white
 * space around it (any Unicode space, no-break space and U+FEFF included: String.trim's set), lower
 * case. One key for both, so "bob@example.com " is throttled with "bob@example.com".
 */
export function accountEmailKey(email: string): string {
  return email.normalize("NFC").trim().toLowerCase();
}

/**
 * The last ten digits of a phone number. Country and trunk prefixes differ between address books
 * ("+44 20 …" and "020 …"), the national number rarely does.
 */
export function phoneKey(phone: string): string {
  const digits = phone.replace(/\D+/g, "");
  return digits.length > 10 ? digits.slice(-10) : digits;
}

/** Instants are stored as ISO-8601 UTC text; the domain works in epoch milliseconds. */
export function toInstant(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Reads a stored instant. What `toInstant` wrote ("2026-11-25T12:00:00.000Z") is read digit by
 * digit, three times faster than `Date.parse` — the agenda reads four per person; anything else
 * goes to `Date.parse`.
 */
export function fromInstant(iso: string): number {
  if (iso.length !== 24 || iso.charCodeAt(10) !== T || iso.charCodeAt(23) !== Z) return Date.parse(iso);
  const year = twoDigits(iso, 0) * 100 + twoDigits(iso, 2);
  const month = twoDigits(iso, 5);
  const day = twoDigits(iso, 8);
  const hour = twoDigits(iso, 11);
  const minute = twoDigits(iso, 14);
  const second = twoDigits(iso, 17);
  const milli = digit(iso, 20) * 100 + twoDigits(iso, 21);
  // Not digits, or out of range (Date.UTC would roll over where Date.parse refuses), or the last
  // days of a month (whose length varies): the full parser decides.
  if (
    year < 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 28 ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    milli < 0
  )
    return Date.parse(iso);
  return Date.UTC(year, month - 1, day, hour, minute, second, milli);
}

/** The digit at `i`, or a large negative number when it is not one (so any sum with it fails). */
function digit(text: string, i: number): number {
  const d = text.charCodeAt(i) - ZERO;
  return d >= 0 && d <= 9 ? d : -100_000;
}

function twoDigits(text: string, i: number): number {
  return digit(text, i) * 10 + digit(text, i + 1);
}

const T = "T".charCodeAt(0);
const Z = "Z".charCodeAt(0);
const ZERO = "0".charCodeAt(0);

export function fromInstantOrNull(iso: string | null): number | null {
  return iso === null ? null : fromInstant(iso);
}
