/**
 * The weekly giving session (`goodwill week`): up to seven gives for the coming week, batched.
 * Several kind acts done on one day lift people more than the same acts spread over the week
 * (Lyubomirsky, Sheldon & Schkade 2005), so the gives are grouped into at most two sessions.
 */
import { DAY_MS } from "./decay.js";

export const WEEK_GIVES = 7;
/** Up to this many gives fit one session; more are split into two, three days apart. */
export const ONE_SESSION_MAX = 4;
export const SECOND_SESSION_AFTER_DAYS = 3;

/** One give per person or department (their first), in the order given, up to seven. */
export function pickWeekGives<T extends { personId: string }>(ordered: T[]): T[] {
  const seen = new Set<string>();
  const picked: T[] = [];
  for (const item of ordered) {
    if (seen.has(item.personId)) continue;
    seen.add(item.personId);
    picked.push(item);
    if (picked.length === WEEK_GIVES) break;
  }
  return picked;
}

/** The gives in sessions: one from tomorrow, and a second three days later when there are more than four. */
export function batchIntoSessions<T>(gives: T[], now: number): { date: string; gives: T[] }[] {
  const day = (offset: number) => new Date(now + offset * DAY_MS).toISOString().slice(0, 10);
  if (gives.length === 0) return [];
  if (gives.length <= ONE_SESSION_MAX) return [{ date: day(1), gives }];
  const first = Math.ceil(gives.length / 2);
  return [
    { date: day(1), gives: gives.slice(0, first) },
    { date: day(1 + SECOND_SESSION_AFTER_DAYS), gives: gives.slice(first) },
  ];
}
