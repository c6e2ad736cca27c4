/** Suggestions (DESIGN §3.5): what to do next for someone, give first, always private and kind. */

import { tellApart } from "./call-names.js";
import { OCCASION_WINDOW_DAYS } from "./defaults.js";
import type { Due } from "./due.js";
import { isDue } from "./due.js";
import type { Balance } from "./giving-balance.js";
import { daysAgoText, type KnownContext, knownFacts, whereTheyAre } from "./known-context.js";
import type { Layer, LedgerMode, SuggestionKind } from "./model.js";
import { SUGGESTION_KINDS } from "./model.js";
import { asSentence, phraseNeed, phraseOffer } from "./need-phrasing.js";
import { isThanksLate, LATE_THANKS_NOTE } from "./open-loop-texts.js";
import { firstName, giveContextFor, PlaybookListing, personTarget, type RecentGive } from "./playbook.js";
import { quoteText } from "./quote-text.js";

export interface SuggestionSubject {
  personId: string;
  personName: string;
  /** what the sentences call them: the first name unless told (call-names.ts: another in the listing has it) */
  callName?: string;
  ledgerMode: LedgerMode;
  layer: Layer;
  isColleague: boolean;
  departmentName: string | null;
  sameDepartmentAsMe: boolean;
  balance: Balance;
  due: Due;
  thanksOwed: { lastReceivedSummary: string; daysAgo: number } | null;
  /** open ones */
  myCommitments: { number: number; summary: string; dueOn: string | null; late: boolean }[];
  occasion: { label: string; inDays: number; turning: number | null } | null;
  givesSoFar: number;
  /** gives to them in the last 8 weeks: a playbook line they answer rests (§3.5) */
  recentGives?: RecentGive[];
  /** what the user knows of them, cited by give-first and reconnect advice */
  known?: KnownContext;
  /** their open needs, oldest first; `yourOffer`: an open offer of the user's own that matches it */
  openNeeds: { number: number; text: string; yourOffer?: string }[];
  /** someone else's offer that matches one of their needs, one per need at most */
  matches: IntroductionMatch[];
}

export interface IntroductionMatch {
  needText: string;
  otherPersonId: string;
  otherPersonName: string;
  /** what the sentences call the other person, as `callName` */
  otherCallName?: string;
  offerText: string;
  sharedWords: string[];
}

/** Whom a suggestion is for: a person, or for `meet-new` and a department's own lines, the department. */
export interface SuggestionTarget {
  id: string;
  name: string;
}

export interface Suggestion {
  kind: SuggestionKind;
  /** whom it is for (DESIGN §4.1 `person: {id, name}`); for `meet-new`, the department where I know nobody */
  person: SuggestionTarget;
  /** @deprecated the flat form of `person.id`, kept for one release (CHANGELOG); read `person` */
  personId: string;
  /** @deprecated the flat form of `person.name`, kept for one release (CHANGELOG); read `person` */
  personName: string;
  action: string;
  reason: string;
  /** `introduce`: the other person, whose offer matches the need */
  otherPerson?: { id: string; name: string };
  /** `meet-new`: the department */
  department?: { id: string; name: string };
}

/**
 * The fields that say whom a suggestion is for: `person`, and the flat `personId`/`personName` that
 * clients of the last release read (dropped in the next one; the only place that writes them).
 */
export function addressedTo(
  target: SuggestionTarget,
): Pick<Suggestion, "person" | "personId" | "personName"> {
  return { person: { id: target.id, name: target.name }, personId: target.id, personName: target.name };
}

type Draft = Pick<Suggestion, "action" | "reason" | "otherPerson">;

// One builder per kind, in the order of §3.5. reconnect is handled apart: it applies only alone;
// meet-new is about a department, not a person (meetNewSuggestions).
const BUILDERS: { kind: SuggestionKind; build: (s: SuggestionSubject) => Draft[] }[] = [
  { kind: "thank", build: thankDrafts },
  { kind: "follow-through", build: followThroughDrafts },
  { kind: "occasion", build: occasionDrafts },
  { kind: "help-with-need", build: helpWithNeedDrafts },
  { kind: "introduce", build: introduceDrafts },
  // worded apart, with the listing's playbook (see suggestionsFor)
  { kind: "give-first", build: () => [] },
];

/**
 * All suggestions for one person, in the kind order of §3.5. `listing` is the listing they appear
 * in (an agenda, a `week`, a `suggest`): a playbook line is given out at most once in it.
 */
