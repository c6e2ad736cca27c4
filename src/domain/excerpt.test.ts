import { describe, expect, it } from "vitest";
import { type ExcerptPart, excerpt } from "./excerpt.js";

/** The parts written with [brackets] around matches, to read the expectations at a glance. */
const show = (parts: ExcerptPart[]) => parts.map((p) => (p.match ? `[${p.text}]` : p.text)).join("");

describe("a search hit's excerpt", () => {
  it("marks each word that starts with a searched word, accents and case folded", () => {
    expect(show(excerpt("Designed the cover of the Zürich report", ["zur"]))).toBe(
      "Designed the cover of the [Zürich] report",
    );
    expect(show(excerpt("Café Müller, near the office", ["CAFE", "mull"]))).toBe(
      "[Café] [Müller], near the office",
    );
    expect(show(excerpt("Reset my password, again", ["passwords"]))).toBe("Reset my password, again");
  });

  it("keeps the text as written: brackets and markup are text, lines are joined", () => {
    const parts = excerpt("Todo [x]\n<b>bring</b>  the deck", ["bring"]);
    expect(show(parts)).toBe("Todo [x] <b>[bring]</b> the deck");
    expect(parts.filter((p) => p.match)).toEqual([{ text: "bring", match: true }]);
  });

  it("cuts a long text around the first match and says so", () => {
    const words = Array.from({ length: 40 }, (_, i) => `w${i}`);
    words[25] = "Zürich";
    const parts = excerpt(words.join(" "), ["zurich"], 10);
    expect(show(parts)).toBe("…w22 w23 w24 [Zürich] w26 w27 w28 w29 w30 w31…");
    expect(show(excerpt(words.join(" "), ["w0"], 4))).toBe("[w0] w1 w2 w3…");
    expect(show(excerpt(words.join(" "), ["w39"], 4))).toBe("…w36 w37 w38 [w39]");
  });

  it("without a match (the index matched something else) shows the beginning", () => {
    expect(show(excerpt("ada@engines.example writes", ["nothing"], 3))).toBe("ada@engines.example…");
    expect(excerpt("", ["x"])).toEqual([]);
  });
});
