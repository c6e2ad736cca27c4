/**
 * Address books built to hurt a reader: one record with a huge list or a value of a million pieces
 * (issue 11). Shared by the linearity tests and bench/hostile-files.ts, which reads 6 MB of each.
 */
import type { ContactFormat } from "../../src/formats/read/read-contacts.js";

export interface HostileShape {
  name: string;
  format: ContactFormat;
  /** The file with about `n` of the repeated piece. */
  file(n: number): Uint8Array;
  /** Bytes one piece adds, to size a file. */
  bytesPerPiece: number;
}

const CRLF = "\r\n";
const bytes = (text: string) => new TextEncoder().encode(text);

/** One card of `n` lines `line(i)`, then, optionally, what ends the value they belong to. */
function card(version: string, lines: (n: number) => string): (n: number) => Uint8Array {
  return (n) =>
    bytes(`BEGIN:VCARD${CRLF}VERSION:${version}${CRLF}FN:Hostile Card${CRLF}${lines(n)}END:VCARD${CRLF}`);
}

function repeat(n: number, piece: (i: number) => string): string {
  const parts: string[] = new Array(n);
  for (let i = 0; i < n; i++) parts[i] = piece(i);
  return parts.join("");
}

const BASE64_LINE = "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB";

export const HOSTILE_SHAPES: readonly HostileShape[] = [
  {
    name: "EMAIL lines",
    format: "vcard",
    file: card("3.0", (n) => repeat(n, (i) => `EMAIL;TYPE=INTERNET:person${i}@example.com${CRLF}`)),
    bytesPerPiece: 45,
  },
  {
    name: "TEL lines",
    format: "vcard",
    file: card("3.0", (n) => repeat(n, (i) => `TEL;TYPE=CELL:+1 555 ${String(i).padStart(7, "0")}${CRLF}`)),
    bytesPerPiece: 30,
  },
  {
    name: "CATEGORIES values",
    format: "vcard",
    file: card("3.0", (n) => `CATEGORIES:${repeat(n, (i) => `tag${i},`)}last${CRLF}`),
    bytesPerPiece: 9,
  },
  {
    name: "2.1 base64 lines",
    format: "vcard",
    file: card(
      "2.1",
      (n) => `PHOTO;ENCODING=BASE64;TYPE=JPEG:${repeat(n, () => `${BASE64_LINE}${CRLF}`)}${CRLF}`,
    ),
    bytesPerPiece: 78,
  },
  {
    name: "quoted-printable soft breaks",
    format: "vcard",
    file: card("2.1", (n) => `NOTE;ENCODING=QUOTED-PRINTABLE:${repeat(n, () => `ab=${CRLF}`)}end${CRLF}`),
    bytesPerPiece: 5,
  },
  {
    name: "CSV list cell",
    format: "csv",
    // Rows of 20,000 emails (460 KB), below the reader's 1 MB limit for a row.
    file: (n) => {
      const rows: string[] = ["Name,Email"];
      for (let start = 0; start < n; start += CSV_CELL_VALUES) {
        const count = Math.min(CSV_CELL_VALUES, n - start);
        rows.push(`Hostile Row ${start},"${repeat(count, (i) => `person${start + i}@example.com;`)}"`);
      }
      return bytes(`${rows.join(CRLF)}${CRLF}`);
    },
    bytesPerPiece: 23,
  },
];

const CSV_CELL_VALUES = 20_000;

/**
 * An ordinary address book of about `size` bytes: many small records, read in linear time by
 * construction. What a hostile file of the same size is measured against.
 */
export function ordinaryFile(format: "vcard" | "csv", size: number, first = 0): Uint8Array {
  const records: string[] = [];
  let total = 0;
  for (let i = first; total < size; i++) {
    const record =
      format === "vcard"
        ? `BEGIN:VCARD${CRLF}VERSION:3.0${CRLF}FN:Person ${i}${CRLF}EMAIL;TYPE=INTERNET:ordinary${i}@example.org${CRLF}TEL;TYPE=CELL:+1 666 ${String(i).padStart(7, "0")}${CRLF}CATEGORIES:friends,work${CRLF}NOTE:Met at the conference${CRLF}END:VCARD${CRLF}`
        : `Person ${i},ordinary${i}@example.org,+1 666 ${String(i).padStart(7, "0")},friends${CRLF}`;
    records.push(record);
    total += record.length;
  }
  return bytes(format === "vcard" ? records.join("") : `Name,Email,Phone,Tags${CRLF}${records.join("")}`);
}

/** How many pieces make a file of about `size` bytes. */
export const piecesFor = (shape: HostileShape, size: number) => Math.ceil(size / shape.bytesPerPiece);
