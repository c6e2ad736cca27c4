/**
 * Matching needs against offers (DESIGN §3.5 `introduce`): a small full-text match in memory.
 * Texts become sets of word stems (the Porter stemmer of the `stemmer` package, and a small list of
 * synonyms), without the words every need or offer shares ("help", "need", "someone"), so "hiring a
 * designer" meets "designs logos and brochures" on "design", and "accountant" meets "accounting".
 * A doer and a doing meet too ("plumber" and "plumbing", "painters" and "painting"), on a key of
 * their own: see `agentKey`.
 */
import { stemmer as porterStem } from "stemmer";

// Words that say nothing about the subject of a need or an offer.
const STOP_WORDS = new Set(
  (
    "a an and are as at be been but by can could do does for from get got has have he her his how i if in " +
    "into is it its just like looking lot lots me more most my need needed needs new no not of on one or our " +
    "out over really she so some someone something than that the their them there they this to too up us " +
    "very want wants was we well what when where which who will with would you your help helps helping " +
    "good great know knows knowing offer offers can able find finding any anyone about also all"
  ).split(" "),
);

// Words that mean one subject to a need and an offer though no stemmer joins them: a lawyer meets
// "legal", a writer meets "writes". Each group matches on its first word's stem.
const SYNONYMS: string[][] = [
  ["lawyer", "attorney", "solicitor", "legal", "counsel", "law", "paralegal"],
  ["accountant", "accounting", "bookkeeper", "bookkeeping", "cpa", "tax", "taxes", "audit", "auditor"],
  ["photographer", "photography", "photo", "photos", "headshots", "pictures"],
  ["designer", "design", "graphic", "graphics", "illustrator", "illustration", "logo", "logos"],
  ["writer", "write", "writes", "writing", "author", "copywriter", "copywriting", "article", "blog"],
  ["developer", "programmer", "programming", "coder", "coding", "code", "software"],
  ["hire", "hiring", "recruit", "recruiting", "recruiter", "candidate", "candidates"],
  ["translator", "translation", "translate", "interpreter"],
  ["mentor", "mentoring", "coach", "coaching", "adviser", "advisor"],
  ["investor", "investors", "funding", "fundraising", "vc"],
  ["speaker", "speaking", "speak", "talk", "talks", "keynote"],
  ["marketing", "marketer", "advertising", "promotion"],
  ["payroll", "salary", "salaries", "wages"],
  ["website", "site", "wordpress", "web"],
  ["video", "videographer", "film", "filming"],
];

function porter(word: string): string {
  const s = porterStem(word);
  // Porter leaves "photography" as "photographi" beside "photographer" → "photograph".
  return s.length > 5 && s.endsWith("i") ? s.slice(0, -1) : s;
}

const SYNONYM_OF = new Map<string, string>();
for (const group of SYNONYMS) {
  const canonical = porter(group[0] as string);
  for (const word of group) SYNONYM_OF.set(porter(word), canonical);
}

/**
 * A word's stem: lower case, accents removed, the Porter stemmer's stem, then the stem its synonym
 * group shares ("photography", "photographer" → "photograph"; "legal" → "lawyer").
 */
export function stem(word: string): string {
  const plain = word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  const s = porter(plain);
  return SYNONYM_OF.get(s) ?? s;
}

/**
 * The key on which an agent noun meets its activity: "plumber(s)" and "plumbing(s)" both give
 * "plumb", "runner" and "running" "runn"; other words give nothing. Porter leaves "plumber" whole
 * (it takes "-er" off longer stems only), and taking "-er" off every stem would join "corner" to
 * "corn" and "poster" to "post"; so the key only ever meets the other suffix, never the bare stem,
 * and needs four letters before the suffix ("paper" and "paging" share nothing).
 */
export function agentKey(word: string): string | null {
  const plain = word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  const base = /^(\p{L}{4,})(?:ers?|ings?)$/u.exec(plain)?.[1];
  return base === undefined ? null : `${base}-er/-ing`;
}

/**
 * The subject words of a text, each with the stem it matches on and, for a doer or a doing
 * ("plumber", "plumbing"), the key they meet each other on.
 */
export function contentWords(text: string): { word: string; stem: string; agent: string | null }[] {
  const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  const seen = new Set<string>();
  const found: { word: string; stem: string; agent: string | null }[] = [];
  for (const word of words) {
    const lower = word.toLowerCase();
    if (lower.length < 3 || STOP_WORDS.has(lower)) continue;
    const s = stem(word);
    if (seen.has(s)) continue;
    seen.add(s);
    found.push({ word: lower, stem: s, agent: agentKey(word) });
  }
  return found;
}

/** The keys a word is indexed and looked up under: its stem, and its agent key if it has one. */
function matchKeys(w: { stem: string; agent: string | null }): string[] {
  return w.agent === null ? [w.stem] : [w.stem, w.agent];
}

export interface NeedText {
  id: string;
  personId: string;
  text: string;
}

export interface OfferText {
  id: string;
  personId: string;
  text: string;
}

export interface NeedOfferMatch {
  need: NeedText;
  offer: OfferText;
  /** the need's words that the offer also mentions, as the need spells them */
  sharedWords: string[];
}

/**
 * For each need, the offer of someone else that shares the most subject words with it (rarer words
 * count more, so "payroll" outweighs "team"), or nothing when no offer shares a word. One pass over
 * an index of offer stems: no pair of texts is compared that has no word in common.
 */
export function matchNeedsToOffers(needs: NeedText[], offers: OfferText[]): NeedOfferMatch[] {
  const byStem = new Map<string, number[]>();
  offers.forEach((offer, i) => {
    for (const w of contentWords(offer.text)) {
      for (const key of matchKeys(w)) {
        const list = byStem.get(key);
        if (list?.at(-1) === i) continue;
        if (list) list.push(i);
        else byStem.set(key, [i]);
      }
    }
  });
  const matches: NeedOfferMatch[] = [];
  for (const need of needs) {
    const scores = new Map<number, { score: number; words: string[] }>();
    for (const w of contentWords(need.text)) {
      // One need word counts once per offer, under the rarer of its keys that the offer has.
      const weightOf = new Map<number, number>();
      for (const key of matchKeys(w)) {
        const holders = byStem.get(key);
        if (!holders) continue;
        const weight = 1 / Math.log2(1 + holders.length);
        for (const i of holders) {
          if (offers[i]?.personId === need.personId) continue;
          weightOf.set(i, Math.max(weightOf.get(i) ?? 0, weight));
        }
      }
      for (const [i, weight] of weightOf) {
        const entry = scores.get(i) ?? { score: 0, words: [] };
        entry.score += weight;
        entry.words.push(w.word);
        scores.set(i, entry);
      }
    }
    let best: { index: number; score: number; words: string[] } | null = null;
    for (const [index, { score, words }] of scores) {
      // Ties go to the older offer, so the suggestion does not flicker as offers are added.
      if (best === null || score > best.score || (score === best.score && index < best.index))
        best = { index, score, words };
    }
    const offer = best ? offers[best.index] : undefined;
    if (best && offer) matches.push({ need, offer, sharedWords: best.words });
  }
  return matches;
}
