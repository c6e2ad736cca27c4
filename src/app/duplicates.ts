/**
 * Duplicates (issue 10 §4): adding someone who may already be there is refused unless asked for
 * ("possible_duplicate", with the people it may be), and `goodwill person dupes` lists the likely
 * pairs among everyone, each with why and the merge that would make them one.
 */
import { type DuplicateReason, findLikelyDuplicates } from "../domain/duplicates.js";
import { GoodwillError } from "../errors.js";
import { identities, placesAndContacts } from "../storage/duplicate.repository.js";
import { emailKey, foldText, phoneKey } from "../storage/keys.js";
import { findPeopleByEmail, findPeopleByName, findPeopleByPhone } from "../storage/person.repository.js";
import { addSetting, settingKeysStartingWith } from "../storage/settings.repository.js";
import { type AppContext, inWriteTransaction, nowIso } from "./context.js";
import { resolvePerson } from "./who.js";

/** A person as a duplicate warning shows them: enough to tell who it is. */
export interface DuplicatePersonJson {
  id: string;
  name: string;
  organization: string | null;
  department: string | null;
  email: string | null;
  phone: string | null;
}

export interface DuplicatePairJson {
  /** the newer record: `goodwill person merge A B` moves it into B */
  a: DuplicatePersonJson;
  /** the older record, the one a merge keeps */
  b: DuplicatePersonJson;
  reasons: DuplicateReason[];
  score: number;
}

/** Each person's place and first email and phone, by id. */
async function describe(ctx: AppContext, ids: readonly string[]): Promise<Map<string, DuplicatePersonJson>> {
  const out = new Map<string, DuplicatePersonJson>();
  if (ids.length === 0) return out;
  const { db, ownerId } = ctx;
  // In slices, so that a long list of ids stays under a database's bound-parameter limit.
  for (let at = 0; at < ids.length; at += 5000) {
    const slice = ids.slice(at, at + 5000);
    const { rows, emails, phones } = await placesAndContacts(db, ownerId, slice);
    for (const r of rows)
      out.set(r.id, {
        id: r.id,
        name: r.display_name,
        organization: r.organization,
        department: r.department,
        email: null,
        phone: null,
      });
    for (const e of emails) {
      const p = out.get(e.person_id);
      if (p && p.email === null) p.email = e.value;
    }
    for (const ph of phones) {
      const p = out.get(ph.person_id);
      if (p && p.phone === null) p.phone = ph.value;
    }
  }
  return out;
}

/** The people a new person with this name, these emails and phones may already be. */
export async function duplicateCandidates(
  ctx: AppContext,
  input: { name: string; emails?: readonly string[] | undefined; phones?: readonly string[] | undefined },
): Promise<DuplicatePersonJson[]> {
  const { db, ownerId } = ctx;
  const ids: string[] = [];
  const add = (rows: { id: string }[]) => {
    for (const r of rows) if (!ids.includes(r.id)) ids.push(r.id);
  };
  if (foldText(input.name)) add(await findPeopleByName(db, ownerId, input.name, "exact"));
  for (const email of input.emails ?? [])
    if (emailKey(email)) add(await findPeopleByEmail(db, ownerId, email));
  for (const phone of input.phones ?? []) add(await findPeopleByPhone(db, ownerId, phone));
  const described = await describe(ctx, ids);
  return ids.flatMap((id) => {
    const p = described.get(id);
    return p ? [p] : [];
  });
}

/** "Raj Patel (Brightline Engineering, IT, raj@…)": who a candidate is, in a sentence. */
export function duplicateLabel(p: DuplicatePersonJson): string {
  const about = [p.organization, p.department, p.email ?? p.phone].filter(Boolean).join(", ");
  return about ? `${p.name} (${about})` : p.name;
}

/** Refuses to add someone who may already be there; `allowDuplicate` adds them anyway. */
export async function refuseDuplicate(
  ctx: AppContext,
  input: { name: string; emails?: readonly string[] | undefined; phones?: readonly string[] | undefined },
): Promise<void> {
  const candidates = await duplicateCandidates(ctx, input);
  if (candidates.length === 0) return;
  const names = candidates.slice(0, 3).map(duplicateLabel);
  if (candidates.length > 3) names.push(`${candidates.length - 3} more`);
  const one = candidates.length === 1;
  const who = one ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  throw new GoodwillError(
    "possible_duplicate",
    `${who} ${one ? "is" : "are"} already in your people. Add anyway with --new, or use ${one ? "that person" : "one of them"}.`,
    { candidates },
  );
}

