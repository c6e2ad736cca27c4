import { describe, expect, it } from "vitest";
import { quoteText } from "./quote-text.js";

describe("quoting a user's words inside advice", () => {
  it("puts the words in typographic quotes, without the final full stop", () => {
    expect(quoteText("Fixed my laptop.")).toBe("“Fixed my laptop”");
    expect(quoteText("  Swapped the drive!  ")).toBe("“Swapped the drive”");
  });

  it("drops quotes the user put all round the text, never doubling them", () => {
    expect(quoteText('"Fixed my laptop"')).toBe("“Fixed my laptop”");
    expect(quoteText("“Fixed my laptop”")).toBe("“Fixed my laptop”");
    expect(quoteText("'Fixed my laptop'")).toBe("“Fixed my laptop”");
  });

  it("turns quotes inside the text into single ones, so no two quote marks meet", () => {
    expect(quoteText('Set up "Teams" for the bid')).toBe("“Set up ‘Teams’ for the bid”");
    expect(quoteText('Set up "Teams"')).toBe("“Set up ‘Teams’”");
    expect(quoteText('"Teams" and "Zoom" set up')).toBe("“‘Teams’ and ‘Zoom’ set up”");
    expect(quoteText("Lent me Kevin's ladder")).toBe("“Lent me Kevin's ladder”");
  });
});
