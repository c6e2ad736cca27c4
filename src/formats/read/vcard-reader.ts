import {
  type ContactRecord,
  emptyContact,
  type FieldWarning,
  type LabelledValue,
  type ReadResult,
  shownValue,
} from "../contact-record.js";
import { labelFromTypes, normaliseLabel } from "./contact-labels.js";
import { dateOrWarning, isoDate, parseVCardDate } from "./date-text.js";
import { pushDistinct } from "./distinct-values.js";
import { Pacer, runSteps, type Steps } from "./pacing.js";
import { utf8Bytes } from "./text-decoding.js";
import { type RawCard, VCardSplitter } from "./vcard-card-splitter.js";
import { type ContentLine, normaliseVCardSteps } from "./vcard-normalise.js";
import { structuredComponents, unescapeText } from "./vcard-value-text.js";

/*
 * vCard 2.1, 3.0 and 4.0 are read by our own content-line parser rather than ical.js: ical.js alone
 * parses about 130,000 small cards a second, below the reader's budget once the 2.1 normaliser,
 * decoding and mapping are added, and it rejects a whole card for one malformed line.
 */

/**
 * Reads vCards from a byte stream, one result per card, never throwing for bad input. Between
 * cards, and inside a card of many lines, it gives the event loop a turn every few milliseconds.
 */
export async function* readVCards(
  source: AsyncIterable<Uint8Array>,
  pacer = new Pacer(),
): AsyncGenerator<ReadResult> {
  const splitter = new VCardSplitter();
  for await (const chunk of utf8Bytes(source)) {
    for (const raw of splitter.push(chunk)) {
      yield await pacer.run(readRawCardSteps(raw));
      await pacer.maybePause();
    }
  }
  for (const raw of splitter.finish()) yield await pacer.run(readRawCardSteps(raw));
}

/** Reads every vCard in a byte array at once (for tests and small files). */
export function readVCardsFromBytes(bytes: Uint8Array): ReadResult[] {
  const splitter = new VCardSplitter();
  const raws = [...splitter.push(utf16ToUtf8(bytes)), ...splitter.finish()];
  return raws.map((raw) => runSteps(readRawCardSteps(raw)));
}

function utf16ToUtf8(bytes: Uint8Array): Uint8Array {
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  const be = bytes[0] === 0xfe && bytes[1] === 0xff;
  if (!le && !be) return bytes;
  return new TextEncoder().encode(new TextDecoder(le ? "utf-16le" : "utf-16be").decode(bytes));
}

function* readRawCardSteps(raw: RawCard): Steps<ReadResult> {
  if ("error" in raw) return { record: raw.record, line: raw.line, message: raw.error };
  try {
    const warnings: FieldWarning[] = [];
    const lines = yield* normaliseVCardSteps(raw.binary);
    const contact = yield* contactFromLinesSteps(lines, warnings);
    if (typeof contact === "string") return { record: raw.record, line: raw.line, message: contact };
    return { record: raw.record, line: raw.line, contact, warnings };
  } catch (error) {
    // A defect of ours must not abort the import of every other card; report it on this one.
    const reason = error instanceof Error ? error.message : String(error);
    return { record: raw.record, line: raw.line, message: `the card could not be read: ${reason}` };
  }
}

/** Properties that other apps use for a spouse, manager or assistant given by name. */
const RELATION_PROPERTIES: Record<string, string> = {
  "X-SPOUSE": "spouse",
  "X-MS-SPOUSE": "spouse",
  "X-EVOLUTION-SPOUSE": "spouse",
  "X-MANAGER": "manager",
  "X-MS-MANAGER": "manager",
  "X-EVOLUTION-MANAGER": "manager",
  "X-ASSISTANT": "assistant",
  "X-MS-ASSISTANT": "assistant",
  "X-EVOLUTION-ASSISTANT": "assistant",
};

const ANNIVERSARY_PROPERTIES = new Set([
  "ANNIVERSARY",
  "X-ANNIVERSARY",
  "X-MS-ANNIVERSARY",
  "X-EVOLUTION-ANNIVERSARY",
]);

/**
 * Maps a card's content lines to a contact, or says why the card has nobody in it; what it cannot
 * read (an impossible birthday …) is left out and added to `warnings`.
 */
export function contactFromLines(
  lines: readonly ContentLine[],
  warnings: FieldWarning[] = [],
): ContactRecord | string {
  return runSteps(contactFromLinesSteps(lines, warnings));
}

/** How many lines are mapped between two chances to give the event loop a turn. */
const LINES_PER_STEP = 512;

