import { describe, expect, it } from "vitest";
import { repairPerson } from "./backup-repair.js";

describe("mending a hand-edited backup's person", () => {
  it("takes the nearest value Goodwill accepts, or leaves the value out, and says so", () => {
    const person: Record<string, unknown> = {
      layer: 7,
      closeness: 9,
      cadenceDays: -3,
      birthday: "1975-02-30",
      name: "N".repeat(300),
    };
    const found = repairPerson(person);
    expect(found.map((f) => f.field)).toEqual(["layer", "closeness", "cadenceDays", "birthday", "name"]);
    expect(person).toMatchObject({ layer: 5, closeness: 5, cadenceDays: null, birthday: null });
    expect((person.name as string).length).toBe(200);
  });

  it("leaves a person Goodwill would accept as it is", () => {
    const person = { layer: 15, closeness: 3, cadenceDays: 30, birthday: "--02-29", name: "Dana Dee" };
    expect(repairPerson({ ...person })).toEqual([]);
  });
});
