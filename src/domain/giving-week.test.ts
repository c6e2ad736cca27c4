import { describe, expect, it } from "vitest";
import { GIVES_PER_DAY, pickWeekGives, scheduleWeek, weekDays } from "./giving-week.js";
import { DEFAULT_WORK_WEEK, parseWorkWeek } from "./work-week.js";

// Wednesday 25 November 2026: the week runs Thursday 26 November to Wednesday 2 December.
const DAYS = weekDays("2026-11-25");

const give = (
  name: string,
  slot: Partial<{ overdue: boolean; workContact: boolean; occasionOn: string }> = {},
) => ({
  name,
  overdue: slot.overdue ?? false,
  workContact: slot.workContact ?? false,
  occasionOn: slot.occasionOn ?? null,
});
const plan = (gives: ReturnType<typeof give>[], workWeek = DEFAULT_WORK_WEEK) =>
  scheduleWeek(gives, DAYS, workWeek).map((s) => [s.date, s.gives.map((g) => g.name)]);

describe("the weekly giving session", () => {
  it("takes each person's first give, at most seven", () => {
    const ordered = ["a", "b", "a", "c", "d", "e", "f", "g", "h", "i"].map((personId, i) => ({
      personId,
      i,
    }));
    expect(pickWeekGives(ordered).map((g) => g.personId)).toEqual(["a", "b", "c", "d", "e", "f", "g"]);
  });

  it("runs over the seven days after today", () => {
    expect(DAYS).toEqual([
      "2026-11-26",
      "2026-11-27",
      "2026-11-28",
      "2026-11-29",
      "2026-11-30",
      "2026-12-01",
      "2026-12-02",
    ]);
  });

  it("puts at most three gives on a day, the earliest days first", () => {
    const gives = "abcdefg".split("").map((n) => give(n));
    expect(plan(gives)).toEqual([
      ["2026-11-26", ["a", "b", "c"]],
      ["2026-11-27", ["d", "e", "f"]],
      ["2026-11-28", ["g"]],
    ]);
    expect(GIVES_PER_DAY).toBe(3);
  });

  it("keeps work contacts off Saturday and Sunday, and personal contacts may take the weekend", () => {
    const gives = [
      ...["w1", "w2", "w3", "w4", "w5", "w6", "w7"].map((n) => give(n, { workContact: true })),
      give("friend"),
    ];
    expect(plan(gives)).toEqual([
      ["2026-11-26", ["w1", "w2", "w3"]],
      ["2026-11-27", ["w4", "w5", "w6"]],
      ["2026-11-28", ["friend"]],
      ["2026-11-30", ["w7"]],
    ]);
  });

  it("follows the user's own work week: Sunday to Thursday leaves Friday and Saturday free", () => {
    const gives = ["a", "b", "c", "d", "e", "f", "g"].map((n) => give(n, { workContact: true }));
    expect(plan(gives, parseWorkWeek("sun-thu"))).toEqual([
      ["2026-11-26", ["a", "b", "c"]],
      ["2026-11-29", ["d", "e", "f"]],
      ["2026-11-30", ["g"]],
    ]);
  });

  it("puts overdue gives before the rest, on the day and across the week", () => {
    const gives = [
      give("soon1"),
      give("soon2"),
      give("late1", { overdue: true }),
      give("soon3"),
      give("late2", { overdue: true }),
    ];
    expect(plan(gives)).toEqual([
      ["2026-11-26", ["late1", "late2", "soon1"]],
      ["2026-11-27", ["soon2", "soon3"]],
    ]);
  });

  it("puts an occasion on its day; a colleague's Sunday birthday goes to the Friday before", () => {
    const gives = [
      give("sister", { occasionOn: "2026-11-29" }),
      give("colleague", { occasionOn: "2026-11-29", workContact: true }),
      give("other"),
    ];
    expect(plan(gives)).toEqual([
      ["2026-11-26", ["other"]],
      ["2026-11-27", ["colleague"]],
      ["2026-11-29", ["sister"]],
    ]);
  });

  it("leaves out an occasion that falls outside the week, and a colleague's whose workday before has passed keeps its day", () => {
    // Saturday 28 November, seen on Friday 27: the Friday before is today, so Saturday it is.
    const days = weekDays("2026-11-27");
    const out = scheduleWeek(
      [
        give("today", { occasionOn: "2026-11-27" }),
        give("colleague", { occasionOn: "2026-11-28", workContact: true }),
      ],
      days,
      DEFAULT_WORK_WEEK,
    );
    expect(out.map((s) => [s.date, s.gives.map((g) => g.name)])).toEqual([["2026-11-28", ["colleague"]]]);
  });
});