/** contactFromLines in steps (see pacing.ts). */
export function* contactFromLinesSteps(
  lines: readonly ContentLine[],
  warnings: FieldWarning[],
): Steps<ContactRecord | string> {
  let count = 0;
  const groupLabels = new Map<string, string>();
  for (const line of lines) {
    if (line.name === "X-ABLABEL" && line.group !== null) {
      const label = normaliseLabel(unescapeText(line.value));
      if (label !== null) groupLabels.set(line.group, label);
    }
  }
  const contact = emptyContact("");
  let formatted: string | null = null;
  let nameParts: string[] | null = null;
  const notes: string[] = [];

  for (const line of lines) {
    if (++count % LINES_PER_STEP === 0) yield;
    const groupLabel = line.group === null ? null : (groupLabels.get(line.group) ?? null);
    switch (line.name) {
      case "FN":
        formatted ??= nonEmpty(oneLine(unescapeText(line.value)));
        break;
      case "N":
        if (nameParts === null) {
          nameParts = structuredComponents(line.value).map(oneLine);
          contact.familyName = nonEmpty(nameParts[0] ?? "");
          contact.givenName = nonEmpty(nameParts[1] ?? "");
        }
        break;
      case "NICKNAME":
        contact.nickname = onlyOne(contact.nickname, oneLine(unescapeText(line.value)), "nickname", warnings);
        break;
      case "EMAIL":
        addValue(contact.emails, stripScheme(unescapeText(line.value), "mailto:"), line, groupLabel);
        break;
      case "TEL":
        addValue(contact.phones, phoneText(unescapeText(line.value)), line, groupLabel);
        break;
      case "URL":
        addValue(contact.urls, unescapeText(line.value).trim(), line, groupLabel);
        break;
      case "X-SOCIALPROFILE":
        addValue(contact.urls, unescapeText(line.value).trim(), line, groupLabel, "social profile");
        break;
      case "ORG": {
        const [organization = "", ...units] = structuredComponents(line.value);
        if (contact.organization === null) {
          contact.organization = nonEmpty(oneLine(organization));
          contact.department = nonEmpty(units.filter((unit) => unit !== "").join(", "));
        } else onlyOne(contact.organization, oneLine(organization), "organization", warnings);
        break;
      }
      case "TITLE":
        contact.title = onlyOne(contact.title, oneLine(unescapeText(line.value)), "title", warnings);
        break;
      case "CATEGORIES":
        addTags(contact.tags, line.value);
        break;
      case "NOTE": {
        const note = unescapeText(line.value).trim();
        if (note !== "") notes.push(note);
        break;
      }
      case "BDAY":
        if (contact.birthday !== null) break;
        contact.birthday = dateOrWarning(
          unescapeText(line.value),
          parseVCardDate,
          { field: "birthday", words: "birthday" },
          warnings,
        );
        break;
      case "X-ABDATE":
        addDate(contact, groupLabel ?? labelFromTypes(types(line)) ?? "other", line.value, warnings);
        break;
      case "RELATED":
        addRelated(contact, line, groupLabel ?? labelFromTypes(types(line)), warnings);
        break;
      case "X-ABRELATEDNAMES":
        addRelated(contact, line, groupLabel ?? labelFromTypes(types(line)));
        break;
      case "UID":
        contact.uid ??= nonEmpty(unescapeText(line.value).trim());
        break;
      // Goodwill's own vCard export keeps when and how you met in these two.
      case "X-GOODWILL-MET-ON":
        contact.metOn ??= isoDate(
          dateOrWarning(
            unescapeText(line.value),
            parseVCardDate,
            { field: "metOn", words: "met on" },
            warnings,
          ),
        );
        break;
      case "X-GOODWILL-MET":
        contact.metText ??= nonEmpty(unescapeText(line.value).trim());
        break;
      default:
        if (ANNIVERSARY_PROPERTIES.has(line.name)) addDate(contact, "anniversary", line.value, warnings);
        else {
          const relation = RELATION_PROPERTIES[line.name];
          if (relation !== undefined) addRelated(contact, line, relation);
        }
      // PHOTO, LOGO, SOUND, KEY, ADR and the rest are not part of a contact record.
    }
  }

  contact.note = notes.length === 0 ? null : notes.join("\n");
  const displayName =
    formatted ??
    nameFromParts(nameParts) ??
    contact.nickname ??
    contact.organization ??
    contact.emails[0]?.value ??
    null;
  if (displayName === null) return "the card has no name, organization or email";
  contact.displayName = displayName;
  return contact;
}

