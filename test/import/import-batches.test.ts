import { describe, expect, it } from "vitest";
import { nextBatchSize, SQLITE_ALONE_SIZING, timedBatches } from "../../src/app/timed-batches.js";
import { describeEachDialect, freshContext } from "../support/stores.js";

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
    expect(nextBatchSize(1_000, 400, SQLITE_ALONE_SIZING)).toBe(2_000);
    expect(nextBatchSize(5_000, 2_000, SQLITE_ALONE_SIZING)).toBe(2_500);
    expect(nextBatchSize(1_000, 400)).toBe(250);
  });

  it("on PostgreSQL's sizing, fills half a second, up to 10,000", () => {
    const postgres = { budgetMs: 500, max: 10_000 };
    expect(nextBatchSize(5_000, 400, postgres)).toBe(6_250);
    expect(nextBatchSize(8_000, 100, postgres)).toBe(10_000);
    expect(nextBatchSize(1_000, 4_000, postgres)).toBe(250);
  });
});

describeEachDialect("batches read while the last one is written", (dialect) => {
  it("writes every item once, in order, one batch after the other", async () => {
    const ctx = await freshContext(dialect);
    const written: number[][] = [];
    let writing = 0;
    let overlappedWrites = 0;
    const batches = timedBatches<number>(
      ctx,
      async (_tx, items) => {
        writing++;
        if (writing > 1) overlappedWrites++;
        await new Promise((resolve) => setTimeout(resolve, 5));
        written.push(items);
        writing--;
      },
      undefined,
      { budgetMs: 500, max: 10_000, overlapped: true },
    );
    for (let i = 0; i < 250; i++) await batches.add(i);
    // The first batch is full and being written: reading goes on meanwhile.
    expect(written).toEqual([]);
    for (let i = 250; i < 1_000; i++) await batches.add(i);
    await batches.flush();
    expect(overlappedWrites).toBe(0);
    expect(written.flat()).toEqual(Array.from({ length: 1_000 }, (_, i) => i));
    expect(written[0]).toHaveLength(250);
  });

  it("throws a batch's failure at the next add or flush, and writes nothing after it", async () => {
    const ctx = await freshContext(dialect);
    const written: number[][] = [];
    const batches = timedBatches<number>(
      ctx,
      async (_tx, items) => {
        if (items[0] === 0) throw new Error("the disk is full");
        written.push(items);
      },
      undefined,
      { budgetMs: 500, max: 10_000, overlapped: true },
    );
    const adding = async () => {
      for (let i = 0; i < 1_000; i++) await batches.add(i);
      await batches.flush();
    };
    await expect(adding()).rejects.toThrow("the disk is full");
    expect(written).toEqual([]);
  });

  it("lets a reader that fails wait for the batch still being written", async () => {
    const ctx = await freshContext(dialect);
    let committed = false;
    const batches = timedBatches<number>(
      ctx,
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        committed = true;
      },
      undefined,
      { budgetMs: 500, max: 10_000, overlapped: true },
    );
    for (let i = 0; i < 250; i++) await batches.add(i);
    expect(committed).toBe(false);
    await batches.settled();
    expect(committed).toBe(true);
  });
});
