import type { ContactRecord, FieldWarning, LabelledValue, ReadResult } from "../contact-record.js";
import { type CsvRow, type CsvRowOptions, readCsvRows } from "./csv-rows.js";
import { pushDistinct } from "./distinct-values.js";

/** The first row with any text names the columns. */
export const FIRST_ROW_HEADER: CsvRowOptions = {
  isHeader: (cells) => cells.some((cell) => cell.trim() !== ""),
  headerDescription: "a header row",
};

/**
 * Reads a contacts export, one result per data row: `contact` reads a row with the header's columns,
 * and row errors pass through as they are.
 */
export async function* readCsvContacts(
  source: AsyncIterable<Uint8Array>,
  options: CsvRowOptions,
  contact: (row: CsvRow, columns: CsvColumns) => ReadResult,
): AsyncGenerator<ReadResult> {
  let columns: CsvColumns | null = null;
  for await (const row of readCsvRows(source, options)) {
    if (!("cells" in row)) {
      yield row;
      continue;
    }
    columns ??= new CsvColumns(row.header);
    yield contact(row, columns);
  }
}

/** Finds cells by column name, ignoring case and surrounding spaces, as spreadsheet users rename freely. */
export class CsvColumns {
  private readonly index = new Map<string, number>();

  constructor(readonly header: readonly string[]) {
    header.forEach((name, i) => {
      const key = name.trim().toLowerCase();
      if (!this.index.has(key)) this.index.set(key, i);
    });
  }

  /** Whether any of the names is a column. */
  has(...names: string[]): boolean {
    return names.some((name) => this.index.has(name.toLowerCase()));
  }

  /** The first non-empty cell among the named columns, trimmed; "" when none. */
  get(cells: readonly string[], ...names: string[]): string {
    for (const name of names) {
      const i = this.index.get(name.toLowerCase());
      const value = i === undefined ? undefined : cells[i]?.trim();
      if (value) return value;
    }
    return "";
  }

  /** Columns whose lower-case name matches, with the match, in header order. */
  matching(pattern: RegExp): { name: string; match: RegExpExecArray }[] {
    const out: { name: string; match: RegExpExecArray }[] = [];
    for (const name of this.index.keys()) {
      const match = pattern.exec(name);
      if (match) out.push({ name, match });
    }
    return out;
  }
}

/** Adds a value unless it is empty or already there (compared without case). */
export function addLabelled(list: LabelledValue[], value: string, label: string | null, pref = false): void {
  const trimmed = value.trim();
  if (trimmed === "") return;
  pushDistinct(list, { value: trimmed, label, pref }, trimmed.toLowerCase(), lowerValue);
}

const lowerValue = (item: LabelledValue) => item.value.toLowerCase();
const lowerTag = (tag: string) => tag.toLowerCase();

/** Adds tags, skipping empty and repeated ones. */
export function addTags(tags: string[], values: readonly string[]): void {
  for (const value of values) {
    const tag = value.trim();
    if (tag !== "") pushDistinct(tags, tag, tag.toLowerCase(), lowerTag);
  }
}

/** The name parts a row may have, in display order. */
export interface NameParts {
  full?: string;
  prefix?: string;
  first?: string;
  middle?: string;
  last?: string;
  suffix?: string;
}

/**
 * Finishes a contact built from a row: the display name is the full name, else the name parts,
 * else the first email. A row without any of them is reported rather than imported nameless.
 */
export function finishRow(
  row: CsvRow,
  contact: ContactRecord,
  name: NameParts,
  warnings: FieldWarning[] = [],
): ReadResult {
  const parts = [name.prefix, name.first, name.middle, name.last, name.suffix];
  const fromParts = parts.filter((part): part is string => part !== undefined && part !== "").join(" ");
  const displayName = oneLine(name.full ?? "") || oneLine(fromParts) || (contact.emails[0]?.value ?? "");
  if (displayName === "") return { record: row.record, line: row.line, message: "row has no name or email" };
  contact.displayName = displayName;
  contact.givenName = name.first || null;
  contact.familyName = name.last || null;
  return { record: row.record, line: row.line, contact, warnings };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** A cell's text, or null when it is empty. */
export function orNull(text: string): string | null {
  return text === "" ? null : text;
}

/** A note cell with its line breaks kept but normalised to `\n`. */
export function noteText(text: string): string | null {
  return orNull(text.replace(/\r\n?/g, "\n").trim());
}
