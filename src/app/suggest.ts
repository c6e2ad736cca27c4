/**
 * Suggestions for many people at once (DESIGN §3.5). Ordering needs only what the aggregates know,
 * so the one detail that needs the history — what a thank-you would be for — is fetched only for
 * the people whose suggestions are actually shown.
 */
import { callNames } from "../domain/call-names.js";
import { DAY_MS } from "../domain/decay.js";
import { type Layer, type LedgerMode, SUGGESTION_KINDS, type SuggestionKind } from "../domain/model.js";
import { matchNeedsToOffers } from "../domain/need-offer-match.js";
import { isCommitmentLate } from "../domain/open-loops.js";
import { PlaybookListing } from "../domain/playbook.js";
import {
  type IntroductionMatch,
  lateThanksNoteOnce,
  meetNewSuggestions,
  type Suggestion,
  type SuggestionSubject,
  suggestionKindsFor,
  suggestionsFor,
} from "../domain/suggestions.js";
import { agendaReads } from "../storage/agenda.repository.js";
import { listOwnOffers } from "../storage/own-offer.repository.js";
import type { AppContext } from "./context.js";
import { bridgesInto } from "./meet-new-bridges.js";
import { loadMe, loadRelationships, type RelationshipState } from "./relationship-state.js";
import { type AdviceContext, loadAdviceContexts } from "./suggestion-context.js";

/**
 * Open needs by person, each with the best matching open offer of the user's own, and for each need
 * the best matching offer of someone else.
 */
export interface NeedsAndMatches {
  needsOf: Map<string, { number: number; text: string; yourOffer?: string }[]>;
  matchesOf: Map<string, IntroductionMatch[]>;
}

const NO_NEEDS: NeedsAndMatches = { needsOf: new Map(), matchesOf: new Map() };

/**
 * Everyone's open needs and offers (of people not archived) in two reads, matched in memory: the
 * agenda must not ask the database person by person. Pairs already introduced are not suggested again.
 */
export async function loadNeedsAndMatches(ctx: AppContext): Promise<NeedsAndMatches> {
  const reads = agendaReads(ctx.db, ctx.ownerId);
  const open = (table: "needs" | "offers") => reads.openOf(table);
  const needs = await open("needs");
  if (needs.length === 0) return NO_NEEDS;
  const [offers, mine, introduced] = await Promise.all([
    open("offers"),
    listOwnOffers(ctx.db, ctx.ownerId, { openOnly: true }),
    reads.introducedPairs(),
  ]);
  // The same matcher as introductions; my offers are of no person, so every need may take one.
  const yours = new Map(
    matchNeedsToOffers(
      needs.map((n) => ({ id: n.id, personId: n.person_id, text: n.text })),
      mine.map((o) => ({ id: o.id, personId: "", text: o.text })),
    ).map((m) => [m.need.id, m.offer.text]),
  );
  const needsOf = new Map<string, { number: number; text: string; yourOffer?: string }[]>();
  for (const n of needs) {
    const list = needsOf.get(n.person_id) ?? [];
    const yourOffer = yours.get(n.id);
    list.push({ number: n.number, text: n.text, ...(yourOffer !== undefined ? { yourOffer } : {}) });
    needsOf.set(n.person_id, list);
  }
  const names = new Map(offers.map((o) => [o.person_id, o.display_name]));
  const matchesOf = new Map<string, IntroductionMatch[]>();
  const matches = matchNeedsToOffers(
    needs.map((n) => ({ id: n.id, personId: n.person_id, text: n.text })),
    offers.map((o) => ({ id: o.id, personId: o.person_id, text: o.text })),
  );
  for (const m of matches) {
    if (introduced.has(`${m.need.personId} ${m.offer.personId}`)) continue;
    const list = matchesOf.get(m.need.personId) ?? [];
    // One introduction per pair of people, however many of their needs and offers match.
    if (list.some((x) => x.otherPersonId === m.offer.personId)) continue;
    list.push({
      needText: m.need.text,
      otherPersonId: m.offer.personId,
      otherPersonName: names.get(m.offer.personId) ?? "",
      offerText: m.offer.text,
      sharedWords: m.sharedWords,
    });
    matchesOf.set(m.need.personId, list);
  }
  return { needsOf, matchesOf };
}

