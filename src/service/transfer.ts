/**
 * Importing into a store, loaded only by the commands that import: the readers, the backup schema
 * (zod) and the CSV parser stay out of every other command's start-up.
 */
import type { AppContext } from "../app/context.js";
import { importContacts } from "../app/import-contacts.js";
import type { ImportFile } from "../app/read-file.js";
import { restoreFile } from "../app/restore.js";
import type { ImportResult } from "../contract/import-result.js";
import { GoodwillError } from "../errors.js";
import { detectFormat, whyNoAddressBook } from "../formats/read/detect-format.js";
import { readContacts } from "../formats/read/read-contacts.js";
import type { ImportFormat } from "./goodwill-service.js";

const NOT_AN_ADDRESS_BOOK =
  "is not an address book Goodwill can read: expected vCards (.vcf), a CSV export with a header row (LinkedIn, Google, Outlook or your own columns such as Name and Email), a Goodwill JSON backup, or mail and calendar history (an .mbox, .eml or .ics file). Nothing was imported.";

/** Imports a file of the requested format (detected from its content with "auto"). */
export async function importInto(
  ctx: AppContext,
  file: ImportFile,
  requested: ImportFormat,
  onProgress?: (bytesRead: number) => void,
): Promise<ImportResult> {
  const format = requested === "auto" ? detectFormat(file.head) : requested;
  if (format === null) throw notAnAddressBook(file, true);
  if (format === "json") return restoreFile(ctx, file);
  try {
    return await importContacts(ctx, readContacts(file.stream(), format), {
      format,
      onProgress: () => onProgress?.(file.consumed()),
    });
  } catch (error) {
    if (error instanceof GoodwillError && error.code === "not_an_address_book")
      throw notAnAddressBook(file, false);
    throw error;
  }
}

/**
 * What is wrong with a file that is no address book: empty, a CSV without a column to read (when no
 * format was found for it, not when one was asked for), or neither.
 */
function notAnAddressBook(file: ImportFile, undetected: boolean): GoodwillError {
  const found = whyNoAddressBook(file.head);
  // Only a file named as a CSV is said to be one: a JSON or text file can have commas in its first line.
  const why = found?.kind === "empty" || (undetected && /\.(csv|tsv)$/i.test(file.path)) ? found : null;
  if (why?.kind === "empty")
    return new GoodwillError(
      "not_an_address_book",
      `${file.path} is empty: there is nothing in it to import.`,
    );
  if (why?.kind === "csv-columns") {
    const shown = why.columns.slice(0, 8).join(", ") + (why.columns.length > 8 ? ", …" : "");
    return new GoodwillError(
      "not_an_address_book",
      `${file.path} looks like a CSV file, but none of its columns (${shown}) is one Goodwill reads: a contact needs a column Name (or First Name and Last Name) or Email; Phone, Organization, Department, Title, Tags, Birthday and Notes are read too. Rename the columns in its first row and import it again. Nothing was imported.`,
      { columns: why.columns },
    );
  }
  return new GoodwillError("not_an_address_book", `${file.path} ${NOT_AN_ADDRESS_BOOK}`);
}
