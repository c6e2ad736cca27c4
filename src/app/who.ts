/**
 * Finding whom the user means: a person (`WHO`: id, email, the whole name, or the starts of its
 * words, `jo le` for Jordan Lee; case- and accent-insensitive), a department (`dept:NAME`, `dept:ORG/NAME`) or an organization
 * (`org:NAME`). Ambiguity is an error that lists the candidates; a match inside a word ("dan" in
 * Jordan) is never acted on, only offered as "did you mean".
 */

import type { CounterpartSummary } from "../contract/counterpart.js";
import { GoodwillError, notFound } from "../errors.js";
import { foldText, isId } from "../storage/keys.js";
import { namesOf } from "../storage/names.repository.js";
import {
  findDepartmentsByName,
  findOrganizationByName,
  getDepartment,
  getOrganization,
  listDepartments,
  listOrganizations,
} from "../storage/organization.repository.js";
import { getOwner } from "../storage/owner.repository.js";
import {
  findPeopleByEmail,
  findPeopleByName,
  getPerson,
  listPeopleForLookup,
} from "../storage/person.repository.js";
import { countPersonHistory } from "../storage/person-history.repository.js";
import type { DepartmentRow, OrganizationRow, PersonRow } from "../storage/schema.js";
import type { AppContext } from "./context.js";
import { peopleJson } from "./people.js";

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
    if (byEmail.length > 1) throw await ambiguous(ctx, text, byEmail);
  }
  // Someone archived is found by the id alone: by name they are said to be archived (below).
  const exact = (await findPeopleByName(db, ctx.ownerId, text, "exact")).filter((p) => p.archived === 0);
  if (exact.length === 1 && exact[0]) return exact[0];
  if (exact.length > 1) throw await ambiguous(ctx, text, exact);
  const typed = foldText(text).split(" ");
  const people = await listPeopleForLookup(db, ctx.ownerId);
  // The end of an id (8 characters or more, as the lists show it): namesakes told apart
  if (/^[0-9a-f-]{8,}$/i.test(text)) {
    const end = text.toLowerCase();
    const byId = people.filter((p) => p.id.endsWith(end));
    if (byId.length === 1 && byId[0]) return byId[0];
    if (byId.length > 1) throw await ambiguous(ctx, text, byId);
  }
  const byPrefix = people.filter((p) => wordPrefixesMatch(typed, nameWords(p)));
  if (byPrefix.length === 1 && byPrefix[0]) return byPrefix[0];
  if (byPrefix.length > 1) throw await ambiguous(ctx, text, byPrefix);
  // A match inside a word ("dan" in "Jordan", "it" in "Whitfield") is a guess: say it, never act on it.
  const inside = people.filter((p) => {
    const words = nameWords(p);
    return typed.every((t) => words.some((w) => w.includes(t)));
  });
  const department = (await findDepartmentsByName(db, ctx.ownerId, text)).length > 0;
  const forDepartment = department ? ` For the department, say ${shellSafe(`dept:${text}`)}.` : "";
  // Someone archived is out of lists and lookups, not gone: say so, and how to bring them back. The
  // starts of their words are a closer match than a guess inside another's name.
  const archived = (await listPeopleForLookup(db, ctx.ownerId, true)).filter(
    (p) =>
      wordPrefixesMatch(typed, nameWords(p)) ||
      (/^[0-9a-f-]{8,}$/i.test(text) && p.id.endsWith(text.toLowerCase())),
  );
  if (archived.length > 0) {
    const first = archived[0] as PersonRow;
    throw notFound(
      archived.length === 1
        ? `${first.display_name} is archived. To bring them back: goodwill person edit ${first.id} --unarchive${forDepartment}`
        : `${archived.length} archived people answer to "${text}" (${archived
            .slice(0, 5)
            .map((p) => `${p.display_name}, ${p.id}`)
            .join("; ")}). To bring one back: goodwill person edit ID --unarchive${forDepartment}`,
      { archived: await describeCandidates(ctx, archived.slice(0, 10)) },
    );
  }
  if (inside.length > 0) {
    const count = new Map<string, number>();
    for (const p of inside) count.set(p.display_name, (count.get(p.display_name) ?? 0) + 1);
    // Namesakes are one name in the hint, said to be several people: the hint alone cannot pick one.
    const names = [...count]
      .slice(0, 5)
      .map(([name, n]) => (n > 1 ? `${name} (${n} people by that name)` : name));
    const list =
      names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
    throw notFound(`No one is called ${text}. Did you mean ${list}?${forDepartment}`, {
      candidates: await describeCandidates(ctx, inside.slice(0, 10)),
    });
  }
  throw notFound(
    `No one called "${text}" is in your people.${forDepartment} Look with goodwill search ${shellSafe(text)}, or add them with goodwill person add.`,
  );
}

