import { separatorLine } from "./mbox-messages.js";

/** The mail and calendar files a history import reads. */
export type CaptureFormat = "mbox" | "eml" | "ics";

/** A header line: a field name, a colon (RFC 5322 §2.2). */
const HEADER_LINE = /^[A-Za-z][A-Za-z0-9-]*:/;
/** The headers of a message itself, as against any header-looking text. */
const MAIL_HEADERS = new Set(["from", "to", "date", "message-id", "received", "mime-version", "subject"]);

/**
 * Tells a mail or calendar file from its first ~64 KB and its name; null when it is neither (a
 * vCard, a CSV, a Goodwill backup are address books: `detectFormat` reads those).
 */
export function detectCaptureFormat(head: string, name: string): CaptureFormat | null {
  const text = head.replace(/^\uFEFF/, "");
  const start = text.trimStart();
  const firstLine = start.split(/\r?\n|\r/, 1)[0] ?? "";
  if (/^BEGIN:VCALENDAR\s*$/i.test(firstLine)) return "ics";
  if (/^BEGIN:VCARD/i.test(firstLine)) return null;
  if (separatorLine(firstLine) !== undefined) return "mbox";
  // An mbox whose first line is a separator this reader does not know, named as one.
  if (firstLine.startsWith("From ") && /\.mbox$|\.mbx$/i.test(name)) return "mbox";
  const headerLines = start.split(/\r?\n/, 40);
  const end = headerLines.findIndex((line) => line.trim() === "");
  const block = (end < 0 ? headerLines : headerLines.slice(0, end)).filter((line) => !/^[ \t]/.test(line));
  const names = block.map((line) =>
    HEADER_LINE.test(line) ? line.slice(0, line.indexOf(":")).toLowerCase() : null,
  );
  const own = new Set(names.filter((n): n is string => n !== null && MAIL_HEADERS.has(n)));
  // Every line of the block is a header and at least two of them are a message's own.
  if (block.length > 0 && names.every((n) => n !== null) && own.size >= 2) return "eml";
  return null;
}
