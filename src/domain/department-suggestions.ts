/**
 * Suggestions for a department (`goodwill suggest dept:IT`, DESIGN §3.5): the thank-you owed to the
 * department itself, the person there to start with, and lines from the department's playbook
 * addressed to the team. The thank-yous owed to its members come from their own suggestions.
 */
import type { Balance } from "./giving-balance.js";
import { daysAgoText, knownFacts } from "./known-context.js";
import {
  type GiveContext,
  giveContextFor,
  type PlaybookListing,
  personTarget,
  practiceWhy,
  type RecentGive,
  teamTarget,
} from "./playbook.js";
import { quoteText } from "./quote-text.js";
import { addressedTo, type Suggestion, type SuggestionSubject } from "./suggestions.js";

export interface DepartmentSubject {
  id: string;
  name: string;
  /** the department belongs to my organization */
  isMine: boolean;
  /** it is my own department */
  isMyOwn: boolean;
  balance: Balance;
  /** a thank-you owed to the department itself (entries logged against "IT", not its members) */
  thanksOwed: { lastReceivedSummary: string; daysAgo: number } | null;
  /** gives logged against the department in the last 8 weeks */
  recentGives: RecentGive[];
}

/** How many of the department's playbook lines `suggest dept:` offers for the team as a whole. */
export const TEAM_LINES = 3;

const team = (d: DepartmentSubject) => ({ department: { id: d.id, name: d.name } });

/** the thank-you owed to the department itself, if any */
export function departmentThank(d: DepartmentSubject): Suggestion[] {
  if (d.thanksOwed === null) return [];
  const t = teamTarget(d.name);
  const what = d.thanksOwed.lastReceivedSummary.trim();
  return [
    {
      kind: "thank",
      ...addressedTo(d),
      action: what
        ? `Thank ${t.name} for their help: ${quoteText(what)}.`
        : `Send ${t.name} a short thank-you.`,
      reason: `${d.name} helped you ${daysAgoText(d.thanksOwed.daysAgo)} and has not heard a thank-you yet.`,
      ...team(d),
    },
  ];
}

/**
 * The person to start with, as a give-first line of their own playbook: whoever in the department
 * has done the most for you lately (received, decayed); someone who has done nothing for you yet is
 * not one (the lines speak of their help).
 */
export function startWith(
  d: DepartmentSubject,
  person: SuggestionSubject & { lastContactAt: number | null },
  others: number,
  listing: PlaybookListing,
): Suggestion[] {
  const [line] = listing.take(giveContextFor({ ...person, ...person.known }), {
    count: 1,
    start: 0,
    recentGives: person.recentGives ?? [],
  });
  if (line === undefined) return [];
  const name = personTarget(person.personName).name;
  const why =
    others === 0
      ? `${name} is the one person you know in ${d.name}: start there.`
      : `Start with ${name}: of the people you know in ${d.name}, ${name} has done the most for you lately.`;
  const counted = person.ledgerMode !== "communal";
  return [
    {
      kind: "give-first",
      ...addressedTo({ id: person.personId, name: person.personName }),
      action: line.text(personTarget(person.personName)),
      reason: [why, ...knownFacts(person.known, name, { counted, lastHelp: true })].join(" "),
    },
  ];
}

/** Orders a department's members for "start with": most received first, then the latest contact, then name. */
export function startWithOrder<
  T extends { balance: Balance; lastContactAt: number | null; personName: string },
>(a: T, b: T): number {
  return (
    (b.balance.received ?? 0) - (a.balance.received ?? 0) ||
    (b.lastContactAt ?? -1) - (a.lastContactAt ?? -1) ||
    a.personName.localeCompare(b.personName)
  );
}

/** The playbook that fits the department as a whole. */
export function departmentContext(d: DepartmentSubject): GiveContext {
  return giveContextFor({
    layer: 150,
    isColleague: d.isMine,
    departmentName: d.name,
    sameDepartmentAsMe: d.isMyOwn,
  });
}

/**
 * Up to three lines of the department's playbook for the team, each from a different piece of the
 * story's advice; none while a thank-you to the department is owed (the thank-you is the give).
 */
export function teamLines(d: DepartmentSubject, listing: PlaybookListing): Suggestion[] {
  if (d.thanksOwed !== null) return [];
  const lines = listing.take(departmentContext(d), {
    count: TEAM_LINES,
    start: 0,
    recentGives: d.recentGives,
    distinctPractices: true,
  });
  const balance =
    d.balance.label === "overdrawn"
      ? `The balance with ${d.name} is overdrawn: you have received much more than you gave.`
      : `Giving first keeps ${d.name} glad to help when you need them.`;
  const t = teamTarget(d.name);
  return lines.map((line) => ({
    kind: "give-first" as const,
    ...addressedTo(d),
    action: line.text(t),
    reason: `${practiceWhy(line)} ${balance}`,
    ...team(d),
  }));
}
