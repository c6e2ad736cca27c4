/**
 * A search hit's excerpt: a few words of the text around the first word that matches, each matching
 * word marked. A word matches when it starts with one of the searched words, accents and case
 * folded — as the full-text index matched it — so "zur" marks "Zürich". The text is quoted as
 * written: brackets and markup in someone's notes are text like any other.
 */

export interface ExcerptPart {
  text: string;
  match: boolean;
}

export const WORD = /[\p{L}\p{N}]+/gu;

/** Lower case without accents, as the index compares words. */
export function fold(word: string): string {
  return word
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

export function excerpt(text: string, searched: readonly string[], maxWords = 16): ExcerptPart[] {
  const prefixes = searched.flatMap((s) => fold(s).match(WORD) ?? []);
  const words = [...text.matchAll(WORD)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    match: prefixes.some((p) => fold(m[0]).startsWith(p)),
  }));
  const first = Math.max(
    0,
    words.findIndex((w) => w.match),
  );
  // A third of the room before the first match, the rest after it.
  const from = Math.max(0, Math.min(first - Math.floor(maxWords / 3), words.length - maxWords));
  const to = Math.min(words.length, from + maxWords);

  const parts: ExcerptPart[] = [];
  const add = (piece: string, match: boolean) => {
    const flat = piece.replace(/\s+/g, " ");
    if (flat === "") return;
    const last = parts.at(-1);
    if (last && last.match === match) last.text += flat;
    else parts.push({ text: flat, match });
  };
  let at = from === 0 ? 0 : (words[from]?.start ?? 0);
  if (from > 0) add("…", false);
  for (const word of words.slice(from, to)) {
    add(text.slice(at, word.start), false);
    add(text.slice(word.start, word.end), word.match);
    at = word.end;
  }
  add(to === words.length ? text.slice(at) : `${text.slice(at, words[to]?.start).trimEnd()}…`, false);
  if (parts[0] && !parts[0].match) parts[0].text = parts[0].text.trimStart();
  const tail = parts.at(-1);
  if (tail && !tail.match) tail.text = tail.text.trimEnd();
  return parts.filter((p) => p.text !== "");
}
