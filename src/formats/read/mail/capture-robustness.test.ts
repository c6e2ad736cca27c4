import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CapturedMail, CapturedMeeting, CaptureProblem } from "../../../contract/capture.js";
import { GoodwillError } from "../../../errors.js";
import { readMeetings } from "../ics-meetings.js";
import { MAX_TEXT_BYTES } from "./own-words.js";
import { readMailbox } from "./read-mailbox.js";
import { readMessage } from "./read-message.js";

/**
 * Random and mutated messages and calendars never crash a reader: each becomes a mail, a meeting
 * or a problem (issue 18). Mutations start from the capture fixtures, so they reach deep into
 * MIME, encodings and recurrence rules rather than stopping at the first header.
 */

const FIXTURES = fileURLToPath(new URL("../../../../test/fixtures/capture/", import.meta.url));
const files = readdirSync(FIXTURES);
const SEPARATOR = "From sender@example.org Mon Jan 06 10:00:00 2025\n";

/** The fixture messages, one Buffer each: the .eml files and each message of the mbox files. */
const seeds: Buffer[] = [
  ...files.filter((f) => f.endsWith(".eml")).map((f) => readFileSync(FIXTURES + f)),
  ...files
    .filter((f) => f.endsWith(".mbox"))
    .flatMap((f) =>
      readFileSync(FIXTURES + f, "latin1")
        .split(/^From .*\r?\n/m)
        .filter((m) => m.trim() !== "")
        .map((m) => Buffer.from(m, "latin1")),
    ),
];
const calendars = [...files.filter((f) => f.endsWith(".ics")).map((f) => readFileSync(FIXTURES + f, "utf8"))];

/** One way to damage a message. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant("truncate" as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant("flip" as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    byte: fc.integer({ min: 0, max: 255 }),
    inHeaders: fc.boolean(),
  }),
  fc.record({ kind: fc.constant("boundary" as const), garbage: fc.string({ maxLength: 80 }) }),
  fc.record({ kind: fc.constant("huge-header" as const), size: fc.integer({ min: 1_000, max: 300_000 }) }),
  fc.record({
    kind: fc.constant("nul" as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    count: fc.integer({ min: 1, max: 50 }),
  }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    bytes: fc.uint8Array({ maxLength: 200 }),
  }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(message: Buffer, m: Mutation): Buffer {
  const at = (fraction: number, length = message.length) => Math.floor(fraction * length);
  switch (m.kind) {
    case "truncate":
      return message.subarray(0, at(m.at));
    case "flip": {
      const end = m.inHeaders
        ? Math.max(1, message.indexOf("\n\n") < 0 ? message.length : message.indexOf("\n\n"))
        : message.length;
      const copy = Buffer.from(message);
      if (copy.length > 0) copy[Math.min(copy.length - 1, at(m.at, end))] = m.byte;
      return copy;
    }
    case "boundary":
      return Buffer.from(
        message.toString("latin1").replace(/boundary="?([^"\s;]+)"?/gi, `boundary="${m.garbage}"`),
        "latin1",
      );
    case "huge-header":
      return Buffer.concat([
        Buffer.from(`X-Huge: ${"a".repeat(m.size)}\nSubject: ${"=?UTF-8?B?w6k=?= ".repeat(m.size / 200)}\n`),
        message,
      ]);
    case "nul": {
      const copy = Buffer.from(message);
      for (let i = 0; i < m.count && copy.length > 0; i++) copy[(at(m.at) + i * 7) % copy.length] = 0;
      return copy;
    }
    case "insert":
      return Buffer.concat([message.subarray(0, at(m.at)), Buffer.from(m.bytes), message.subarray(at(m.at))]);
  }
}

/** What every captured mail promises, whatever it was made from. */
function expectWellFormed(item: CapturedMail | CaptureProblem): void {
  if (item.kind === "problem") {
    expect(item.where).not.toBe("");
    expect(item.message).not.toBe("");
    return;
  }
  expect(item.kind).toBe("email");
  expect(item.sourceKey).toMatch(/^mail:./);
  expect(item.at === null || Number.isFinite(item.at)).toBe(true);
  expect(Buffer.byteLength(item.text)).toBeLessThanOrEqual(MAX_TEXT_BYTES);
  const strings = [item.sourceKey, item.subject, item.text, ...item.deliveredTo];
  for (const address of [item.from, ...item.to, ...item.cc])
    if (address !== null) strings.push(address.address, address.name ?? "");
  for (const text of strings) expect(text.includes("\u0000")).toBe(false);
}

