/**
 * The lists a user picks from instead of guessing a spelling: every organization with its
 * departments, and every tag, each with how many people (not archived) are there or carry it.
 */
import type { OrganizationJson, TagJson } from "../contract/organization.js";
import { foldText } from "../storage/keys.js";
import {
  countPeopleByDepartment,
  listDepartments,
  listOrganizations,
} from "../storage/organization.repository.js";
import { listTagLists } from "../storage/person.repository.js";
import type { AppContext } from "./context.js";
import { loadMe } from "./relationship-state.js";

/** Every organization by name, mine first, each with its departments by name. */
export async function listOrganizationsWithDepartments(
  ctx: AppContext,
): Promise<{ organizations: OrganizationJson[] }> {
  const [me, organizations, departments, counts] = await Promise.all([
    loadMe(ctx),
    listOrganizations(ctx.db, ctx.ownerId),
    listDepartments(ctx.db, ctx.ownerId),
    countPeopleByDepartment(ctx.db, ctx.ownerId),
  ]);
  const inDepartment = new Map<string, number>();
  const inOrganization = new Map<string, number>();
  const withoutDepartment = new Map<string, number>();
  for (const c of counts) {
    inOrganization.set(c.organizationId, (inOrganization.get(c.organizationId) ?? 0) + c.people);
    if (c.departmentId === null) withoutDepartment.set(c.organizationId, c.people);
    else inDepartment.set(c.departmentId, (inDepartment.get(c.departmentId) ?? 0) + c.people);
  }
  const json = organizations.map(
    (o): OrganizationJson => ({
      id: o.id,
      name: o.name,
      mine: o.id === me.organizationId,
      people: inOrganization.get(o.id) ?? 0,
      withoutDepartment: withoutDepartment.get(o.id) ?? 0,
      departments: departments
        .filter((d) => d.organization_id === o.id)
        .map((d) => ({
          id: d.id,
          name: d.name,
          people: inDepartment.get(d.id) ?? 0,
          mine: d.id === me.departmentId,
        })),
    }),
  );
  // a stable sort: the rest stay in name order
  json.sort((a, b) => Number(b.mine) - Number(a.mine));
  return { organizations: json };
}

/**
 * Every tag with how many people carry it, by name. "it" and "IT" are one tag (as the filter
 * treats them); it is spelled as most people have it, the first spelling in name order on a tie.
 */
export async function listTags(ctx: AppContext): Promise<{ tags: TagJson[] }> {
  const byKey = new Map<string, { people: number; spellings: Map<string, number> }>();
  for (const tags of await listTagLists(ctx.db, ctx.ownerId)) {
    const seen = new Set<string>();
    for (const tag of tags) {
      const key = foldText(tag);
      if (key === "" || seen.has(key)) continue;
      seen.add(key);
      const entry = byKey.get(key) ?? { people: 0, spellings: new Map<string, number>() };
      entry.people += 1;
      entry.spellings.set(tag, (entry.spellings.get(tag) ?? 0) + 1);
      byKey.set(key, entry);
    }
  }
  const tags = [...byKey.entries()].map(([key, entry]) => {
    let name = key;
    let most = 0;
    for (const [spelling, n] of [...entry.spellings].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (n > most) {
        name = spelling;
        most = n;
      }
    }
    return { key, name, people: entry.people };
  });
  tags.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { tags: tags.map(({ name, people }) => ({ name, people })) };
}