function types(line: ContentLine): readonly string[] {
  return line.params.get("TYPE") ?? [];
}

function isPreferred(line: ContentLine): boolean {
  if (types(line).includes("pref")) return true;
  const pref = line.params.get("PREF")?.[0];
  return pref !== undefined && Number(pref) === 1;
}

function addValue(
  list: LabelledValue[],
  value: string,
  line: ContentLine,
  groupLabel: string | null,
  fallbackLabel: string | null = null,
): void {
  if (value === "") return;
  const label = groupLabel ?? labelFromTypes(types(line)) ?? serviceType(line) ?? fallbackLabel;
  pushDistinct(list, { value, label, pref: isPreferred(line) }, value.toLowerCase(), lowerValue);
}

const lowerValue = (item: LabelledValue) => item.value.toLowerCase();
const lowerTag = (tag: string) => tag.toLowerCase();

/** X-SOCIALPROFILE and IMPP name their service in X-SERVICE-TYPE. */
function serviceType(line: ContentLine): string | null {
  const service = line.params.get("X-SERVICE-TYPE")?.[0];
  return service === undefined ? null : normaliseLabel(service);
}

function stripScheme(value: string, scheme: string): string {
  const trimmed = value.trim();
  return trimmed.toLowerCase().startsWith(scheme) ? trimmed.slice(scheme.length).trim() : trimmed;
}

/** 4.0 writes phones as `tel:` URIs, with an extension as `;ext=`. */
function phoneText(value: string): string {
  const number = stripScheme(value, "tel:");
  const ext = /;ext=([^;]*)/i.exec(number);
  const base = number.replace(/;.*$/, "").trim();
  return ext ? `${base} ext. ${ext[1]}` : base;
}

function addTags(tags: string[], raw: string): void {
  // Some exporters escape the commas between categories, and 2.1 writers separate them with ";":
  // a tag containing a comma is rarer than either, so every comma and semicolon splits.
  for (const part of unescapeText(raw).split(/[,;]/)) {
    const tag = oneLine(part);
    if (tag !== "") pushDistinct(tags, tag, tag.toLowerCase(), lowerTag);
  }
}

function addDate(contact: ContactRecord, label: string, raw: string, warnings: FieldWarning[]): void {
  const date = dateOrWarning(unescapeText(raw), parseVCardDate, { field: "dates", words: label }, warnings);
  if (date === null) return;
  pushDistinct(contact.dates, { label, date }, dateKey({ label, date }), dateKey);
}

const dateKey = (d: ContactRecord["dates"][number]) =>
  `${d.label}\u0000${d.date.year}-${d.date.month}-${d.date.day}`;

function addRelated(
  contact: ContactRecord,
  line: ContentLine,
  relation: string | null,
  warnings: FieldWarning[] = [],
): void {
  const name = oneLine(unescapeText(line.value));
  if (name === "") return;
  // RELATED may point at another card by URI (urn:uuid:…); only names are kept.
  if (/^(?:urn|https?|mailto|tel|sip|xmpp):/i.test(name)) {
    warnings.push({
      field: "related",
      message: `${relation ?? "related person"} ${shownValue(name)} is a link to another card, not a name: left out`,
    });
    return;
  }
  contact.related.push({ name, relation });
}

/** The display name a card without FN would have: prefix, given, middle, family, suffix. */
function nameFromParts(parts: string[] | null): string | null {
  if (parts === null) return null;
  const [family = "", given = "", middle = "", prefix = "", suffix = ""] = parts;
  return nonEmpty([prefix, given, middle, family, suffix].filter((p) => p !== "").join(" "));
}

/**
 * A field a person has once (title, nickname, organization): the first value is kept, and a
 * different second one is reported as left out rather than lost unsaid.
 */
function onlyOne(
  current: string | null,
  next: string,
  field: string,
  warnings: FieldWarning[],
): string | null {
  if (current === null) return nonEmpty(next);
  if (next !== "" && next.toLowerCase() !== current.toLowerCase())
    warnings.push({
      field,
      message: `second ${field} ${shownValue(next)} (a person has one): left out`,
    });
  return current;
}

/** Collapses runs of white space (folded names, tabs, line breaks) into single spaces. */
function oneLine(text: string): string {
  return MESSY_SPACE.test(text) ? text.replace(/\s+/g, " ").trim() : text.trim();
}

const MESSY_SPACE = /\s\s|[^\S ]/;

function nonEmpty(text: string): string | null {
  return text === "" ? null : text;
}
