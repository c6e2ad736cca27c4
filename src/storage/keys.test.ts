import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromInstant, toInstant } from "./keys.js";

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
