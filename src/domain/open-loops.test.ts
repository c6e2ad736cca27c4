import { describe, expect, it } from "vitest";
import { DAY_MS } from "./decay.js";
import { isAskStale, isCommitmentLate, thanksOwed } from "./open-loops.js";

const NOW = Date.UTC(2026, 2, 1, 12);

describe("thanks owed", () => {
  it("is owed for help received last week and not yet thanked", () => {
    expect(thanksOwed({ lastReceivedAt: NOW - 7 * DAY_MS, lastThanksAt: null }, NOW)).toBe(true);
    expect(thanksOwed({ lastReceivedAt: NOW - 7 * DAY_MS, lastThanksAt: NOW - 60 * DAY_MS }, NOW)).toBe(true);
  });

  it("is closed by a thank-you at or after the help, even a late one", () => {
    expect(thanksOwed({ lastReceivedAt: NOW - 7 * DAY_MS, lastThanksAt: NOW - 7 * DAY_MS }, NOW)).toBe(false);
    expect(thanksOwed({ lastReceivedAt: NOW - 7 * DAY_MS, lastThanksAt: NOW }, NOW)).toBe(false);
  });

  it("stays owed for 90 days, then lapses", () => {
    expect(thanksOwed({ lastReceivedAt: NOW - 31 * DAY_MS, lastThanksAt: null }, NOW)).toBe(true);
    expect(thanksOwed({ lastReceivedAt: NOW - 90 * DAY_MS, lastThanksAt: null }, NOW)).toBe(true);
    expect(thanksOwed({ lastReceivedAt: NOW - 91 * DAY_MS, lastThanksAt: null }, NOW)).toBe(false);
    expect(thanksOwed({ lastReceivedAt: null, lastThanksAt: null }, NOW)).toBe(false);
  });
});

describe("commitments and asks", () => {
  it("a promise due today is not late; from tomorrow it is", () => {
    expect(isCommitmentLate("2026-03-01", NOW)).toBe(false);
    expect(isCommitmentLate("2026-03-01", Date.UTC(2026, 2, 1, 23, 59))).toBe(false);
    expect(isCommitmentLate("2026-03-01", Date.UTC(2026, 2, 2))).toBe(true);
    expect(isCommitmentLate(null, NOW)).toBe(false);
    expect(isCommitmentLate("someday", NOW)).toBe(false);
  });

  it("an ask open for 30 days is stale; one open for 29 days and 23 hours is not yet", () => {
    expect(isAskStale(NOW - 30 * DAY_MS + 3_600_000, NOW)).toBe(false);
    expect(isAskStale(NOW - 30 * DAY_MS, NOW)).toBe(true);
    expect(isAskStale(NOW - 31 * DAY_MS, NOW)).toBe(true);
  });
});