export function suggestionsFor(
  s: SuggestionSubject,
  listing: PlaybookListing = new PlaybookListing(Date.now()),
): Suggestion[] {
  const found: Suggestion[] = [];
  for (const { kind, build } of BUILDERS) {
    const drafts = kind === "give-first" ? giveFirstDrafts(s, listing) : build(s);
    for (const draft of drafts)
      found.push({ kind, ...addressedTo({ id: s.personId, name: s.personName }), ...draft });
  }
  if (found.length === 0 && isDue(s.due.status)) {
    found.push({
      kind: "reconnect",
      ...addressedTo({ id: s.personId, name: s.personName }),
      ...reconnectDraft(s),
    });
  }
  return orderSuggestions(found.map((suggestion) => ({ suggestion, priority: 0 })));
}

/**
 * A listing says "A late thank-you still counts." once, with the first late thank-you in it: under
 * every one of them it reads as a form letter (DESIGN §3.5: a line appears at most once a listing).
 */
export function lateThanksNoteOnce(suggestions: readonly Suggestion[]): Suggestion[] {
  const note = ` ${LATE_THANKS_NOTE}`;
  let said = false;
  return suggestions.map((s) => {
    if (s.kind !== "thank" || !s.reason.endsWith(note)) return s;
    if (!said) {
      said = true;
      return s;
    }
    return { ...s, reason: s.reason.slice(0, -note.length) };
  });
}

/** orders suggestions of many people: by kind order, then by the person's priority (desc) */
export function orderSuggestions(items: { suggestion: Suggestion; priority: number }[]): Suggestion[] {
  // Array.prototype.sort is stable, so one person's suggestions keep their own order.
  return [...items]
    .sort(
      (a, b) =>
        SUGGESTION_KINDS.indexOf(a.suggestion.kind) - SUGGESTION_KINDS.indexOf(b.suggestion.kind) ||
        b.priority - a.priority,
    )
    .map((item) => item.suggestion);
}

/** The name the sentences about them call them by. */
function nameOf(s: SuggestionSubject): string {
  return s.callName ?? firstName(s.personName);
}

// Communal people are not counted: their reasons carry no figures at all.
function counted(s: SuggestionSubject): boolean {
  return s.ledgerMode !== "communal";
}

function thankDrafts(s: SuggestionSubject): Draft[] {
  if (s.thanksOwed === null) return [];
  const name = nameOf(s);
  const what = s.thanksOwed.lastReceivedSummary.trim().replace(/[.!]+$/, "");
  // The summary is the user's own words, quoted as written rather than bent into the sentence.
  const action = what
    ? `Thank ${name} for their help: ${quoteText(what)}.`
    : `Send ${name} a short thank-you.`;
  const late = isThanksLate(s.thanksOwed.daysAgo);
  const when = counted(s) ? daysAgoText(s.thanksOwed.daysAgo) : late ? "a while ago" : "recently";
  const still = late ? ` ${LATE_THANKS_NOTE}` : "";
  return [
    { action, reason: `${s.personName} helped you ${when} and has not heard a thank-you yet.${still}` },
  ];
}

function followThroughDrafts(s: SuggestionSubject): Draft[] {
  const name = nameOf(s);
  // Late promises first: they are the ones costing trust now.
  const open = [...s.myCommitments].sort((a, b) => Number(b.late) - Number(a.late));
  return open.map((c) => {
    const what = c.summary.trim().replace(/[.!]+$/, "");
    const action = `Do what you promised ${name}: ${quoteText(what)}.`;
    let reason: string;
    if (!counted(s)) reason = c.late ? "This promise is past its date." : "This promise is still open.";
    else if (c.late && c.dueOn) reason = `You promised this by ${c.dueOn}, and that date has passed.`;
    else if (c.dueOn) reason = `You promised this by ${c.dueOn}.`;
    else reason = "You promised this and it is still open.";
    return { action, reason };
  });
}

function occasionDrafts(s: SuggestionSubject): Draft[] {
  const o = s.occasion;
  if (o === null || o.inDays < 0 || o.inDays > OCCASION_WINDOW_DAYS) return [];
  const name = nameOf(s);
  const when =
    o.inDays === 0 ? "today" : o.inDays === 1 ? "tomorrow" : counted(s) ? `in ${o.inDays} days` : "soon";
  const turning = o.turning !== null && counted(s) ? ` (${ordinal(o.turning)})` : "";
  const action =
    o.label === "birthday"
      ? `Wish ${name} a happy birthday${o.inDays === 0 ? " today" : ""}.`
      : `Send ${name} a warm note for their ${o.label}.`;
  return [{ action, reason: `${s.personName}'s ${o.label}${turning} is ${when}.` }];
}

