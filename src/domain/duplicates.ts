/**
 * Likely duplicates among one's people (issue 10 §4): two records that share an email or a phone, or
 * whose names are alike. Names are compared by Levenshtein distance (fastest-levenshtein) over the
 * folded name, as a similarity from 0 to 1 (1 − distance ÷ the longer length), and over the same
 * words sorted, so "Smith, John" meets "John Smith". Comparing everyone with everyone is O(n²); names
 * are compared only within blocks — the first two letters of the first word with the initial of the
 * last, and the other way round — so a typo must leave one of the two names' first letters alone
 * to be found. Working at the same organization only supports another reason, never stands alone.
 */
import { distance } from "fastest-levenshtein";

/** What the search needs of a person: keys already folded (foldText, emailKey, phoneKey). */
export interface DuplicateSubject {
  id: string;
  nameKey: string;
  organizationId: string | null;
  organization: string | null;
  emailKeys: readonly string[];
  phoneKeys: readonly string[];
  /** when the record was made: the older of a pair is the one kept */
  createdAt: string;
}

export type DuplicateReasonCode =
  | "same_email"
  | "same_phone"
  | "same_name"
  | "similar_name"
  | "same_organization";

export interface DuplicateReason {
  code: DuplicateReasonCode;
  text: string;
}

export interface DuplicateMatch {
  /** the newer record: merged into `keep` */
  merge: string;
  /** the older record: kept */
  keep: string;
  reasons: DuplicateReason[];
  /** 0 to 1: how likely the two are one person */
  score: number;
}

/** Names at least this alike are a reason ("Jon Smith" and "John Smith": 0.9). */
export const NAME_SIMILARITY = 0.85;
/** An email or phone shared by more people than this is a team's, not a person's: no reason. */
const MAX_SHARED_KEY = 20;
/** Phone keys shorter than this (extensions, short codes) say nothing about who it is. */
const MIN_PHONE_DIGITS = 7;

/** How much each reason says on its own; reasons combine as independent evidence (noisy-or). */
const WEIGHT: Record<DuplicateReasonCode, number> = {
  same_email: 0.9,
  same_phone: 0.8,
  same_name: 0.8,
  similar_name: 0.6,
  same_organization: 0.3,
};

/** The words of a folded name, punctuation dropped. */
function words(nameKey: string): string[] {
  return nameKey
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
}

function similarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - distance(a, b) / longer;
}

interface NameForms {
  plain: string;
  sorted: string;
}

function forms(nameKey: string): NameForms {
  const w = words(nameKey);
  return { plain: w.join(" "), sorted: [...w].sort().join(" ") };
}

function formsSimilarity(a: NameForms, b: NameForms): number {
  const plain = similarity(a.plain, b.plain);
  return plain === 1 ? 1 : Math.max(plain, similarity(a.sorted, b.sorted));
}

/** 0 to 1: how alike two folded names are, as written or with their words sorted. */
export function nameSimilarity(a: string, b: string): number {
  return formsSimilarity(forms(a), forms(b));
}

/** The blocks a name falls in: two letters of one end word and the initial of the other. */
function blockKeys(nameKey: string): string[] {
  const w = words(nameKey);
  const first = w[0];
  const last = w[w.length - 1];
  if (first === undefined || last === undefined) return [];
  if (w.length === 1) return [`${first.slice(0, 2)}|`];
  return [`${first.slice(0, 2)}|${last[0]}`, `${last.slice(0, 2)}|${first[0]}`];
}

interface Evidence {
  email?: string;
  phone?: string;
  name?: number;
}

