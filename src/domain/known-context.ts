/**
 * What the user knows about someone, cited by reconnect and give-first advice (DESIGN §3.5): how
 * and where they met, the last moment they shared, the last thing the person did for them, and
 * where the person works. The user's own words are quoted, never bent into a sentence.
 */
import { quoteText } from "./quote-text.js";

export interface KnownContext {
  organizationName: string | null;
  title: string | null;
  tags: string[];
  /** how we met, as the user wrote it ("SMPS chapter lunch") */
  metText: string | null;
  /** when we met: YYYY-MM-DD, YYYY-MM or YYYY */
  metOn: string | null;
  metThroughName: string | null;
  /** the latest moment logged with them */
  lastMoment: { summary: string; daysAgo: number } | null;
  /** the latest thing received from them */
  lastHelp: { summary: string; daysAgo: number } | null;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "in March 2026", "in 2024", or "" when the date says nothing readable. */
function whenMet(metOn: string | null): string {
  const m = metOn?.match(/^(\d{4})(?:-(\d{2}))?/);
  if (!m) return "";
  const month = m[2] ? MONTHS[Number(m[2]) - 1] : undefined;
  return month ? ` in ${month} ${m[1]}` : ` in ${m[1]}`;
}

/** "today", "yesterday", "12 days ago" */
export function daysAgoText(days: number): string {
  if (days <= 0) return "today";
  if (days === 1) return "yesterday";
  return `${days} days ago`;
}

/**
 * The sentences of what is known, in this order: how they met ("You met Tyler through Tim Keller in
 * March 2026: “SMPS chapter meeting”."), then the last thing they did for you (with `lastHelp`) or
 * else the last moment shared. Without `counted` (communal people) no number of days is given.
 */
export function knownFacts(
  known: KnownContext | undefined,
  name: string,
  options: { counted: boolean; lastHelp: boolean },
): string[] {
  if (!known) return [];
  const facts: string[] = [];
  const through = known.metThroughName ? ` through ${known.metThroughName}` : "";
  const when = whenMet(known.metOn);
  const text = known.metText?.trim() ? `: ${quoteText(known.metText)}` : "";
  if (through || when || text) facts.push(`You met ${name}${through}${when}${text}.`);
  const ago = (days: number) => (options.counted ? `, ${daysAgoText(days)}` : "");
  if (options.lastHelp && known.lastHelp?.summary.trim())
    facts.push(
      `The last thing ${name} did for you${ago(known.lastHelp.daysAgo)}: ${quoteText(known.lastHelp.summary)}.`,
    );
  else if (!options.lastHelp && known.lastMoment?.summary.trim())
    facts.push(
      `Your last moment together${ago(known.lastMoment.daysAgo)}: ${quoteText(known.lastMoment.summary)}.`,
    );
  return facts;
}

/**
 * Where someone is, to follow their name: " (Blik Design Group)" for an outside contact, " in IT"
 * for a colleague of another department, nothing for my own team or when unknown.
 */
export function whereTheyAre(
  known: KnownContext | undefined,
  p: { isColleague: boolean; departmentName: string | null; sameDepartmentAsMe: boolean },
): string {
  if (p.isColleague) return p.departmentName && !p.sameDepartmentAsMe ? ` in ${p.departmentName}` : "";
  return known?.organizationName ? ` (${known.organizationName})` : "";
}
