/**
 * Display names for ids: the one lookup behind every document that names the people and
 * departments its rows point at (ledger entries, asks, promises, needs, search hits).
 */
import type { Kysely } from "kysely";
import { ownedBy } from "./owned.js";
import type { Database } from "./schema.js";

// Ids per statement: far under SQLite's and PostgreSQL's bound-parameter limits.
const IDS_PER_QUERY = 5_000;

/**
 * The names of these people and departments of one owner, by id. Ids of another owner, or of
 * records since deleted, are absent from the map: the caller says what a missing name means.
 */
export async function namesOf(
  db: Kysely<Database>,
  ownerId: string,
  ids: { people?: Iterable<string | null>; departments?: Iterable<string | null> },
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const part of parts(ids.people)) {
    const rows = await ownedBy(db, ownerId)
      .selectFrom("people")
      .select(["id", "display_name as name"])
      .where("id", "in", part)
      .execute();
    for (const r of rows) names.set(r.id, r.name);
  }
  for (const part of parts(ids.departments)) {
    const rows = await ownedBy(db, ownerId)
      .selectFrom("departments")
      .select(["id", "name"])
      .where("id", "in", part)
      .execute();
    for (const r of rows) names.set(r.id, r.name);
  }
  return names;
}

function parts(ids: Iterable<string | null> | undefined): string[][] {
  const unique = [...new Set(ids ?? [])].filter((id): id is string => id !== null && id !== "");
  const found: string[][] = [];
  for (let i = 0; i < unique.length; i += IDS_PER_QUERY) found.push(unique.slice(i, i + IDS_PER_QUERY));
  return found;
}