export const DUPLICATES_LIMIT = 100;
export const DUPLICATES_MAX_LIMIT = 1000;

/**
 * The likeliest `limit` duplicate pairs among all of the owner's people, and how many there are in
 * all (a store of many namesakes can have thousands).
 */
export async function duplicatePairs(
  ctx: AppContext,
  limit = DUPLICATES_LIMIT,
): Promise<{ pairs: DuplicatePairJson[]; total: number }> {
  const { db, ownerId } = ctx;
  const { people, emails, phones } = await identities(db, ownerId);
  const keysOf = (rows: { person_id: string; value_key: string }[]) => {
    const byPerson = new Map<string, string[]>();
    for (const r of rows) {
      const list = byPerson.get(r.person_id);
      if (list) list.push(r.value_key);
      else byPerson.set(r.person_id, [r.value_key]);
    }
    return byPerson;
  };
  const emailKeys = keysOf(emails);
  // Stored phone keys are the last ten digits already; older rows are read the same way again.
  const phoneKeys = keysOf(phones.map((p) => ({ ...p, value_key: phoneKey(p.value_key) })));
  const apart = await distinctPairs(ctx);
  const found = findLikelyDuplicates(
    people.map((p) => ({
      id: p.id,
      nameKey: p.name_key,
      organizationId: p.organization_id,
      organization: p.organization,
      emailKeys: emailKeys.get(p.id) ?? [],
      phoneKeys: phoneKeys.get(p.id) ?? [],
      createdAt: p.created_at,
    })),
  );
  const matches = found.filter((m) => !apart.has(distinctKey(m.merge, m.keep)));
  const shown = matches.slice(0, limit);
  const described = await describe(ctx, [...new Set(shown.flatMap((m) => [m.merge, m.keep]))]);
  return {
    total: matches.length,
    pairs: shown.flatMap((m) => {
      const a = described.get(m.merge);
      const b = described.get(m.keep);
      return a && b ? [{ a, b, reasons: m.reasons, score: m.score }] : [];
    }),
  };
}

/**
 * Pairs the user said are two people, kept in settings (one row a pair, no migration): a backup
 * carries them, and a row whose people are gone is never read again.
 */
const DISTINCT_PREFIX = "duplicates:distinct:";

function distinctKey(x: string, y: string): string {
  return x < y ? `${DISTINCT_PREFIX}${x}:${y}` : `${DISTINCT_PREFIX}${y}:${x}`;
}

/** The two people of a "distinct pair" setting, or null for any other setting. */
export function distinctPairOf(key: string): [string, string] | null {
  if (!key.startsWith(DISTINCT_PREFIX)) return null;
  const [a, b, ...rest] = key.slice(DISTINCT_PREFIX.length).split(":");
  return a && b && rest.length === 0 ? [a, b] : null;
}

/** The setting that says these two people are distinct (the same whichever comes first). */
export function distinctPairKey(a: string, b: string): string {
  return distinctKey(a, b);
}

async function distinctPairs(ctx: AppContext): Promise<Set<string>> {
  return new Set(await settingKeysStartingWith(ctx.db, ctx.ownerId, DISTINCT_PREFIX));
}

/** Two people are not one: `person dupes` no longer pairs them. */
export async function markDistinct(
  ctx: AppContext,
  whoA: string,
  whoB: string,
): Promise<{ distinct: { a: { id: string; name: string }; b: { id: string; name: string } } }> {
  const a = await resolvePerson(ctx, whoA);
  const b = await resolvePerson(ctx, whoB);
  if (a.id === b.id)
    throw new GoodwillError("invalid", `"${whoA}" and "${whoB}" are the same record; name two people.`);
  await inWriteTransaction(ctx, async (tx) => {
    await addSetting(tx.db, ctx.ownerId, distinctKey(a.id, b.id), nowIso(tx));
  });
  return {
    distinct: { a: { id: a.id, name: a.display_name }, b: { id: b.id, name: b.display_name } },
  };
}
