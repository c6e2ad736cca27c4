import type { Kysely } from "kysely";
import { foldText, newId } from "./keys.js";
import { ownedBy } from "./owned.js";
import type { Database, DepartmentRow, OrganizationRow } from "./schema.js";

export async function getOrganization(
  db: Kysely<Database>,
  ownerId: string,
  id: string,
): Promise<OrganizationRow | undefined> {
  return ownedBy(db, ownerId).selectFrom("organizations").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findOrganizationByName(
  db: Kysely<Database>,
  ownerId: string,
  name: string,
): Promise<OrganizationRow | undefined> {
  return ownedBy(db, ownerId)
    .selectFrom("organizations")
    .selectAll()
    .where("name_key", "=", foldText(name))
    .executeTakeFirst();
}

export async function listOrganizations(db: Kysely<Database>, ownerId: string): Promise<OrganizationRow[]> {
  return ownedBy(db, ownerId).selectFrom("organizations").selectAll().orderBy("name_key").execute();
}

/** The organization of that name, created when it is new. */
export async function obtainOrganization(
  db: Kysely<Database>,
  ownerId: string,
  name: string,
  nowIso: string,
): Promise<OrganizationRow> {
  const found = await findOrganizationByName(db, ownerId, name);
  if (found) return found;
  const row: OrganizationRow = {
    owner_id: ownerId,
    id: newId(),
    name: name.trim(),
    name_key: foldText(name),
    created_at: nowIso,
  };
  await db.insertInto("organizations").values(row).execute();
  return row;
}

export async function getDepartment(
  db: Kysely<Database>,
  ownerId: string,
  id: string,
): Promise<DepartmentRow | undefined> {
  return ownedBy(db, ownerId).selectFrom("departments").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Departments whose folded name is `name`, in one organization or in all of them. */
export async function findDepartmentsByName(
  db: Kysely<Database>,
  ownerId: string,
  name: string,
  organizationId?: string,
): Promise<DepartmentRow[]> {
  let query = ownedBy(db, ownerId)
    .selectFrom("departments")
    .selectAll()
    .where("name_key", "=", foldText(name));
  if (organizationId) query = query.where("organization_id", "=", organizationId);
  return query.execute();
}

export async function listDepartments(
  db: Kysely<Database>,
  ownerId: string,
  organizationId?: string,
): Promise<DepartmentRow[]> {
  let query = ownedBy(db, ownerId).selectFrom("departments").selectAll();
  if (organizationId) query = query.where("organization_id", "=", organizationId);
  return query.orderBy("name_key").execute();
}

/** The department of that name in the organization, created when it is new. */
export async function obtainDepartment(
  db: Kysely<Database>,
  ownerId: string,
  organizationId: string,
  name: string,
  nowIso: string,
): Promise<DepartmentRow> {
  const [found] = await findDepartmentsByName(db, ownerId, name, organizationId);
  if (found) return found;
  const row: DepartmentRow = {
    owner_id: ownerId,
    id: newId(),
    organization_id: organizationId,
    name: name.trim(),
    name_key: foldText(name),
    created_at: nowIso,
  };
  await db.insertInto("departments").values(row).execute();
  return row;
}

/**
 * How many people (not archived) each organization and department holds: one row per
 * (organization, department) pair that has anyone, the department null for people without one.
 */
export async function countPeopleByDepartment(
  db: Kysely<Database>,
  ownerId: string,
): Promise<{ organizationId: string; departmentId: string | null; people: number }[]> {
  const rows = await ownedBy(db, ownerId)
    .selectFrom("people")
    .select(["organization_id", "department_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("archived", "=", 0)
    .where("organization_id", "is not", null)
    .groupBy(["organization_id", "department_id"])
    .execute();
  return rows.map((r) => ({
    organizationId: r.organization_id as string,
    departmentId: r.department_id,
    people: Number(r.n),
  }));
}

/** A department's name and organization; it must exist. */
export async function departmentSummary(db: Kysely<Database>, ownerId: string, id: string) {
  return ownedBy(db, ownerId)
    .selectFrom("departments")
    .select(["id", "name", "organization_id"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

/** Takes away a department's aggregates (before the department itself goes). */
export async function deleteDepartmentStats(db: Kysely<Database>, ownerId: string, departmentId: string) {
  await ownedBy(db, ownerId)
    .deleteFrom("department_stats")
    .where("department_id", "=", departmentId)
    .execute();
}

/** The organization the owner works at; it must exist. */
export async function myOrganization(db: Kysely<Database>, ownerId: string, id: string | null) {
  return ownedBy(db, ownerId)
    .selectFrom("organizations")
    .selectAll()
    .where("id", "=", id ?? "")
    .executeTakeFirstOrThrow();
}
