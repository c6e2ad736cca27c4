import { runSteps, type Steps } from "./pacing.js";
import { decodeQuotedPrintable } from "./quoted-printable.js";
import { decodeBytesAs } from "./text-decoding.js";

/**
 * Turns one card's bytes into content lines, smoothing over what separates vCard 2.1 from 3.0 and
 * 4.0 and what real exporters get wrong: folded lines (any line-break style), QUOTED-PRINTABLE with
 * soft line breaks, CHARSET parameters, bare 2.1 parameters (`TEL;WORK;VOICE:`), 2.1 base64 blocks
 * that run until a blank line, and bytes that are not UTF-8. Values come out decoded to text but
 * still vCard-escaped (`\,` `\;` `\n`), since only the property knows whether `;` splits it.
 */

/** One property of a card: `group.NAME;PARAM=a,b:value`. */
export interface ContentLine {
  /** The group before the dot (`item1` in `item1.EMAIL`), lower case; null without one. */
  group: string | null;
  /** Upper case. */
  name: string;
  /** Parameter names in upper case; TYPE values in lower case (bare 2.1 parameters land here). */
  params: ReadonlyMap<string, readonly string[]>;
  value: string;
}

/**
 * Reads a card, given as a binary string (one char per byte, BEGIN:VCARD to END:VCARD), into its
 * content lines; never throws. Working on bytes lets QUOTED-PRINTABLE and CHARSET act per value.
 */
export function normaliseVCard(binary: string): ContentLine[] {
  return runSteps(normaliseVCardSteps(binary));
}

/** How many lines are read between two chances to give the event loop a turn. */
const LINES_PER_STEP = 512;

/** normaliseVCard in steps (see pacing.ts): a card may have a million lines. */
export function* normaliseVCardSteps(binary: string): Steps<ContentLine[]> {
  const decoder = new CardDecoder(binary);
  const out: ContentLine[] = [];
  let depth = 0;
  let count = 0;
  for (const logical of logicalLines(binary)) {
    if (++count % LINES_PER_STEP === 0) yield;
    const line = parseContentLine(logical, decoder);
    if (line === null) continue;
    if (line.name === "BEGIN") {
      // The card's own BEGIN, then any card nested inside it (2.1 AGENT), whose lines are not ours.
      depth++;
      continue;
    }
    if (line.name === "END") {
      depth--;
      continue;
    }
    if (depth === 1) out.push(line);
  }
  return out;
}

/** Splits at line breaks: CR CR LF (as some iPhone exports write), CRLF, LF or a lone CR. */
function* physicalLines(binary: string): Generator<string> {
  const length = binary.length;
  let start = 0;
  let i = binary.indexOf("\n");
  let cr = binary.indexOf("\r");
  // Fast path for LF and CRLF: jump from one LF to the next while no lone CR is in the way.
  while (i >= 0 && (cr < 0 || cr >= i - 2)) {
    let stop = i;
    if (stop > start && binary.charCodeAt(stop - 1) === 0x0d) stop--;
    if (stop > start && binary.charCodeAt(stop - 1) === 0x0d) stop--;
    if (cr >= 0 && cr < stop) break; // a lone CR before this LF after all
    yield binary.slice(start, stop);
    start = i + 1;
    i = binary.indexOf("\n", start);
    if (cr >= 0 && cr < start) cr = binary.indexOf("\r", start);
  }
  // The general case, from wherever the fast path stopped.
  for (let j = start; j < length; j++) {
    const c = binary.charCodeAt(j);
    if (c !== 0x0a && c !== 0x0d) continue;
    yield binary.slice(start, j);
    if (c === 0x0d && binary.charCodeAt(j + 1) === 0x0a) j++;
    else if (c === 0x0d && binary.charCodeAt(j + 1) === 0x0d && binary.charCodeAt(j + 2) === 0x0a) j += 2;
    start = j + 1;
  }
  yield binary.slice(start);
}

