import { describe, expect, it } from "vitest";
import { DAY_MS } from "./decay.js";
import { isThanksLate, staleAskAdvice, thanksOwedText } from "./open-loop-texts.js";

const NOW = Date.UTC(2026, 2, 1, 12);

describe("the words for open loops", () => {
  it("a thank-you owed for help last week says when; after 30 days it adds that a late one still counts", () => {
    expect(thanksOwedText(1)).toBe("You owe a thank-you for help yesterday.");
    expect(thanksOwedText(7)).toBe("You owe a thank-you for help 7 days ago.");
    expect(isThanksLate(30)).toBe(false);
    expect(thanksOwedText(30)).toBe("You owe a thank-you for help 30 days ago.");
    expect(isThanksLate(31)).toBe(true);
    expect(thanksOwedText(45)).toBe(
      "You owe a thank-you for help 45 days ago. A late thank-you still counts.",
    );
  });

  it("for a communal person the words carry no number of days", () => {
    expect(thanksOwedText(7, false)).toBe("You owe a thank-you for recent help.");
    expect(thanksOwedText(60, false)).toBe(
      "You owe a thank-you for help a while ago. A late thank-you still counts.",
    );
  });

  it("an ask open for 30 days or more is to follow up or withdraw; a younger one has no advice", () => {
    expect(staleAskAdvice(NOW - 12 * DAY_MS, NOW)).toBeNull();
    expect(staleAskAdvice(NOW - 30 * DAY_MS, NOW)).toBe(
      "Open for 30 days with no answer: follow up or withdraw it.",
    );
    expect(staleAskAdvice(NOW - 41.5 * DAY_MS, NOW)).toBe(
      "Open for 41 days with no answer: follow up or withdraw it.",
    );
  });
});
