import { describe, expect, it } from "vitest";
import { contentWords, matchNeedsToOffers, stem } from "./need-offer-match.js";

describe("matching needs against offers", () => {
  it("stems meet across word forms and accents", () => {
    expect(stem("designer")).toBe(stem("designs"));
    expect(stem("Hiring")).toBe(stem("hire"));
    expect(stem("rules")).toBe(stem("rule"));
    expect(stem("Café")).toBe(stem("cafe"));
    expect(contentWords("Looking for someone who knows payroll").map((w) => w.word)).toEqual(["payroll"]);
  });

  it("a need finds the offer of someone else that shares its subject, and says which words", () => {
    const matches = matchNeedsToOffers(
      [{ id: "n1", personId: "ana", text: "Hiring a designer for the spring campaign" }],
      [
        { id: "o1", personId: "ben", text: "Knows the payroll rules" },
        { id: "o2", personId: "cleo", text: "Designs logos and brochures" },
        { id: "o3", personId: "ana", text: "Design reviews" },
      ],
    );
    expect(matches).toHaveLength(1);
    expect(matches[0]?.offer.id).toBe("o2");
    expect(matches[0]?.sharedWords).toEqual(["designer"]);
  });

  it("rarer shared words count more than common ones", () => {
    const matches = matchNeedsToOffers(
      [{ id: "n1", personId: "ana", text: "payroll questions for the team" }],
      [
        { id: "o1", personId: "ben", text: "team building" },
        { id: "o2", personId: "cleo", text: "payroll" },
        { id: "o3", personId: "dan", text: "team lunches" },
      ],
    );
    expect(matches[0]?.offer.id).toBe("o2");
  });

  it("no shared subject word, no match: filler words never match", () => {
    expect(
      matchNeedsToOffers(
        [{ id: "n1", personId: "ana", text: "Needs help with something new" }],
        [{ id: "o1", personId: "ben", text: "Can help anyone with something" }],
      ),
    ).toEqual([]);
  });

  it("the stemmer and the synonyms join word forms no suffix list did", () => {
    expect(stem("photographer")).toBe(stem("photography"));
    expect(stem("accountant")).toBe(stem("accounting"));
    expect(stem("lawyer")).toBe(stem("legal"));
    expect(stem("writers")).toBe(stem("writes"));
    expect(stem("payroll")).not.toBe(stem("photography"));
    const matches = matchNeedsToOffers(
      [
        { id: "n1", personId: "hana", text: "Looking for a wedding photographer" },
        { id: "n2", personId: "omar", text: "Needs a good accountant for the firm" },
        { id: "n3", personId: "lee", text: "A lawyer to read a lease" },
      ],
      [
        { id: "o1", personId: "ben", text: "Accounting help for small firms" },
        { id: "o2", personId: "cleo", text: "Photography for events and weddings" },
        { id: "o3", personId: "dan", text: "Legal advice for tenants" },
      ],
    );
    expect(matches.map((m) => [m.need.id, m.offer.id])).toEqual([
      ["n1", "o2"],
      ["n2", "o1"],
      ["n3", "o3"],
    ]);
  });

  it("a doer meets the doing: a plumber is found for plumbing, a painter for painting, either way round", () => {
    const pairs: [string, string][] = [
      ["Looking for a plumber", "plumbing"],
      ["Help with plumbing in the new flat", "Trained plumbers in the family"],
      ["A good painter", "Painting and decorating"],
      ["Catering for forty", "A caterer friend"],
      ["A tutor for maths", "Tutoring after school"],
    ];
    for (const [need, offer] of pairs) {
      const matches = matchNeedsToOffers(
        [{ id: "n", personId: "ana", text: need }],
        [{ id: "o", personId: "ben", text: offer }],
      );
      expect(
        matches.map((m) => m.offer.id),
        `${need} / ${offer}`,
      ).toEqual(["o"]);
    }
  });

  it("words alike only in -er and -ing are not one subject: letters are not lettings, posters not postings", () => {
    const pairs: [string, string][] = [
      ["plumber", "plum"],
      ["plumbing", "plum"],
      ["paper", "pap"],
      ["corner", "corn"],
      ["poster", "post"],
      ["A reference letter", "Letting agent"],
      ["Get better at public speaking", "Sports betting tips"],
      ["Baby shower ideas", "Showing houses"],
      ["Poster design", "Job posting"],
      ["Summer camp", "Summing spreadsheets"],
      ["Flower arrangements", "Flowing water features"],
    ];
    for (const [need, offer] of pairs) {
      expect(
        matchNeedsToOffers(
          [{ id: "n", personId: "ana", text: need }],
          [{ id: "o", personId: "ben", text: offer }],
        ).map((m) => m.sharedWords),
        `${need} / ${offer}`,
      ).toEqual([]);
    }
  });
});
