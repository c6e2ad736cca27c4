import { describe, expect, it } from "vitest";
import type { NoteItem } from "../../contract/reminders.js";
import { pickItems } from "./note.js";

const item = (kind: NoteItem["kind"], title: string, personId: string | null): NoteItem => ({
  kind,
  title,
  detail: "",
  person: personId ? { id: personId, name: title } : null,
  link: "",
  action: null,
});
const titles = (items: NoteItem[]) => items.map((i) => i.title);

describe("the items a daily note picks", () => {
  it("takes everything when there are five or fewer, thanks first, then promises, occasions, reach-outs", () => {
    const picked = pickItems([
      [item("thanks", "t1", "a")],
      [item("promise", "p1", "b")],
      [],
      [item("reach-out", "r1", "c"), item("reach-out", "r2", "d")],
    ]);
    expect(titles(picked)).toEqual(["t1", "p1", "r1", "r2"]);
  });

  it("gives every kind a place in turn before any kind gets another", () => {
    const many = (kind: NoteItem["kind"], prefix: string) =>
      [1, 2, 3, 4].map((n) => item(kind, `${prefix}${n}`, `${prefix}${n}`));
    expect(
      titles(pickItems([many("thanks", "t"), [], many("occasion", "o"), many("reach-out", "r")])),
    ).toEqual(["t1", "t2", "o1", "o2", "r1"]);
    // All four kinds full: one of each, and the fifth place to the first kind (thanks).
    expect(
      titles(
        pickItems([many("thanks", "t"), many("promise", "p"), many("occasion", "o"), many("reach-out", "r")]),
      ),
    ).toEqual(["t1", "t2", "p1", "o1", "r1"]);
  });

  it("fills the room left with the next items of the same kinds, and keeps the kinds in order", () => {
    const thanks = [1, 2, 3, 4, 5, 6].map((n) => item("thanks", `t${n}`, `t${n}`));
    const picked = pickItems([thanks, [item("promise", "p1", "p1")], [], []]);
    expect(titles(picked)).toEqual(["t1", "t2", "t3", "t4", "p1"]);
  });

  it("names a person once: the first item about them wins, and the place goes to the next", () => {
    const picked = pickItems([
      [item("thanks", "Thank Kevin", "kevin")],
      [],
      [item("occasion", "Kevin's birthday", "kevin"), item("occasion", "Ada's birthday", "ada")],
      [item("reach-out", "Get in touch with Kevin", "kevin")],
    ]);
    expect(titles(picked)).toEqual(["Thank Kevin", "Ada's birthday"]);
  });

  it("never merges items that name no person (thanks owed to departments)", () => {
    const picked = pickItems([
      [item("thanks", "Thank IT", null), item("thanks", "Thank Facilities", null)],
      [],
      [],
      [],
    ]);
    expect(titles(picked)).toEqual(["Thank IT", "Thank Facilities"]);
  });

  it("is empty when there is nothing", () => {
    expect(pickItems([[], [], [], []])).toEqual([]);
  });
});
