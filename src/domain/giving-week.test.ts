import { describe, expect, it } from "vitest";
import { batchIntoSessions, pickWeekGives } from "./giving-week.js";

const NOW = Date.parse("2026-11-25T12:00:00Z");

describe("the weekly giving session", () => {
  it("takes each person's first give, at most seven", () => {
    const ordered = ["a", "b", "a", "c", "d", "e", "f", "g", "h", "i"].map((personId, i) => ({
      personId,
      i,
    }));
    expect(pickWeekGives(ordered).map((g) => g.personId)).toEqual(["a", "b", "c", "d", "e", "f", "g"]);
  });

  it("batches a few gives into one session tomorrow, more into two sessions three days apart", () => {
    expect(batchIntoSessions([1, 2, 3], NOW)).toEqual([{ date: "2026-11-26", gives: [1, 2, 3] }]);
    expect(batchIntoSessions([1, 2, 3, 4, 5, 6, 7], NOW)).toEqual([
      { date: "2026-11-26", gives: [1, 2, 3, 4] },
      { date: "2026-11-29", gives: [5, 6, 7] },
    ]);
    expect(batchIntoSessions([], NOW)).toEqual([]);
  });
});
