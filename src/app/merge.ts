/**
 * `goodwill person merge WHO INTO`: two records that are one person become one. Everything of WHO
 * moves to INTO — moments, ledger, asks, promises, notes, contact details — and INTO's own fields
 * win; only the ones INTO lacks are filled from WHO. One transaction: all of it or nothing.
 */
import { GoodwillError } from "../errors.js";
import { foldText } from "../storage/keys.js";
import {
  loadDetails,
  NO_DETAILS,
  parseTags,
  replaceDetails,
  updatePerson,
} from "../storage/person.repository.js";
import { movePersonHistory } from "../storage/person-merge.repository.js";
import type { PersonRow } from "../storage/schema.js";
import { recomputePersonStats, refreshFirstEventsAround } from "../storage/stats.repository.js";
import { type AppContext, inWriteTransaction, nowIso } from "./context.js";
import { getPersonJson, reindexPerson } from "./people.js";
import { resolvePerson } from "./who.js";

const FILLABLE = [
  "given_name",
  "family_name",
  "nickname",
  "organization_id",
  "department_id",
  "title",
  "met_text",
  "met_on",
  "met_through_id",
  "birthday",
  "cadence_days",
  "uid",
] as const satisfies readonly (keyof PersonRow)[];

export async function mergePeople(ctx: AppContext, whoFrom: string, whoInto: string) {
  const from = await resolvePerson(ctx, whoFrom);
  const into = await resolvePerson(ctx, whoInto);
  if (from.id === into.id)
    throw new GoodwillError(
      "invalid",
      `"${whoFrom}" and "${whoInto}" are the same person; nothing to merge.`,
    );
  await inWriteTransaction(ctx, async (tx) => {
    const { db, ownerId } = tx;
    const filled: Partial<PersonRow> = {};
    for (const field of FILLABLE) {
      if (into[field] === null && from[field] !== null) Object.assign(filled, { [field]: from[field] });
    }
    if (filled.department_id && (filled.organization_id ?? into.organization_id) !== from.organization_id)
      delete filled.department_id;
    if (filled.met_through_id === into.id) delete filled.met_through_id;
    const tags = parseTags(into.tags);
    const moreTags = [
      ...tags,
      ...parseTags(from.tags).filter((t) => !tags.some((u) => foldText(u) === foldText(t))),
    ];
    // The uid is unique per owner: it moves, it is not copied.
    if (filled.uid) await updatePerson(db, ownerId, from.id, { uid: null });
    await updatePerson(db, ownerId, into.id, {
      ...filled,
      tags: JSON.stringify(moreTags),
      layer: Math.min(into.layer, from.layer),
      updated_at: nowIso(tx),
    });

    const details = await loadDetails(db, ownerId, [into.id, from.id]);
    const a = details.get(into.id) ?? NO_DETAILS;
    const b = details.get(from.id) ?? NO_DETAILS;
    const union = <T>(x: T[], y: T[], key: (v: T) => string) => [
      ...x,
      ...y.filter((v) => !x.some((w) => key(w) === key(v))),
    ];
    await replaceDetails(db, ownerId, into.id, {
      emails: union(a.emails, b.emails, (e) => e.value.toLowerCase()),
      phones: union(a.phones, b.phones, (p) => p.value.replace(/\D/g, "")),
      urls: union(a.urls, b.urls, (u) => u.value),
      dates: union(a.dates, b.dates, (d) => d.label),
      related: union(a.related, b.related, (r) => r.name),
    });

    await movePersonHistory(db, ownerId, from.id, into.id, into.met_through_id === from.id);

    await recomputePersonStats(db, ownerId, into.id);
    await refreshFirstEventsAround(db, ownerId, into.id);
    await reindexPerson(db, ownerId, into.id);
  });
  return { merged: { id: from.id, name: from.display_name }, into: await getPersonJson(ctx, into.id) };
}
