/**
 * A JSON document of collections (`{"people": [ … ], "notes": [ … ], "format": "…"}`) read as a
 * stream of its parts: each top-level value that is not an array whole, and each array one element
 * at a time, with the line it starts on. Only one element is held at a time, so a backup of a
 * hundred megabytes restores in the memory of its largest record; each element is still parsed by
 * `JSON.parse`, the engine's own parser, so the text is checked exactly as before.
 *
 * The scanner only finds where values begin and end (brackets and braces outside strings); the
 * structure between them (the braces of the document, keys, colons, commas) it checks itself.
 */

export type JsonPart =
  /** a top-level value that is not an array */
  | { kind: "value"; key: string; value: unknown; line: number }
  /** one element of a top-level array; `index` counts from 0 */
  | { kind: "element"; key: string; index: number; value: unknown; line: number }
  /** a top-level array has ended (after its last element) */
  | { kind: "end"; key: string; count: number };

/** Why a document could not be read, with the line it happened on. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`${message} (line ${line})`);
  }
}

/** The largest single value read at once: a record of a backup is far below it. */
export const MAX_PART_BYTES = 16 * 1024 * 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const BOM = [0xef, 0xbb, 0xbf];

const isSpace = (byte: number) => byte === 0x20 || byte === 0x09 || byte === NEWLINE || byte === 0x0d;

type Expect =
  | "document" // `{`
  | "key-or-close" // a key, or `}` of an empty document
  | "key"
  | "colon"
  | "value"
  | "element-or-close" // the first element, or `]` of an empty array
  | "element"
  | "after-element" // `,` or `]`
  | "after-value" // `,` or `}`
  | "done";

/** Reads the parts of a JSON document of collections from its bytes, in document order. */
export async function* readJsonCollections(source: AsyncIterable<Uint8Array>): AsyncGenerator<JsonPart> {
  let buffer: Uint8Array = new Uint8Array(0);
  /** where the next unread byte is in `buffer` */
  let at = 0;
  let line = 1;
  let expect: Expect = "document";
  let key = "";
  let index = 0;
  const keys = new Set<string>();
  // A value being scanned: where it starts in `buffer`, its line, how deep, inside a string or not.
  let start = -1;
  let startLine = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let scanned = 0;
  /** how many bytes of a byte-order mark have been skipped at the start */
  let bom = 0;

  const fail = (message: string): never => {
    throw new JsonSyntaxError(message, line);
  };
  const where = () => (expect === "after-element" || expect === "element" ? ` in ${key}` : "");
  const parse = (bytes: Uint8Array, what: string): unknown => {
    try {
      // Leniently decoded, as a whole file was: a byte that is not UTF-8 becomes U+FFFD.
      return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("utf8"));
    } catch (error) {
      return fail(`${what} is not valid JSON: ${(error as Error).message}`);
    }
  };

  for await (const chunk of source) {
    if (start >= 0) {
      // A value spans chunks: keep its bytes so far, then the new ones.
      const kept = buffer.subarray(start);
      const joined = new Uint8Array(kept.length + chunk.length);
      joined.set(kept);
      joined.set(chunk, kept.length);
      scanned -= start;
      buffer = joined;
      start = 0;
      at = scanned;
    } else {
      buffer = chunk;
      at = 0;
    }

    while (at < buffer.length) {
      if (start >= 0) {
        // Inside a value: find where it ends.
        let end = -1;
        let i = scanned;
        for (; i < buffer.length; i++) {
          const byte = buffer[i] as number;
          if (byte === NEWLINE) line++;
          if (inString) {
            if (escaped) escaped = false;
            else if (byte === BACKSLASH) escaped = true;
            else if (byte === QUOTE) {
              inString = false;
              if (depth === 0) {
                end = i + 1;
                break;
              }
            }
            continue;
          }
          if (byte === QUOTE) inString = true;
          else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
          else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
            if (depth === 0) {
              end = i; // a number or literal ended by the bracket that closes its container
              break;
            }
            depth--;
            if (depth === 0) {
              end = i + 1;
              break;
            }
          } else if (depth === 0 && (byte === COMMA || isSpace(byte))) {
            if (byte === NEWLINE) line--; // counted again when the structure is read
            end = i;
            break;
          }
        }
        if ((end < 0 ? i : end) - start > MAX_PART_BYTES)
          fail(
            `a value${where()} is larger than ${MAX_PART_BYTES / 1024 / 1024} MB, more than any record of a backup`,
          );
        if (end < 0) {
          scanned = i;
          break; // the rest comes with the next chunk
        }
        const bytes = buffer.subarray(start, end);
        start = -1;
        at = end;
        if (expect === "key") {
          const name = parse(bytes, "a key");
          if (typeof name !== "string") fail("a key must be a string");
          key = name as string;
          if (keys.has(key)) fail(`"${key}" appears twice`);
          keys.add(key);
          expect = "colon";
        } else if (expect === "value") {
          yield { kind: "value", key, value: parse(bytes, `the value of "${key}"`), line: startLine };
          expect = "after-value";
        } else {
          const value = parse(bytes, `record ${index + 1} of "${key}"`);
          yield { kind: "element", key, index, value, line: startLine };
          index++;
          expect = "after-element";
        }
        continue;
      }

      const byte = buffer[at] as number;
      if (expect === "document" && bom < 3 && byte === BOM[bom]) {
        bom++; // a text editor may have written one
        at++;
        continue;
      }
      if (isSpace(byte)) {
        if (byte === NEWLINE) line++;
        at++;
        continue;
      }
      const begin = () => {
        start = at;
        startLine = line;
        scanned = at;
        depth = 0;
        inString = false;
        escaped = false;
      };
      switch (expect) {
        case "document":
          if (byte !== OPEN_BRACE) fail("a Goodwill backup is one JSON object, starting with {");
          expect = "key-or-close";
          at++;
          break;
        case "key-or-close":
        case "key":
          if (byte === CLOSE_BRACE && expect === "key-or-close") {
            expect = "done";
            at++;
          } else if (byte === QUOTE) {
            expect = "key";
            begin();
          } else fail("expected a key in quotes");
          break;
        case "colon":
          if (byte !== COLON) fail(`expected : after "${key}"`);
          expect = "value";
          at++;
          break;
        case "value":
          if (byte === OPEN_BRACKET) {
            expect = "element-or-close";
            index = 0;
            at++;
          } else begin();
          break;
        case "element-or-close":
        case "element":
          if (byte === CLOSE_BRACKET && expect === "element-or-close") {
            yield { kind: "end", key, count: 0 };
            expect = "after-value";
            at++;
          } else if (byte === CLOSE_BRACKET || byte === COMMA) {
            fail(`a record is missing in "${key}" (after record ${index})`);
          } else {
            expect = "element";
            begin();
          }
          break;
        case "after-element":
          if (byte === COMMA) expect = "element";
          else if (byte === CLOSE_BRACKET) {
            yield { kind: "end", key, count: index };
            expect = "after-value";
          } else fail(`expected , or ] after record ${index} of "${key}"`);
          at++;
          break;
        case "after-value":
          if (byte === COMMA) expect = "key";
          else if (byte === CLOSE_BRACE) expect = "done";
          else fail(`expected , or } after "${key}"`);
          at++;
          break;
        case "done":
          fail("there is more after the end of the document");
      }
    }
  }
  if (expect !== "done")
    fail(expect === "document" ? "the file is empty" : "the file ends before the document does");
}
