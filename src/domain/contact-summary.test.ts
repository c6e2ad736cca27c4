import { describe, expect, it } from "vitest";
import { addContact, contactDay, contactSumsOf, EMPTY_CONTACT_SUMS } from "./contact-summary.js";
import { DAY_MS, decayedAt } from "./decay.js";
import type { ContactEvent } from "./model.js";

const NOW = Date.UTC(2026, 2, 1);
const HOUR_MS = 3_600_000;

function contact(
  at: number,
  channel: ContactEvent["channel"],
  initiatedBy: ContactEvent["initiatedBy"],
): ContactEvent {
  return { at, channel, initiatedBy };
}

describe("contact summary", () => {
  it("numbers UTC days from 1970", () => {
    expect(contactDay(0)).toBe(0);
    expect(contactDay(Date.UTC(1970, 0, 2, 23, 59))).toBe(1);
    expect(contactDay(NOW + 5 * HOUR_MS)).toBe(contactDay(NOW));
  });

  it("a day with an email, a lunch and a message counts once, as the lunch", () => {
    // best channel of the day: in_person 3; M at the day's start = 3
    const day = [contact(NOW + 9 * HOUR_MS, "email", "me"), contact(NOW + 12 * HOUR_MS, "in_person", "them")];
    const orders = [day, [...day].reverse(), [...day, contact(NOW + 18 * HOUR_MS, "message", "me")]];
    for (const events of orders) {
      const sums = contactSumsOf(events);
      expect(decayedAt(sums.frequency, NOW, 90)).toBeCloseTo(3, 10);
    }
  });

  it("two calls 90 days apart weigh 2 and 1 today", () => {
    // 2·1 + 2·0.5 = 3
    const sums = contactSumsOf([contact(NOW, "call", "me"), contact(NOW - 90 * DAY_MS, "call", "them")]);
    expect(decayedAt(sums.frequency, NOW, 90)).toBeCloseTo(3, 10);
    expect(sums.contacts).toBe(2);
    expect(sums.firstAt).toBe(NOW - 90 * DAY_MS);
    expect(sums.lastAt).toBe(NOW);
  });

  it("a contact of unknown initiative counts half to each side", () => {
    // me: 1 + 0.5 (unknown) = 1.5; them: 0.5 (unknown)
    const sums = contactSumsOf([contact(NOW, "message", "me"), contact(NOW, "call", "unknown")]);
    expect(decayedAt(sums.initiatedByMe, NOW, 90)).toBeCloseTo(1.5, 10);
    expect(decayedAt(sums.initiatedByThem, NOW, 90)).toBeCloseTo(0.5, 10);
  });

  it("remembers the latest use of each channel, whatever the order of arrival", () => {
    const sums = contactSumsOf([
      contact(NOW, "email", "me"),
      contact(NOW - 400 * DAY_MS, "email", "me"),
      contact(NOW - 10 * DAY_MS, "video", "them"),
    ]);
    expect(sums.channelLastAt).toEqual({ email: NOW, video: NOW - 10 * DAY_MS });
  });

  it("added one by one with the day's best carried along, gives the full recomputation", () => {
    const events = [
      contact(NOW - 3 * DAY_MS, "message", "me"),
      contact(NOW - 3 * DAY_MS + HOUR_MS, "in_person", "them"),
      contact(NOW - DAY_MS, "social", "unknown"),
      contact(NOW - 3 * DAY_MS + 2 * HOUR_MS, "call", "me"),
    ];
    const best = new Map<number, number>();
    let sums = EMPTY_CONTACT_SUMS;
    for (const e of events) {
      const added = addContact(sums, e, best.get(contactDay(e.at)) ?? 0);
      sums = added.sums;
      best.set(contactDay(e.at), added.bestThatDay);
    }
    const full = contactSumsOf(events);
    // in_person 3 three days ago + social 0.25 one day ago
    const expected = 3 * 0.5 ** (3 / 90) + 0.25 * 0.5 ** (1 / 90);
    expect(decayedAt(sums.frequency, NOW, 90)).toBeCloseTo(expected, 10);
    expect(sums.frequency).toBeCloseTo(full.frequency, 6);
    expect(sums.initiatedByMe).toBeCloseTo(full.initiatedByMe, 6);
    expect(best.get(contactDay(NOW - 3 * DAY_MS))).toBe(3);
  });

  it("leaves the empty sums untouched", () => {
    addContact(EMPTY_CONTACT_SUMS, contact(NOW, "call", "me"), 0);
    expect(EMPTY_CONTACT_SUMS.contacts).toBe(0);
    expect(EMPTY_CONTACT_SUMS.channelLastAt).toEqual({});
  });
});
