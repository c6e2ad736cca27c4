/** People: adding, editing, listing and removing them, and the profile of "me". */

import type { Kysely } from "kysely";
import { isEmail, isPhone, readDate, readText } from "../contract/input.js";
import type { PersonInput } from "../contract/person-input.js";
import { DEFAULT_CLOSENESS, DEFAULT_LAYER_MANUAL } from "../domain/defaults.js";
import { LIMITS } from "../domain/limits.js";
import type { Layer } from "../domain/model.js";
import { formatPartialDate, parsePartialDate } from "../domain/partial-date.js";
import { GoodwillError, invalid } from "../errors.js";
import { foldText, newId } from "../storage/keys.js";
import {
  getDepartment,
  getOrganization,
  obtainDepartment,
  obtainOrganization,
} from "../storage/organization.repository.js";
import { updateOwnerProfile } from "../storage/owner.repository.js";
import {
  type ContactPoint,
  deletePerson,
  getPerson,
  insertPerson,
  loadDetails,
  NO_DETAILS,
  type PersonDetails,
  parseTags,
  peopleWithPlaces,
  replaceDetails,
  updatePerson,
} from "../storage/person.repository.js";
import type { Database, PersonRow } from "../storage/schema.js";
import { indexDocument } from "../storage/search.repository.js";
import { loadCalendarSettings, saveCalendarSettings } from "./calendar-settings.js";
import { type AppContext, inWriteTransaction, nowIso } from "./context.js";
import { loadMe, loadRelationships, type Me } from "./relationship-state.js";
import { type PersonJson, personJson } from "./views.js";
import { resolvePerson } from "./who.js";

/**
 * Sets my profile: name, organization and department (colleagues are people of my organization),
 * work week and time zone. What is absent stays as it is (the department only while the
 * organization does); an organization or department given as null or "" is none.
 */
export async function initProfile(
  ctx: AppContext,
  input: {
    /** null only when undo puts back the profile before the first `init` */
    name: string | null;
    organization?: string | null;
    department?: string | null;
    workWeek?: string | readonly string[];
    timeZone?: string;
  },
): Promise<Me> {
  await inWriteTransaction(ctx, async (tx) => {
    await saveCalendarSettings(tx, { workWeek: input.workWeek, timeZone: input.timeZone });
    const trx = tx.db;
    const at = nowIso(ctx);
    const before = await loadMe(tx);
    // Absent: as it was (running init again to fix a name keeps where you work); null or "": none.
    const orgId =
      input.organization === undefined
        ? before.organizationId
        : input.organization
          ? (await obtainOrganization(trx, ctx.ownerId, input.organization, at)).id
          : null;
    if (input.department && !orgId) {
      throw invalid("--dept needs --org: a department belongs to an organization.", { field: "department" });
    }
    // A department belongs to its organization: kept only while the organization is.
    const deptId =
      input.department === undefined
        ? orgId === before.organizationId
          ? before.departmentId
          : null
        : orgId && input.department
          ? (await obtainDepartment(trx, ctx.ownerId, orgId, input.department, at)).id
          : null;
    await updateOwnerProfile(
      trx,
      ctx.ownerId,
      { name: input.name, organization_id: orgId, department_id: deptId },
      at,
    );
  });
  return loadMe(ctx);
}

export async function describeMe(ctx: AppContext, me: Me) {
  const db = ctx.db;
  const org = me.organizationId ? await getOrganization(db, ctx.ownerId, me.organizationId) : undefined;
  const dept = me.departmentId ? await getDepartment(db, ctx.ownerId, me.departmentId) : undefined;
  const calendar = await loadCalendarSettings(ctx);
  return {
    name: me.name,
    organization: org?.name ?? null,
    department: dept?.name ?? null,
    workWeek: [...calendar.workWeek],
    timeZone: calendar.timeZone,
  };
}

/** Where a person works, as ids: organization and department created when new. */
async function placeOf(
  ctx: AppContext,
  organization: string | null | undefined,
  department: string | null | undefined,
  current: { organization_id: string | null; department_id: string | null },
): Promise<{ organization_id: string | null; department_id: string | null }> {
  const trx = ctx.db;
  const at = nowIso(ctx);
  let organizationId = current.organization_id;
  let departmentId = current.department_id;
  if (organization !== undefined) {
    organizationId = organization ? (await obtainOrganization(trx, ctx.ownerId, organization, at)).id : null;
    if (organizationId !== current.organization_id) departmentId = null;
  }
  if (department !== undefined) {
    if (department === null || department === "") departmentId = null;
    else {
      if (organizationId === null) {
        // A department alone most often means one of mine: colleagues are the everyday case.
        const me = await loadMe(ctx);
        if (!me.organizationId) {
          throw invalid(
            `--dept "${department}" needs an organization: add --org, or set yours with "goodwill init --name NAME --org ORG".`,
            { field: "department" },
          );
        }
        organizationId = me.organizationId;
      }
      departmentId = (await obtainDepartment(trx, ctx.ownerId, organizationId, department, at)).id;
    }
  }
  return { organization_id: organizationId, department_id: departmentId };
}

