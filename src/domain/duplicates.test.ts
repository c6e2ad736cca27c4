import { describe, expect, it } from "vitest";
import { type DuplicateSubject, findLikelyDuplicates, nameSimilarity } from "./duplicates.js";

const person = (id: string, nameKey: string, more: Partial<DuplicateSubject> = {}): DuplicateSubject => ({
  id,
  nameKey,
  organizationId: null,
  organization: null,
  emailKeys: [],
  phoneKeys: [],
  createdAt: `2026-01-0${id.length}T00:00:00.000Z`,
  ...more,
});

describe("name similarity", () => {
  it("is 1 for the same name, also with the words in another order or with punctuation", () => {
    expect(nameSimilarity("john smith", "john smith")).toBe(1);
    expect(nameSimilarity("smith, john", "john smith")).toBe(1);
  });
  it("is high for a typo, low for different people", () => {
    expect(nameSimilarity("jon smith", "john smith")).toBeCloseTo(0.9);
    expect(nameSimilarity("raj patel", "ravi patel")).toBeLessThan(0.85);
    expect(nameSimilarity("priya shah", "tom becker")).toBeLessThan(0.3);
  });
});

describe("likely duplicates", () => {
  it("pairs a typo, the same name in another order, a shared email and a shared phone; keeps the older", () => {
    const found = findLikelyDuplicates([
      person("1", "john smith"),
      person("22", "jon smith"),
      person("333", "lee ann"),
      person("4444", "ann lee"),
      person("55555", "kari", { emailKeys: ["k@x.example"] }),
      person("666666", "ola", { emailKeys: ["k@x.example"], phoneKeys: ["2079460958"] }),
      person("7777777", "nordmann", { phoneKeys: ["2079460958"] }),
    ]);
    const pairs = found.map((m) => [m.merge, m.keep, m.reasons.map((r) => r.code)]);
    expect(pairs).toEqual(
      expect.arrayContaining([
        ["22", "1", ["similar_name"]],
        ["4444", "333", ["same_name"]],
        ["666666", "55555", ["same_email"]],
        ["7777777", "666666", ["same_phone"]],
      ]),
    );
    expect(found).toHaveLength(4);
    expect(found[0]?.reasons[0]?.code).toBe("same_email");
  });

  it("never pairs on the organization alone, nor on a team's shared address or a short number", () => {
    const given = ["ann", "raj", "priya", "tom", "olga", "wei"];
    const family = ["lee", "patel", "shah", "becker", "petrova"];
    const team = Array.from({ length: 30 }, (_, i) =>
      person(`t${i}`, `${given[i % 6]} ${family[Math.floor(i / 6)]}`, {
        organizationId: "acme",
        emailKeys: ["info@acme.example"],
        phoneKeys: ["100"],
      }),
    );
    expect(findLikelyDuplicates(team)).toEqual([]);
  });
});
