import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isRecordError, type ReadResult } from "../contact-record.js";
import { type ContactFormat, readContacts } from "./read-contacts.js";
import { readVCards, readVCardsFromBytes } from "./vcard-reader.js";

/*
 * Whatever bytes arrive, a reader yields well-formed results and never throws: a damaged file is
 * reported record by record, never a crash of the import.
 */

const FIXTURES = fileURLToPath(new URL("../../../../shared/fixtures/", import.meta.url));
const load = (path: string) => new Uint8Array(readFileSync(FIXTURES + path));
const VCARDS = ["ez-vcard", "node-vcf"].flatMap((dir) =>
  readdirSync(FIXTURES + "vcard/" + dir)
    .filter((f) => f.endsWith(".vcf"))
    .map((f) => load(`vcard/${dir}/${f}`)),
);
const CSVS: [ContactFormat, Uint8Array][] = [
  ["linkedin", load("csv/linkedin-connections.csv")],
  ["google", load("csv/google-contacts.csv")],
  ["outlook", load("csv/outlook-contacts.csv")],
  ["csv", load("csv/outlook-contacts.csv")],
];

function expectWellFormed(result: ReadResult): void {
  expect(Number.isInteger(result.record) && result.record >= 1).toBe(true);
  expect(Number.isInteger(result.line) && result.line >= 1).toBe(true);
  if (isRecordError(result)) {
    expect(typeof result.message).toBe("string");
    expect(result.message).not.toBe("");
    return;
  }
  const c = result.contact;
  expect(typeof c.displayName).toBe("string");
  expect(c.displayName.trim()).not.toBe("");
  for (const list of [c.emails, c.phones, c.urls, c.tags, c.dates, c.related])
    expect(Array.isArray(list)).toBe(true);
  for (const value of [...c.emails, ...c.phones, ...c.urls]) expect(value.value).not.toBe("");
}

/** Damages a file: flips bytes, cuts it short, duplicates or drops a line. */
const mutated = (files: readonly Uint8Array[]) =>
  fc
    .tuple(
      fc.constantFrom(...files),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
      fc.option(fc.nat()),
      fc.option(fc.nat()),
      fc.option(fc.nat()),
    )
    .map(([file, flips, cut, duplicate, drop]) => {
      const bytes = Uint8Array.from(file);
      for (const [at, value] of flips) if (bytes.length > 0) bytes[at % bytes.length] = value;
      let text = Buffer.from(bytes).toString("latin1");
      const lines = text.split("\n");
      if (duplicate !== null && lines.length > 0) {
        const i = duplicate % lines.length;
        lines.splice(i, 0, lines[i]!);
      }
      if (drop !== null && lines.length > 1) lines.splice(drop % lines.length, 1);
      text = lines.join("\n");
      if (cut !== null && text.length > 0) text = text.slice(0, cut % text.length);
      return new Uint8Array(Buffer.from(text, "latin1"));
    });

/** Text that looks a bit like the formats, so the readers' inner paths are reached. */
const vcardish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        "BEGIN:VCARD",
        "END:VCARD",
        "VERSION:2.1",
        "FN:A",
        "N:;;;;",
        "EMAIL;PREF:x@y",
        "ORG:\\;;\\,",
        "NOTE;ENCODING=QUOTED-PRINTABLE:=C3=",
        "PHOTO;ENCODING=BASE64:",
        "AGENT:",
        "item1.X-ABLabel:_$!<>!$_",
        "BDAY:--0230",
        " ",
        "",
      ),
      fc.string(),
    ),
    { maxLength: 30 },
  )
  .chain((lines) => fc.constantFrom("\r\n", "\n", "\r", "\r\r\n").map((sep) => lines.join(sep)));

async function* chunks(bytes: Uint8Array, chunk: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
}

async function readStream(bytes: Uint8Array, format: ContactFormat, chunk: number): Promise<ReadResult[]> {
  const out: ReadResult[] = [];
  for await (const result of readContacts(chunks(bytes, chunk), format)) out.push(result);
  return out;
}

describe("readers never throw on damaged input", () => {
  it("vCard: random strings", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), vcardish), (text) => {
        readVCardsFromBytes(new TextEncoder().encode(text)).forEach(expectWellFormed);
      }),
      { numRuns: 200 },
    );
  });

  it("vCard: mutated fixture files", () => {
    fc.assert(
      fc.property(mutated(VCARDS), (bytes) => {
        readVCardsFromBytes(bytes).forEach(expectWellFormed);
      }),
      { numRuns: 200 },
    );
  });

  it("vCard: a stream gives the same results as the whole file, whatever the chunks", async () => {
    await fc.assert(
      fc.asyncProperty(mutated(VCARDS), fc.integer({ min: 1, max: 4096 }), async (bytes, chunk) => {
        // the reader itself: readContacts would take NULs out, which the whole-file reader leaves in
        const streamed: ReadResult[] = [];
        for await (const result of readVCards(chunks(bytes, chunk))) streamed.push(result);
        expect(streamed).toEqual(readVCardsFromBytes(bytes));
      }),
      { numRuns: 100 },
    );
  });

  it("CSV: mutated fixture files, in every layout", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...CSVS),
        mutated(CSVS.map(([, bytes]) => bytes)),
        fc.integer({ min: 1, max: 512 }),
        async ([format], bytes, chunk) => {
          (await readStream(bytes, format, chunk)).forEach(expectWellFormed);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("CSV: random text with quotes, delimiters and line breaks", async () => {
    const csvish = fc
      .array(
        fc.oneof(fc.constantFrom('"', ",", ";", "\r\n", "\n", "\r", "name", "email", "a@b"), fc.string()),
        {
          maxLength: 40,
        },
      )
      .map((parts) => parts.join(""));
    await fc.assert(
      fc.asyncProperty(
        csvish,
        fc.constantFrom<ContactFormat>("linkedin", "google", "outlook", "csv"),
        async (text, format) => {
          (await readStream(new TextEncoder().encode(text), format, 7)).forEach(expectWellFormed);
        },
      ),
      { numRuns: 200 },
    );
  });
});
