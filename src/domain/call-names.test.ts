import { describe, expect, it } from "vitest";
import { callNames, tellApart } from "./call-names.js";

describe("what advice calls a person", () => {
  it("the first name, unless another person of the listing has it too (case and accents aside)", () => {
    const names = callNames([
      { id: "1", name: "Ana Lopez" },
      { id: "2", name: "Bo Ek" },
      { id: "3", name: "Ána Silva" },
      { id: "1", name: "Ana Lopez" },
    ]);
    expect(Object.fromEntries(names)).toEqual({ "1": "Ana Lopez", "2": "Bo", "3": "Ána Silva" });
  });

  it("the same person twice is no clash", () => {
    expect(
      callNames([
        { id: "1", name: "Ana Lopez" },
        { id: "1", name: "Ana Lopez" },
      ]).get("1"),
    ).toBe("Ana");
  });

  it("two people in one sentence: first names when they differ, whole names when they are the same", () => {
    expect(tellApart({ name: "Ana Lopez" }, { name: "Cleo Hart" })).toEqual(["Ana", "Cleo"]);
    expect(tellApart({ name: "Ana Lopez" }, { name: "ana Silva" })).toEqual(["Ana Lopez", "ana Silva"]);
    // What the listing already calls them is kept when it tells them apart.
    expect(
      tellApart({ name: "Ana Lopez", call: "Ana Lopez" }, { name: "Ana Silva", call: "Ana Silva" }),
    ).toEqual(["Ana Lopez", "Ana Silva"]);
  });
});
