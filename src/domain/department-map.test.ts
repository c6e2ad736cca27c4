import { describe, expect, it } from "vitest";
import { departmentStatus } from "./department-map.js";

describe("a department's status on the map", () => {
  it("none, overdrawn, strong and thin, in that order of precedence", () => {
    expect(departmentStatus({ people: 0, averageStrength: null, balance: "balanced" })).toBe("none");
    expect(departmentStatus({ people: 3, averageStrength: 70, balance: "overdrawn" })).toBe("overdrawn");
    expect(departmentStatus({ people: 2, averageStrength: 40, balance: "balanced" })).toBe("strong");
    expect(departmentStatus({ people: 2, averageStrength: 39.9, balance: "giving" })).toBe("thin");
    expect(departmentStatus({ people: 1, averageStrength: 90, balance: "giving" })).toBe("thin");
  });
});
