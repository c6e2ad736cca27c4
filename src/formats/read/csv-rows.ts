import { Readable } from "node:stream";
import { type Options, parse } from "csv-parse";
import type { RecordError } from "../contact-record.js";
import { decodeTextStream } from "./text-decoding.js";

/**
 * The rows of an address-book CSV after its header, with where each starts. Shared by the LinkedIn,
 * Google, Outlook and generic readers; each of them only maps columns.
 */

/** One data row: its cells, 1-based data-row number and the physical line it starts on. */
export interface CsvRow {
  header: readonly string[];
  cells: readonly string[];
  record: number;
  line: number;
}

export interface CsvRowOptions {
  /** Whether a row is the header; rows before it (LinkedIn's `Notes:` preamble) are skipped. */
  isHeader: (cells: readonly string[]) => boolean;
  /** Guess `,` `;` or tab from the first line (spreadsheets outside the US write `;`). */
  sniffDelimiter?: boolean;
  /** Says what header was expected, when none is found. */
  headerDescription: string;
}

/** A longer row is a runaway quote, not data: stop buffering and report it. */
const MAX_RECORD_CHARS = 1024 * 1024;

type Parsed = { cells: string[]; line: number };
type RawRecord = { record: string[]; raw: string };
type Skipped = { afterRows: number; line: number; message: string };

/** Reads a CSV byte stream into data rows and row errors, in file order; never throws for bad input. */
export async function* readCsvRows(
  source: AsyncIterable<Uint8Array>,
  options: CsvRowOptions,
): AsyncGenerator<CsvRow | RecordError> {
  const text = decodeTextStream(source);
  const first = await text.next();
  if (first.done) return;
  const delimiter = options.sniffDelimiter ? sniffDelimiter(first.value) : ",";

  let endLine = 0;
  let rowsSeen = 0;
  /** Moves past one record's raw text and returns the line it starts on. */
  const advance = (raw: string): number => {
    const body = raw.replace(/^[\r\n]+/, "");
    const start = endLine + 1 + lineBreaks(raw.slice(0, raw.length - body.length));
    endLine = start + lineBreaks(body.replace(/[\r\n]+$/, ""));
    return start;
  };
  const skipped: Skipped[] = [];
  const parserOptions: Options<Parsed, RawRecord> = {
    delimiter,
    bom: true,
    raw: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_CHARS,
    // on_record and on_skip run in file order, so line numbers are counted here, not downstream.
    // They are counted from the raw text: csv-parse's own count goes wrong on CRLF inside quotes.
    on_record: (record) => {
      const line = advance(record.raw);
      rowsSeen++;
      return { cells: record.record, line };
    },
    on_skip: (error, raw) => {
      const line = advance(raw ?? "");
      skipped.push({ afterRows: rowsSeen, line, message: describe(error) });
      return undefined;
    },
  };
  // The overloads of parse() only carry the record types through for `columns`; ours are typed above.
  const parser = parse(parserOptions as unknown as Options);

  const input = Readable.from(prepend(first.value, text));
  input.on("error", (error) => parser.destroy(error));
  input.pipe(parser);

  let header: readonly string[] | null = null;
  let record = 0;
  let rowIndex = 0;
  let lastLine = 1;

  function* flushSkipped(upTo: number): Generator<RecordError> {
    while (skipped.length > 0 && skipped[0]!.afterRows <= upTo) {
      const skip = skipped.shift()!;
      lastLine = skip.line;
      // Before the header, a broken line is preamble noise, not a contact.
      if (header === null) continue;
      record++;
      yield { record, line: skip.line, message: skip.message };
    }
  }

  try {
    for await (const parsed of parser as AsyncIterable<Parsed>) {
      yield* flushSkipped(rowIndex);
      rowIndex++;
      lastLine = parsed.line;
      if (header === null) {
        if (options.isHeader(parsed.cells)) header = parsed.cells.map((cell) => cell.trim());
        continue;
      }
      if (parsed.cells.every((cell) => cell.trim() === "")) continue;
      record++;
      yield { header, cells: parsed.cells, record, line: parsed.line };
    }
    yield* flushSkipped(Number.POSITIVE_INFINITY);
  } catch (error) {
    // csv-parse gives up on some input (e.g. an error it cannot skip): report it and end the file.
    yield* flushSkipped(Number.POSITIVE_INFINITY);
    yield {
      record: record + 1,
      line: Math.max(1, lastLine),
      message: `the rest of the file could not be read: ${describe(error)}`,
    };
    return;
  }
  if (header === null) {
    yield { record: 1, line: 1, message: `no header row found: expected ${options.headerDescription}` };
  }
}

/** The line breaks in a text; `\r\n`, `\n` and a lone `\r` each count once. */
function lineBreaks(text: string): number {
  let breaks = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) breaks++;
  }
  return breaks;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return "the row could not be read";
  const code = (error as Error & { code?: string }).code;
  if (code === "CSV_QUOTE_NOT_CLOSED")
    return "a quoted cell is never closed; the rest of the file is part of it";
  if (code === "CSV_MAX_RECORD_SIZE") return "the row is too long (a quote is probably not closed)";
  return `the row could not be read: ${error.message}`;
}

/** The delimiter that splits the first line into the most cells: `,`, `;` or tab. */
function sniffDelimiter(text: string): string {
  const end = text.search(/\r|\n/);
  const firstLine = end < 0 ? text : text.slice(0, end);
  let best = ",";
  let bestCount = 0;
  for (const candidate of [",", ";", "\t"]) {
    let count = 0;
    let quoted = false;
    for (const c of firstLine) {
      if (c === '"') quoted = !quoted;
      else if (c === candidate && !quoted) count++;
    }
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

async function* prepend(first: string, rest: AsyncIterator<string>): AsyncGenerator<string> {
  yield first;
  while (true) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}