/** Departments of my organization where I know nobody (among the people not archived). */
export async function departmentsWithNobody(
  ctx: AppContext,
): Promise<{ id: string; name: string; organization: string }[]> {
  const me = await loadMe(ctx);
  if (me.organizationId === null) return [];
  // Known as `knowsThem` says: in touch once, or kept above the acquaintance layer (asked in SQL).
  const rows = await agendaReads(ctx.db, ctx.ownerId).departmentsWithNobodyIn(me.organizationId);
  return rows.filter((d) => d.id !== me.departmentId);
}

export function subjectOf(
  state: RelationshipState,
  now: number,
  lastReceivedSummary: string,
  needs: NeedsAndMatches,
  advice?: AdviceContext,
): SuggestionSubject {
  const { person, ledger } = state;
  return {
    personId: person.id,
    personName: person.display_name,
    ledgerMode: person.ledger_mode as LedgerMode,
    layer: person.layer as Layer,
    isColleague: state.isColleague,
    departmentName: state.departmentName,
    sameDepartmentAsMe: state.sameDepartmentAsMe,
    balance: state.balance,
    due: state.due,
    thanksOwed:
      state.thanksOwed && ledger.lastReceivedAt !== null
        ? { lastReceivedSummary, daysAgo: Math.floor((now - ledger.lastReceivedAt) / DAY_MS) }
        : null,
    myCommitments: state.myOpenCommitments.map((c) => ({
      number: c.number,
      summary: c.summary,
      dueOn: c.due_on,
      late: isCommitmentLate(c.due_on, now),
    })),
    occasion: state.occasion
      ? { label: state.occasion.label, inDays: state.occasion.inDays, turning: state.occasion.turning }
      : null,
    givesSoFar: ledger.gaves,
    ...(advice ? { known: advice.known, recentGives: advice.recentGives } : {}),
    openNeeds: needs.needsOf.get(person.id) ?? [],
    matches: needs.matchesOf.get(person.id) ?? [],
  };
}

/** Whether anything at all could be suggested for this person, without building the sentences. */
function mayHaveSuggestions(s: RelationshipState, needs: NeedsAndMatches): boolean {
  return (
    s.thanksOwed ||
    needs.needsOf.has(s.person.id) ||
    s.myOpenCommitments.length > 0 ||
    s.occasion !== null ||
    s.balance.label === "overdrawn" ||
    ["due", "cooling", "dormant"].includes(s.due.status)
  );
}

/**
 * All suggestions for these people, ordered by kind then priority; with `limit`, only the first
 * ones. `firstPerPerson` gives each person's first suggestion, for the agenda's due list.
 */
