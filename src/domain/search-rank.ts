/**
 * The order of one owner's search hits, computed from those hits alone. A full-text index's own
 * score (SQLite's bm25) weighs words by how often they occur in the whole index — every account's
 * notes — so the order of one account's results would tell it which words the others use. Here a
 * hit scores by how often the searched words occur in it, relative to its length (BM25 without the
 * rarity weight: every hit holds every searched word), and ties go by kind and id. Both dialects
 * rank this way, so they agree.
 */
import { fold, WORD } from "./excerpt.js";

/** BM25's usual constants: how fast repeats stop counting, and how much length matters. */
const K1 = 1.2;
const B = 0.75;

export interface RankedDocument {
  kind: string;
  refId: string;
  body: string;
}

/** The best `limit` of `hits` for the searched words, best first. */
export function rankSearchHits<T extends RankedDocument>(
  hits: readonly T[],
  searched: readonly string[],
  limit: number,
): T[] {
  // A searched word the index split into several ("ann@example.com") counts each of its pieces.
  // The pieces are letters and digits only: nothing in them is regular-expression syntax.
  const pieces = searched
    .flatMap((s) => fold(s).match(WORD) ?? [])
    .map((piece) => new RegExp(`(?<![\\p{L}\\p{N}])${piece}`, "gu"));
  // Folded whole, then searched: one normalisation a hit; its length in characters stands for its
  // length in words (only the ratio to the average counts).
  const folded = hits.map((h) => fold(h.body));
  const averageLength = Math.max(1, folded.reduce((sum, f) => sum + f.length, 0) / Math.max(1, hits.length));
  const scored = hits.map((hit, i) => {
    const text = folded[i] ?? "";
    const norm = K1 * (1 - B + (B * text.length) / averageLength);
    let score = 0;
    for (const piece of pieces) {
      const tf = text.match(piece)?.length ?? 0;
      score += (tf * (K1 + 1)) / (tf + norm);
    }
    return { hit, score };
  });
  scored.sort(
    (a, b) => b.score - a.score || compare(a.hit.kind, b.hit.kind) || compare(a.hit.refId, b.hit.refId),
  );
  return scored.slice(0, limit).map((s) => s.hit);
}

/** Code-unit order: the same on every platform and in every locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
