import { describe, expect, it } from "vitest";
import { nextBatchSize } from "../../src/app/timed-batches.js";

describe("how many records an import writes per transaction", () => {
  it("grows while batches are quick, at most doubling, up to 5,000", () => {
    expect(nextBatchSize(250, 5)).toBe(500);
    expect(nextBatchSize(1_000, 60)).toBe(1_667);
    expect(nextBatchSize(4_000, 10)).toBe(5_000);
  });

  it("shrinks to what fits in a tenth of a second when a batch held the lock longer, never below 250", () => {
    expect(nextBatchSize(5_000, 400)).toBe(1_250);
    expect(nextBatchSize(500, 2_000)).toBe(250);
  });
});
