import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { HOSTILE_SHAPES, ordinaryFile, piecesFor } from "../../../test/support/hostile-files.js";
import { isRecordError, type ReadResult } from "../contact-record.js";
import { readContacts } from "./read-contacts.js";

/*
 * One record of tens of thousands of values (issue 11) is read about as fast as an ordinary file of
 * the same size, many small records, whose reading is linear by construction. While every value was
 * compared with all before it, or a growing line was copied at each piece, a megabyte of them took
 * seconds to minutes against tens of milliseconds. The figures are in bench/hostile-files.ts; this
 * asserts a generous ratio only (a whole-file ratio, as a collection of the heap costs both alike).
 */

async function readAll(file: Uint8Array, format: Parameters<typeof readContacts>[1]): Promise<ReadResult[]> {
  const out: ReadResult[] = [];
  async function* source() {
    yield file;
  }
  for await (const result of readContacts(source(), format)) out.push(result);
  return out;
}

/** The fastest of a few runs: a stall of the machine only ever adds time. */
async function fastest(run: () => Promise<unknown>, runs = 3): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

const SIZE = 1_000_000;

describe("a hostile record is read in linear time", () => {
  for (const shape of HOSTILE_SHAPES) {
    it(`${shape.name}: a megabyte of them reads about as fast as a megabyte of ordinary records`, {
      timeout: 30_000,
    }, async () => {
      const hostile = shape.file(piecesFor(shape, SIZE));
      const ordinary = ordinaryFile(shape.format === "vcard" ? "vcard" : "csv", SIZE);
      const [result] = await readAll(hostile, shape.format);
      expect(result !== undefined && !isRecordError(result)).toBe(true);
      await readAll(ordinary, shape.format); // warm-up
      const tOrdinary = await fastest(() => readAll(ordinary, shape.format));
      const tHostile = await fastest(() => readAll(hostile, shape.format));
      // Linear reading puts the two within a small factor; quadratic, a hundred times apart or more.
      expect(tHostile).toBeLessThan(4 * tOrdinary + 20);
    });
  }

  it("keeps every distinct value once, in file order, ignoring case", async () => {
    const text =
      "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nEMAIL:a@x.io\r\nEMAIL:B@x.io\r\nEMAIL:A@X.IO\r\nEMAIL:b@x.io\r\n" +
      "CATEGORIES:one,Two,ONE,three\r\nEND:VCARD\r\n";
    const [result] = await readAll(new TextEncoder().encode(text), "vcard");
    if (result === undefined || isRecordError(result)) throw new Error("expected a contact");
    expect(result.contact.emails.map((e) => e.value)).toEqual(["a@x.io", "B@x.io"]);
    expect(result.contact.tags).toEqual(["one", "Two", "three"]);
  });
});
