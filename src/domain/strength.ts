/** Relationship strength 0–100 (DESIGN §3.2), with its four parts and a sentence for each. */
import type { ContactSums } from "./contact-summary.js";
import { DAY_MS, daysBetween, decay, decayedAt, HALF_LIFE } from "./decay.js";

export interface StrengthInput {
  contacts: ContactSums;
  closeness: number;
  metOnMs: number | null;
}

export interface Strength {
  score: number;
  parts: { recency: number; frequency: number; depth: number; reciprocity: number };
  explanation: string[];
}

const POINTS = { recency: 30, frequency: 25, depth: 30, reciprocity: 15 } as const;
const YEAR_DAYS = 365.25;
const DEPTH_FULL_YEARS = 5;
const DEPTH_FULL_CHANNELS = 3;
// Reciprocity reads "about equal" while the imbalance costs less than a tenth of its points.
const EVEN_INITIATIVE = 0.1;
/** Reciprocity of initiative counts from this many contacts (one contact says nothing about it)… */
export const RECIPROCITY_FROM_CONTACTS = 2;
/** …and weighs in full from this many; in between it is scaled by contacts / 6. */
export const RECIPROCITY_FULL_CONTACTS = 6;

/** How much of the reciprocity part counts after `contacts` contacts: 0 below 2, n/6 up to 1 at 6. */
export function reciprocityWeight(contacts: number): number {
  if (contacts < RECIPROCITY_FROM_CONTACTS) return 0;
  return Math.min(1, contacts / RECIPROCITY_FULL_CONTACTS);
}

/**
 * Strength at `now`: S = 30·Rc + 25·F + 30·D + 15·Q, each part in points with one plain sentence.
 * Never contacted: Rc = F = Q = 0, so a stranger scores from depth alone.
 */
export function strengthAt(input: StrengthInput, nowMs: number): Strength {
  const { contacts } = input;

  // A contact logged in the future counts as today, never as more than fresh.
  const daysSince = contacts.lastAt === null ? null : Math.max(0, daysBetween(contacts.lastAt, nowMs));
  const rc = daysSince === null ? 0 : decay(daysSince, HALF_LIFE.contact);

  const m = decayedAt(contacts.frequency, nowMs, HALF_LIFE.contact);
  const f = 1 - Math.exp(-m / 4);

  const closeness = Math.min(5, Math.max(1, input.closeness));
  const known = [input.metOnMs, contacts.firstAt].filter((t): t is number => t !== null);
  const yearsKnown = known.length === 0 ? 0 : Math.max(0, daysBetween(Math.min(...known), nowMs) / YEAR_DAYS);
  const channelsLastYear = Object.values(contacts.channelLastAt).filter(
    (at) => at !== undefined && nowMs - at <= 365 * DAY_MS,
  ).length;
  const d =
    (0.6 * (closeness - 1)) / 4 +
    0.25 * Math.min(1, yearsKnown / DEPTH_FULL_YEARS) +
    0.15 * Math.min(1, channelsLastYear / DEPTH_FULL_CHANNELS);

  const g = decayedAt(contacts.initiatedByMe, nowMs, HALF_LIFE.contact);
  const r = decayedAt(contacts.initiatedByThem, nowMs, HALF_LIFE.contact);
  const imbalance = Math.abs(g - r) / (g + r + 2);
  // A stranger has shown no initiative either way: evenness is only worth points once there is a
  // pattern to be even about.
  const q = (1 - imbalance) * reciprocityWeight(contacts.contacts);

  const raw = {
    recency: POINTS.recency * rc,
    frequency: POINTS.frequency * f,
    depth: POINTS.depth * d,
    reciprocity: POINTS.reciprocity * q,
  };
  const parts = {
    recency: round1(raw.recency),
    frequency: round1(raw.frequency),
    depth: round1(raw.depth),
    reciprocity: round1(raw.reciprocity),
  };
  const score = Math.round(raw.recency + raw.frequency + raw.depth + raw.reciprocity);

  const explanation = [
    recencySentence(daysSince, parts.recency),
    frequencySentence(m, parts.frequency),
    depthSentence(closeness, yearsKnown, channelsLastYear, parts.depth),
    reciprocitySentence(contacts.contacts, g, r, imbalance, parts.reciprocity),
  ];
  return { score, parts, explanation };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function of(points: number, outOf: number): string {
  return `${round1(points)} of ${outOf}.`;
}

function recencySentence(daysSince: number | null, points: number): string {
  if (daysSince === null) return `No contact yet: ${of(points, POINTS.recency)}`;
  const days = Math.floor(daysSince);
  const when = days === 0 ? "today" : days === 1 ? "yesterday" : `${days} days ago`;
  return `Last contact ${when}: ${of(points, POINTS.recency)}`;
}

function frequencySentence(m: number, points: number): string {
  if (m < 0.05) return `No recent contact-days to count: ${of(points, POINTS.frequency)}`;
  return `About ${round1(m)} weighted contact-days in the last months: ${of(points, POINTS.frequency)}`;
}

function depthSentence(closeness: number, yearsKnown: number, channels: number, points: number): string {
  const years =
    yearsKnown < 0.1
      ? "known only a short while"
      : `known for ${round1(yearsKnown)} ${round1(yearsKnown) === 1 ? "year" : "years"}`;
  const channelText = channels === 1 ? "1 channel" : `${channels} channels`;
  return `Closeness ${round1(closeness)} of 5, ${years}, ${channelText} used in the last year: ${of(points, POINTS.depth)}`;
}

function reciprocitySentence(
  contacts: number,
  g: number,
  r: number,
  imbalance: number,
  points: number,
): string {
  if (contacts === 0) return `Nobody has reached out yet: ${of(points, POINTS.reciprocity)}`;
  if (contacts < RECIPROCITY_FROM_CONTACTS)
    return `One contact so far; who reaches out counts from the second: ${of(points, POINTS.reciprocity)}`;
  const pattern =
    imbalance < EVEN_INITIATIVE
      ? "You both reach out about equally"
      : g > r
        ? "You reach out more often than they do"
        : "They reach out more often than you do";
  const scaled =
    contacts < RECIPROCITY_FULL_CONTACTS
      ? ` (${contacts} contacts so far; it counts in full from ${RECIPROCITY_FULL_CONTACTS})`
      : "";
  return `${pattern}${scaled}: ${of(points, POINTS.reciprocity)}`;
}
