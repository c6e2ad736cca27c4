/**
 * `goodwill map`: each department of my organization, the people I know there, strength and balance,
 * and the people of the organization whose department is not given (they would show nowhere else).
 */
import { EMPTY_CONTACT_SUMS } from "../domain/contact-summary.js";
import { type DepartmentStatus, departmentStatus } from "../domain/department-map.js";
import type { Balance } from "../domain/giving-balance.js";
import { strengthAt } from "../domain/strength.js";
import { GoodwillError } from "../errors.js";
import { fromInstant } from "../storage/keys.js";
import type { AppContext } from "./context.js";
import { departmentBalance } from "./ledger.js";
import { loadMe, loadRelationships } from "./relationship-state.js";
import { balanceJson } from "./views.js";
import { resolveOrganization } from "./who.js";

export interface DepartmentMapJson {
  organization: string;
  departments: {
    id: string;
    name: string;
    /** how many people I know there (not archived) */
    people: number;
    members: { id: string; name: string; strength: number }[];
    /** null when I know nobody there */
    averageStrength: number | null;
    balance: Balance;
    status: DepartmentStatus;
    mine: boolean;
  }[];
  /**
   * People of the organization (not archived) without a department given, by name: they count in
   * no department until one is set (`goodwill person edit WHO --dept DEPT`).
   */
  withoutDepartment: { id: string; name: string; strength: number }[];
}

/** The map of my organization, or of the organization named (`--org`). */
export async function departmentMap(ctx: AppContext, organization?: string): Promise<DepartmentMapJson> {
  const me = await loadMe(ctx);
  let org: { id: string; name: string };
  if (organization) org = await resolveOrganization(ctx, organization);
  else {
    if (me.organizationId === null)
      throw new GoodwillError(
        "invalid",
        "The map shows the departments of your organization: set it with goodwill init --name NAME --org ORG, or name one with --org.",
      );
    const row = await ctx.db
      .selectFrom("organizations")
      .select(["id", "name"])
      .where("owner_id", "=", ctx.ownerId)
      .where("id", "=", me.organizationId)
      .executeTakeFirstOrThrow();
    org = row;
  }
  const departments = await ctx.db
    .selectFrom("departments")
    .select(["id", "name"])
    .where("owner_id", "=", ctx.ownerId)
    .where("organization_id", "=", org.id)
    .orderBy("name_key")
    .execute();
  const memberIds = (
    await ctx.db
      .selectFrom("people")
      .select("id")
      .where("owner_id", "=", ctx.ownerId)
      .where("organization_id", "=", org.id)
      .where("archived", "=", 0)
      .execute()
  ).map((p) => p.id);
  const states = await loadRelationships(ctx, { personIds: memberIds, strength: true });
  const byDepartment = new Map<string, { id: string; name: string; strength: number }[]>();
  const withoutDepartment: { id: string; name: string; strength: number; key: string }[] = [];
  for (const s of states) {
    const strength = strengthAt(
      {
        contacts: s.contacts ?? EMPTY_CONTACT_SUMS,
        closeness: s.person.closeness,
        metOnMs: s.person.met_on ? fromInstant(`${s.person.met_on}T12:00:00.000Z`) : null,
      },
      ctx.now,
    ).score;
    if (!s.person.department_id) {
      withoutDepartment.push({
        id: s.person.id,
        name: s.person.display_name,
        strength,
        key: s.person.name_key,
      });
      continue;
    }
    const list = byDepartment.get(s.person.department_id) ?? [];
    list.push({ id: s.person.id, name: s.person.display_name, strength });
    byDepartment.set(s.person.department_id, list);
  }
  const rows = [];
  for (const d of departments) {
    const members = (byDepartment.get(d.id) ?? []).sort((a, b) => b.strength - a.strength);
    const averageStrength =
      members.length === 0
        ? null
        : Math.round((members.reduce((sum, m) => sum + m.strength, 0) / members.length) * 10) / 10;
    const balance = balanceJson(await departmentBalance(ctx, d.id));
    rows.push({
      id: d.id,
      name: d.name,
      people: members.length,
      members,
      averageStrength,
      balance,
      status: departmentStatus({ people: members.length, averageStrength, balance: balance.label }),
      mine: d.id === me.departmentId,
    });
  }
  withoutDepartment.sort((a, b) => a.key.localeCompare(b.key));
  return {
    organization: org.name,
    departments: rows,
    withoutDepartment: withoutDepartment.map(({ key: _key, ...person }) => person),
  };
}