/**
 * Joins physical lines into logical ones (unfolding, QP soft breaks, 2.1 base64 blocks). The pieces
 * of a line are collected and joined once, and its head (name and parameters) is looked at once:
 * re-reading the growing line at every piece made a card of 80,000 base64 lines take minutes.
 */
function* logicalLines(binary: string): Generator<string> {
  let current: LogicalLine | null = null;
  for (const line of physicalLines(binary)) {
    if (current !== null) {
      const first = line.charCodeAt(0);
      if (first === 0x20 || first === 0x09) {
        current.append(line.slice(1));
        continue;
      }
      if (current.lastChar() === 0x3d /* = */ && current.isQuotedPrintable()) {
        current.dropLastChar();
        current.append(line);
        continue;
      }
      if (line !== "" && line.indexOf(":") < 0 && current.isBase64()) {
        current.append(line.trim());
        continue;
      }
      yield current.text();
      current = null;
    }
    if (line.trim() !== "") current = new LogicalLine(line);
  }
  if (current !== null) yield current.text();
}

/** A head longer than this is not a property's name and parameters; it is no longer re-examined. */
const MAX_HEAD = 4096;

/** A logical line being put together from its physical pieces. */
class LogicalLine {
  private readonly parts: string[] = [];
  /** Everything before the first colon, as far as it is known yet. */
  private head = "";
  private headDone = false;
  private encoding: { qp: boolean; base64: boolean } | null = null;

  constructor(first: string) {
    this.append(first);
  }

  append(piece: string): void {
    if (piece === "") return;
    this.parts.push(piece);
    if (this.headDone) return;
    const colon = piece.indexOf(":");
    this.head += colon < 0 ? piece : piece.slice(0, colon);
    if (colon >= 0 || this.head.length > MAX_HEAD) this.headDone = true;
    this.encoding = null;
  }

  lastChar(): number {
    const last = this.parts[this.parts.length - 1];
    return last === undefined ? -1 : last.charCodeAt(last.length - 1);
  }

  dropLastChar(): void {
    const last = this.parts.pop();
    if (last !== undefined && last.length > 1) this.parts.push(last.slice(0, -1));
  }

  isQuotedPrintable(): boolean {
    return this.examine().qp;
  }

  isBase64(): boolean {
    return this.examine().base64;
  }

  text(): string {
    return this.parts.length === 1 ? (this.parts[0] as string) : this.parts.join("");
  }

  private examine(): { qp: boolean; base64: boolean } {
    this.encoding ??= {
      qp: /QUOTED-PRINTABLE/i.test(this.head),
      base64: /[;=]\s*(?:BASE64|B)\s*(?:[;:]|$)/i.test(`${this.head}:`),
    };
    return this.encoding;
  }
}

/** Parameters of vCard 2.1 that may stand alone, and the parameter they are a value of. */
function bareParamName(value: string): string {
  const upper = value.toUpperCase();
  if (
    upper === "QUOTED-PRINTABLE" ||
    upper === "BASE64" ||
    upper === "8BIT" ||
    upper === "7BIT" ||
    upper === "B"
  ) {
    return "ENCODING";
  }
  return "TYPE";
}

/** Parses `group.NAME;PARAM=x:value`; null for a line that is no property at all. */
function parseContentLine(line: string, decoder: CardDecoder): ContentLine | null {
  const length = line.length;
  let i = 0;
  let dot = -1;
  while (i < length) {
    const c = line.charCodeAt(i);
    if (c === 0x3a /* : */ || c === 0x3b /* ; */) break;
    if (c === 0x2e /* . */) dot = i;
    else if (!isNameChar(c)) return null;
    i++;
  }
  if (i === length || i === dot + 1) return null;
  const name = line.slice(dot + 1, i).toUpperCase();
  const group = dot < 0 ? null : line.slice(0, dot).toLowerCase();
  const params = line.charCodeAt(i) === 0x3b ? new Map<string, string[]>() : NO_PARAMS;
  while (line.charCodeAt(i) === 0x3b /* ; */) {
    i++;
    const start = i;
    let quoted = false;
    while (i < length) {
      const c = line.charCodeAt(i);
      if (c === 0x22 /* " */) quoted = !quoted;
      else if (!quoted && (c === 0x3a || c === 0x3b)) break;
      i++;
    }
    addParam(params as Map<string, string[]>, line.slice(start, i));
  }
  if (i >= length) return null; // no colon: not a property
  const value = decoder.value(line.slice(i + 1), params);
  return { group, name, params, value };
}

