import { describe, expect, it } from "vitest";
import { allowedMoves, applyMove, optInMessages } from "./introduction.js";

describe("introductions", () => {
  it("needs both sides to agree, in either order, before it can be made", () => {
    expect(applyMove("proposed", "made")).toBeNull();
    expect(applyMove("proposed", "b_agreed")).toBe("b_agreed");
    expect(applyMove("b_agreed", "made")).toBeNull();
    expect(applyMove("b_agreed", "a_agreed")).toBe("agreed");
    expect(applyMove("a_agreed", "b_agreed")).toBe("agreed");
    expect(applyMove("agreed", "made")).toBe("made");
  });

  it("a declined introduction is over; a made one only takes its outcome", () => {
    expect(allowedMoves("declined")).toEqual([]);
    expect(allowedMoves("made")).toEqual(["made"]);
    expect(applyMove("made", "declined")).toBeNull();
    expect(applyMove("agreed", "declined")).toBe("declined");
  });

  it("drafts one opt-in message to each side, each saying in the second person what the other brings", () => {
    const { toA, toB } = optInMessages(
      {
        name: "Tim Keller",
        title: null,
        organization: "Cofebuz",
        needs: ["Guest writers for a series on IT"],
      },
      {
        name: "Concetta Russo",
        title: "Operations analyst",
        organization: "Brightline",
        offers: ["Writes about learning IT's quick fixes"],
      },
      "Concetta learnt IT's quick fixes and would write about it for your series",
    );
    // Tim also reads the user's reason, written to him; Concetta does not: it talks about her.
    expect(toA).toBe(
      "Hi Tim, I would like to introduce you to Concetta Russo (Operations analyst at Brightline). Concetta writes about learning IT's quick fixes, and you are looking for guest writers for a series on IT. Why I think you should meet: Concetta learnt IT's quick fixes and would write about it for your series. Would you be happy for me to connect you? No pressure at all; if now is not a good time, just say so.",
    );
    expect(toB).toBe(
      "Hi Concetta, I would like to introduce you to Tim Keller (Cofebuz). Tim is looking for guest writers for a series on IT, and you write about learning IT's quick fixes. Would you be happy for me to connect you? No pressure at all; if now is not a good time, just say so.",
    );
  });

  it("a reason that says he or she stays out of both drafts: it may be describing the reader", () => {
    const { toA, toB } = optInMessages(
      { name: "Ana Ruiz", title: null, organization: null },
      { name: "Tom Berg", title: null, organization: null },
      "tom can get her into the planning office",
    );
    expect(toA).not.toContain("get her into");
    expect(toB).not.toContain("get her into");
    const macros = optInMessages(
      { name: "Raj Patel", title: null, organization: null },
      { name: "Lina Chow", title: null, organization: null },
      "she knows macros",
    );
    expect(`${macros.toA} ${macros.toB}`).not.toMatch(/she knows macros/i);
  });

  it("with nothing known from needs and offers, the user's reason goes only to a side it does not talk about", () => {
    const both = optInMessages(
      { name: "Kevin O'Brien", title: null, organization: null },
      { name: "Concetta Russo", title: null, organization: null },
      "Both are planning the office move",
    );
    expect(both.toA).toContain("Why I think you should meet: Both are planning the office move.");
    expect(both.toB).toContain("Why I think you should meet: Both are planning the office move.");
    const { toA, toB } = optInMessages(
      { name: "Tim Keller", title: null, organization: "Cofebuz" },
      { name: "Concetta Russo", title: null, organization: "Brightline" },
      "Concetta learnt IT's quick fixes and would write about it for your series.",
    );
    expect(toA).toContain(
      "Why I think you should meet: Concetta learnt IT's quick fixes and would write about it for your series.",
    );
    expect(toB).not.toContain("Concetta learnt");
    expect(toB).toContain("I think you two would have a lot to talk about.");
  });
});
