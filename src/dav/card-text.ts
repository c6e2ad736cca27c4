/**
 * A CardDAV card as text: what Goodwill models is written by the vCard writer; every other line a
 * client sent (PHOTO, ADR, NOTE, X- properties, groups of its own) is kept as received and put back
 * before END:VCARD, so a phone never loses a field by syncing.
 */
import { createHash } from "node:crypto";
import type { ContactRecord } from "../formats/contact-record.js";
import { foldLine } from "../formats/write/content-line.js";
import { type VCardVersion, writeVCard } from "../formats/write/vcard-writer.js";

/**
 * Properties the vCard reader maps onto a person, and the writer writes back: these come from
 * Goodwill, never from the kept lines. NOTE is not among them: a person's notes stay in Goodwill.
 */
const MODELLED = new Set([
  "BEGIN",
  "END",
  "VERSION",
  "PRODID",
  "REV",
  "UID",
  "N",
  "FN",
  "NICKNAME",
  "ORG",
  "TITLE",
  "EMAIL",
  "TEL",
  "URL",
  "X-SOCIALPROFILE",
  "CATEGORIES",
  "BDAY",
  "X-ABDATE",
  "ANNIVERSARY",
  "X-ANNIVERSARY",
  "X-MS-ANNIVERSARY",
  "X-EVOLUTION-ANNIVERSARY",
  "X-ABRELATEDNAMES",
  "X-SPOUSE",
  "X-MS-SPOUSE",
  "X-EVOLUTION-SPOUSE",
  "X-MANAGER",
  "X-MS-MANAGER",
  "X-EVOLUTION-MANAGER",
  "X-ASSISTANT",
  "X-MS-ASSISTANT",
  "X-EVOLUTION-ASSISTANT",
  "X-GOODWILL-MET-ON",
  "X-GOODWILL-MET",
]);

/** A line's group and property name: `item1.EMAIL;TYPE=work:…` → item1, EMAIL. */
const HEAD = /^(?:([A-Za-z0-9_-]+)\.)?([A-Za-z0-9_-]+)[;:]/;

interface LogicalLine {
  group: string | null;
  name: string;
  text: string;
}

/**
 * The logical lines of a card: folded lines joined, a QUOTED-PRINTABLE soft break joined, and a
 * vCard 2.1 base64 block (lines that are no property) joined to the property it belongs to.
 */
function logicalLines(text: string): LogicalLine[] {
  const unfolded = text.replace(/\r\n|\r|\n/g, "\n").replace(/\n[ \t]/g, "");
  const lines: LogicalLine[] = [];
  let previous: LogicalLine | undefined;
  for (const physical of unfolded.split("\n")) {
    if (physical.trim() === "") continue;
    const head = HEAD.exec(physical);
    if (head === null || (previous?.text.endsWith("=") && /QUOTED-PRINTABLE/i.test(previous.text))) {
      if (previous) previous.text += physical;
      continue;
    }
    previous = { group: head[1]?.toLowerCase() ?? null, name: (head[2] ?? "").toUpperCase(), text: physical };
    lines.push(previous);
  }
  return lines;
}

export interface CardParts {
  /** How many cards the text holds, not counting cards nested in one (a resource holds exactly one). */
  cards: number;
  /** The card's UID as written, or null. */
  uid: string | null;
  /** The lines Goodwill does not model, unfolded, as received. */
  kept: string[];
}

/** Splits a card into what Goodwill reads itself and what it keeps as received. */
export function cardParts(text: string): CardParts {
  const lines = logicalLines(text);
  // A group that labels a modelled line (item1.EMAIL + item1.X-ABLabel) is written anew with it.
  const modelledGroups = new Set(
    lines.filter((l) => l.group !== null && isModelled(l)).map((l) => l.group as string),
  );
  let uid: string | null = null;
  const kept: string[] = [];
  let cards = 0;
  let depth = 0;
  for (const line of lines) {
    // A card nested in this one (vCard 2.1 AGENT) is kept whole, as it came.
    if (line.name === "BEGIN") {
      if (depth++ === 0) cards++;
      else kept.push(line.text);
      continue;
    }
    if (line.name === "END") {
      if (--depth >= 1) kept.push(line.text);
      continue;
    }
    if (depth > 1) {
      kept.push(line.text);
      continue;
    }
    if (line.name === "UID" && uid === null) uid = line.text.slice(line.text.indexOf(":") + 1).trim() || null;
    if (isModelled(line) || (line.group !== null && modelledGroups.has(line.group))) continue;
    kept.push(line.text);
  }
  return { cards, uid, kept };
}

function isModelled(line: LogicalLine): boolean {
  if (line.name === "RELATED") {
    // A link to another card (urn:uuid:…) is no name Goodwill keeps: it stays as received.
    const value = line.text.slice(line.text.indexOf(":") + 1);
    return !/^(?:urn|https?|mailto|tel|sip|xmpp):/i.test(value);
  }
  return MODELLED.has(line.name);
}

/** The card as served: Goodwill's vCard of the person, then the kept lines. */
export function cardText(contact: ContactRecord, kept: readonly string[], version: VCardVersion): string {
  const written = writeVCard({ ...contact, note: null }, { version });
  if (kept.length === 0) return written;
  const end = written.lastIndexOf("END:VCARD");
  return `${written.slice(0, end)}${kept.map((line) => `${foldLine(line)}\r\n`).join("")}${written.slice(end)}`;
}

/** What Goodwill knows of a person as a card, so a change made in Goodwill is seen as one. */
export function contentHash(contact: ContactRecord): string {
  return sha256(JSON.stringify({ ...contact, uid: null, note: null }));
}

/** A strong ETag of a card's text (quoted, as the header and getetag carry it). */
export function etagOf(text: string): string {
  return `"${sha256(text).slice(0, 32)}"`;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
