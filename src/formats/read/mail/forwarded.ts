/**
 * The original message inside a forwarded one: the header block mail programs write above the
 * original's words — Gmail's "---------- Forwarded message ---------", Outlook's "From: … Sent: …
 * To: … Subject:" (under a rule or "-----Original Message-----"), Apple Mail's "Begin forwarded
 * message:" — read for the original's sender, recipients, date and subject. Text in, fields out;
 * `wholeText` gives the body with nothing cut (a captured mail keeps only its sender's own words,
 * which end where Outlook's and Apple's blocks begin).
 */
import { simpleParser } from "mailparser";
import type { MailAddress } from "../../../contract/capture.js";

/** What the forwarded block says about the original message. */
export interface ForwardedOriginal {
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  /** epoch ms; a date written without a zone is read as UTC; null when it does not read */
  at: number | null;
  /** null when the block has no Subject line */
  subject: string | null;
  /** the original's words, below the block */
  text: string;
}

const GMAIL = /^-{3,}\s*(?:Forwarded message|Weitergeleitete Nachricht|Message transf[ée]r[ée])\s*-{3,}$/i;
const APPLE = /^Begin forwarded message:?$/i;
const OUTLOOK_RULE = /^(?:-{3,}\s*Original Message\s*-{3,}|_{10,})$/i;
const HEADER = /^\*?([\p{L}][\p{L}-]*):\*?\s*(.*)$/u;
/** The header names of a forward block, in the languages mail clients write them most, to one name. */
const KNOWN: Record<string, "from" | "date" | "to" | "cc" | "subject" | "reply-to"> = {
  from: "from",
  von: "from",
  de: "from",
  date: "date",
  sent: "date",
  gesendet: "date",
  datum: "date",
  envoyé: "date",
  to: "to",
  an: "to",
  à: "to",
  cc: "cc",
  subject: "subject",
  betreff: "subject",
  objet: "subject",
  "reply-to": "reply-to",
};
/** The most of a header's value read: forty recipients fit; a hostile megabyte line is cut. */
const MAX_VALUE = 4_000;
/** How far below the marker the block may start (Apple leaves a blank line, sometimes two). */
const LOOK_AHEAD = 3;

/** A line with the quote marks of a plain-text forward ("> From: …") taken off. */
const unquote = (line: string) => line.replace(/^(?:>\s?)+/, "").trimEnd();

/**
 * The original message of the first forwarded block in `text`, or null when it holds none. A bare
 * "From:" line counts only when a "Sent:" or "Date:" line follows within the block (Outlook's reply
 * header without a rule), so a sentence starting "From:" is not taken for a forward.
 */
export function readForwardedBlock(text: string): ForwardedOriginal | null {
  const lines = text.replace(/\r\n?/g, "\n").split("\n").map(unquote);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    let start: number | null = null;
    if (GMAIL.test(line) || APPLE.test(line) || OUTLOOK_RULE.test(line))
      start = firstHeaderAfter(lines, i + 1);
    else if (/^\*?(?:From|Von|De):/i.test(line)) start = i;
    if (start === null) continue;
    const block = readHeaders(lines, start);
    if (!block) continue;
    const marked = start !== i;
    if (!marked && !block.fields.has("date")) continue;
    if (!block.fields.has("from")) continue;
    return original(block.fields, lines.slice(block.end).join("\n").trim());
  }
  return null;
}

function firstHeaderAfter(lines: readonly string[], from: number): number | null {
  for (let j = from; j < Math.min(lines.length, from + LOOK_AHEAD); j++) {
    const line = (lines[j] as string).trim();
    if (line === "") continue;
    return HEADER.test(line) ? j : null;
  }
  return null;
}

