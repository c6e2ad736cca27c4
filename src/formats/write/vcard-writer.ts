import type { PartialDate } from "../../domain/model.js";
import type { ContactRecord, LabelledValue } from "../contact-record.js";
import { escapeText, foldLine } from "./content-line.js";
import { abLabel, typesForLabel, type VCardVersion } from "./vcard-labels.js";

/*
 * Writes what the vCard reader (src/formats/read/vcard-reader.ts) reads back: every text value
 * escaped, labels as TYPE or as an item group with X-ABLabel, year-less dates without Apple's
 * placeholder year 1604, and Goodwill's own "met" fields as X-GOODWILL- properties.
 */

export type { VCardVersion } from "./vcard-labels.js";

export interface VCardOptions {
  version: VCardVersion;
  /** REV, written as given (e.g. `2024-05-01T12:00:00Z`); left out when absent. */
  revision?: string;
}

const PRODID = "-//Goodwill//Goodwill//EN";

/** One contact as a vCard, CRLF line endings, folded at 75 octets, ending with a line break. */
export function writeVCard(contact: ContactRecord, options: VCardOptions): string {
  return new CardWriter(options.version).card(contact, options.revision);
}

/** Cards one at a time, for writing a large address book to a stream. */
export function* vcardChunks(contacts: Iterable<ContactRecord>, options: VCardOptions): Generator<string> {
  const writer = new CardWriter(options.version);
  for (const contact of contacts) yield writer.card(contact, options.revision);
}

/** Many contacts as one vCard file. */
export function writeVCards(contacts: Iterable<ContactRecord>, options: VCardOptions): string {
  let out = "";
  for (const chunk of vcardChunks(contacts, options)) out += chunk;
  return out;
}

class CardWriter {
  private lines: string[] = [];
  private groups = 0;

  constructor(private readonly version: VCardVersion) {}

  card(contact: ContactRecord, revision: string | undefined): string {
    this.lines = [];
    this.groups = 0;
    this.add("BEGIN:VCARD");
    // 4.0 requires VERSION right after BEGIN; 3.0 readers expect it there too.
    this.add(`VERSION:${this.version}`);
    this.add(`PRODID:${PRODID}`);
    this.optional("UID", contact.uid);
    this.add(`N:${[contact.familyName, contact.givenName, null, null, null].map(component).join(";")}`);
    this.add(`FN:${escapeText(contact.displayName.trim())}`);
    this.optional("NICKNAME", contact.nickname);
    if (nonBlank(contact.organization) || nonBlank(contact.department)) {
      // The department is ORG's second component, the first organizational unit.
      this.add(`ORG:${component(contact.organization)};${component(contact.department)}`);
    }
    this.optional("TITLE", contact.title);
    for (const email of contact.emails) this.labelled("EMAIL", email);
    for (const phone of contact.phones) this.labelled("TEL", phone);
    for (const url of contact.urls) this.labelled("URL", url);
    if (contact.birthday !== null) this.add(`BDAY:${this.date(contact.birthday)}`);
    this.dates(contact.dates);
    for (const { name, relation } of contact.related) this.related(name, relation);
    const tags = contact.tags.map(textValue).filter((tag) => tag !== null);
    if (tags.length > 0) this.add(`CATEGORIES:${tags.join(",")}`);
    this.optional("NOTE", contact.note);
    this.optional("X-GOODWILL-MET-ON", contact.metOn);
    this.optional("X-GOODWILL-MET", contact.metText);
    this.optional("REV", revision ?? null);
    this.add("END:VCARD");
    return this.lines.join("");
  }

  private add(line: string): void {
    this.lines.push(`${foldLine(line)}\r\n`);
  }

  /** A text property, left out when it has nothing to say. */
  private optional(property: string, value: string | null): void {
    const text = textValue(value);
    if (text !== null) this.add(`${property}:${text}`);
  }

