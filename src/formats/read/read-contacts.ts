import { type ContactRecord, isRecordError, type ReadResult } from "../contact-record.js";
import { NUL, nulFree } from "../nul-free.js";
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

/**
 * Each record without U+0000 (NUL), a warning for each field that had one (src/formats/nul-free.ts).
 */
async function* withoutNul(results: AsyncGenerator<ReadResult>): AsyncGenerator<ReadResult> {
  for await (const result of results) {
    if (isRecordError(result)) {
      yield { ...result, message: result.message.replaceAll(NUL, "") };
      continue;
    }
    const fields = new Set<string>();
    const contact = nulFree(result.contact, "", fields) as ContactRecord;
    const warnings = result.warnings.map((w) =>
      w.message.includes(NUL) ? { ...w, message: w.message.replaceAll(NUL, "") } : w,
    );
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
