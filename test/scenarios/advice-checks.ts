import { expect } from "vitest";

/*
 * What every piece of advice in a story must be, whatever the story: checked on the texts a reader
 * sees (suggestion actions and reasons, `week` lines, introduction drafts), never on their shape.
 */

/** Two quote marks side by side: a user's text quoted inside quotes it already had (`""`, `“"`). */
const DOUBLED_QUOTE = /["“”„]\s?["“”„]|['‘’]['‘’]/;

/** `text` has no doubled quote; `where` names it in the failure. */
export function expectNoDoubledQuote(text: string, where = text): void {
  expect(DOUBLED_QUOTE.test(text), `doubled quote in: ${where}`).toBe(false);
}

/**
 * `text` speaks to `reader` and never about them: after an opening greeting ("Hi Concetta,") the
 * reader's name does not appear, so no "Concetta learnt…" in a note sent to Concetta. For the
 * user's own advice, `reader` is the owner's name.
 */
export function expectAddressedTo(text: string, reader: string): void {
  const body = text.replace(/^\s*(hi|hello|dear|hey)\s+[^,\n]+,?\s*/i, "");
  const first = reader.trim().split(/\s+/)[0] ?? reader;
  const word = new RegExp(`(^|[^\\p{L}])${first.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}([^\\p{L}]|$)`, "iu");
  expect(word.test(body), `"${first}" described in the third person in: ${text}`).toBe(false);
}

/** No line appears twice in one listing (an agenda, a `week`, a `suggest`). */
export function expectNoRepeats(lines: readonly string[], what = "listing"): void {
  const seen = new Map<string, number>();
  for (const line of lines) seen.set(line, (seen.get(line) ?? 0) + 1);
  const twice = [...seen].filter(([, n]) => n > 1).map(([line]) => line);
  expect(twice, `the same line twice in one ${what}`).toEqual([]);
}

/** All three checks over a listing of advice texts the owner reads. */
export function expectCleanAdvice(lines: readonly string[], owner: string, what = "listing"): void {
  for (const line of lines) {
    expectNoDoubledQuote(line);
    expectAddressedTo(line, owner);
  }
  expectNoRepeats(lines, what);
}
