/**
 * Turning address-book bytes into text. Exports from old phones and Outlook are often Windows-1252
 * (or ISO-8859-1, which browsers and Node decode as Windows-1252 anyway); modern ones are UTF-8.
 * Invalid UTF-8 is therefore read as Windows-1252 rather than filled with replacement characters.
 */

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const lenientUtf8 = new TextDecoder("utf-8");

/** What Windows-1252 puts at 0x80–0x9F, where ISO-8859-1 has control characters. */
const WINDOWS_1252_HIGH =
  "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F" +
  "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

/**
 * Decodes Windows-1252 (and ISO-8859-1, its subset in practice). Written out because Node 20's
 * TextDecoder("windows-1252") decodes as ISO-8859-1 and turns 0x80 into a control character, not €.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  return /[\x80-\x9f]/.test(latin1)
    ? latin1.replace(/[\x80-\x9f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]!)
    : latin1;
}

const SINGLE_BYTE_WESTERN = new Set([
  "iso-8859-1",
  "iso8859-1",
  "latin1",
  "latin-1",
  "windows-1252",
  "cp1252",
  "us-ascii",
  "ascii",
]);

/** Decodes bytes as UTF-8 when they are valid UTF-8, else as Windows-1252; a leading BOM is dropped. */
export function decodeBytes(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

/**
 * Decodes bytes in the charset a vCard parameter names. An explicit UTF-8 keeps its promise (bad
 * bytes become U+FFFD); an unknown charset name falls back to the UTF-8-else-Windows-1252 guess.
 */
export function decodeBytesAs(bytes: Uint8Array, charset: string | null): string {
  if (charset === null) return decodeBytes(bytes);
  const name = charset.trim().toLowerCase();
  if (name === "utf-8" || name === "utf8") return lenientUtf8.decode(bytes);
  if (SINGLE_BYTE_WESTERN.has(name)) return decodeWindows1252(bytes);
  try {
    return new TextDecoder(name).decode(bytes);
  } catch {
    return decodeBytes(bytes);
  }
}

/** How many bytes are sniffed before a stream's encoding is decided. */
const SNIFF_BYTES = 64 * 1024;

/** The encoding a stream's first bytes call for: a BOM, else UTF-8 if they are valid UTF-8, else Windows-1252. */
export function sniffEncoding(
  head: Uint8Array,
  complete: boolean,
): "utf-8" | "utf-16le" | "utf-16be" | "windows-1252" {
  if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  // A multi-byte sequence cut at the end of the sniffed bytes is not evidence against UTF-8.
  const end = complete ? head.length : utf8SafeEnd(head);
  try {
    strictUtf8.decode(head.subarray(0, end));
    return "utf-8";
  } catch {
    return "windows-1252";
  }
}

/** The end of the last complete UTF-8 sequence in `bytes`. */
function utf8SafeEnd(bytes: Uint8Array): number {
  let i = bytes.length;
  // Step back over at most three continuation bytes to the lead byte of the last sequence.
  for (let back = 0; back < 4 && i > 0; back++) {
    const b = bytes[i - 1]!;
    if ((b & 0xc0) !== 0x80) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      return back + 1 >= need ? bytes.length : i - 1;
    }
    i--;
  }
  return bytes.length;
}

/**
 * Decodes a byte stream into text chunks, choosing the encoding once from the first 64 KB so that
 * a file is never decoded half one way and half the other. A leading BOM is dropped.
 */
export async function* decodeTextStream(source: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const head: Uint8Array[] = [];
  let headLength = 0;
  let decode: ((chunk: Uint8Array, last: boolean) => string) | null = null;
  for await (const chunk of source) {
    if (decode === null) {
      head.push(chunk);
      headLength += chunk.length;
      if (headLength < SNIFF_BYTES) continue;
      const bytes = concatBytes(head, headLength);
      decode = streamDecoder(sniffEncoding(bytes, false));
      const text = decode(bytes, false);
      if (text !== "") yield text;
      continue;
    }
    const text = decode(chunk, false);
    if (text !== "") yield text;
  }
  if (decode === null) {
    const bytes = concatBytes(head, headLength);
    const text = streamDecoder(sniffEncoding(bytes, true))(bytes, true);
    if (text !== "") yield text;
    return;
  }
  const rest = decode(new Uint8Array(0), true);
  if (rest !== "") yield rest;
}

/** A chunk-by-chunk decoder; multi-byte sequences split between chunks are carried over. */
function streamDecoder(
  encoding: ReturnType<typeof sniffEncoding>,
): (chunk: Uint8Array, last: boolean) => string {
  if (encoding === "windows-1252") return (chunk) => decodeWindows1252(chunk);
  const decoder = new TextDecoder(encoding);
  return (chunk, last) => decoder.decode(chunk, { stream: !last });
}

/** Joins byte chunks into one array of the given total length. */
export function concatBytes(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** Turns a UTF-16 byte stream (with BOM) into UTF-8 bytes, and passes any other stream through. */
export async function* utf8Bytes(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let decoder: InstanceType<typeof TextDecoder> | null = null;
  let first = true;
  const encoder = new TextEncoder();
  for await (const chunk of source) {
    if (first) {
      first = false;
      if (chunk.length >= 2 && chunk[0] === 0xff && chunk[1] === 0xfe) decoder = new TextDecoder("utf-16le");
      else if (chunk.length >= 2 && chunk[0] === 0xfe && chunk[1] === 0xff)
        decoder = new TextDecoder("utf-16be");
    }
    if (decoder === null) yield chunk;
    else yield encoder.encode(decoder.decode(chunk, { stream: true }));
  }
  if (decoder !== null) {
    const rest = decoder.decode();
    if (rest !== "") yield encoder.encode(rest);
  }
}
