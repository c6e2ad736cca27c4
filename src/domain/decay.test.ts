import { describe, expect, it } from "vitest";
import { DAY_MS, daysBetween, decay, decayedAt, growth, HALF_LIFE, SUM_EPOCH_MS } from "./decay.js";

const NOW = Date.UTC(2026, 2, 1);

describe("decay", () => {
  it("halves a moment's weight every half-life", () => {
    expect(decay(0, 90)).toBe(1);
    expect(decay(90, 90)).toBe(0.5);
    expect(decay(180, 90)).toBe(0.25);
    expect(decay(365, HALF_LIFE.received)).toBe(0.5);
  });

  it("counts days between two instants, fractions included", () => {
    expect(daysBetween(NOW, NOW + 36 * 3_600_000)).toBe(1.5);
    expect(daysBetween(NOW, NOW - DAY_MS)).toBe(-1);
  });
});

describe("growth sums", () => {
  it("grow by a factor of two every half-life after the sum epoch", () => {
    expect(growth(SUM_EPOCH_MS, 90)).toBe(1);
    expect(growth(SUM_EPOCH_MS + 90 * DAY_MS, 90)).toBe(2);
    expect(growth(SUM_EPOCH_MS - 180 * DAY_MS, 90)).toBe(0.25);
  });

  it("scaled at read time give the same number as decaying every entry", () => {
    // Weights 2, 3 and 1 at 0, 90 and 270 days before now, H = 90:
    // 2·1 + 3·0.5 + 1·0.125 = 3.625
    const entries = [
      { w: 2, at: NOW },
      { w: 3, at: NOW - 90 * DAY_MS },
      { w: 1, at: NOW - 270 * DAY_MS },
    ];
    const sum = entries.reduce((acc, e) => acc + e.w * growth(e.at, 90), 0);
    expect(decayedAt(sum, NOW, 90)).toBeCloseTo(3.625, 10);
  });

  it("of nothing stay zero at any time", () => {
    expect(decayedAt(0, NOW, 180)).toBe(0);
  });
});
