/**
 * Matching needs against offers (DESIGN §3.5 `introduce`): a small full-text match in memory.
 * Texts become sets of word stems (the Porter stemmer of the `stemmer` package, and a small list of
 * synonyms), without the words every need or offer shares ("help", "need", "someone"), so "hiring a
 * designer" meets "designs logos and brochures" on "design", "accountant" meets "accounting", and a
 * plumber meets "plumbing".
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
  // Trades: the one who does it and the doing, which Porter keeps apart ("plumber" stays whole,
  // "plumbing" is "plumb"). Named one by one: a rule taking -er and -ing off any word joined
  // "letter" to "letting" and "better" to "betting".
  ["plumber", "plumbers", "plumbing"],
  ["painter", "painters", "painting", "decorator", "decorating"],
  ["electrician", "electricians", "electrical", "wiring"],
  ["gardener", "gardeners", "gardening", "landscaper", "landscaping"],
  ["cleaner", "cleaners", "cleaning"],
  ["caterer", "caterers", "catering"],
  ["carpenter", "carpenters", "carpentry", "joiner", "joinery"],
  ["roofer", "roofers", "roofing"],
  ["baker", "bakers", "baking"],
  ["tutor", "tutors", "tutoring", "tuition"],
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

/** The subject words of a text, each with the stem it matches on. */
export function contentWords(text: string): { word: string; stem: string }[] {
  const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  const seen = new Set<string>();
  const found: { word: string; stem: string }[] = [];
  for (const word of words) {
    const lower = word.toLowerCase();
    if (lower.length < 3 || STOP_WORDS.has(lower)) continue;
    const s = stem(word);
    if (seen.has(s)) continue;
    seen.add(s);
    found.push({ word: lower, stem: s });
  }
  return found;
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
    for (const { stem: s } of contentWords(offer.text)) {
      const list = byStem.get(s);
      if (list) list.push(i);
      else byStem.set(s, [i]);
    }
  });
  const matches: NeedOfferMatch[] = [];
  for (const need of needs) {
    const scores = new Map<number, { score: number; words: string[] }>();
    for (const { word, stem: s } of contentWords(need.text)) {
      const holders = byStem.get(s);
      if (!holders) continue;
      const weight = 1 / Math.log2(1 + holders.length);
      for (const i of holders) {
        if (offers[i]?.personId === need.personId) continue;
        const entry = scores.get(i) ?? { score: 0, words: [] };
        entry.score += weight;
        entry.words.push(word);
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
