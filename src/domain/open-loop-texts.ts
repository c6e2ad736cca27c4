/**
 * What the user reads about an open loop (DESIGN §3.4): a thank-you owed, late after 30 days but
 * still worth sending until 90, and an ask left hanging for 30 days or more.
 */
import { DAY_MS } from "./decay.js";
import { LATE_THANKS_DAYS } from "./defaults.js";
import { isAskStale } from "./open-loops.js";

/** Said of a thank-you owed for more than 30 days: it is late, and still worth sending. */
export const LATE_THANKS_NOTE = "A late thank-you still counts.";

/** Whether a thank-you owed for help `daysAgo` days ago is late (more than 30 days). */
export function isThanksLate(daysAgo: number): boolean {
  return daysAgo > LATE_THANKS_DAYS;
}

/**
 * The sentence about a thank-you owed: when the help came and, after 30 days, that a late thank-you
 * still counts. `counted` is false for a communal person, whose loops carry no figures.
 */
export function thanksOwedText(daysAgo: number, counted = true): string {
  const when = !counted
    ? "recent help"
    : daysAgo <= 0
      ? "help today"
      : daysAgo === 1
        ? "help yesterday"
        : `help ${daysAgo} days ago`;
  if (!isThanksLate(daysAgo)) return `You owe a thank-you for ${when}.`;
  return `You owe a thank-you for ${counted ? when : "help a while ago"}. ${LATE_THANKS_NOTE}`;
}

/** How many whole days an ask has been open. */
export function daysOpen(askedAtMs: number, nowMs: number): number {
  return Math.max(0, Math.floor((nowMs - askedAtMs) / DAY_MS));
}

/**
 * The advice on an ask open for 30 days or more: follow up or withdraw it (an ask left hanging
 * weighs on both sides). null while it is younger.
 */
export function staleAskAdvice(askedAtMs: number, nowMs: number): string | null {
  if (!isAskStale(askedAtMs, nowMs)) return null;
  return `Open for ${daysOpen(askedAtMs, nowMs)} days with no answer: follow up or withdraw it.`;
}
