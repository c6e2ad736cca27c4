/**
 * Hostile address books (issue 11): 6 MB of each shape of test/support/hostile-files.ts (one card of
 * 140,000 EMAIL lines, a CATEGORIES line of 700,000 tags, 80,000 base64 lines, 1.2 million
 * quoted-printable soft breaks, CSV cells of 20,000 emails …), read by the app's readers. The
 * baseline reads the same bytes with a plain decode and split at line breaks: the least any reader
 * must do. Target: each file read in under 2 s (before the fix, most ran for minutes).
 */
import { type ContactFormat, readContacts } from "../src/formats/read/read-contacts.js";
import { HOSTILE_SHAPES, piecesFor } from "../test/support/hostile-files.js";
import { type BenchResult, ms, report, sampleInterleaved } from "./measure.js";

const SIZE = 6 * 1024 * 1024;
const TARGET_MS = 2000;

async function readAll(file: Uint8Array, format: ContactFormat): Promise<number> {
  async function* source() {
    for (let at = 0; at < file.length; at += 256 * 1024) yield file.subarray(at, at + 256 * 1024);
  }
  let records = 0;
  for await (const _ of readContacts(source(), format)) records++;
  return records;
}

const plainSplit = (file: Uint8Array) => new TextDecoder().decode(file).split(/\r\n|\n|\r/).length;

for (const shape of HOSTILE_SHAPES) {
  const file = shape.file(piecesFor(shape, SIZE));
  const records = await readAll(file, shape.format);
  const [subject, baseline] = await sampleInterleaved(
    [
      { label: `read ${shape.name}`, run: () => readAll(file, shape.format) },
      { label: "decode and split the same bytes", run: () => plainSplit(file) },
    ],
    { warmups: 1, runs: 5 },
  );
  if (!subject || !baseline) throw new Error("no samples");
  const result: BenchResult = {
    name: `hostile-files/${shape.name}`,
    subject,
    baseline,
    ratio: subject.medianMs / baseline.medianMs,
    target: `${(file.length / 1024 / 1024).toFixed(1)} MB in < ${ms(TARGET_MS)}`,
    met: subject.medianMs < TARGET_MS,
    notes: { [`${shape.name}: bytes, records`]: `${file.length.toLocaleString("en")}, ${records}` },
  };
  report(result);
}