  /** A property with a label: TYPE values where the standard has them, else an Apple item group. */
  private labelled(property: "EMAIL" | "TEL" | "URL", item: LabelledValue): void {
    const value = textValue(item.value);
    if (value === null) return;
    const params: string[] = [];
    const label = nonBlank(item.label) ? item.label.trim() : null;
    const types = label === null ? [] : typesForLabel(label, property, this.version);
    if (item.pref) {
      if (this.version === "4.0") params.push("PREF=1");
      else if (types === null) params.push("TYPE=pref");
      else types.push("pref");
    }
    this.withLabel(property, params, types, label, value);
  }

  /**
   * Writes `NAME;TYPE=…;params:value`, or, when the label has no TYPE form, the pair
   * `itemN.NAME;params:value` and `itemN.X-ABLabel:label`.
   */
  private withLabel(
    property: string,
    params: string[],
    types: string[] | null,
    label: string | null,
    value: string,
  ): void {
    if (types === null && label !== null) {
      const group = `item${++this.groups}`;
      this.add(`${group}.${property}${paramText(params)}:${value}`);
      this.add(`${group}.X-ABLabel:${escapeText(abLabel(label))}`);
      return;
    }
    const typeParam = types !== null && types.length > 0 ? [`TYPE=${types.join(",")}`] : [];
    this.add(`${property}${paramText([...typeParam, ...params])}:${value}`);
  }

  private dates(dates: ContactRecord["dates"]): void {
    let anniversaryWritten = false;
    for (const { label, date } of dates) {
      const kind = label.trim();
      // ANNIVERSARY may appear once (RFC 6350 §6.2.6); a second one goes into an item group.
      if (kind.toLowerCase() === "anniversary" && !anniversaryWritten) {
        anniversaryWritten = true;
        this.add(`${this.version === "4.0" ? "ANNIVERSARY" : "X-ANNIVERSARY"}:${this.date(date)}`);
        continue;
      }
      const group = `item${++this.groups}`;
      this.add(`${group}.X-ABDATE:${this.date(date)}`);
      this.add(`${group}.X-ABLabel:${escapeText(abLabel(kind === "" ? "other" : kind))}`);
    }
  }

  private related(name: string, relation: string | null): void {
    const value = textValue(name);
    if (value === null) return;
    const label = nonBlank(relation) ? relation.trim() : null;
    if (this.version === "4.0") {
      const types = label === null ? [] : typesForLabel(label, "RELATED", "4.0");
      this.withLabel("RELATED", ["VALUE=text"], types, label, value);
    } else {
      // 3.0 has no RELATED; Apple's X-ABRELATEDNAMES always carries its relation as X-ABLabel.
      this.withLabel("X-ABRELATEDNAMES", [], label === null ? [] : null, label, value);
    }
  }

  /**
   * 3.0 writes `1990-04-12`, 4.0 the basic form `19900412` (RFC 6350 §4.3.1). Without a year, 3.0
   * has no standard form; `--04-12` is read by ez-vcard, Apple and Google, and is never the
   * placeholder 1604, which other apps would show as a real year. 4.0 writes `--0412`.
   */
  private date(d: PartialDate): string {
    const month = pad(d.month, 2);
    const day = pad(d.day, 2);
    if (this.version === "4.0")
      return d.year === null ? `--${month}${day}` : `${pad(d.year, 4)}${month}${day}`;
    return d.year === null ? `--${month}-${day}` : `${pad(d.year, 4)}-${month}-${day}`;
  }
}

/** A text value escaped, or null when nothing printable is left of it. */
function textValue(value: string | null): string | null {
  if (value === null) return null;
  const text = escapeText(value.trim());
  return text === "" ? null : text;
}

/** A component of a structured value (N, ORG), where a comma would separate values in 4.0. */
function component(value: string | null): string {
  return value === null ? "" : escapeText(value.trim());
}

function paramText(params: readonly string[]): string {
  return params.map((param) => `;${param}`).join("");
}

function nonBlank(value: string | null): value is string {
  return value !== null && value.trim() !== "";
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}
