import { emptyContact, type FieldWarning, type ReadResult } from "../contact-record.js";
import { addLabelled, CsvColumns, finishRow, orNull, readCsvContacts } from "./csv-columns.js";
import type { CsvRow } from "./csv-rows.js";
import { dateOrWarning, isoDate, parseLooseDate } from "./date-text.js";

/** Whether cells are the header of LinkedIn's Connections.csv (found after its `Notes:` preamble). */
export function isLinkedInHeader(cells: readonly string[]): boolean {
  const columns = new CsvColumns(cells);
  return columns.has("first name") && columns.has("last name") && columns.has("connected on");
}

/** Reads LinkedIn's Connections.csv, with or without its URL column, one result per connection. */
export async function* readLinkedInCsv(source: AsyncIterable<Uint8Array>): AsyncGenerator<ReadResult> {
  yield* readCsvContacts(
    source,
    {
      isHeader: isLinkedInHeader,
      headerDescription: '"First Name", "Last Name" and "Connected On" columns',
    },
    linkedInContact,
  );
}

function linkedInContact(row: CsvRow, columns: CsvColumns): ReadResult {
  const get = (...names: string[]) => columns.get(row.cells, ...names);
  const contact = emptyContact("");
  const warnings: FieldWarning[] = [];
  addLabelled(contact.emails, get("email address", "e-mail address", "email"), null);
  addLabelled(contact.urls, get("url", "profile url"), "linkedin");
  contact.organization = orNull(get("company"));
  contact.title = orNull(get("position"));
  const connected = isoDate(
    dateOrWarning(get("connected on"), parseLooseDate, { field: "metOn", words: "connected on" }, warnings),
  );
  if (connected !== null) {
    contact.metOn = connected;
    contact.metText = "Connected on LinkedIn";
  }
  return finishRow(row, contact, { first: get("first name"), last: get("last name") }, warnings);
}
