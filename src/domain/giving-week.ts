/**
 * The weekly giving session (`goodwill week`): up to seven gives for the coming week, batched.
 * Several kind acts done on one day lift people more than the same acts spread over the week
 * (Lyubomirsky, Sheldon & Schkade 2005), so gives go on the earliest day that suits them, at most
 * three a day. Work contacts get workdays (the profile's work week); an occasion is on its day, or
 * for a work contact whose occasion falls on a day off, on the workday before.
 */
import { addDays, isWorkday, type WeekdayName, workdayBefore } from "./work-week.js";

export const WEEK_GIVES = 7;
export const WEEK_DAYS = 7;
/** At most this many gives a day: a session, not a chore list. */
export const GIVES_PER_DAY = 3;

/** One give per person or department (their first), in the order given, up to seven. */
export function pickWeekGives<T extends { personId: string }>(ordered: T[], max = WEEK_GIVES): T[] {
  const seen = new Set<string>();
  const picked: T[] = [];
  for (const item of ordered) {
    if (seen.has(item.personId)) continue;
    seen.add(item.personId);
    picked.push(item);
    if (picked.length === max) break;
  }
  return picked;
}

/** What the scheduler needs to know of a give. */
export interface WeekSlot {
  /** late already: a thank-you owed, a promise past its date, someone past their rhythm */
  overdue: boolean;
  /** a colleague or an outside work contact: only on workdays */
  workContact: boolean;
  /** an occasion's own day (YYYY-MM-DD), or null for a give that can go on any suitable day */
  occasionOn: string | null;
}

/** The days of the coming week: the seven days after `today`. */
export function weekDays(today: string): string[] {
  return Array.from({ length: WEEK_DAYS }, (_, i) => addDays(today, i + 1));
}

/**
 * The gives on the days of the week: occasions on their day (a work contact's day off moves it to
 * the workday before), then the others, overdue first, each on the earliest day with room that
 * suits the person; at most three a day. A give that finds no day in the week is left out (an
 * occasion today or after the week is Today's business, not the week's).
 */
export function scheduleWeek<T extends WeekSlot>(
  gives: readonly T[],
  days: readonly string[],
  workWeek: readonly WeekdayName[],
): { date: string; gives: T[] }[] {
  const onDay = new Map<string, T[]>(days.map((d) => [d, []]));
  const room = (day: string) => (onDay.get(day)?.length ?? GIVES_PER_DAY) < GIVES_PER_DAY;
  for (const give of gives) {
    if (give.occasionOn === null) continue;
    const day =
      give.workContact && !isWorkday(give.occasionOn, workWeek)
        ? workdayBefore(give.occasionOn, workWeek)
        : give.occasionOn;
    // The workday before may be today or earlier: then the day itself is better than nothing.
    const chosen = onDay.has(day) ? day : give.occasionOn;
    if (onDay.has(chosen) && room(chosen)) onDay.get(chosen)?.push(give);
  }
  const rest = gives.filter((g) => g.occasionOn === null);
  const ordered = [...rest.filter((g) => g.overdue), ...rest.filter((g) => !g.overdue)];
  for (const give of ordered) {
    const day = days.find((d) => room(d) && (!give.workContact || isWorkday(d, workWeek)));
    if (day !== undefined) onDay.get(day)?.push(give);
  }
  return days.flatMap((date) => {
    const list = onDay.get(date) ?? [];
    // Within a day, overdue first too.
    const sorted = [...list.filter((g) => g.overdue), ...list.filter((g) => !g.overdue)];
    return sorted.length > 0 ? [{ date, gives: sorted }] : [];
  });
}
