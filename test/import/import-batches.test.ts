import { describe, expect, it } from "vitest";
import { BATCH_BUDGET_ALONE_MS, nextBatchSize } from "../../src/app/timed-batches.js";

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

  it("lets a CLI import, with no requests of its own to answer, hold the lock ten times as long", () => {
    expect(nextBatchSize(1_000, 400, BATCH_BUDGET_ALONE_MS)).toBe(2_000);
    expect(nextBatchSize(5_000, 2_000, BATCH_BUDGET_ALONE_MS)).toBe(2_500);
    expect(nextBatchSize(1_000, 400)).toBe(250);
  });
});
