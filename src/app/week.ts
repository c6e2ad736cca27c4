/**
 * `goodwill week`: up to seven gives for the coming week, drawn from the suggestions and put on the
 * days that suit them (work contacts on workdays of the profile's work week, occasions on their day,
 * overdue first, at most three a day). People first met at one event and due that week are one give.
 */
import { isDue } from "../domain/due.js";
import { pickWeekGives, scheduleWeek, WEEK_DAYS, WEEK_GIVES, weekDays } from "../domain/giving-week.js";
import { isCommitmentLate } from "../domain/open-loops.js";
import { addressedTo, type Suggestion } from "../domain/suggestions.js";
import { dayIn, isWorkday, reachedOnWorkdays } from "../domain/work-week.js";
import { loadCalendarSettings } from "./calendar-settings.js";
import type { AppContext } from "./context.js";
import {
  type ColdEventJson,
  coldEvents,
  dueWithin,
  type GroupJson,
  groupJson,
  groupsJson,
  groupsOf,
  loadEventGroups,
  onlyReconnect,
  peopleWithNeeds,
} from "./events.js";
import { loadRelationships, type RelationshipState } from "./relationship-state.js";
import { suggestionsForStates } from "./suggest.js";

/** A give of the week: a suggestion, and whether it is late already; for an event, its group. */
export type WeekGive = Suggestion & { overdue: boolean; group?: GroupJson };

export interface WeekJson {
  from: string;
  to: string;
  workWeek: string[];
  timeZone: string;
  sessions: { date: string; gives: WeekGive[] }[];
  total: number;
  /** events whose weak ties are going cold, with the offer of a rhythm for all of them */
  goingCold: ColdEventJson[];
}

/** A colleague, or an outside contact at an organization (not a communal one): reached on workdays. */
export function isWorkContact(state: RelationshipState): boolean {
  return reachedOnWorkdays({
    isColleague: state.isColleague,
    atOrganization: state.person.organization_id !== null,
    communal: state.person.ledger_mode === "communal",
  });
}

export async function givingWeek(ctx: AppContext): Promise<WeekJson> {
  const [states, calendar] = [await loadRelationships(ctx), await loadCalendarSettings(ctx)];
  const days = weekDays(dayIn(ctx.now, calendar.timeZone));
  const byId = new Map(states.map((s) => [s.person.id, s]));

  // People of one event due this week with nothing else to do for them: one give for the group.
  const groups = await loadEventGroups(ctx, states);
  const withNeeds = await peopleWithNeeds(ctx);
  const grouped = groupsOf(groups, (s) => dueWithin(s, ctx.now, WEEK_DAYS) && onlyReconnect(s, withNeeds));
  const inGroup = new Set(grouped.flatMap((g) => g.due.map((m) => m.state.person.id)));
  const groupJsons = groupsJson(grouped);
  const groupGives: WeekGive[] = grouped.map(({ group, due }, i) => {
    const json = groupJsons[i] ?? groupJson(group, due);
    return {
      kind: "reconnect",
      ...addressedTo({ id: group.id, name: json.title }),
      action: json.action,
      reason: json.reason,
      overdue: due.some((m) => isDue(m.state.due.status)),
      group: json,
    };
  });

  // Enough suggestions to find seven different people even when some have several.
  const { suggestions } = await suggestionsForStates(
    ctx,
    states.filter((s) => !inGroup.has(s.person.id)),
    { limit: WEEK_GIVES * 8, meetNew: true },
  );
  const single: WeekGive[] = suggestions.map((s) => ({
    ...s,
    overdue: isOverdue(s, byId.get(s.person.id), ctx.now),
  }));
  // A group goes before the single reconnects: one note reaches many.
  const cut = single.findIndex((s) => s.kind === "reconnect" || s.kind === "meet-new");
  const ordered =
    cut === -1 ? [...single, ...groupGives] : [...single.slice(0, cut), ...groupGives, ...single.slice(cut)];

  const workContact = (g: WeekGive) =>
    g.kind === "meet-new" ||
    (g.group
      ? g.group.people.some((p) => {
          const s = byId.get(p.id);
          return s !== undefined && isWorkContact(s);
        })
      : (() => {
          const s = byId.get(g.person.id);
          return s !== undefined && isWorkContact(s);
        })());
  const slots = ordered.map((give) => ({
    give,
    // A thank-you goes first even before it is overdue: it is best said at once.
    overdue: give.overdue || give.kind === "thank",
    workContact: workContact(give),
    occasionOn: give.kind === "occasion" ? (byId.get(give.person.id)?.occasion?.on ?? null) : null,
  }));
  // Only gives that some day of this week can hold: an occasion today is Today's, not the week's.
  const placeable = slots.filter((slot) =>
    slot.occasionOn !== null
      ? days.includes(slot.occasionOn)
      : !slot.workContact || days.some((d) => isWorkday(d, calendar.workWeek)),
  );
  const picked = pickWeekGives(
    placeable.map((slot) => ({ ...slot, personId: slot.give.person.id })),
    WEEK_GIVES,
  );
  const sessions = scheduleWeek(picked, days, calendar.workWeek).map((s) => ({
    date: s.date,
    gives: s.gives.map((slot) => slot.give),
  }));
  return {
    from: days[0] ?? "",
    to: days.at(-1) ?? "",
    workWeek: [...calendar.workWeek],
    timeZone: calendar.timeZone,
    sessions,
    total: sessions.reduce((n, s) => n + s.gives.length, 0),
    goingCold: coldEvents(groups, ctx.now),
  };
}

/** Late already: a thank-you owed, a promise past its date, or someone past their rhythm. */
const THANKS_OVERDUE_MS = 7 * 86_400_000;

function isOverdue(s: Suggestion, state: RelationshipState | undefined, now: number): boolean {
  if (state === undefined) return false;
  // A thank-you is best said at once; after a week of waiting it is overdue.
  if (s.kind === "thank")
    return state.ledger.lastReceivedAt === null || now - state.ledger.lastReceivedAt > THANKS_OVERDUE_MS;
  // An occasion is on its day, neither early nor late.
  if (s.kind === "occasion" || s.kind === "meet-new") return false;
  if (s.kind === "follow-through" && state.myOpenCommitments.some((c) => isCommitmentLate(c.due_on, now)))
    return true;
  return isDue(state.due.status);
}
