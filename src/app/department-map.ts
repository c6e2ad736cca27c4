/**
 * `goodwill map`: each department of my organization, the people I know there, strength and balance,
 * and the people of the organization whose department is not given (they would show nowhere else).
 */
import { EMPTY_CONTACT_SUMS } from "../domain/contact-summary.js";
import { type DepartmentStatus, departmentStatus } from "../domain/department-map.js";
import type { Balance } from "../domain/giving-balance.js";
import { strengthAt } from "../domain/strength.js";
import { GoodwillError } from "../errors.js";
import { agendaReads } from "../storage/agenda.repository.js";
import { fromInstant } from "../storage/keys.js";
import { getOrganization } from "../storage/organization.repository.js";
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
    /** how many of them I have been in touch with at least once: only they count for the status */
    contacted: number;
    members: { id: string; name: string; strength: number; contacted: boolean }[];
    /** the average strength of the people contacted; null when there is none */
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
    const mine = await getOrganization(ctx.db, ctx.ownerId, me.organizationId);
    if (!mine)
      throw new GoodwillError(
        "not_found",
        "Your organization is no longer on file: set it again with goodwill init --org ORG.",
      );
    org = mine;
  }
  const reads = agendaReads(ctx.db, ctx.ownerId);
  const departments = (await reads.departmentsOf(org.id)).map((d) => ({ id: d.id, name: d.name }));
  const memberIds = await reads.memberIds({ organizationId: org.id });
  const states = await loadRelationships(ctx, { personIds: memberIds, strength: true });
  const byDepartment = new Map<
    string,
    { id: string; name: string; strength: number; contacted: boolean }[]
  >();
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
    const contacted = (s.contacts?.contacts ?? 0) > 0;
    list.push({ id: s.person.id, name: s.person.display_name, strength, contacted });
    byDepartment.set(s.person.department_id, list);
  }
  const rows = [];
  for (const d of departments) {
    const members = (byDepartment.get(d.id) ?? []).sort((a, b) => b.strength - a.strength);
    // A name never contacted (an imported card) is not a tie yet: it would drag the average down
    // and make a department look known, so strength and status count the people contacted.
    const ties = members.filter((m) => m.contacted);
    const averageStrength =
      ties.length === 0
        ? null
        : Math.round((ties.reduce((sum, m) => sum + m.strength, 0) / ties.length) * 10) / 10;
    const balance = balanceJson(await departmentBalance(ctx, d.id));
    rows.push({
      id: d.id,
      name: d.name,
      people: members.length,
      contacted: ties.length,
      members,
      averageStrength,
      balance,
      status: departmentStatus({ contacted: ties.length, averageStrength, balance: balance.label }),
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
