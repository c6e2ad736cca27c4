/**
 * Cuts a vCard byte stream into cards at BEGIN:VCARD / END:VCARD lines without decoding it, so a
 * file of any size is read with memory bounded by its largest card. Line breaks may be CRLF, LF,
 * CR, or the CR CR LF that some iPhone exports write.
 */

/**
 * One card (BEGIN to END line) as a binary string, one char per byte, still undecoded; or why the
 * card starting there could not be cut out.
 */
export type RawCard =
  | { record: number; line: number; binary: string }
  | { record: number; line: number; error: string };

/** A card larger than this (a huge embedded photo, or a missing END) is reported and skipped. */
const MAX_CARD_BYTES = 16 * 1024 * 1024;

const BEGIN = asciiBytes("BEGIN:VCARD");
const END = asciiBytes("END:VCARD");

export class VCardSplitter {
  // A Buffer, for toString("latin1"): cards leave as binary strings without an intermediate copy.
  private buf: Buffer = Buffer.allocUnsafe(64 * 1024);
  private end = 0;
  /** Start of the next line to examine, and its 1-based line number. */
  private scan = 0;
  private lineNo = 1;
  /** Offset of the current card's BEGIN line, or -1 outside a card. */
  private cardStart = -1;
  private cardLine = 0;
  private cardRecord = 0;
  /** Cards nested inside the current one (vCard 2.1 AGENT). */
  private depth = 0;
  /** The last non-empty line inside the current card, to recognise an AGENT that embeds a card. */
  private prevStart = -1;
  private prevEnd = -1;
  /** Skipping the rest of an oversized card. */
  private skipping = false;
  private records = 0;
  private atStart = true;

  /** Adds bytes and returns the cards completed by them. */
  push(chunk: Uint8Array): RawCard[] {
    this.append(chunk);
    return this.drain(false);
  }

  /** Ends the stream and returns what is left: a last card without END is reported. */
  finish(): RawCard[] {
    const out = this.drain(true);
    if (this.cardStart >= 0) {
      out.push({
        record: this.cardRecord,
        line: this.cardLine,
        error: `the card starting on line ${this.cardLine} has no END:VCARD (the file ends inside it)`,
      });
      this.cardStart = -1;
    }
    return out;
  }

  private append(chunk: Uint8Array): void {
    let data = chunk;
    if (this.atStart && this.end === 0 && data.length > 0) {
      this.atStart = false;
      if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) data = data.subarray(3);
    }
    // Drop what is no longer needed: everything before the current card or the unfinished line.
    const keep = this.cardStart >= 0 ? this.cardStart : this.scan;
    if (keep > 0) {
      this.buf.copyWithin(0, keep, this.end);
      this.end -= keep;
      this.scan -= keep;
      if (this.cardStart >= 0) this.cardStart -= keep;
      if (this.prevStart >= 0) {
        this.prevStart -= keep;
        this.prevEnd -= keep;
      }
    }
    if (this.end + data.length > this.buf.length) {
      let size = this.buf.length * 2;
      while (size < this.end + data.length) size *= 2;
      const grown = Buffer.allocUnsafe(size);
      this.buf.copy(grown, 0, 0, this.end);
      this.buf = grown;
    }
    this.buf.set(data, this.end);
    this.end += data.length;
  }

  private drain(final: boolean): RawCard[] {
    const out: RawCard[] = [];
    const buf = this.buf;
    const end = this.end;
    while (this.scan < end) {
      const start = this.scan;
      let i = start;
      while (i < end) {
        const b = buf[i]!;
        if (b === 10 || b === 13) break;
        i++;
      }
      let breakLength = 0;
      if (i < end) {
        if (buf[i] === 10) breakLength = 1;
        else if (i + 1 >= end) {
          if (!final) break; // a CR at the end of the data: an LF may follow in the next chunk
          breakLength = 1;
        } else if (buf[i + 1] === 10) breakLength = 2;
        else if (buf[i + 1] === 13) {
          if (i + 2 >= end && !final) break;
          breakLength = i + 2 < end && buf[i + 2] === 10 ? 3 : 1;
        } else breakLength = 1;
      } else if (!final) break; // an unfinished last line
      this.line(start, i, out);
      this.scan = i + breakLength;
      this.lineNo++;
    }
    return out;
  }

  /** Handles the line buf[start, stop), which is line number this.lineNo. */
  private line(start: number, stop: number, out: RawCard[]): void {
    const isBegin = matchesKeyword(this.buf, start, stop, BEGIN);
    const isEnd = !isBegin && matchesKeyword(this.buf, start, stop, END);
    if (this.cardStart < 0) {
      if (isBegin) this.beginCard(start);
      else if (isEnd && this.skipping) this.skipping = false;
      return;
    }
    if (isBegin) {
      if (this.previousLineIsAgent()) {
        this.depth++;
        return;
      }
      out.push({
        record: this.cardRecord,
        line: this.cardLine,
        error: `the card starting on line ${this.cardLine} has no END:VCARD before the next BEGIN:VCARD on line ${this.lineNo}`,
      });
      this.beginCard(start);
      return;
    }
    if (isEnd) {
      if (this.depth > 0) {
        this.depth--;
        return;
      }
      out.push({
        record: this.cardRecord,
        line: this.cardLine,
        binary: this.buf.toString("latin1", this.cardStart, stop),
      });
      this.cardStart = -1;
      return;
    }
    if (stop > start) {
      this.prevStart = start;
      this.prevEnd = stop;
    }
    if (stop - this.cardStart > MAX_CARD_BYTES) {
      out.push({
        record: this.cardRecord,
        line: this.cardLine,
        error: `the card starting on line ${this.cardLine} is larger than ${MAX_CARD_BYTES / 1024 / 1024} MB`,
      });
      this.cardStart = -1;
      this.skipping = true;
    }
  }

  private beginCard(start: number): void {
    this.records++;
    this.cardStart = start;
    this.cardLine = this.lineNo;
    this.cardRecord = this.records;
    this.depth = 0;
    this.prevStart = -1;
    this.prevEnd = -1;
    this.skipping = false;
  }

  /** vCard 2.1 embeds an assistant's card as `AGENT:` followed by a whole BEGIN…END block. */
  private previousLineIsAgent(): boolean {
    if (this.prevStart < 0 || this.prevEnd - this.prevStart > 200) return false;
    const text = this.buf.toString("latin1", this.prevStart, this.prevEnd);
    return /^(?:[A-Za-z0-9-]+\.)?AGENT(?:;[^:]*)?:\s*$/i.test(text);
  }
}

/** Whether buf[start, stop) is `keyword` (ASCII, any case), allowing trailing spaces. */
function matchesKeyword(buf: Uint8Array, start: number, stop: number, keyword: Uint8Array): boolean {
  if (stop - start < keyword.length) return false;
  for (let k = 0; k < keyword.length; k++) {
    let b = buf[start + k]!;
    if (b >= 0x61 && b <= 0x7a) b -= 0x20;
    if (b !== keyword[k]) return false;
  }
  for (let j = start + keyword.length; j < stop; j++) {
    const b = buf[j];
    if (b !== 0x20 && b !== 0x09) return false;
  }
  return true;
}

function asciiBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}
