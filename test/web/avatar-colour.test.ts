import { uuidv7 } from "uuidv7";
import { describe, expect, it } from "vitest";
import {
  AVATAR_PALETTE,
  avatarColour,
  contrastWithWhite,
  initials,
} from "../../web/src/components/avatar-colour.js";

describe("a person's avatar", () => {
  it("every colour carries white initials at 4.5:1 or more", () => {
    for (const colour of AVATAR_PALETTE)
      expect(contrastWithWhite(colour), colour).toBeGreaterThanOrEqual(4.5);
    // the ratio is the WCAG one: black on white is 21:1, white on white 1:1
    expect(contrastWithWhite("#000000")).toBeCloseTo(21, 5);
    expect(contrastWithWhite("#ffffff")).toBeCloseTo(1, 5);
  });

  it("the same id gets the same colour every time, and ids made one after another spread over the palette", () => {
    const ids = Array.from({ length: 2000 }, () => uuidv7());
    const first = ids[0] as string;
    expect(avatarColour(first)).toBe(avatarColour(`${first}`));
    const used = new Map<string, number>();
    for (const id of ids) used.set(avatarColour(id), (used.get(avatarColour(id)) ?? 0) + 1);
    expect([...used.keys()].sort()).toEqual([...AVATAR_PALETTE].sort());
    // about 200 each: none less than half of that, none more than half again
    for (const [colour, n] of used) {
      expect(n, colour).toBeGreaterThan(100);
      expect(n, colour).toBeLessThan(300);
    }
  });

  it("initials are the first and last names' first letters, skipping what is not a name", () => {
    expect(initials("Raj Patel")).toBe("RP");
    expect(initials("Concetta Russo-Bianchi")).toBe("CR");
    expect(initials("  Mum ")).toBe("M");
    expect(initials("ștefan ó súilleabháin")).toBe("ȘS");
    expect(initials("Kevin O'Brien (IT)")).toBe("KI");
    expect(initials("Dana - Whitfield")).toBe("DW");
    expect(initials("🙂")).toBe("?");
    expect(initials("")).toBe("?");
  });
});
