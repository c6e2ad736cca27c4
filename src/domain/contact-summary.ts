/** What the strength score needs from a person's contact history (DESIGN §3.2), kept current on write. */
import { DAY_MS, growth, HALF_LIFE } from "./decay.js";
import { CHANNEL_WEIGHTS } from "./defaults.js";
import type { Channel, ContactEvent } from "./model.js";

export interface ContactSums {
  contacts: number;
  firstAt: number | null;
  lastAt: number | null;
  /** Σ over contact-days of the day's best channel weight · growth(dayStartMs, 90); a "contact-day" is a UTC calendar day; several contacts on one day count once, with the best channel of the day */
  frequency: number;
  /** Σ growth(at,90) over contacts I initiated, plus half of each "unknown" */
  initiatedByMe: number;
  initiatedByThem: number;
  /** last time each channel was used (epoch ms) */
  channelLastAt: Partial<Record<Channel, number>>;
}

export const EMPTY_CONTACT_SUMS: ContactSums = Object.freeze({
  contacts: 0,
  firstAt: null,
  lastAt: null,
  frequency: 0,
  initiatedByMe: 0,
  initiatedByThem: 0,
  channelLastAt: Object.freeze({}),
});

/** The UTC day number since 1970-01-01 of an instant. */
export function contactDay(atMs: number): number {
  return Math.floor(atMs / DAY_MS);
}

/** Adds one contact; `bestThatDay` is the best channel weight already counted for that contact-day (0 if none). Returns the new sums and the day's new best. */
export function addContact(
  sums: ContactSums,
  event: ContactEvent,
  bestThatDay: number,
): { sums: ContactSums; bestThatDay: number } {
  const weight = CHANNEL_WEIGHTS[event.channel];
  const best = Math.max(bestThatDay, weight);
  // Only the improvement over the day's best is added, so a day's term ends as best·growth
  // whatever order its contacts arrive in: a chatty day must not outweigh a lunch.
  const dayStart = contactDay(event.at) * DAY_MS;
  const frequency = sums.frequency + (best - bestThatDay) * growth(dayStart, HALF_LIFE.contact);

  const g = growth(event.at, HALF_LIFE.contact);
  const mine = event.initiatedBy === "me" ? g : event.initiatedBy === "unknown" ? g / 2 : 0;
  const theirs = event.initiatedBy === "them" ? g : event.initiatedBy === "unknown" ? g / 2 : 0;

  const previous = sums.channelLastAt[event.channel];
  const channelLastAt =
    previous !== undefined && previous >= event.at
      ? sums.channelLastAt
      : { ...sums.channelLastAt, [event.channel]: event.at };

  return {
    sums: {
      contacts: sums.contacts + 1,
      firstAt: sums.firstAt === null ? event.at : Math.min(sums.firstAt, event.at),
      lastAt: sums.lastAt === null ? event.at : Math.max(sums.lastAt, event.at),
      frequency,
      initiatedByMe: sums.initiatedByMe + mine,
      initiatedByThem: sums.initiatedByThem + theirs,
      channelLastAt,
    },
    bestThatDay: best,
  };
}

/** Full recomputation from history (used by tests and repair); must equal adding one by one. */
export function contactSumsOf(events: Iterable<ContactEvent>): ContactSums {
  const bestByDay = new Map<number, number>();
  let sums = EMPTY_CONTACT_SUMS;
  for (const event of events) {
    const day = contactDay(event.at);
    const added = addContact(sums, event, bestByDay.get(day) ?? 0);
    sums = added.sums;
    bestByDay.set(day, added.bestThatDay);
  }
  return sums;
}