function expectWellFormedMeeting(item: CapturedMeeting | CaptureProblem, until: number): void {
  if (item.kind === "problem") {
    expect(item.where).toMatch(/^(?:VEVENT|VTIMEZONE) \d+/);
    return;
  }
  expect(item.sourceKey).toMatch(/^ics:./);
  expect(Number.isFinite(item.at)).toBe(true);
  expect(item.at).toBeLessThanOrEqual(until);
}

describe("damaged mail never crashes the readers", () => {
  it("a mutated message is a mail or a problem", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...seeds),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        async (seed, mutations) => {
          const bytes = mutations.reduce(mutate, seed);
          expectWellFormed(await readMessage(bytes, "message 1"));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("an mbox of mutated messages, in pieces of any size, reads to the end", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...seeds), fc.array(mutation, { maxLength: 2 })), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.integer({ min: 1, max: 5000 }),
        async (messages, pieceSize) => {
          const file = Buffer.concat(
            messages.map(([seed, ms]) =>
              Buffer.concat([Buffer.from(SEPARATOR), ms.reduce(mutate, seed), Buffer.from("\n")]),
            ),
          );
          async function* pieces() {
            for (let at = 0; at < file.length; at += pieceSize) yield file.subarray(at, at + pieceSize);
          }
          let count = 0;
          for await (const item of readMailbox(pieces())) {
            expectWellFormed(item);
            count++;
          }
          // Every message is accounted for, as a mail or a problem (an emptied one too).
          expect(count).toBeGreaterThanOrEqual(messages.length);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("random bytes are problems or mails, never a crash", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        expectWellFormed(await readMessage(bytes, "message 1"));
        for await (const item of readMailbox(
          (async function* () {
            yield bytes;
          })(),
        ))
          expectWellFormed(item);
      }),
      { numRuns: 150 },
    );
  });
});

describe("damaged calendars never crash the reader", () => {
  const until = Date.parse("2025-11-25T12:00:00Z");
  const lineMutation = fc.oneof(
    fc.record({ kind: fc.constant("drop" as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
    fc.record({ kind: fc.constant("duplicate" as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
    fc.record({
      kind: fc.constant("garble" as const),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      text: fc.string({ maxLength: 30 }),
    }),
    fc.record({
      kind: fc.constant("rule" as const),
      which: fc.nat(),
      rule: fc.constantFrom(
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31",
        "FREQ=SECONDLY",
        "FREQ=DAILY;INTERVAL=0",
        "FREQ=WEEKLY;BYDAY=XX",
        "FREQ=MONTHLY;BYSETPOS=-400;BYDAY=MO",
        "COUNT=-1",
      ),
    }),
  );

  it("a mutated ICS is meetings and problems, or a clear error when it is no calendar any more", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...calendars),
        fc.array(lineMutation, { minLength: 1, maxLength: 5 }),
        (calendar, mutations) => {
          const lines = calendar.split("\r\n");
          for (const m of mutations) {
            const i = Math.floor(("at" in m ? m.at : 0) * lines.length);
            if (m.kind === "drop") lines.splice(i, 1);
            else if (m.kind === "duplicate") lines.splice(i, 0, lines[i] ?? "");
            else if (m.kind === "garble") lines[i] = m.text;
            else {
              // Any RRULE: a time zone's or a meeting's.
              const rules = lines.flatMap((line, at) => (line.startsWith("RRULE:") ? [at] : []));
              const r = rules[m.which % Math.max(1, rules.length)];
              if (r !== undefined) lines[r] = `RRULE:${m.rule}`;
            }
          }
          try {
            for (const item of readMeetings(lines.join("\r\n"), { until }))
              expectWellFormedMeeting(item, until);
          } catch (error) {
            expect(error).toBeInstanceOf(GoodwillError);
            expect(lines.some((line) => /^BEGIN:VCALENDAR\s*$/i.test(line))).toBe(false);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
