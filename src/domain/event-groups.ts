/**
 * Events and the weak ties met there (issue 12, item 4). A moment with three or more people is an
 * event, and so are three or more people who share how and when they met ("SMPS chapter lunch",
 * 2026-10-14), as an attendee list imports them. People first met at one event and due in the same
 * week get one piece of advice together instead of one line each.
 */

/** A moment with this many people, or this many people met alike, is an event. */
export const EVENT_MIN_PEOPLE = 3;
/** Met at an event, nothing since and no rhythm: after two weeks the tie is going cold. */
export const GOING_COLD_AFTER_DAYS = 14;
/** The rhythm offered for the people of an event, in days (a quarter: one chapter meeting to the next). */
export const DEFAULT_EVENT_RHYTHM_DAYS = 90;

/** One name for one event: the text folded and cut of "met at", with its day. */
export function eventKey(name: string, day: string): string {
  return `${eventName(name)
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .replace(/^(the|a|an) /, "")}|${day}`;
}

/**
 * The event's name as the user wrote it, without a leading "met at" ("Met at the SMPS lunch" → "the
 * SMPS lunch") or a bare "at" or "during" ("at Web Summit" → "Web Summit").
 */
export function eventName(text: string): string {
  const name = text
    .trim()
    .replace(/^(?:(?:we\s+)?met\s+(?:at|during|on|through|via)|at|during)\s+/i, "")
    .replace(/[.!]+$/, "")
    .trim();
  return name === "" ? text.trim() : name;
}

/** The event inside a sentence: "the SMPS chapter lunch", "Ana's book launch", "a board retreat". */
export function eventPhrase(text: string): string {
  const name = eventName(text);
  if (/^(the|a|an|our|my|their|his|her)\s/i.test(name)) return name.replace(/^\S+/, (w) => w.toLowerCase());
  if (/^\S+['’]s\s/.test(name)) return name;
  return `the ${name}`;
}

/** "14 October 2026" */
export function longDay(day: string): string {
  return new Date(`${day}T12:00:00Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}

/** "Lee", "Lee and Ana", "Lee, Ana and Tom" */
export function nameList(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

export interface EventMember {
  id: string;
  name: string;
  /** how many times the user was in touch with them besides the event itself */
  contacts: number;
  closeness: number;
}

/**
 * Up to three people the user talked with most: those with a contact besides the event (a moment
 * logged with them alone, a give), or a closeness raised above the default; the most contacts first.
 * Nobody when nobody stands out.
 */
export function talkedWithMost(members: readonly EventMember[], defaultCloseness: number): EventMember[] {
  return members
    .filter((m) => m.contacts > 0 || m.closeness > defaultCloseness)
    .sort((a, b) => b.contacts - a.contacts || b.closeness - a.closeness || a.name.localeCompare(b.name))
    .slice(0, 3);
}

/** "12 people from the SMPS chapter lunch" */
export function groupTitle(count: number, eventText: string): string {
  return `${count} ${count === 1 ? "person" : "people"} from ${eventPhrase(eventText)}`;
}

/**
 * How each of the events of one listing is named in its advice: null for "the group" when it is the
 * only one; otherwise by the event ("the Web Summit"), with its day when two events share a name
 * ("the SMPS chapter lunch of 14 October 2026"). "Send one follow-up note to the group", the same for
 * every group, is one line repeated: in a listing each line says which event it is about.
 */
export function eventsApart(events: readonly { name: string; on: string }[]): (string | null)[] {
  if (events.length <= 1) return events.map(() => null);
  const byName = new Map<string, number>();
  const nameKey = (e: { name: string }) => eventKey(e.name, "");
  for (const e of events) byName.set(nameKey(e), (byName.get(nameKey(e)) ?? 0) + 1);
  return events.map((e) =>
    (byName.get(nameKey(e)) ?? 0) > 1 ? `${eventPhrase(e.name)} of ${longDay(e.on)}` : eventPhrase(e.name),
  );
}

/**
 * What to do for people of one event who are due together: one note to all, a line to the few.
 * `named`: the event as `eventsApart` names it when the listing has other groups.
 */
export function groupAdvice(
  event: { name: string; on: string },
  due: readonly EventMember[],
  defaultCloseness: number,
  named: string | null = null,
): { title: string; action: string; reason: string } {
  const most = talkedWithMost(due, defaultCloseness);
  const names = nameList(most.map((m) => m.name));
  const personal =
    most.length === 0
      ? "then a personal line to anyone you talked with at length."
      : most.length === 1
        ? `then a personal line to ${names}, whom you talked with most.`
        : `then a personal line to the ${most.length === 2 ? "two" : "three"} you talked with most: ${names}.`;
  return {
    title: groupTitle(due.length, event.name),
    action: `Send one follow-up note to ${named === null ? "the group" : `everyone from ${named}`}, ${personal}`,
    reason: `You met them at ${eventPhrase(event.name)} on ${longDay(event.on)}, and all ${due.length} are due in the same week: one note reaches them together.`,
  };
}

/**
 * The offer for weak ties of an event that are going cold: a rhythm for all of them, in one step.
 * `named`: the event as `eventsApart` names it when the listing has other events going cold.
 */
export function goingColdOffer(
  event: { name: string; on: string },
  cold: number,
  everyDays = DEFAULT_EVENT_RHYTHM_DAYS,
  named: string | null = null,
): { title: string; action: string; reason: string } {
  const who = cold === 1 ? "1 person" : `${cold} people`;
  const whom =
    named === null
      ? cold === 1
        ? "them"
        : "all of them"
      : cold === 1
        ? `the one from ${named}`
        : `everyone from ${named}`;
  return {
    title: `${who} from ${eventPhrase(event.name)} ${cold === 1 ? "is" : "are"} going cold`,
    action: `Keep in touch with ${whom} every ${everyDays} days, counted from the meeting, in one step.`,
    reason: `You met ${cold === 1 ? "this person" : "them"} at ${eventPhrase(event.name)} on ${longDay(event.on)}, have not been in touch since, and Goodwill has no rhythm for ${cold === 1 ? "them" : "any of them"} yet.`,
  };
}
