/**
 * `goodwill person merge WHO INTO`: two records that are one person become one. Everything of WHO
 * moves to INTO — moments, ledger, asks, promises, notes, contact details — and INTO's own fields
 * win; only the ones INTO lacks are filled from WHO. One transaction: all of it or nothing.
 */
import { GoodwillError } from "../errors.js";
import { foldText } from "../storage/keys.js";
import { loadDetails, NO_DETAILS, parseTags, replaceDetails } from "../storage/person.repository.js";
import type { PersonRow } from "../storage/schema.js";
import { recomputePersonStats } from "../storage/stats.repository.js";
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
    if (filled.uid)
      await db
        .updateTable("people")
        .set({ uid: null })
        .where("owner_id", "=", ownerId)
        .where("id", "=", from.id)
        .execute();
    await db
      .updateTable("people")
      .set({
        ...filled,
        tags: JSON.stringify(moreTags),
        layer: Math.min(into.layer, from.layer),
        updated_at: nowIso(tx),
      })
      .where("owner_id", "=", ownerId)
      .where("id", "=", into.id)
      .execute();

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

    for (const table of ["exchanges", "asks", "commitments", "notes", "needs", "offers"] as const) {
      await db
        .updateTable(table)
        .set({ person_id: into.id })
        .where("owner_id", "=", ownerId)
        .where("person_id", "=", from.id)
        .execute();
    }
    await db
      .updateTable("needs")
      .set({ met_by_id: into.id })
      .where("owner_id", "=", ownerId)
      .where("met_by_id", "=", from.id)
      .execute();
    for (const side of ["a_id", "b_id"] as const)
      await db
        .updateTable("introductions")
        .set({ [side]: into.id })
        .where("owner_id", "=", ownerId)
        .where(side, "=", from.id)
        .execute();
    // A moment both took part in keeps INTO once; the others move over.
    const shared = await db
      .selectFrom("interaction_participants")
      .select("interaction_id")
      .where("owner_id", "=", ownerId)
      .where("person_id", "=", into.id)
      .execute();
    const sharedIds = shared.map((s) => s.interaction_id);
    let moving = db
      .updateTable("interaction_participants")
      .set({ person_id: into.id })
      .where("owner_id", "=", ownerId)
      .where("person_id", "=", from.id);
    if (sharedIds.length > 0) moving = moving.where("interaction_id", "not in", sharedIds);
    await moving.execute();
    await db
      .updateTable("people")
      .set({ met_through_id: into.id })
      .where("owner_id", "=", ownerId)
      .where("met_through_id", "=", from.id)
      .where("id", "!=", into.id)
      .execute();
    // Nobody was introduced to themselves.
    if (into.met_through_id === from.id) {
      await db
        .updateTable("people")
        .set({ met_through_id: null })
        .where("owner_id", "=", ownerId)
        .where("id", "=", into.id)
        .execute();
    }
    await db
      .updateTable("search_documents")
      .set({ person_id: into.id })
      .where("owner_id", "=", ownerId)
      .where("person_id", "=", from.id)
      .where("kind", "!=", "person")
      .execute();
    await db
      .deleteFrom("search_documents")
      .where("owner_id", "=", ownerId)
      .where("kind", "=", "person")
      .where("ref_id", "=", from.id)
      .execute();
    await db.deleteFrom("people").where("owner_id", "=", ownerId).where("id", "=", from.id).execute();

    await recomputePersonStats(db, ownerId, into.id);
    await reindexPerson(db, ownerId, into.id);
  });
  return { merged: { id: from.id, name: from.display_name }, into: await getPersonJson(ctx, into.id) };
}