const NO_PARAMS: ReadonlyMap<string, string[]> = new Map();

/** Letters, digits, `-` and `_` (which some exporters use): what a property name or group is made of. */
function isNameChar(c: number): boolean {
  return (
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x2d ||
    c === 0x5f
  );
}

function addParam(params: Map<string, string[]>, text: string): void {
  const eq = text.indexOf("=");
  const rawName = eq < 0 ? "" : text.slice(0, eq).trim();
  const rawValue = eq < 0 ? text.trim() : text.slice(eq + 1);
  if (rawValue === "" && rawName === "") return;
  const name = rawName === "" ? bareParamName(rawValue) : rawName.toUpperCase();
  // Most parameters hold one unquoted value; only lists and quotes need the slower split.
  const parts =
    rawValue.indexOf(",") < 0 && rawValue.indexOf('"') < 0 ? [rawValue] : splitParamValues(rawValue);
  const values: string[] = [];
  for (const part of parts) {
    if (name !== "TYPE") {
      values.push(part);
      continue;
    }
    // 4.0 quotes a list (TYPE="work,voice"); split it like an unquoted one.
    for (const type of part.indexOf(",") < 0 ? [part] : part.split(",")) {
      const t = type.trim().toLowerCase();
      if (t !== "") values.push(t);
    }
  }
  const existing = params.get(name);
  if (existing === undefined) params.set(name, values);
  else existing.push(...values);
}

/** Splits `a,"b,c",d` at commas outside quotes and drops the quotes. */
function splitParamValues(text: string): string[] {
  if (text.indexOf('"') < 0) return text.split(",");
  const out: string[] = [];
  let current = "";
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (c === "," && !quoted) {
      out.push(current);
      current = "";
    } else current += c;
  }
  out.push(current);
  return out;
}

/** Decodes values of one card: QUOTED-PRINTABLE and CHARSET per value, else the card's own encoding. */
class CardDecoder {
  private cardIsUtf8: boolean | null = null;

  constructor(private readonly card: string) {}

  value(binary: string, params: ReadonlyMap<string, readonly string[]>): string {
    const encoding = params.get("ENCODING")?.[0]?.toUpperCase();
    if (encoding === "QUOTED-PRINTABLE") {
      const charset = params.get("CHARSET")?.[0] ?? null;
      return decodeBytesAs(decodeQuotedPrintable(binary), charset).replace(/\r\n?/g, "\n");
    }
    // Embedded photos and keys are skipped by the reader; no point decoding them.
    if (encoding === "B" || encoding === "BASE64" || !hasHighBytes(binary)) return binary;
    const valueBytes = Buffer.from(binary, "latin1");
    if (this.isUtf8()) return utf8.decode(valueBytes);
    return decodeBytesAs(valueBytes, "windows-1252");
  }

  /** Whether the whole card is valid UTF-8, decided once: a card is written in one encoding. */
  private isUtf8(): boolean {
    if (this.cardIsUtf8 === null) this.cardIsUtf8 = isStrictUtf8(Buffer.from(this.card, "latin1"));
    return this.cardIsUtf8;
  }
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const utf8 = new TextDecoder("utf-8");

function isStrictUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function hasHighBytes(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return true;
  return false;
}
