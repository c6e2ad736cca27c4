import { describe, expect, it } from "vitest";
import { CHANNEL_WEIGHTS, clampWeight, defaultWeight, LAYER_RULES, layerCadence } from "./defaults.js";
import { EXCHANGE_KINDS } from "./model.js";

describe("defaults", () => {
  it("weigh a lunch or support three times a thank-you", () => {
    expect(EXCHANGE_KINDS.map(defaultWeight)).toEqual([1, 2, 2, 2, 3, 2, 3, 2, 1]);
  });

  it("clamp user weights to 0.25–8", () => {
    expect(clampWeight(0.1)).toBe(0.25);
    expect(clampWeight(12)).toBe(8);
    expect(clampWeight(1.5)).toBe(1.5);
    expect(clampWeight(Number.NaN)).toBe(0.25);
  });

  it("give the inner circle the most weight and acquaintances no cadence", () => {
    expect(LAYER_RULES[5].priorityWeight).toBe(4);
    expect(LAYER_RULES[500].priorityWeight).toBe(0);
    expect(layerCadence(500, false)).toBeNull();
    expect(layerCadence(50, true)).toBe(90);
  });

  it("count meeting in person most and a social like least", () => {
    expect(CHANNEL_WEIGHTS.in_person).toBe(3);
    expect(CHANNEL_WEIGHTS.social).toBe(0.25);
  });
});
