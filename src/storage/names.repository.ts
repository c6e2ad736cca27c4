/** The one names lookup: the names of people and departments by id, as lists and documents show them. */
import type { Kysely } from "kysely";
import { ownedBy } from "./owned.js";
import type { Database } from "./schema.js";

/** The display names of these people (those that exist). */
export async function personNames(
  db: Kysely<Database>,
  ownerId: string,
  ids: readonly string[],
): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  return ownedBy(db, ownerId)
    .selectFrom("people")
    .select(["id", "display_name as name"])
    .where("id", "in", ids)
    .execute();
}

/** The names of these departments (those that exist). */
export async function departmentNames(
  db: Kysely<Database>,
  ownerId: string,
  ids: readonly string[],
): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  return ownedBy(db, ownerId)
    .selectFrom("departments")
    .select(["id", "name"])
    .where("id", "in", ids)
    .execute();
}

/** The name of whoever each row is with, by id: a person or a department. */
export async function counterpartNames(
  db: Kysely<Database>,
  ownerId: string,
  rows: readonly { person_id: string | null; department_id: string | null }[],
): Promise<Map<string, string>> {
  const personIds = [...new Set(rows.flatMap((r) => (r.person_id ? [r.person_id] : [])))];
  const departmentIds = [...new Set(rows.flatMap((r) => (r.department_id ? [r.department_id] : [])))];
  const people = await personNames(db, ownerId, personIds);
  const departments = await departmentNames(db, ownerId, departmentIds);
  return new Map([...people, ...departments].map((r) => [r.id, r.name]));
}