function helpWithNeedDrafts(s: SuggestionSubject): Draft[] {
  const name = nameOf(s);
  return s.openNeeds.map((need) => {
    const phrased = phraseNeed(need.text);
    // The user offered what the need asks for: the same suggestion, now saying so (not a second one).
    if (need.yourOffer !== undefined)
      return {
        action: `You could help ${name}: ${asSentence(`${phrased.about(name)}, and ${phraseOffer(need.yourOffer).aboutYou()}`)}`,
        reason:
          "It is what you offered yourself, and helping with what someone is working on is the most welcome give.",
      };
    return {
      action: phrased.action(name),
      reason: `${asSentence(phrased.about(name))} Helping with what someone is working on is the most welcome give.`,
    };
  });
}

function introduceDrafts(s: SuggestionSubject): Draft[] {
  return s.matches.map((m) => {
    // Ana Lopez to Ana Silva: "Ana …, and Ana …" would not say who is who.
    const [name, other] = tellApart(
      { name: s.personName, call: nameOf(s) },
      { name: m.otherPersonName, call: m.otherCallName },
    );
    return {
      action: `Introduce ${s.personName} to ${m.otherPersonName}: ask each of them first, then connect them.`,
      reason: introductionReason(name, m.needText, other, m.offerText),
      otherPerson: { id: m.otherPersonId, name: m.otherPersonName },
    };
  });
}

/** Why two people should meet, from one's need and the other's offer: "Ana is hiring…, and Cleo designs…". */
export function introductionReason(
  needName: string,
  needText: string,
  offerName: string,
  offerText: string,
): string {
  return asSentence(
    `${phraseNeed(needText).about(needName)}, and ${phraseOffer(offerText).about(offerName)}`,
  );
}

/**
 * The way into a department where I know nobody: someone I know (`via`) and what says they can help,
 * and/or someone there (`target`) to meet.
 */
export interface MeetNewBridge {
  via?: { id: string; name: string; department: string | null };
  target?: { id: string; name: string };
  /** what the bridge rests on: the person there was met through `via`, or `via`'s own words mention it */
  evidence: "met-through" | "title" | "note" | "offer" | "need" | "met" | "on-file";
}

/**
 * One `meet-new` suggestion per department of my organization where I know nobody yet, naming the
 * bridge when there is one: someone I know who can introduce me, or someone there to meet.
 */
export function meetNewSuggestions(
  departments: { id: string; name: string; organization: string; bridge?: MeetNewBridge }[],
): Suggestion[] {
  return departments.map((d) => {
    const nobody = `You know nobody in ${d.name} at ${d.organization} yet; one friendly contact there makes everything you ask of it easier.`;
    const { action, reason } = d.bridge
      ? bridgeDraft(d.name, d.bridge, nobody)
      : {
          action: `Get to know someone in ${d.name}: ask a colleague who works with them for an introduction, or stop by with a question about their work.`,
          reason: nobody,
        };
    return {
      kind: "meet-new",
      ...addressedTo(d),
      action,
      reason,
      department: { id: d.id, name: d.name },
    };
  });
}

function bridgeDraft(
  department: string,
  b: MeetNewBridge,
  nobody: string,
): { action: string; reason: string } {
  const whom = b.target ? `${b.target.name} in ${department}` : `someone in ${department}`;
  if (!b.via) {
    const name = b.target ? firstName(b.target.name) : department;
    return {
      action: `Get to know ${whom}: introduce yourself with a question about their work.`,
      reason: `${name} is on your list, but you have not been in touch yet. ${nobody}`,
    };
  }
  // "You know of Ana through Ana" would not say who is who.
  const [via, target] = b.target
    ? tellApart({ name: b.via.name }, { name: b.target.name })
    : [firstName(b.via.name), ""];
  const asker = b.via.department ? `${b.via.name} in ${b.via.department}` : b.via.name;
  const why: Record<MeetNewBridge["evidence"], string> = {
    "met-through": `You know of ${target} through ${via}.`,
    title: `${via}'s title mentions ${department}.`,
    note: `Your notes on ${via} mention ${department}.`,
    offer: `${via}'s offer mentions ${department}.`,
    need: `${via}'s need mentions ${department}.`,
    met: `How you met ${via} mentions ${department}.`,
    "on-file": "",
  };
  return {
    action: `Ask ${asker} to introduce you to ${whom}.`,
    reason: `${why[b.evidence]} ${nobody}`.trim(),
  };
}