const points = (values: string[] | undefined): ContactPoint[] | undefined =>
  values?.map((value) => ({ value, label: null, pref: false }));

/** The words a person is found by: names, where they work, tags, emails, how we met. */
export function personSearchBody(
  person: PersonRow,
  details: PersonDetails,
  place: { organization: string | null; department: string | null },
) {
  return [
    person.display_name,
    person.nickname,
    place.organization,
    place.department,
    person.title,
    parseTags(person.tags).join(" "),
    details.emails.map((e) => e.value).join(" "),
    person.met_text,
  ]
    .filter((part) => part)
    .join(" ");
}

/** Keeps the person's row in the search index in step with what they are now. */
export async function reindexPerson(trx: Kysely<Database>, ownerId: string, personId: string): Promise<void> {
  const person = await getPerson(trx, ownerId, personId);
  if (!person) return;
  const details = (await loadDetails(trx, ownerId, [personId])).get(personId) ?? NO_DETAILS;
  const org = person.organization_id
    ? await getOrganization(trx, ownerId, person.organization_id)
    : undefined;
  const dept = person.department_id ? await getDepartment(trx, ownerId, person.department_id) : undefined;
  await indexDocument(trx, ownerId, {
    kind: "person",
    refId: personId,
    personId,
    body: personSearchBody(person, details, {
      organization: org?.name ?? null,
      department: dept?.name ?? null,
    }),
  });
}

/** Adds a person; manual additions start in the "meaningful" layer (150) unless told otherwise. */
/**
 * What a person's details must be, whoever sends them (the CLI, the API and the web app all come
 * through here): texts and lists within the limits of src/domain/limits.ts, a real birthday, email
 * addresses and phone numbers, tags without case-only duplicates ("it" and "IT" are one tag, the
 * first spelling kept). Each refusal names its field in `details.field` as the API names it.
 */
export function readPersonInput<T extends PersonInput>(input: T): T {
  for (const [field, words, max] of TEXT_FIELDS) {
    const value = input[field];
    if (typeof value === "string" && value.length > max)
      throw invalid(`${words} is too long: at most ${max.toLocaleString("en")} characters.`, { field });
  }
  for (const [field, words, max] of LIST_FIELDS) {
    const list = input[field];
    if (list && list.length > max)
      throw invalid(`${words}: a person can have at most ${max}; ${list.length} were given.`, { field });
  }
  for (const url of input.urls ?? [])
    if (url.length > LIMITS.url)
      throw invalid(`A link is too long: at most ${LIMITS.url.toLocaleString("en")} characters.`, {
        field: "urls",
      });
  for (const tag of input.tags ?? [])
    if (tag.length > LIMITS.tag)
      throw invalid(`Tag "${tag.slice(0, 40)}…" is too long: at most ${LIMITS.tag} characters.`, {
        field: "tags",
      });
  const tags =
    input.tags === undefined
      ? undefined
      : input.tags.filter((tag, i, all) => all.findIndex((other) => foldText(other) === foldText(tag)) === i);
  return {
    ...input,
    ...(input.birthday ? { birthday: readBirthday(input.birthday) } : {}),
    ...(input.metOn ? { metOn: readDate("metOn", input.metOn) } : {}),
    ...(input.name !== undefined ? { name: readText("name", input.name, LIMITS.name) } : {}),
    ...(input.emails ? { emails: input.emails.map(readPersonEmail) } : {}),
    ...(input.phones ? { phones: input.phones.map(readPersonPhone) } : {}),
    ...(tags ? { tags } : {}),
  };
}

const TEXT_FIELDS: [keyof PersonInput & string, string, number][] = [
  ["name", "The name", LIMITS.name],
  ["givenName", "The given name", LIMITS.name],
  ["familyName", "The family name", LIMITS.name],
  ["nickname", "The nickname", LIMITS.name],
  ["organization", "The organization", LIMITS.name],
  ["department", "The department", LIMITS.name],
  ["title", "The title", LIMITS.name],
  ["metThrough", "Met through", LIMITS.name],
  ["metText", "How you met", LIMITS.metText],
];

