/** `goodwill search`: people, notes, ledger entries, moments, asks and promises by their words. */
import type { AppContext } from "./context.js";

const WITH_DEPARTMENT = { exchange: "exchanges", ask: "asks", commitment: "commitments" } as const;

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
  // Entries, asks and promises logged against a department name the department instead.
  const departments = new Map<string, { id: string; name: string }>();
  for (const [kind, table] of Object.entries(WITH_DEPARTMENT)) {
    const refs = hits.filter((h) => h.kind === kind && !h.personId).map((h) => h.refId);
    if (refs.length === 0) continue;
    const rows = await ctx.db
      .selectFrom(`${table} as r` as "exchanges as r")
      .innerJoin("departments as d", (j) =>
        j.onRef("d.owner_id", "=", "r.owner_id").onRef("d.id", "=", "r.department_id"),
      )
      .select(["r.id", "d.id as department_id", "d.name"])
      .where("r.owner_id", "=", ctx.ownerId)
      .where("r.id", "in", refs)
      .execute();
    for (const row of rows) departments.set(row.id, { id: row.department_id, name: row.name });
  }
  return {
    query,
    results: hits.map((h) => ({
      kind: h.kind,
      id: h.refId,
      person: h.personId ? { id: h.personId, name: names.get(h.personId) ?? "" } : null,
      department: departments.get(h.refId) ?? null,
      snippet: h.snippet,
    })),
  };
}
