import { type ContactRecord, isRecordError, type ReadResult } from "../contact-record.js";
import { readGenericCsv } from "./generic-csv.js";
import { readGoogleCsv } from "./google-csv.js";
import { readLinkedInCsv } from "./linkedin-csv.js";
import { readOutlookCsv } from "./outlook-csv.js";
import { readVCards } from "./vcard-reader.js";

/** The address-book formats that are read as contacts (the JSON backup is restored, not read here). */
export type ContactFormat = "vcard" | "linkedin" | "google" | "outlook" | "csv";

const READERS: Record<ContactFormat, (source: AsyncIterable<Uint8Array>) => AsyncGenerator<ReadResult>> = {
  vcard: readVCards,
  linkedin: readLinkedInCsv,
  google: readGoogleCsv,
  outlook: readOutlookCsv,
  csv: readGenericCsv,
};

/** Reads contacts from a byte stream in the given format, one result per record, in file order. */
export function readContacts(
  source: AsyncIterable<Uint8Array>,
  format: ContactFormat,
): AsyncGenerator<ReadResult> {
  return withoutNul(READERS[format](source));
}

const NUL = "\u0000";

/**
 * Each record without U+0000 (NUL), a warning for each field that had one. PostgreSQL's text
 * cannot hold it (SQLite's can), and no address book means one: dropping it keeps the record, and
 * the import, the same on both stores.
 */
async function* withoutNul(results: AsyncGenerator<ReadResult>): AsyncGenerator<ReadResult> {
  for await (const result of results) {
    if (isRecordError(result)) {
      yield { ...result, message: result.message.replaceAll(NUL, "") };
      continue;
    }
    const fields = new Set<string>();
    const contact = clean(result.contact, "", fields) as ContactRecord;
    const warnings = result.warnings.map((w) => ({ ...w, message: w.message.replaceAll(NUL, "") }));
    for (const key of fields) {
      const field = key === "displayName" ? "name" : key;
      warnings.push({
        field,
        message: `${field} had NUL characters (U+0000), which Goodwill does not keep: removed`,
      });
    }
    yield { ...result, contact, warnings };
  }
}

/** `value` with NUL taken out of every string in it; `fields` gets the top-level field of each. */
function clean(value: unknown, field: string, fields: Set<string>): unknown {
  if (typeof value === "string") {
    if (!value.includes(NUL)) return value;
    fields.add(field);
    return value.replaceAll(NUL, "");
  }
  if (Array.isArray(value)) return value.map((item) => clean(item, field, fields));
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, clean(item, field || key, fields)]),
    );
  return value;
}