/** Likely duplicate pairs among `people`, the likeliest first. */
export function findLikelyDuplicates(people: readonly DuplicateSubject[]): DuplicateMatch[] {
  const byId = new Map(people.map((p) => [p.id, p]));
  const evidence = new Map<string, Evidence>();
  const pairKey = (x: string, y: string) => (x < y ? `${x} ${y}` : `${y} ${x}`);
  const note = (x: string, y: string, add: (e: Evidence) => void) => {
    if (x === y) return;
    const key = pairKey(x, y);
    let found = evidence.get(key);
    if (!found) {
      found = {};
      evidence.set(key, found);
    }
    add(found);
  };

  const shared = (
    keysOf: (p: DuplicateSubject) => readonly string[],
    add: (e: Evidence, k: string) => void,
  ) => {
    const groups = new Map<string, string[]>();
    for (const p of people) {
      for (const k of new Set(keysOf(p))) {
        const group = groups.get(k);
        if (group) group.push(p.id);
        else groups.set(k, [p.id]);
      }
    }
    for (const [k, ids] of groups) {
      if (ids.length < 2 || ids.length > MAX_SHARED_KEY) continue;
      for (let i = 0; i < ids.length; i++)
        for (let j = i + 1; j < ids.length; j++) note(ids[i] as string, ids[j] as string, (e) => add(e, k));
    }
  };
  shared(
    (p) => p.emailKeys,
    (e, k) => {
      e.email ??= k;
    },
  );
  shared(
    (p) => p.phoneKeys.filter((k) => k.length >= MIN_PHONE_DIGITS),
    (e, k) => {
      e.phone ??= k;
    },
  );

  const blocks = new Map<string, DuplicateSubject[]>();
  for (const p of people) {
    for (const k of blockKeys(p.nameKey)) {
      const block = blocks.get(k);
      if (block) block.push(p);
      else blocks.set(k, [p]);
    }
  }
  const prepared = new Map(people.map((p) => [p.id, forms(p.nameKey)]));
  for (const block of blocks.values()) {
    for (let i = 0; i < block.length; i++) {
      const a = block[i] as DuplicateSubject;
      const an = prepared.get(a.id) as NameForms;
      for (let j = i + 1; j < block.length; j++) {
        const b = block[j] as DuplicateSubject;
        const bn = prepared.get(b.id) as NameForms;
        // The distance is at least the difference in length (the same sorted as plain): a quick no.
        const longer = Math.max(an.plain.length, bn.plain.length);
        if (Math.abs(an.plain.length - bn.plain.length) > (1 - NAME_SIMILARITY) * longer) continue;
        const s = formsSimilarity(an, bn);
        if (s >= NAME_SIMILARITY)
          note(a.id, b.id, (e) => {
            e.name = s;
          });
      }
    }
  }

  const matches: DuplicateMatch[] = [];
  for (const [key, e] of evidence) {
    const [x, y] = key.split(" ") as [string, string];
    const px = byId.get(x) as DuplicateSubject;
    const py = byId.get(y) as DuplicateSubject;
    const reasons: DuplicateReason[] = [];
    if (e.email !== undefined) reasons.push({ code: "same_email", text: `same email ${e.email}` });
    if (e.phone !== undefined)
      reasons.push({ code: "same_phone", text: `same phone (…${e.phone.slice(-4)})` });
    if (e.name === 1) reasons.push({ code: "same_name", text: "same name" });
    else if (e.name !== undefined)
      reasons.push({ code: "similar_name", text: `names alike (${e.name.toFixed(2)})` });
    if (px.organizationId !== null && px.organizationId === py.organizationId)
      reasons.push({
        code: "same_organization",
        text: `both at ${px.organization ?? "the same organization"}`,
      });
    const score = 1 - reasons.reduce((miss, r) => miss * (1 - WEIGHT[r.code]), 1);
    const [keep, merge] = olderFirst(px, py);
    matches.push({ merge: merge.id, keep: keep.id, reasons, score: Math.round(score * 100) / 100 });
  }
  return matches.sort(
    (m, n) =>
      n.score - m.score ||
      (byId.get(m.keep)?.nameKey ?? "").localeCompare(byId.get(n.keep)?.nameKey ?? "") ||
      m.merge.localeCompare(n.merge),
  );
}

function olderFirst(x: DuplicateSubject, y: DuplicateSubject): [DuplicateSubject, DuplicateSubject] {
  if (x.createdAt !== y.createdAt) return x.createdAt < y.createdAt ? [x, y] : [y, x];
  return x.id < y.id ? [x, y] : [y, x];
}
