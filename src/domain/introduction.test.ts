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

  it("drafts one opt-in message to each side, naming the other and why", () => {
    const { toA, toB } = optInMessages(
      { name: "Tim Keller", title: null, organization: "Cofebuz" },
      { name: "Concetta Russo", title: "Operations analyst", organization: "Brightline" },
      "She writes about learning IT's quick fixes, which fits your series.",
    );
    expect(toA).toBe(
      "Hi Tim, I would like to introduce you to Concetta Russo (Operations analyst at Brightline). Why I think you should meet: She writes about learning IT's quick fixes, which fits your series. Would you be happy for me to connect you? No pressure at all; if now is not a good time, just say so.",
    );
    expect(toB).toContain("Hi Concetta, I would like to introduce you to Tim Keller (Cofebuz). Why I think");
  });
});
