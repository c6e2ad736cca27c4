import { parse } from "csv-parse/sync";
import { isGenericContactHeader } from "./generic-csv.js";
import { isLinkedInHeader } from "./linkedin-csv.js";

/** The kinds of file an import understands. */
export type ImportFormat = "vcard" | "linkedin" | "google" | "outlook" | "csv" | "json";

/** How many lines may precede LinkedIn's header (its `Notes:` preamble is three). */
const PREAMBLE_LINES = 20;

/**
 * Tells which address-book format a file is from its first ~64 KB, decoded leniently; null when it
 * is no address book at all.
 */
export function detectFormat(head: string): ImportFormat | null {
  const text = head.replace(/^\uFEFF/, "");
  const start = text.trimStart();
  if (start.startsWith("{") && /"format"\s*:\s*"goodwill-backup"/.test(text)) return "json";
  if (/^BEGIN:VCARD\s*$/im.test(firstLine(start))) return "vcard";

  const lines = text.split(/\r\n|\n|\r/).slice(0, PREAMBLE_LINES);
  const header = lines.find((line) => line.trim() !== "");
  if (header !== undefined) {
    for (const line of lines) {
      const cells = csvCells(line);
      if (cells !== null && isLinkedInHeader(cells)) return "linkedin";
    }
    const cells = csvCells(header) ?? [];
    const names = new Set(cells.map((cell) => cell.trim().toLowerCase()));
    const has = (name: string) => names.has(name);
    const numbered = cells.some((cell) => /^e-mail \d+ - (value|label|type)$/i.test(cell.trim()));
    if ((has("given name") && has("family name")) || has("group membership")) return "google";
    if (has("first name") && (has("labels") || numbered)) return "google";
    if (has("e-mail address") || has("business phone") || has("e-mail 2 address")) return "outlook";
    if (
      has("first name") &&
      has("middle name") &&
      has("last name") &&
      (has("job title") || has("categories"))
    ) {
      return "outlook";
    }
    if (isGenericContactHeader(cells)) return "csv";
  }
  // A vCard file with some text before its first card.
  if (/^BEGIN:VCARD\s*$/im.test(text)) return "vcard";
  return null;
}

/**
 * Why a file that is no address book is not one, when it can be said more precisely than "not an
 * address book": it is empty, or it is a CSV whose header names no column Goodwill reads (given
 * back, so the message can list them). Null otherwise.
 */
export function whyNoAddressBook(
  head: string,
): { kind: "empty" } | { kind: "csv-columns"; columns: string[] } | null {
  const text = head.replace(/^\uFEFF/, "");
  if (text.trim() === "") return { kind: "empty" };
  const header = text.split(/\r\n|\n|\r/).find((line) => line.trim() !== "");
  // A binary file's first "line" may hold commas too: only text that reads as a header row counts.
  const readable = (line: string) =>
    [...line].every((ch) => {
      const c = ch.codePointAt(0) ?? 0;
      return (c >= 0x20 || c === 0x09) && c !== 0xfffd && c !== 0x7f;
    });
  const cells = header === undefined || !readable(header) ? null : csvCells(header);
  if (cells === null || cells.length < 2 || cells.some((cell) => cell.length > 100)) return null;
  const columns = cells.map((cell) => cell.trim()).filter((cell) => cell !== "");
  return columns.length >= 2 ? { kind: "csv-columns", columns } : null;
}

function firstLine(text: string): string {
  const end = text.search(/\r|\n/);
  return end < 0 ? text : text.slice(0, end);
}

/** The cells of one header line (comma, semicolon or tab separated), or null if it is no CSV line. */
function csvCells(line: string): string[] | null {
  const delimiter = [",", ";", "\t"].reduce((best, d) =>
    line.split(d).length > line.split(best).length ? d : best,
  );
  try {
    const rows = parse(line, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][];
    return rows[0] ?? null;
  } catch {
    return null;
  }
}