/**
 * One playbook line, when the balance is overdrawn and no thank-you is owed (while one is, the
 * thank-you is the give). The line is one not yet in this listing and not resting for them.
 */
function giveFirstDrafts(s: SuggestionSubject, listing: PlaybookListing): Draft[] {
  // "untracked" (communal) never matches, so communal people are never nudged to give first.
  if (!wantsGiveFirst(s)) return [];
  const [line] = listing.take(giveContextFor({ ...s, ...s.known }), {
    count: 1,
    // The story's first advice first; the listing moves the next colleague on to the next line.
    start: 0,
    recentGives: s.recentGives ?? [],
  });
  if (line === undefined) return [];
  const name = nameOf(s);
  const reason = [
    `The balance with ${name}${whereTheyAre(s.known, s)} is overdrawn: you have received much more than you gave, so here is a chance to give back.`,
    ...knownFacts(s.known, name, { counted: counted(s), lastHelp: true }),
  ].join(" ");
  return [{ action: line.text(personTarget(s.personName, name)), reason }];
}

function wantsGiveFirst(s: SuggestionSubject): boolean {
  return s.balance.label === "overdrawn" && s.thanksOwed === null;
}

function reconnectDraft(s: SuggestionSubject): Draft {
  const name = nameOf(s);
  const { status, daysSinceContact, cadenceDays } = s.due;
  const where = catchUpWhere(s);
  const action =
    status === "due"
      ? `Send ${name} a short note to catch up${where ? ` on how things are ${where}` : ""}.`
      : status === "cooling"
        ? `Call ${name} or suggest a coffee to catch up${where ? ` on how things are ${where}` : ""}.`
        : `Reach out to ${name} with a friendly hello${where ? ` and ask how things are ${where}` : ""}, with no request attached.`;
  const facts = knownFacts(s.known, name, { counted: counted(s), lastHelp: false });
  const citesMoment = Boolean(s.known?.lastMoment?.summary.trim());
  let rhythm: string;
  if (daysSinceContact === null) rhythm = `You have not been in touch with ${name} since adding them.`;
  else if (!counted(s) || cadenceDays === null)
    rhythm = facts.length > 0 ? "" : `It has been a while since you were last in touch with ${name}.`;
  else {
    const every = `every ${Math.round(cadenceDays) === 1 ? "day" : `${Math.round(cadenceDays)} days`}`;
    rhythm = citesMoment
      ? `You usually keep in touch ${every}.`
      : `Last contact ${daysSinceContact === 1 ? "1 day" : `${daysSinceContact} days`} ago; you usually keep in touch ${every}.`;
  }
  return { action, reason: [...facts, rhythm].filter((x) => x !== "").join(" ") };
}

/** "at Blik Design Group" for an outside contact, "in IT" for a colleague elsewhere; nothing for family. */
function catchUpWhere(s: SuggestionSubject): string {
  if (s.layer === 5 || s.ledgerMode === "communal") return "";
  if (s.isColleague) return s.departmentName && !s.sameDepartmentAsMe ? `in ${s.departmentName}` : "";
  return s.known?.organizationName ? `at ${s.known.organizationName}` : "";
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  const suffix = ["th", "st", "nd", "rd"][n % 10] ?? "th";
  return `${n}${suffix}`;
}

/**
 * The kinds of suggestion `suggestionsFor` would give, in order, without writing any sentence: the
 * agenda ranks everyone's suggestions this way and words only the few it shows. A give-first
 * planned here may find no line when worded (every line of the playbook resting for them, or
 * already given out in the listing); it is then left out.
 */
export function suggestionKindsFor(s: SuggestionSubject): SuggestionKind[] {
  const kinds: SuggestionKind[] = [];
  if (s.thanksOwed !== null) kinds.push("thank");
  for (let i = 0; i < s.myCommitments.length; i++) kinds.push("follow-through");
  if (s.occasion !== null && s.occasion.inDays >= 0 && s.occasion.inDays <= OCCASION_WINDOW_DAYS)
    kinds.push("occasion");
  for (let i = 0; i < s.openNeeds.length; i++) kinds.push("help-with-need");
  for (let i = 0; i < s.matches.length; i++) kinds.push("introduce");
  if (wantsGiveFirst(s)) kinds.push("give-first");
  if (kinds.length === 0 && isDue(s.due.status)) kinds.push("reconnect");
  return kinds;
}