/**
 * The words a person answers to, folded: those of the name, given and family name and nickname; a
 * word with a hyphen or apostrophe ("O'Neil", "Marín-Soto") also by its parts and run together.
 */
function nameWords(p: Pick<PersonRow, "display_name" | "given_name" | "family_name" | "nickname">): string[] {
  const words = new Set<string>();
  for (const name of [p.display_name, p.given_name, p.family_name, p.nickname]) {
    if (!name) continue;
    for (const word of foldText(name).split(" ")) {
      if (word === "") continue;
      words.add(word);
      const parts = word.split(/[-'.]+/).filter((part) => part !== "");
      if (parts.length > 1) {
        for (const part of parts) words.add(part);
        words.add(parts.join(""));
      }
    }
  }
  return [...words];
}

/** Every typed word starts a different word of the name (`jo le` → Jordan Lee), in any order. */
function wordPrefixesMatch(typed: readonly string[], words: readonly string[]): boolean {
  const used = new Set<number>();
  const assign = (i: number): boolean => {
    const word = typed[i];
    if (word === undefined) return true;
    for (let j = 0; j < words.length; j++) {
      if (used.has(j) || !words[j]?.startsWith(word)) continue;
      used.add(j);
      if (assign(i + 1)) return true;
      used.delete(j);
    }
    return false;
  };
  return assign(0);
}

function shellSafe(text: string): string {
  return /^[\p{L}\p{N}@._:/+-]+$/u.test(text) ? text : `"${text}"`;
}

/** What tells people of one name apart: where they work, an email, when they were added, their history. */
export interface Candidate {
  id: string;
  name: string;
  organization: string | null;
  department: string | null;
  email: string | null;
  addedOn: string;
  entries: number;
}

async function describeCandidates(ctx: AppContext, people: readonly PersonRow[]): Promise<Candidate[]> {
  const ids = people.map((p) => p.id);
  const [json, history] = await Promise.all([
    peopleJson(ctx, ids),
    countPersonHistory(ctx.db, ctx.ownerId, ids),
  ]);
  return json.map((p) => {
    const counts = history.get(p.id);
    return {
      id: p.id,
      name: p.name,
      organization: p.organization,
      department: p.department,
      email: p.emails[0] ?? null,
      addedOn: p.createdAt.slice(0, 10),
      entries: counts ? counts.ledgerEntries + counts.moments + counts.notes : 0,
    };
  });
}

function candidateLine(c: Candidate): string {
  const place = [c.department, c.organization].filter(Boolean).join(", ");
  const facts = [
    place || "no organization",
    c.email ?? "no email",
    `added ${c.addedOn}`,
    `${c.entries} ${c.entries === 1 ? "entry" : "entries"}`,
  ];
  return `  ${c.name}  ${facts.join(" · ")}  (${c.id})`;
}

async function ambiguous(ctx: AppContext, text: string, people: PersonRow[]): Promise<GoodwillError> {
  const candidates = await describeCandidates(ctx, people.slice(0, 10));
  const more = people.length > candidates.length ? `\n  … and ${people.length - candidates.length} more` : "";
  // namesakes: more of the name cannot tell them apart
  const namesakes = new Set(people.map((p) => foldText(p.display_name))).size === 1;
  const how = namesakes
    ? "they share the name: say which with an email, the id or its last 8 characters"
    : "say which with more of the name, an email or the id";
  return new GoodwillError(
    "ambiguous",
    `"${text}" could be ${people.length} people; ${how}:\n${candidates.map(candidateLine).join("\n")}${more}`,
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
  let organizationId: string | undefined;
  if (slash >= 0) {
    const orgName = text.slice(0, slash).trim();
    const organization = await findOrganizationByName(db, ctx.ownerId, orgName);
    if (!organization)
      throw notFound(
        `No organization called "${orgName}". See "goodwill person list" for the ones you have.`,
      );
    organizationId = organization.id;
    candidates = await findDepartmentsByName(db, ctx.ownerId, text.slice(slash + 1), organization.id);
  } else {
    candidates = await findDepartmentsByName(db, ctx.ownerId, text);
    const me = await getOwner(db, ctx.ownerId);
    const mine = candidates.filter((d) => d.organization_id === me?.organization_id);
    if (mine.length === 1) candidates = mine;
  }
  if (candidates.length === 0) {
    // the starts of a department's words ("Fin" for Finance): offered, never acted on
    const typed = foldText(slash >= 0 ? text.slice(slash + 1) : text).split(" ");
    const near = (await listDepartments(db, ctx.ownerId, organizationId)).filter((d) =>
      wordPrefixesMatch(typed, d.name_key.split(" ")),
    );
    const meant =
      near.length === 0
        ? ""
        : ` Did you mean ${near
            .slice(0, 3)
            .map((d) => shellSafe(`dept:${slash >= 0 ? `${text.slice(0, slash).trim()}/` : ""}${d.name}`))
            .join(" or ")}?`;
    throw notFound(
      `No department called "${text}".${meant} Add it with "goodwill dept add ${text}" or add a person with --dept.`,
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

/**
 * A person or, with the `dept:` prefix, a department: whom a ledger entry or an ask is with. A
 * department's name typed without `dept:` that also finds a person ("IT", and Ita Byrne) is not
 * taken for the person: the user is asked which they mean.
 */
export async function resolveCounterpart(ctx: AppContext, who: string): Promise<Counterpart> {
  const text = who.trim();
  if (/^dept:/i.test(text)) return { kind: "department", ...(await resolveDepartment(ctx, who)) };
  const department =
    isId(text) || text.includes("@")
      ? false
      : (await findDepartmentsByName(ctx.db, ctx.ownerId, text)).length > 0;
  if (!department) return { kind: "person", person: await resolvePerson(ctx, who) };
  let people: Candidate[];
  try {
    people = await describeCandidates(ctx, [await resolvePerson(ctx, who)]);
  } catch (error) {
    // no one: the message says to write dept:NAME; several people: they are listed below
    if (!(error instanceof GoodwillError) || error.code !== "ambiguous") throw error;
    people = (error.details as { candidates: Candidate[] }).candidates;
  }
  const dept = shellSafe(`dept:${text}`);
  const whom = people.length === 1 ? "a person" : "people";
  throw new GoodwillError(
    "ambiguous",
    `"${text}" is a department and also finds ${whom}. For the department, say ${dept}; for ${people.length === 1 ? "the person" : "one of them"}, more of the name, an email or the id:\n${people.map(candidateLine).join("\n")}`,
    { candidates: people, department: dept },
  );
}

/** A person's or a department's summary: id, name and organization, as `resolve` and the ledger show it. */
export async function counterpartSummary(
  ctx: AppContext,
  counterpart: Counterpart,
): Promise<CounterpartSummary> {
  if (counterpart.kind === "department")
    return {
      kind: "department",
      id: counterpart.department.id,
      name: counterpart.department.name,
      organization: counterpart.organization.name,
    };
  const { person } = counterpart;
  const organization = person.organization_id
    ? await getOrganization(ctx.db, ctx.ownerId, person.organization_id)
    : undefined;
  return {
    kind: "person",
    id: person.id,
    name: person.display_name,
    organization: organization?.name ?? null,
  };
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

/** Attaches the counterpart's name to rows that point at a person or else a department (asks, promises, ledger entries). */
export async function withCounterpartNames<
  R extends { person_id: string | null; department_id: string | null },
  J,
>(ctx: AppContext, rows: R[], toJson: (row: R, name: string) => J): Promise<J[]> {
  const names = await namesOf(ctx.db, ctx.ownerId, {
    people: rows.map((r) => r.person_id),
    departments: rows.map((r) => r.department_id),
  });
  return rows.map((r) => toJson(r, names.get(r.person_id ?? r.department_id ?? "") ?? ""));
}