export async function suggestionsForStates(
  ctx: AppContext,
  states: RelationshipState[],
  options: {
    limit?: number;
    alsoFirstFor?: string[];
    meetNew?: boolean;
    listing?: PlaybookListing;
    /** everyone's states, when `states` are only some people: the bridges of meet-new look at all */
    everyone?: () => Promise<RelationshipState[]>;
  } = {},
): Promise<{ suggestions: Suggestion[]; total: number; firstPerPerson: Map<string, Suggestion> }> {
  // meet-new is last in the kind order and about departments: worded at once, it costs nothing.
  const [needs, meetNew] = await Promise.all([
    loadNeedsAndMatches(ctx),
    options.meetNew ? meetNewWithBridges(ctx, options.everyone ?? (async () => states)) : [],
  ]);
  // Rank by kind and priority without writing a sentence; only the suggestions shown are worded.
  const planned: { personId: string; kind: SuggestionKind; rank: number; priority: number }[] = [];
  const stateOf = new Map<string, RelationshipState>();
  for (const state of states) {
    if (!mayHaveSuggestions(state, needs)) continue;
    stateOf.set(state.person.id, state);
    const kinds = suggestionKindsFor(subjectOf(state, ctx.now, "", needs));
    kinds.forEach((kind, i) => {
      planned.push({
        personId: state.person.id,
        kind,
        rank: kinds.slice(0, i).filter((k) => k === kind).length,
        priority: state.due.priority,
      });
    });
  }
  meetNew.forEach((s, rank) => {
    planned.push({ personId: s.person.id, kind: "meet-new", rank, priority: 0 });
  });
  // A stated order for ties (the SQL-ranked agenda must agree with it): then by person, then rank;
  // meet-new keeps its own order.
  planned.sort(
    (a, b) =>
      SUGGESTION_KINDS.indexOf(a.kind) - SUGGESTION_KINDS.indexOf(b.kind) ||
      b.priority - a.priority ||
      (a.kind === "meet-new" ? a.rank - b.rank : byId(a.personId, b.personId) || a.rank - b.rank),
  );
  const shown = options.limit === undefined ? planned : planned.slice(0, options.limit);
  const wanted = new Set([
    ...shown.map((s) => s.personId),
    ...(options.alsoFirstFor ?? []).filter((id) => stateOf.has(id)),
  ]);
  const wantedStates = [...wanted].flatMap((id) => stateOf.get(id) ?? []);
  // The advice reads each one's last help received: a thank-you's subject is the same line.
  const advice = await loadAdviceContexts(ctx, wantedStates);
  // One listing: a playbook line goes to the first person in the listing's order who can take it.
  const listing = options.listing ?? new PlaybookListing(ctx.now);
  // Two people of the listing with one first name are each called by the whole name.
  const calls = callNames([
    ...wantedStates.map((s) => ({ id: s.person.id, name: s.person.display_name })),
    ...wantedStates.flatMap((s) =>
      (needs.matchesOf.get(s.person.id) ?? []).map((m) => ({ id: m.otherPersonId, name: m.otherPersonName })),
    ),
  ]);
  const worded = new Map<string, Suggestion[]>();
  for (const state of wantedStates) {
    const id = state.person.id;
    const context = advice.get(id);
    const received = state.thanksOwed ? (context?.known.lastHelp?.summary ?? "") : "";
    const subject = withCallNames(subjectOf(state, ctx.now, received, needs, context), calls);
    worded.set(id, suggestionsFor(subject, listing));
  }
  const suggestions = lateThanksNoteOnce(
    shown.flatMap((p) => {
      if (p.kind === "meet-new") return meetNew.slice(p.rank, p.rank + 1);
      const one = (worded.get(p.personId) ?? []).filter((x) => x.kind === p.kind)[p.rank];
      return one ? [one] : [];
    }),
  );
  const firstPerPerson = new Map<string, Suggestion>();
  for (const [id, list] of worded) if (list[0]) firstPerPerson.set(id, list[0]);
  return { suggestions, total: planned.length, firstPerPerson };
}

/** The subject with the names its listing calls them and the people of their introductions by. */
export function withCallNames(subject: SuggestionSubject, calls: Map<string, string>): SuggestionSubject {
  const callName = calls.get(subject.personId);
  return {
    ...subject,
    ...(callName !== undefined ? { callName } : {}),
    matches: subject.matches.map((m) => {
      const otherCallName = calls.get(m.otherPersonId);
      return otherCallName !== undefined ? { ...m, otherCallName } : m;
    }),
  };
}

/** Ids in their stated order (code units, as SQL's C collation and SQLite compare them). */
const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** meet-new suggestions, each naming the bridge into its department when there is one */
async function meetNewWithBridges(
  ctx: AppContext,
  everyone: () => Promise<RelationshipState[]>,
): Promise<Suggestion[]> {
  const departments = await departmentsWithNobody(ctx);
  // Bridges are looked for among everyone, only when there is a department to bridge into.
  const bridges =
    departments.length === 0 ? new Map() : await bridgesInto(ctx, departments, await everyone());
  return meetNewSuggestions(
    departments.map((d) => {
      const bridge = bridges.get(d.id);
      return bridge ? { ...d, bridge } : d;
    }),
  );
}

/** `goodwill suggest [WHO]`: every suggestion, for one person or for everyone. */
export async function suggest(ctx: AppContext, personId?: string): Promise<{ suggestions: Suggestion[] }> {
  const states = await loadRelationships(
    ctx,
    personId ? { personIds: [personId], includeArchived: true } : {},
  );
  const { suggestions } = await suggestionsForStates(ctx, states, { meetNew: personId === undefined });
  return { suggestions };
}
