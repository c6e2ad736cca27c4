/** `goodwill search`: people, notes, ledger entries, moments, asks, promises, needs and offers (yours too) by their words. */
import { excerpt } from "../domain/excerpt.js";
import { rankSearchHits } from "../domain/search-rank.js";
import { searchTerms } from "../storage/dialect.js";
import { namesOf } from "../storage/names.repository.js";
import { DATED_KINDS, recordDates } from "../storage/search.repository.js";
import type { AppContext } from "./context.js";

/** What each kind of hit is called on screen and in the terminal. */
const KIND_LABELS: Record<string, string> = {
  person: "Person",
  note: "Note",
  exchange: "Ledger",
  interaction: "Moment",
  ask: "Ask",
  commitment: "Promise",
  need: "Need",
  offer: "Offer",
  "own-offer": "Your offer",
};

export const SEARCH_LIMIT = 30;
export const SEARCH_MAX_LIMIT = 200;

/**
 * How many of the newest matching records are ranked. Ranking reads each one's text, so a query
 * that matches more (a word in thousands of notes) ranks the newest ones only; the best of those
 * come first. More words narrow it.
 */
export const SEARCH_RANKED_MAX = 1000;

/** The best `limit` hits, and whether there are more (one more is asked for to know). */
export async function search(ctx: AppContext, query: string, limit = SEARCH_LIMIT) {
  const matched = await ctx.store.dialect.search(ctx.db, ctx.ownerId, query, SEARCH_RANKED_MAX);
  // Ranked from this owner's matches alone: nothing about other accounts' words shows in the order.
  const found = rankSearchHits(matched, searchTerms(query), limit + 1);
  const more = found.length > limit;
  const hits = found.slice(0, limit);
  const names = await namesOf(ctx.db, ctx.ownerId, { people: hits.map((h) => h.personId) });
  // When each record happened, and the department of entries, asks and promises logged against one.
  const details = new Map<
    string,
    { at: string; department: { id: string; name: string; organization: string | null } | null }
  >();
  for (const kind of DATED_KINDS) {
    const refs = hits.filter((h) => h.kind === kind).map((h) => h.refId);
    if (refs.length === 0) continue;
    const rows = await recordDates(ctx.db, ctx.ownerId, kind, refs);
    for (const row of rows)
      details.set(`${kind}:${row.id}`, {
        at: row.at,
        department:
          row.department_id !== null && row.name !== null
            ? { id: row.department_id, name: row.name, organization: row.organization }
            : null,
      });
  }
  return {
    query,
    more,
    results: hits.map((h) => {
      const parts = excerpt(h.body, searchTerms(query));
      return {
        kind: h.kind,
        label: KIND_LABELS[h.kind] ?? h.kind,
        id: h.refId,
        person: h.personId ? { id: h.personId, name: names.get(h.personId) ?? "" } : null,
        department: details.get(`${h.kind}:${h.refId}`)?.department ?? null,
        // when it happened (a person has no date)
        at: details.get(`${h.kind}:${h.refId}`)?.at ?? null,
        // the excerpt with each match in [brackets] (for a terminal), and in parts (for a screen)
        snippet: parts.map((p) => (p.match ? `[${p.text}]` : p.text)).join(""),
        parts,
      };
    }),
  };
}
