import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromInstant, isId, newId, toInstant } from "./keys.js";

describe("new ids", () => {
  it("are UUIDv7s, each one new and later than the one before", () => {
    const made = Array.from({ length: 2_000 }, () => newId());
    for (const id of made) {
      expect(isId(id)).toBe(true);
      // version 7, RFC 4122 variant
      expect(id[14]).toBe("7");
      expect("89ab").toContain(id[19]);
    }
    expect(new Set(made).size).toBe(made.length);
    expect([...made].sort()).toEqual(made);
    // the last 32 bits are drawn anew for each id: over 2,000 ids each of them takes both values
    const ALL = 0xffffffff;
    const last = made.map((id) => Number.parseInt(id.slice(-8), 16));
    expect(last.reduce((all, bits) => (all | bits) >>> 0, 0)).toBe(ALL);
    expect(last.reduce((all, bits) => (all | (~bits >>> 0)) >>> 0, 0)).toBe(ALL);
  });
});

describe("stored instants", () => {
  it("read back exactly what was written, as Date.parse would", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }), (ms) => {
        const text = toInstant(ms);
        expect(fromInstant(text)).toBe(ms);
        expect(fromInstant(text)).toBe(Date.parse(text));
      }),
      { numRuns: 5_000 },
    );
  });

  it("agree with Date.parse on anything else, malformed included", () => {
    for (const text of [
      "2026-02-29T10:00:00.000Z",
      "2026-13-01T10:00:00.000Z",
      "2026-04-31T10:00:00.000Z",
      "2026-04-1xT10:00:00.000Z",
      "2026-11-25T24:00:00.000Z",
      "2026-11-25T12:00:00Z",
      "2026-11-25",
      "+012026-11-25T12:00:00.000Z",
      "",
    ])
      expect(fromInstant(text), text).toEqual(Date.parse(text));
  });
});
