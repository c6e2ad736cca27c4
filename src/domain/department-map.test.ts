import { describe, expect, it } from "vitest";
import { departmentStatus } from "./department-map.js";

describe("a department's status on the map", () => {
  it("none, overdrawn, strong and thin, in that order of precedence", () => {
    expect(departmentStatus({ contacted: 0, averageStrength: null, balance: "balanced" })).toBe("none");
    expect(departmentStatus({ contacted: 3, averageStrength: 70, balance: "overdrawn" })).toBe("overdrawn");
    expect(departmentStatus({ contacted: 2, averageStrength: 40, balance: "balanced" })).toBe("strong");
    expect(departmentStatus({ contacted: 2, averageStrength: 39.9, balance: "giving" })).toBe("thin");
    expect(departmentStatus({ contacted: 1, averageStrength: 90, balance: "giving" })).toBe("thin");
  });

  it("counts only the people I have been in touch with: names never contacted leave it at none", () => {
    // twelve imported cards in Legal, none contacted: still a gap to fill
    expect(departmentStatus({ contacted: 0, averageStrength: null, balance: "balanced" })).toBe("none");
  });
});
