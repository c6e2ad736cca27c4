/** Open loops (DESIGN §3.4): thanks owed, promises past due, asks left hanging. */
import { DAY_MS } from "./decay.js";
import { STALE_ASK_DAYS, THANKS_WINDOW_DAYS } from "./defaults.js";

/** A received entry in the last 90 days with no thanks given at or after it (late after 30). */
export function thanksOwed(
  { lastReceivedAt, lastThanksAt }: { lastReceivedAt: number | null; lastThanksAt: number | null },
  nowMs: number,
): boolean {
  // The latest received and latest thanks per counterpart decide it alone: if the latest received
  // is older than the window, so is every other; if a thanks came at or after it, it came after every
  // earlier one too (a late thank-you closes them all); otherwise that latest one is the open loop.
  if (lastReceivedAt === null) return false;
  if (nowMs - lastReceivedAt > THANKS_WINDOW_DAYS * DAY_MS) return false;
  return lastThanksAt === null || lastThanksAt < lastReceivedAt;
}

/** Whether a commitment due on `dueOn` (YYYY-MM-DD) is late: from the UTC day after the due date. */
export function isCommitmentLate(dueOn: string | null, nowMs: number): boolean {
  if (dueOn === null) return false;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dueOn.trim());
  if (!match) return false;
  const dueDayStart = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(dueDayStart)) return false;
  return nowMs >= dueDayStart + DAY_MS;
}

/** Whether an ask has been open for 30 days or more: time to follow up or withdraw it. */
export function isAskStale(askedAt: number, nowMs: number): boolean {
  return nowMs - askedAt >= STALE_ASK_DAYS * DAY_MS;
}
