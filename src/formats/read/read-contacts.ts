import type { ReadResult } from "../contact-record.js";
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
  return READERS[format](source);
}
