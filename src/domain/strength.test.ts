import { describe, expect, it } from "vitest";
import { contactSumsOf, EMPTY_CONTACT_SUMS } from "./contact-summary.js";
import { DAY_MS } from "./decay.js";
import type { ContactEvent } from "./model.js";
import { strengthAt } from "./strength.js";

const NOW = Date.UTC(2026, 2, 1);

describe("relationship strength", () => {
  it("a lunch 90 days ago, a call from them 180 days ago, closeness 4, met two years ago: 49", () => {
    // Rc = 0.5^(90/90) = 0.5                      → 30·0.5 = 15
    // M = 3·0.5 + 2·0.25 = 2; F = 1 − e^(−0.5) = 0.39347 → 25·F = 9.837 → 9.8
    // D = 0.6·3/4 + 0.25·(2/5) + 0.15·(2/3) = 0.45 + 0.1 + 0.1 = 0.65 → 30·D = 19.5
    // g = 0.5, r = 0.25; 1 − 0.25/2.75 = 0.90909, two contacts of six: Q = 0.90909·2/6 = 0.30303
    //   → 15·Q = 4.545 → 4.5
    // S = 15 + 9.837 + 19.5 + 4.545 = 48.88 → 49
    const events: ContactEvent[] = [
      { at: NOW - 90 * DAY_MS, channel: "in_person", initiatedBy: "me" },
      { at: NOW - 180 * DAY_MS, channel: "call", initiatedBy: "them" },
    ];
    const strength = strengthAt(
      { contacts: contactSumsOf(events), closeness: 4, metOnMs: NOW - 2 * 365.25 * DAY_MS },
      NOW,
    );
    expect(strength.score).toBe(49);
    expect(strength.parts).toEqual({ recency: 15, frequency: 9.8, depth: 19.5, reciprocity: 4.5 });
    expect(strength.explanation).toEqual([
      "Last contact 90 days ago: 15 of 30.",
      "About 2 weighted contact-days in the last months: 9.8 of 25.",
      "Closeness 4 of 5, known for 2 years, 2 channels used in the last year: 19.5 of 30.",
      "You both reach out about equally (2 contacts so far; it counts in full from 6): 4.5 of 15.",
    ]);
  });

  it("someone never contacted, at closeness 3, scores 9: depth only, no points for recency, frequency or reciprocity", () => {
    // Rc = 0, F = 0, Q = 0 (no contact); D = 0.6·2/4 = 0.3 → 9; S = 9
    const strength = strengthAt({ contacts: EMPTY_CONTACT_SUMS, closeness: 3, metOnMs: null }, NOW);
    expect(strength.score).toBe(9);
    expect(strength.parts).toEqual({ recency: 0, frequency: 0, depth: 9, reciprocity: 0 });
    expect(strength.explanation[0]).toBe("No contact yet: 0 of 30.");
    expect(strength.explanation[1]).toBe("No recent contact-days to count: 0 of 25.");
    expect(strength.explanation[3]).toBe("Nobody has reached out yet: 0 of 15.");
  });

  it("an imported stranger (closeness 2, unknown) scores 5 of 100", () => {
    // D = 0.6·1/4 = 0.15 → 4.5; everything else 0; S = round(4.5) = 5
    const strength = strengthAt({ contacts: EMPTY_CONTACT_SUMS, closeness: 2, metOnMs: null }, NOW);
    expect(strength.parts).toEqual({ recency: 0, frequency: 0, depth: 4.5, reciprocity: 0 });
    expect(strength.score).toBe(5);
  });

  it("one contact earns no reciprocity points, whoever started it", () => {
    const contacts = contactSumsOf([{ at: NOW - DAY_MS, channel: "call", initiatedBy: "them" }]);
    const strength = strengthAt({ contacts, closeness: 3, metOnMs: null }, NOW);
    expect(strength.parts.reciprocity).toBe(0);
    expect(strength.explanation[3]).toBe(
      "One contact so far; who reaches out counts from the second: 0 of 15.",
    );
  });

  it("reciprocity counts from two contacts and reaches its full 15 points at six", () => {
    // Unknown initiative counts half to each side: perfectly even, so Q = contacts/6 up to 1.
    const points = [1, 2, 3, 4, 5, 6, 9].map((n) => {
      const events: ContactEvent[] = Array.from({ length: n }, () => ({
        at: NOW,
        channel: "message",
        initiatedBy: "unknown",
      }));
      return strengthAt({ contacts: contactSumsOf(events), closeness: 3, metOnMs: null }, NOW).parts
        .reciprocity;
    });
    expect(points).toEqual([0, 5, 7.5, 10, 12.5, 15, 15]);
  });

  it("four messages sent today, all by me, say I reach out more and score 49", () => {
    // Rc = 1 → 30; one contact-day of weight 1: F = 1 − e^(−0.25) = 0.22120 → 5.53 → 5.5
    // D = 0.3 + 0 + 0.15·(1/3) = 0.35 → 10.5; g = 4, r = 0: 1 − 4/6 = 1/3, four contacts of six:
    // Q = 1/3 · 4/6 = 2/9 → 3.33 → 3.3
    // S = 30 + 5.53 + 10.5 + 3.33 = 49.36 → 49
    const events: ContactEvent[] = Array.from({ length: 4 }, () => ({
      at: NOW,
      channel: "message",
      initiatedBy: "me",
    }));
    const strength = strengthAt({ contacts: contactSumsOf(events), closeness: 3, metOnMs: null }, NOW);
    expect(strength.score).toBe(49);
    expect(strength.parts).toEqual({ recency: 30, frequency: 5.5, depth: 10.5, reciprocity: 3.3 });
    expect(strength.explanation[0]).toBe("Last contact today: 30 of 30.");
    expect(strength.explanation[3]).toBe(
      "You reach out more often than they do (4 contacts so far; it counts in full from 6): 3.3 of 15.",
    );
  });

  it("says so when they reach out more", () => {
    const events: ContactEvent[] = Array.from({ length: 4 }, () => ({
      at: NOW,
      channel: "message",
      initiatedBy: "them",
    }));
    const strength = strengthAt({ contacts: contactSumsOf(events), closeness: 3, metOnMs: null }, NOW);
    expect(strength.explanation[3]).toBe(
      "They reach out more often than you do (4 contacts so far; it counts in full from 6): 3.3 of 15.",
    );
  });

  it("a contact 145 days ago earns 9.8 of 30 for recency", () => {
    // 30 · 0.5^(145/90) = 30 · 0.32703 = 9.81
    const contacts = contactSumsOf([{ at: NOW - 145 * DAY_MS, channel: "email", initiatedBy: "me" }]);
    const strength = strengthAt({ contacts, closeness: 3, metOnMs: null }, NOW);
    expect(strength.parts.recency).toBe(9.8);
    expect(strength.explanation[0]).toBe("Last contact 145 days ago: 9.8 of 30.");
  });

  it("depth stops growing after five years, three channels and closeness 5", () => {
    // D = 0.6 + 0.25 + 0.15 = 1 → 30
    const events: ContactEvent[] = (["call", "email", "video", "in_person"] as const).map((channel) => ({
      at: NOW - 10 * DAY_MS,
      channel,
      initiatedBy: "unknown",
    }));
    const strength = strengthAt(
      { contacts: contactSumsOf(events), closeness: 5, metOnMs: NOW - 20 * 365.25 * DAY_MS },
      NOW,
    );
    expect(strength.parts.depth).toBe(30);
    // unknown initiative counts half to each side, so it is perfectly even: 15 · 4/6 = 10
    expect(strength.parts.reciprocity).toBe(10);
  });

  it("the parts add up to the score, rounding aside", () => {
    const events: ContactEvent[] = [
      { at: NOW - 3 * DAY_MS, channel: "video", initiatedBy: "them" },
      { at: NOW - 40 * DAY_MS, channel: "meeting", initiatedBy: "me" },
      { at: NOW - 200 * DAY_MS, channel: "social", initiatedBy: "me" },
    ];
    const s = strengthAt({ contacts: contactSumsOf(events), closeness: 2, metOnMs: null }, NOW);
    const sum = s.parts.recency + s.parts.frequency + s.parts.depth + s.parts.reciprocity;
    expect(Math.abs(sum - s.score)).toBeLessThanOrEqual(0.7);
    expect(s.explanation).toHaveLength(4);
  });
});
