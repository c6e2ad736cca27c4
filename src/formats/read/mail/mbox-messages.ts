/**
 * An mbox split into its messages, streamed: the bytes come in chunks, and only the message being
 * read is held, up to a cap; a bigger one is counted and its bytes skipped until the next `From `
 * line. Handles mboxo and mboxrd (`>From ` unescaped by one `>`), LF and CRLF, and the separator
 * lines of Google Takeout (`From 1234@xxx Wed Nov 13 …`), Thunderbird (`From - Wed Nov 13 …`) and
 * Apple Mail (`From someone@example.com Wed Nov 13 …`).
 */

/** One message of an mbox, as bytes, or the news that it was too big to keep. */
export interface MboxMessage {
  /** 1-based position in the file */
  index: number;
  /** byte offset of its `From ` line */
  offset: number;
  /** the date of its `From ` line, epoch ms, or null */
  separatorDate: number | null;
  /** its bytes, `>From ` unescaped; null when it was bigger than the cap */
  bytes: Buffer | null;
  /** its size in bytes (when too big: the size seen) */
  size: number;
}

/** The default cap of one message: a bigger one becomes a problem, not a memory spike. */
export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

/** A separator line is short; a longer line starting with "From " is body text. */
const MAX_SEPARATOR_BYTES = 1024;

const LF = 0x0a;
const F = 0x46;
const GT = 0x3e;

/** "From <sender> <asctime date>": the sender may be "-" (Thunderbird) or MAILER-DAEMON. */
const SEPARATOR =
  /^From \S*\s+(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+(\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s+([+-]\d{4}|[A-Z]{2,5}))?\s+(\d{4})(?:\s+([+-]\d{4}))?\s*$/;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The date of an mbox separator line (UTC unless it names an offset), or undefined if it is none. */
export function separatorLine(line: string): { date: number | null } | undefined {
  const m = SEPARATOR.exec(line.replace(/\r?\n$/, ""));
  if (m === null) return undefined;
  const [, month, day, hour, minute, second, zoneBefore, year, zoneAfter] = m;
  const zone = [zoneBefore, zoneAfter].find((z) => z !== undefined && /^[+-]\d{4}$/.test(z));
  const offsetMinutes =
    zone === undefined
      ? 0
      : (zone[0] === "-" ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3)));
  const date =
    Date.UTC(
      Number(year),
      MONTHS.indexOf(month!),
      Number(day),
      Number(hour),
      Number(minute),
      Number(second ?? 0),
    ) -
    offsetMinutes * 60_000;
  return { date: Number.isFinite(date) ? date : null };
}

/** The messages of an mbox, one at a time; `maxMessageBytes` caps what one may hold. */
export async function* splitMbox(
  chunks: AsyncIterable<Uint8Array>,
  maxMessageBytes = MAX_MESSAGE_BYTES,
): AsyncGenerator<MboxMessage> {
  let current: {
    index: number;
    offset: number;
    separatorDate: number | null;
    parts: Buffer[];
    size: number;
    over: boolean;
  } | null = null;
  /** bytes before the first separator: a file that does not start with one is read as one message */
  let count = 0;
  let offset = 0; // file offset of `pending`'s first byte
  let pending: Buffer = Buffer.alloc(0); // an incomplete line that might be a separator
  let midLine = false; // the chunk starts inside a line already appended

  const append = (bytes: Buffer) => {
    if (bytes.length === 0) return;
    if (current === null) {
      // Text before the first `From ` line: read as a message of its own (an .eml named .mbox).
      current = { index: ++count, offset, separatorDate: null, parts: [], size: 0, over: false };
    }
    current.size += bytes.length;
    if (current.over) return;
    if (current.size > maxMessageBytes) {
      current.over = true;
      current.parts = [];
      return;
    }
    current.parts.push(bytes);
  };
  const finish = (): MboxMessage | null => {
    const done = current;
    current = null;
    if (done === null) return null;
    const bytes = done.over ? null : Buffer.concat(done.parts);
    if (bytes !== null && bytes.toString("latin1").trim() === "") return null;
    return {
      index: done.index,
      offset: done.offset,
      separatorDate: done.separatorDate,
      bytes,
      size: done.size,
    };
  };

  for await (const chunk of chunks) {
    const input = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const buf = pending.length === 0 ? input : Buffer.concat([pending, input]);
    const base = offset;
    pending = Buffer.alloc(0);
    let run = 0; // start of the bytes not yet appended
    let line = 0;
    if (midLine) {
      const nl = buf.indexOf(LF);
      line = nl < 0 ? buf.length : nl + 1;
      midLine = false;
    }
    while (line < buf.length) {
      const first = buf[line];
      const nl = buf.indexOf(LF, line);
      if (first === F || first === GT) {
        if (nl < 0) {
          if (buf.length - line < MAX_SEPARATOR_BYTES) {
            append(buf.subarray(run, line));
            pending = Buffer.from(buf.subarray(line));
            offset = base + line;
            run = buf.length;
          }
          break;
        }
        const lineBytes = buf.subarray(line, nl + 1);
        if (first === F && lineBytes.length <= MAX_SEPARATOR_BYTES) {
          const separator =
            lineBytes.toString("latin1", 0, 5) === "From "
              ? separatorLine(lineBytes.toString("latin1"))
              : undefined;
          if (separator !== undefined) {
            append(buf.subarray(run, line));
            const done = finish();
            if (done !== null) yield done;
            current = {
              index: ++count,
              offset: base + line,
              separatorDate: separator.date,
              parts: [],
              size: 0,
              over: false,
            };
            run = nl + 1;
          }
        } else if (first === GT && isEscapedFrom(lineBytes)) {
          append(buf.subarray(run, line));
          run = line + 1; // drop one ">"
        }
      }
      if (nl < 0) break;
      line = nl + 1;
    }
    if (run < buf.length) {
      append(buf.subarray(run));
      // The chunk ended inside a line that was appended: its rest is no line start.
      if (buf[buf.length - 1] !== LF) midLine = true;
    }
    if (pending.length === 0) offset = base + buf.length;
  }
  append(pending);
  const last = finish();
  if (last !== null) yield last;
}

/** `>From `, `>>From `…: an mboxrd-escaped body line. */
function isEscapedFrom(line: Buffer): boolean {
  let i = 0;
  while (line[i] === GT) i++;
  return line.toString("latin1", i, i + 5) === "From ";
}