/** The header lines from `start` (continuations joined) up to the first line that is not one. */
function readHeaders(
  lines: readonly string[],
  start: number,
): { fields: Map<string, string>; end: number } | null {
  const fields = new Map<string, string>();
  let last: string | null = null;
  let j = start;
  for (; j < lines.length; j++) {
    const line = lines[j] as string;
    if (line.trim() === "") break;
    const header = HEADER.exec(line.trim());
    const name = KNOWN[header?.[1]?.toLowerCase() ?? ""];
    if (header && name) {
      // The first of a name wins: a later "From:" belongs to a forward inside the forward.
      if (!fields.has(name)) fields.set(name, (header[2] ?? "").trim().slice(0, MAX_VALUE));
      last = name;
    } else if (last !== null && /^\s/.test(line)) {
      fields.set(last, `${fields.get(last) ?? ""} ${line.trim()}`.slice(0, MAX_VALUE));
    } else break;
  }
  return fields.size === 0 ? null : { fields, end: j };
}

function original(fields: Map<string, string>, text: string): ForwardedOriginal {
  const date = fields.get("date");
  const subject = fields.get("subject");
  return {
    from: readAddresses(fields.get("from") ?? "")[0] ?? null,
    to: readAddresses(fields.get("to") ?? ""),
    cc: readAddresses(fields.get("cc") ?? ""),
    at: date === undefined ? null : readForwardedDate(date),
    subject: subject === undefined ? null : subject,
    text,
  };
}

/** An address among the words of a part: local@domain.tld, the words split at what cannot be in one. */
const firstEmail = (part: string) =>
  part
    .replace(/mailto:/gi, " ")
    .split(/[\s<>()[\]",;:]+/)
    .find((word) => /^[^@]+@[^@]+\.[^@.]+$/.test(word.replace(/\.+$/, "")))
    ?.replace(/\.+$/, "");

/**
 * The addresses of a header line as forwards write them: `Ann <ann@x.org>`, `"Doe, Ann" <ann@x.org>`,
 * `Ann [mailto:ann@x.org]`, `ann@x.org`; separated by commas or semicolons. A name without an
 * address (Outlook writes some) is left out: nothing could match it to a person.
 */
export function readAddresses(line: string): MailAddress[] {
  const found: MailAddress[] = [];
  for (const part of splitOutsideQuotes(line)) {
    const address = firstEmail(part);
    if (!address) continue;
    const name = part
      .replace(/<[^<>]*>|\[[^[\]]*\]|\([^()]*\)/g, "")
      .replace(address, "")
      .replace(/^[\s"']+|[\s"']+$/g, "")
      .trim();
    found.push({ address, name: name === "" ? null : name });
  }
  return found;
}

function splitOutsideQuotes(line: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  let depth = 0;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "<" || char === "[")) depth++;
    else if (!quoted && (char === ">" || char === "]")) depth = Math.max(0, depth - 1);
    if (!quoted && depth === 0 && (char === "," || char === ";")) {
      parts.push(current);
      current = "";
    } else current += char;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}

/**
 * A date as forward blocks write it: "Mon, Nov 2, 2026 at 10:15 AM" (Gmail), "Monday, November 2,
 * 2026 10:15 AM" (Outlook), "2 November 2026 at 10:15:00 GMT+1" (Apple), or RFC 5322. Without a
 * zone it is read as UTC (the forwarder's zone is not written); null without a four-digit year.
 */
export function readForwardedDate(value: string): number | null {
  if (!/\b\d{4}\b/.test(value)) return null;
  let text = value
    // Gmail puts a narrow no-break space before AM/PM.
    .replace(/[\u202f\u00a0]/g, " ")
    .replace(/\s+at\s+/i, " ")
    .replace(/^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i, "")
    .replace(
      /\b(?:GMT|UTC)\s*([+-])(\d{1,2})(?::?(\d{2}))?\b/i,
      (_m, sign: string, h: string, m?: string) => {
        return `${sign}${h.padStart(2, "0")}${m ?? "00"}`;
      },
    )
    .trim();
  const zoned = /[+-]\d{4}\b|\b(?:GMT|UTC|Z|[ECMP][SD]T)\b/i.test(text);
  if (!zoned) text = `${text} UTC`;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : at;
}

/** A message's whole plain-text body, quoted and forwarded parts included; "" when it has none. */
export async function wholeText(bytes: Uint8Array): Promise<string> {
  const parsed = await simpleParser(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
    skipImageLinks: true,
    skipTextToHtml: true,
    skipTextLinks: true,
  });
  return typeof parsed.text === "string" ? parsed.text : "";
}
