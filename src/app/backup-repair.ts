/**
 * A hand-edited Goodwill backup, mended before it is checked: a person's value that Goodwill would
 * refuse (a layer of 7, closeness 9, a birthday on 30 February, a name too long) is replaced by the
 * nearest one it accepts or left out, with a warning, rather than refusing the whole backup.
 * Everything else is checked as strictly as before (src/app/backup.ts).
 */
import { LIMITS } from "../domain/limits.js";
import { LAYERS } from "../domain/model.js";
import { parsePartialDate } from "../domain/partial-date.js";
import { shownValue } from "../formats/contact-record.js";
import type { ImportWarning } from "./import-contacts.js";

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The lines of `text` on which records start (found by their ids). Records come in file
 * order, so each search goes on from where the last one stopped, counting lines as it goes: one
 * pass over the text for all of them. Searching from the start for each mended person made a
 * backup of thousands of them take minutes.
 */
class RecordLines {
  private at = 0;
  private line = 1;

  constructor(private readonly text: string) {}

  /** The line a person's record starts on; 1 when unknown. */
  of(id: unknown): number {
    if (typeof id !== "string") return 1;
    const pattern = new RegExp(
      `"id"\\s*:\\s*${JSON.stringify(id).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`,
      "g",
    );
    pattern.lastIndex = this.at;
    const ahead = pattern.exec(this.text);
    if (!ahead) {
      // Out of order (a hand-edited file): look from the start, without moving on.
      pattern.lastIndex = 0;
      const anywhere = pattern.exec(this.text);
      return anywhere ? 1 + lineBreaks(this.text, 0, anywhere.index) : 1;
    }
    this.line += lineBreaks(this.text, this.at, ahead.index);
    this.at = ahead.index;
    return this.line;
  }
}

function lineBreaks(text: string, from: number, to: number): number {
  let breaks = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) breaks++;
  return breaks;
}

const NUL = "\u0000";

/**
 * Takes U+0000 (NUL) out of every string of a parsed backup, in place; one warning a field that had
 * one. A backup of a SQLite store may hold NULs, which PostgreSQL's text cannot: without them it
 * restores the same on both.
 */
export function removeNul(document: unknown, text: string): ImportWarning[] {
  if (!isObject(document)) return [];
  const warnings: ImportWarning[] = [];
  const lines = new RecordLines(text);
  for (const [collection, records] of Object.entries(document)) {
    if (!Array.isArray(records)) {
      const fields = new Set<string>();
      document[collection] = withoutNul(records, collection, fields);
      for (const field of fields) warnings.push(nulWarning(0, 1, field));
      continue;
    }
    records.forEach((record: unknown, i) => {
      const fields = new Set<string>();
      records[i] = withoutNul(record, "", fields);
      const line = isObject(record) ? lines.of(record.id) : 1;
      for (const field of fields) warnings.push(nulWarning(i + 1, line, `${collection}: ${field}`));
    });
  }
  return warnings;
}

function nulWarning(record: number, line: number, field: string): ImportWarning {
  return {
    record,
    line,
    field,
    message: `${field} had NUL characters (U+0000), which Goodwill does not keep: removed`,
  };
}

/** `value` without NUL in any string; `fields` gets the top-level field of each it was taken from. */
function withoutNul(value: unknown, field: string, fields: Set<string>): unknown {
  if (typeof value === "string") {
    if (!value.includes(NUL)) return value;
    fields.add(field);
    return value.replaceAll(NUL, "");
  }
  if (Array.isArray(value)) return value.map((item) => withoutNul(item, field, fields));
  if (isObject(value))
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key.replaceAll(NUL, ""),
        withoutNul(item, field || key.replaceAll(NUL, ""), fields),
      ]),
    );
  return value;
}

/** Mends the people of a parsed backup in place; returns what was changed, one warning a value. */
export function repairBackup(document: unknown, text: string): ImportWarning[] {
  if (!isObject(document) || !Array.isArray(document.people)) return [];
  const warnings: ImportWarning[] = [];
  const lines = new RecordLines(text);
  document.people.forEach((person: unknown, i) => {
    if (!isObject(person)) return;
    const found: { field: string; message: string }[] = [];
    const { layer, closeness, cadenceDays, birthday, name } = person;
    if (typeof layer === "number" && !LAYERS.some((l) => l === layer)) {
      const nearest = LAYERS.reduce((a, b) => (Math.abs(b - layer) < Math.abs(a - layer) ? b : a));
      person.layer = nearest;
      found.push({
        field: "layer",
        message: `layer ${layer} is not a Dunbar layer (${LAYERS.join(", ")}): ${nearest} used, the nearest`,
      });
    }
    if (typeof closeness === "number" && !(Number.isInteger(closeness) && closeness >= 1 && closeness <= 5)) {
      const nearest = Math.min(5, Math.max(1, Math.round(closeness)));
      person.closeness = nearest;
      found.push({
        field: "closeness",
        message: `closeness ${closeness} is not from 1 to 5: ${nearest} used`,
      });
    }
    if (
      typeof cadenceDays === "number" &&
      !(Number.isInteger(cadenceDays) && cadenceDays >= 0 && cadenceDays <= 3650)
    ) {
      person.cadenceDays = null;
      found.push({
        field: "cadenceDays",
        message: `keep-in-touch rhythm ${cadenceDays} is not a number of days from 0 to 3650: left out (the default rhythm applies)`,
      });
    }
    if (typeof birthday === "string" && parsePartialDate(birthday) === null) {
      person.birthday = null;
      found.push({ field: "birthday", message: `birthday ${shownValue(birthday)} is not a date: left out` });
    }
    if (typeof name === "string" && name.length > LIMITS.name) {
      person.name = name.slice(0, LIMITS.name).trimEnd();
      found.push({
        field: "name",
        message: `name shortened to ${LIMITS.name} characters (it had ${name.length.toLocaleString("en")})`,
      });
    }
    if (found.length === 0) return;
    const line = lines.of(person.id);
    for (const warning of found) warnings.push({ record: i + 1, line, ...warning });
  });
  return warnings;
}