const LIST_FIELDS: ["emails" | "phones" | "urls" | "tags", string, number][] = [
  ["emails", "Too many emails", LIMITS.emails],
  ["phones", "Too many phones", LIMITS.phones],
  ["urls", "Too many links", LIMITS.urls],
  ["tags", "Too many tags", LIMITS.tags],
];

function readBirthday(value: string): string {
  const parsed = parsePartialDate(value);
  if (!parsed)
    throw invalid(
      `Birthday "${value}" is not a date: write it as a date such as 1988-02-29, or --02-29 without a year.`,
      { field: "birthday" },
    );
  return formatPartialDate(parsed);
}

function readPersonEmail(value: string): string {
  const email = value.trim();
  if (!isEmail(email))
    throw invalid(`Email "${value}" is not an email address: write it like name@example.com.`, {
      field: "emails",
    });
  return email;
}

function readPersonPhone(value: string): string {
  const phone = value.trim();
  if (!isPhone(phone))
    throw invalid(
      `Phone "${value}" is not a phone number: digits, spaces and + ( ) - . are fine, with "ext. 12" for an extension.`,
      { field: "phones" },
    );
  return phone;
}

export async function addPerson(
  ctx: AppContext,
  input: PersonInput & { name: string },
  layerDefault: Layer = DEFAULT_LAYER_MANUAL,
): Promise<PersonJson> {
  const id = newId();
  await inWriteTransaction(ctx, async (tx) => {
    const trx = tx.db;
    const at = nowIso(tx);
    const place = await placeOf(tx, input.organization, input.department, {
      organization_id: null,
      department_id: null,
    });
    const metThroughId = input.metThrough ? (await resolvePerson(tx, input.metThrough)).id : null;
    const row: PersonRow = {
      owner_id: ctx.ownerId,
      id,
      display_name: input.name,
      given_name: input.givenName ?? null,
      family_name: input.familyName ?? null,
      nickname: input.nickname ?? null,
      name_key: foldText(input.name),
      ...place,
      title: input.title ?? null,
      tags: JSON.stringify(input.tags ?? []),
      met_text: input.metText ?? null,
      met_on: input.metOn ?? null,
      met_through_id: metThroughId,
      birthday: input.birthday ?? null,
      layer: input.layer ?? layerDefault,
      closeness: input.closeness ?? DEFAULT_CLOSENESS,
      cadence_days: input.cadenceDays ?? null,
      ledger_mode: input.ledgerMode ?? "track",
      archived: input.archived ? 1 : 0,
      uid: null,
      created_at: at,
      updated_at: at,
    };
    await insertPerson(trx, row, {
      ...NO_DETAILS,
      emails: points(input.emails) ?? [],
      phones: points(input.phones) ?? [],
      urls: points(input.urls) ?? [],
    });
    await reindexPerson(trx, ctx.ownerId, id);
  });
  return getPersonJson(ctx, id);
}

/** Changes what is given about a person; lists given replace the old ones, absent fields stay. */
export async function editPerson(ctx: AppContext, who: string, input: PersonInput): Promise<PersonJson> {
  const person = await resolvePerson(ctx, who);
  await inWriteTransaction(ctx, async (tx) => {
    const place = await placeOf(tx, input.organization, input.department, person);
    const metThroughId =
      input.metThrough === undefined
        ? person.met_through_id
        : input.metThrough
          ? (await resolvePerson(tx, input.metThrough)).id
          : null;
    if (metThroughId === person.id)
      throw invalid("--met-through cannot be the person themselves.", { field: "metThrough" });
    const changes = {
      ...(input.name !== undefined ? { display_name: input.name, name_key: foldText(input.name) } : {}),
      ...(input.givenName !== undefined ? { given_name: input.givenName } : {}),
      ...(input.familyName !== undefined ? { family_name: input.familyName } : {}),
      ...(input.nickname !== undefined ? { nickname: input.nickname } : {}),
      ...place,
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.tags !== undefined ? { tags: JSON.stringify(input.tags) } : {}),
      ...(input.layer !== undefined ? { layer: input.layer } : {}),
      ...(input.closeness !== undefined ? { closeness: input.closeness } : {}),
      ...(input.cadenceDays !== undefined ? { cadence_days: input.cadenceDays } : {}),
      ...(input.ledgerMode !== undefined ? { ledger_mode: input.ledgerMode } : {}),
      ...(input.metText !== undefined ? { met_text: input.metText } : {}),
      ...(input.metOn !== undefined ? { met_on: input.metOn } : {}),
      met_through_id: metThroughId,
      ...(input.birthday !== undefined ? { birthday: input.birthday } : {}),
      ...(input.archived !== undefined ? { archived: input.archived ? 1 : 0 } : {}),
      updated_at: nowIso(tx),
    };
    await updatePerson(tx.db, ctx.ownerId, person.id, changes);
    if (input.emails !== undefined || input.phones !== undefined || input.urls !== undefined) {
      const current = (await loadDetails(tx.db, ctx.ownerId, [person.id])).get(person.id) ?? NO_DETAILS;
      await replaceDetails(tx.db, ctx.ownerId, person.id, {
        ...current,
        emails: points(input.emails) ?? current.emails,
        phones: points(input.phones) ?? current.phones,
        urls: points(input.urls) ?? current.urls,
      });
    }
    await reindexPerson(tx.db, ctx.ownerId, person.id);
  });
  return getPersonJson(ctx, person.id);
}

