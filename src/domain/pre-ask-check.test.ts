import { describe, expect, it } from "vitest";
import type { Balance } from "./giving-balance.js";
import { preAskWarning } from "./pre-ask-check.js";

const overdrawn: Balance = { gave: 1, received: 20, ratio: 2 / 23, label: "overdrawn", entries: 15 };
const balanced: Balance = { gave: 3, received: 3, ratio: 0.5, label: "balanced", entries: 6 };
const untracked: Balance = { gave: null, received: null, ratio: null, label: "untracked", entries: 9 };

describe("pre-ask warning", () => {
  it("warns before asking an overdrawn department for the fifteenth time", () => {
    const warning = preAskWarning({
      person: null,
      department: { name: "IT", balance: overdrawn, lastYear: { received: 14, gave: 1 } },
    });
    expect(warning).toBe(
      "You have received 14 times from IT in the last year and given once. Consider giving first.",
    );
  });

  it("names both the department and the person when both are overdrawn, department first", () => {
    const warning = preAskWarning({
      person: { name: "Raj Patel", balance: overdrawn, lastYear: { received: 3, gave: 0 } },
      department: { name: "IT", balance: overdrawn, lastYear: { received: 14, gave: 2 } },
    });
    expect(warning).toBe(
      "You have received 14 times from IT in the last year and given twice. " +
        "You have received 3 times from Raj Patel in the last year and given nothing. Consider giving first.",
    );
  });

  it("says it once when the person and the department are the same subject", () => {
    const subject = { name: "IT", balance: overdrawn, lastYear: { received: 1, gave: 0 } };
    expect(preAskWarning({ person: subject, department: subject })).toBe(
      "You have received once from IT in the last year and given nothing. Consider giving first.",
    );
  });

  it("stays quiet for balanced and communal relationships", () => {
    expect(
      preAskWarning({
        person: { name: "Ana", balance: untracked, lastYear: { received: 40, gave: 0 } },
        department: { name: "Accounting", balance: balanced, lastYear: { received: 3, gave: 3 } },
      }),
    ).toBeNull();
    expect(preAskWarning({ person: null, department: null })).toBeNull();
  });
});
