/**
 * Finding whom the user means: a person (`WHO`: id, email, or a name, case- and accent-insensitive,
 * a unique part of it is enough), a department (`dept:NAME`, `dept:ORG/NAME`) or an organization
 * (`org:NAME`). Ambiguity is an error that lists the candidates.
 */
import { GoodwillError, notFound } from "../errors.js";
import { foldText, isId } from "../storage/keys.js";
import {
  findDepartmentsByName,
  findOrganizationByName,
  getDepartment,
  getOrganization,
  listOrganizations,
} from "../storage/organization.repository.js";
import { getOwner } from "../storage/owner.repository.js";
import { findPeopleByEmail, findPeopleByName, getPerson } from "../storage/person.repository.js";
import type { DepartmentRow, OrganizationRow, PersonRow } from "../storage/schema.js";
import type { AppContext } from "./context.js";

export type Counterpart =
  | { kind: "person"; person: PersonRow }
  | { kind: "department"; department: DepartmentRow; organization: OrganizationRow };

export async function resolvePerson(ctx: AppContext, who: string): Promise<PersonRow> {
  const text = who.trim();
  if (text === "") throw new GoodwillError("usage", "Say who: a name, an email or an id.");
  const db = ctx.db;
  if (isId(text)) {
    const person = await getPerson(db, ctx.ownerId, text);
    if (person) return person;
    throw notFound(`No person has the id ${text}.`);
  }
  if (text.includes("@")) {
    const byEmail = await findPeopleByEmail(db, ctx.ownerId, text);
    if (byEmail.length === 1 && byEmail[0]) return byEmail[0];
    if (byEmail.length > 1) throw ambiguous(text, byEmail);
  }
  const exact = await findPeopleByName(db, ctx.ownerId, text, "exact");
  if (exact.length === 1 && exact[0]) return exact[0];
  if (exact.length > 1) throw ambiguous(text, exact);
  const partial = await findPeopleByName(db, ctx.ownerId, text, "substring");
  if (partial.length === 1 && partial[0]) return partial[0];
  if (partial.length > 1) throw ambiguous(text, partial);
  throw notFound(
    `No one called "${text}" is in your people. Try "goodwill search ${text}" or add them with "goodwill person add".`,
  );
}

function ambiguous(text: string, people: PersonRow[]): GoodwillError {
  const candidates = people.map((p) => ({ id: p.id, name: p.display_name }));
  const list = candidates
    .slice(0, 10)
    .map((c) => `  ${c.name}  (${c.id})`)
    .join("\n");
  return new GoodwillError(
    "ambiguous",
    `"${text}" could be ${people.length} people; say which with more of the name, an email or the id:\n${list}`,
    { candidates },
  );
}

/** `dept:NAME` or `dept:ORG/NAME`; without an organization, my own organization's department wins. */
export async function resolveDepartment(
  ctx: AppContext,
  ref: string,
): Promise<{ department: DepartmentRow; organization: OrganizationRow }> {
  const text = ref.replace(/^dept:/i, "").trim();
  const slash = text.indexOf("/");
  const db = ctx.db;
  let candidates: DepartmentRow[];
  if (slash >= 0) {
    const orgName = text.slice(0, slash).trim();
    const organization = await findOrganizationByName(db, ctx.ownerId, orgName);
    if (!organization)
      throw notFound(
        `No organization called "${orgName}". See "goodwill person list" for the ones you have.`,
      );
    candidates = await findDepartmentsByName(db, ctx.ownerId, text.slice(slash + 1), organization.id);
  } else {
    candidates = await findDepartmentsByName(db, ctx.ownerId, text);
    const me = await getOwner(db, ctx.ownerId);
    const mine = candidates.filter((d) => d.organization_id === me?.organization_id);
    if (mine.length === 1) candidates = mine;
  }
  if (candidates.length === 0) {
    throw notFound(
      `No department called "${text}". Add it with "goodwill dept add ${text}" or add a person with --dept.`,
    );
  }
  if (candidates.length > 1) {
    const names = await Promise.all(
      candidates.map(
        async (d) => `${(await getOrganization(db, ctx.ownerId, d.organization_id))?.name ?? "?"}/${d.name}`,
      ),
    );
    throw new GoodwillError(
      "ambiguous",
      `"${text}" is a department in several organizations; say which: ${names.map((n) => `dept:${n}`).join(", ")}`,
      {
        candidates: names,
      },
    );
  }
  const department = candidates[0] as DepartmentRow;
  const organization = (await getOrganization(
    db,
    ctx.ownerId,
    department.organization_id,
  )) as OrganizationRow;
  return { department, organization };
}

/** `org:NAME`: exact folded name first, then a unique part of one. */
export async function resolveOrganization(ctx: AppContext, ref: string): Promise<OrganizationRow> {
  const text = ref.replace(/^org:/i, "").trim();
  const exact = await findOrganizationByName(ctx.db, ctx.ownerId, text);
  if (exact) return exact;
  const key = foldText(text);
  const partial = (await listOrganizations(ctx.db, ctx.ownerId)).filter((o) => o.name_key.includes(key));
  if (partial.length === 1 && partial[0]) return partial[0];
  if (partial.length > 1) {
    throw new GoodwillError(
      "ambiguous",
      `"${text}" matches several organizations: ${partial.map((o) => o.name).join(", ")}.`,
      {
        candidates: partial.map((o) => o.name),
      },
    );
  }
  throw notFound(`No organization called "${text}".`);
}

/** A person or, with the `dept:` prefix, a department: whom a ledger entry or an ask is with. */
export async function resolveCounterpart(ctx: AppContext, who: string): Promise<Counterpart> {
  if (/^dept:/i.test(who.trim())) return { kind: "department", ...(await resolveDepartment(ctx, who)) };
  return { kind: "person", person: await resolvePerson(ctx, who) };
}

/** The counterpart a stored ask, commitment or ledger entry points at. */
export async function counterpartOfRow(
  ctx: AppContext,
  row: { person_id: string | null; department_id: string | null },
): Promise<Counterpart> {
  if (row.person_id) {
    const person = await getPerson(ctx.db, ctx.ownerId, row.person_id);
    if (person) return { kind: "person", person };
  }
  const department = row.department_id
    ? await getDepartment(ctx.db, ctx.ownerId, row.department_id)
    : undefined;
  const organization = department
    ? await getOrganization(ctx.db, ctx.ownerId, department.organization_id)
    : undefined;
  if (!department || !organization)
    throw notFound("The person or department this refers to no longer exists.");
  return { kind: "department", department, organization };
}