/** Removes a person with their whole history. */
export async function removePerson(ctx: AppContext, who: string): Promise<PersonJson> {
  const person = await resolvePerson(ctx, who);
  const before = await getPersonJson(ctx, person.id);
  await inWriteTransaction(ctx, (tx) => deletePerson(tx.db, ctx.ownerId, person.id));
  return before;
}

/** One person in the JSON shape of §4.1. */
export async function getPersonJson(ctx: AppContext, personId: string): Promise<PersonJson> {
  const [json] = await peopleJson(ctx, [personId]);
  if (!json) throw new GoodwillError("not_found", `No person has the id ${personId}.`);
  return json;
}

/**
 * One person by id, from the read cache when nothing was written since it was last read. The
 * document depends on stored data only (no scores, nothing of the clock), so it cannot go stale by
 * time passing.
 */
export async function readPersonJson(ctx: AppContext, personId: string): Promise<PersonJson> {
  if (ctx.db !== ctx.store.db) return getPersonJson(ctx, personId);
  return ctx.store.readCache.read(`person:${ctx.ownerId}:${personId}`, () => getPersonJson(ctx, personId));
}

/** Many people in the JSON shape of §4.1, in the order of `ids`. */
export async function peopleJson(ctx: AppContext, ids: readonly string[]): Promise<PersonJson[]> {
  if (ids.length === 0) return [];
  // Independent reads, asked together: PostgreSQL answers them on several connections at once.
  const [me, rows, details] = await Promise.all([
    loadMe(ctx),
    peopleWithPlaces(ctx.db, ctx.ownerId, ids),
    loadDetails(ctx.db, ctx.ownerId, ids),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const { organization_name, department_name, ...person } = row;
    return [
      personJson(
        person,
        {
          organization: organization_name,
          department: department_name,
          isColleague: person.organization_id !== null && person.organization_id === me.organizationId,
        },
        details.get(id),
      ),
    ];
  });
}

export interface PeopleFilter {
  organization?: string;
  department?: string;
  tag?: string;
  dueOnly?: boolean;
}

/**
 * People with their balance and due status, filtered (organization and department by part of the
 * name, as the name search is); the due ones by priority, else by name.
 */
export async function listPeopleWithState(ctx: AppContext, filter: PeopleFilter) {
  const states = await loadRelationships(ctx);
  const orgKey = filter.organization ? foldText(filter.organization.replace(/^org:/i, "")) : null;
  const deptKey = filter.department ? foldText(filter.department.replace(/^dept:/i, "")) : null;
  const tagKey = filter.tag ? foldText(filter.tag) : null;
  const chosen = states.filter(
    (s) =>
      (orgKey === null || (s.organizationName !== null && foldText(s.organizationName).includes(orgKey))) &&
      (deptKey === null || (s.departmentName !== null && foldText(s.departmentName).includes(deptKey))) &&
      (tagKey === null || parseTags(s.person.tags).some((t) => foldText(t) === tagKey)) &&
      (!filter.dueOnly || ["due", "cooling", "dormant"].includes(s.due.status)),
  );
  if (filter.dueOnly) chosen.sort((a, b) => b.due.priority - a.due.priority);
  else chosen.sort((a, b) => a.person.name_key.localeCompare(b.person.name_key));
  return chosen;
}
