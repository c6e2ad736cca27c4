import { describe, expect, it } from "vitest";
import {
  expectAddressedTo,
  expectCleanAdvice,
  expectNoDoubledQuote,
  expectNoRepeats,
} from "./advice-checks.js";

describe("the checks every story's advice goes through catch what was seen", () => {
  it("a user's quoted text quoted again", () => {
    expect(() => expectNoDoubledQuote('Ask Omar how ""Needs a good accountant"" is going')).toThrow();
    expect(() => expectNoDoubledQuote('Omar\'s need: “"a good accountant"”.')).toThrow();
    expectNoDoubledQuote("Omar's need: “a good accountant for the firm”. Offer one concrete thing.");
  });

  it("a draft that describes its own reader", () => {
    expect(() =>
      expectAddressedTo(
        "Hi Concetta, Concetta learnt IT's quick fixes and would write about it.",
        "Concetta Rossi",
      ),
    ).toThrow();
    expectAddressedTo(
      "Hi Concetta, Tim runs the IT help desk and could tell you its quick fixes.",
      "Concetta Rossi",
    );
    expectAddressedTo("Thank Marko by name for the fix.", "Mark");
  });

  it("one line twice in one listing", () => {
    expect(() => expectNoRepeats(["Thank Dana", "Thank Dana"])).toThrow();
    expect(() => expectCleanAdvice(["Mark should thank Dana"], "Mark")).toThrow();
    expectCleanAdvice(["Thank Dana by name", "Bring Kevin a coffee"], "Mark");
  });
});
