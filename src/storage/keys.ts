/**
 * Lookup keys: the folded forms under which names, emails and phones are matched, so that
 * "José" finds "jose", "Ann@Example.com" finds "ann@example.com" and "+1 (555) 010-2030" finds
 * "555 010 2030".
 */
import { uuidv7 } from "uuidv7";

/** A new time-ordered id (UUIDv7), generated here rather than by the database (DESIGN §5). */
export function newId(): string {
  return uuidv7();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isId(text: string): boolean {
  return UUID.test(text);
}

/** Lower case, accents removed, spaces collapsed: how names are compared. */
export function foldText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

export function emailKey(email: string): string {
  return email.trim().toLowerCase();
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

export function fromInstant(iso: string): number {
  return Date.parse(iso);
}

export function fromInstantOrNull(iso: string | null): number | null {
  return iso === null ? null : Date.parse(iso);
}
