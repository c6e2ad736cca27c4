/**
 * Suggestions for many people at once (DESIGN §3.5). Ordering needs only what the aggregates know,
 * so the one detail that needs the history — what a thank-you would be for — is fetched only for
 * the people whose suggestions are actually shown.
 */
import { DAY_MS } from "../domain/decay.js";
import { type Layer, type LedgerMode, SUGGESTION_KINDS, type SuggestionKind } from "../domain/model.js";
import { isCommitmentLate } from "../domain/open-loops.js";
import {
  type Suggestion,
  type SuggestionSubject,
  suggestionKindsFor,
  suggestionsFor,
} from "../domain/suggestions.js";
import type { AppContext } from "./context.js";
import { loadRelationships, type RelationshipState } from "./relationship-state.js";

function subjectOf(state: RelationshipState, now: number, lastReceivedSummary: string): SuggestionSubject {
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
    // Each give moves the playbook on by one idea; the person's own offset keeps two colleagues of
    // one department from being told the same thing.
    givesSoFar: ledger.gaves + stableOffset(person.id),
  };
}

function stableOffset(id: string): number {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h;
}

/** The latest received entry's summary for each person: what a thank-you would be for. */
async function lastReceivedSummaries(ctx: AppContext, personIds: string[]): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  for (const personId of personIds) {
    const row = await ctx.db
      .selectFrom("exchanges")
      .select("summary")
      .where("owner_id", "=", ctx.ownerId)
      .where("person_id", "=", personId)
      .where("direction", "=", "received")
      .orderBy("occurred_at", "desc")
      .limit(1)
      .executeTakeFirst();
    if (row) map.set(personId, row.summary);
  }
  return map;
}

/** Whether anything at all could be suggested for this person, without building the sentences. */
function mayHaveSuggestions(s: RelationshipState): boolean {
  return (
    s.thanksOwed ||
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
  options: { limit?: number; alsoFirstFor?: string[] } = {},
): Promise<{ suggestions: Suggestion[]; total: number; firstPerPerson: Map<string, Suggestion> }> {
  // Rank by kind and priority without writing a sentence; only the suggestions shown are worded.
  const planned: { personId: string; kind: SuggestionKind; rank: number; priority: number }[] = [];
  const byId = new Map<string, RelationshipState>();
  for (const state of states) {
    if (!mayHaveSuggestions(state)) continue;
    byId.set(state.person.id, state);
    const kinds = suggestionKindsFor(subjectOf(state, ctx.now, ""));
    kinds.forEach((kind, i) => {
      planned.push({
        personId: state.person.id,
        kind,
        rank: kinds.slice(0, i).filter((k) => k === kind).length,
        priority: state.due.priority,
      });
    });
  }
  planned.sort(
    (a, b) => SUGGESTION_KINDS.indexOf(a.kind) - SUGGESTION_KINDS.indexOf(b.kind) || b.priority - a.priority,
  );
  const shown = options.limit === undefined ? planned : planned.slice(0, options.limit);
  const wanted = new Set([
    ...shown.map((s) => s.personId),
    ...(options.alsoFirstFor ?? []).filter((id) => byId.has(id)),
  ]);
  const summaries = await lastReceivedSummaries(
    ctx,
    [...wanted].filter((id) => byId.get(id)?.thanksOwed),
  );
  const worded = new Map<string, Suggestion[]>();
  for (const id of wanted) {
    const state = byId.get(id);
    if (state) worded.set(id, suggestionsFor(subjectOf(state, ctx.now, summaries.get(id) ?? "")));
  }
  const suggestions = shown.flatMap((p) => {
    const one = (worded.get(p.personId) ?? []).filter((x) => x.kind === p.kind)[p.rank];
    return one ? [one] : [];
  });
  const firstPerPerson = new Map<string, Suggestion>();
  for (const [id, list] of worded) if (list[0]) firstPerPerson.set(id, list[0]);
  return { suggestions, total: planned.length, firstPerPerson };
}

/** `goodwill suggest [WHO]`: every suggestion, for one person or for everyone. */
export async function suggest(ctx: AppContext, personId?: string): Promise<{ suggestions: Suggestion[] }> {
  const states = await loadRelationships(
    ctx,
    personId ? { personIds: [personId], includeArchived: true } : {},
  );
  const { suggestions } = await suggestionsForStates(ctx, states);
  return { suggestions };
}
