/** `goodwill search`: people, notes, ledger entries, moments, asks and promises by their words. */
import type { AppContext } from "./context.js";

export async function search(ctx: AppContext, query: string, limit = 30) {
  const hits = await ctx.store.dialect.search(ctx.db, ctx.ownerId, query, limit);
  const personIds = [...new Set(hits.flatMap((h) => (h.personId ? [h.personId] : [])))];
  const people = personIds.length
    ? await ctx.db
        .selectFrom("people")
        .select(["id", "display_name"])
        .where("owner_id", "=", ctx.ownerId)
        .where("id", "in", personIds)
        .execute()
    : [];
  const names = new Map(people.map((p) => [p.id, p.display_name]));
  return {
    query,
    results: hits.map((h) => ({
      kind: h.kind,
      id: h.refId,
      person: h.personId ? { id: h.personId, name: names.get(h.personId) ?? "" } : null,
      snippet: h.snippet,
    })),
  };
}
