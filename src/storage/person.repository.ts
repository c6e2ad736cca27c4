import { type Kysely, sql } from "kysely";
import { refreshAgendaKeys } from "./agenda-keys.js";
import { emailKey, foldText, phoneKey } from "./keys.js";
import { ownedBy } from "./owned.js";
import type { Database, NewPersonRow, PersonRow, PersonUpdate } from "./schema.js";
import { refreshFirstEventsOfMoments } from "./stats.repository.js";

/** An email, phone or web address with its label ("work", "home", "linkedin"…). */
export interface ContactPoint {
  value: string;
  label: string | null;
  pref: boolean;
}

/** The lists that hang off a person. */
export interface PersonDetails {
  emails: ContactPoint[];
  phones: ContactPoint[];
  urls: ContactPoint[];
  dates: { label: string; date: string }[];
  related: { name: string; relation: string | null }[];
}

export const NO_DETAILS: PersonDetails = { emails: [], phones: [], urls: [], dates: [], related: [] };

export async function insertPerson(
  db: Kysely<Database>,
  row: NewPersonRow,
  details: PersonDetails,
): Promise<void> {
  await db.insertInto("people").values(row).execute();
  await db.insertInto("person_stats").values({ owner_id: row.owner_id, person_id: row.id }).execute();
  await refreshAgendaKeys(db, row.owner_id, [row.id]);
  await writeDetails(db, row.owner_id, row.id, details);
}

export async function updatePerson(db: Kysely<Database>, ownerId: string, id: string, changes: PersonUpdate) {
  await ownedBy(db, ownerId).updateTable("people").set(changes).where("id", "=", id).execute();
  await refreshAgendaKeys(db, ownerId, [id]);
}

/** Replaces the person's emails, phones, urls, dates and related names with `details`. */
export async function replaceDetails(
  db: Kysely<Database>,
  ownerId: string,
  personId: string,
  details: PersonDetails,
): Promise<void> {
  for (const table of [
    "person_emails",
    "person_phones",
    "person_urls",
    "person_dates",
    "person_related",
  ] as const) {
    await ownedBy(db, ownerId).deleteFrom(table).where("person_id", "=", personId).execute();
  }
  await writeDetails(db, ownerId, personId, details);
}

async function writeDetails(db: Kysely<Database>, ownerId: string, personId: string, details: PersonDetails) {
  const emails = uniqueBy(details.emails, (e) => emailKey(e.value));
  if (emails.length > 0) {
    await db
      .insertInto("person_emails")
      .values(
        emails.map((e, position) => ({
          owner_id: ownerId,
          person_id: personId,
          position,
          value: e.value.trim(),
          value_key: emailKey(e.value),
          label: e.label,
          pref: e.pref ? 1 : 0,
        })),
      )
      .execute();
  }
  const phones = uniqueBy(details.phones, (p) => phoneKey(p.value) || p.value.trim());
  if (phones.length > 0) {
    await db
      .insertInto("person_phones")
      .values(
        phones.map((p, position) => ({
          owner_id: ownerId,
          person_id: personId,
          position,
          value: p.value.trim(),
          value_key: phoneKey(p.value) || p.value.trim(),
          label: p.label,
          pref: p.pref ? 1 : 0,
        })),
      )
      .execute();
  }
  const urls = uniqueBy(details.urls, (u) => u.value.trim());
  if (urls.length > 0) {
    await db
      .insertInto("person_urls")
      .values(
        urls.map((u, position) => ({
          owner_id: ownerId,
          person_id: personId,
          position,
          value: u.value.trim(),
          label: u.label,
        })),
      )
      .execute();
  }
  const dates = uniqueBy(details.dates, (d) => d.label);
  if (dates.length > 0) {
    await db
      .insertInto("person_dates")
      .values(dates.map((d) => ({ owner_id: ownerId, person_id: personId, label: d.label, date: d.date })))
      .execute();
  }
  if (details.related.length > 0) {
    await db
      .insertInto("person_related")
      .values(
        details.related.map((r, position) => ({
          owner_id: ownerId,
          person_id: personId,
          position,
          name: r.name,
          relation: r.relation,
        })),
      )
      .execute();
  }
}

export function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (k === "" || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export async function getPerson(
  db: Kysely<Database>,
  ownerId: string,
  id: string,
): Promise<PersonRow | undefined> {
  return ownedBy(db, ownerId).selectFrom("people").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function getPeople(
  db: Kysely<Database>,
  ownerId: string,
  ids: readonly string[],
): Promise<PersonRow[]> {
  if (ids.length === 0) return [];
  return ownedBy(db, ownerId).selectFrom("people").selectAll().where("id", "in", ids).execute();
}

/** People whose folded display name equals, or (with `substring`) contains, the folded query. */
export async function findPeopleByName(
  db: Kysely<Database>,
  ownerId: string,
  name: string,
  mode: "exact" | "substring",
): Promise<PersonRow[]> {
  const key = foldText(name);
  const query = ownedBy(db, ownerId).selectFrom("people").selectAll();
  if (mode === "exact") return query.where("name_key", "=", key).orderBy("name_key").limit(50).execute();
  const pattern = `%${key.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  // An explicit escape character: PostgreSQL's default is the backslash, SQLite has none.
  return query
    .where(sql<boolean>`name_key like ${pattern} escape '\\'`)
    .where("archived", "=", 0)
    .orderBy("name_key")
    .limit(50)
    .execute();
}

/**
 * Everyone not archived (or, with `archived`, everyone archived: few, read when what was typed found
 * no one else), for matching what was typed against the words of their names (given, family and
 * nickname included, which the folded name key does not hold).
 */
export async function listPeopleForLookup(
  db: Kysely<Database>,
  ownerId: string,
  archived = false,
): Promise<PersonRow[]> {
  return ownedBy(db, ownerId)
    .selectFrom("people")
    .selectAll()
    .where("archived", "=", archived ? 1 : 0)
    .orderBy("name_key")
    .execute();
}

export async function findPeopleByEmail(
  db: Kysely<Database>,
  ownerId: string,
  email: string,
): Promise<PersonRow[]> {
  return ownedBy(db, ownerId)
    .selectFrom("person_emails as e")
    .innerJoin("people as p", (j) =>
      j.onRef("p.owner_id", "=", "e.owner_id").onRef("p.id", "=", "e.person_id"),
    )
    .selectAll("p")
    .where("e.value_key", "=", emailKey(email))
    .execute();
}

export async function findPeopleByPhone(
  db: Kysely<Database>,
  ownerId: string,
  phone: string,
): Promise<PersonRow[]> {
  const key = phoneKey(phone);
  if (key.length < 6) return [];
  return ownedBy(db, ownerId)
    .selectFrom("person_phones as ph")
    .innerJoin("people as p", (j) =>
      j.onRef("p.owner_id", "=", "ph.owner_id").onRef("p.id", "=", "ph.person_id"),
    )
    .selectAll("p")
    .where("ph.value_key", "=", key)
    .execute();
}

export async function findPersonByUid(
  db: Kysely<Database>,
  ownerId: string,
  uid: string,
): Promise<PersonRow | undefined> {
  return ownedBy(db, ownerId).selectFrom("people").selectAll().where("uid", "=", uid).executeTakeFirst();
}

/** Emails, phones, urls, dates and related names for many people at once, by person id. */
export async function loadDetails(
  db: Kysely<Database>,
  ownerId: string,
  ids: readonly string[],
): Promise<Map<string, PersonDetails>> {
  const map = new Map<string, PersonDetails>();
  if (ids.length === 0) return map;
  const entry = (id: string): PersonDetails => {
    let d = map.get(id);
    if (!d) {
      d = { emails: [], phones: [], urls: [], dates: [], related: [] };
      map.set(id, d);
    }
    return d;
  };
  for (const id of ids) entry(id);
  // One statement for all five lists (a round trip each would dominate on PostgreSQL), chunked so
  // a list of thousands of people stays within SQLite's bound-parameter limit.
  for (let i = 0; i < ids.length; i += 150) {
    const chunk = ids.slice(i, i + 150);
    const rows = await ownedBy(db, ownerId)
      .selectFrom("person_emails")
      .select([sql.lit("email").as("list"), "person_id", "position", "value", "label", "pref"])
      .where("person_id", "in", chunk)
      .unionAll(
        ownedBy(db, ownerId)
          .selectFrom("person_phones")
          .select([sql.lit("phone").as("list"), "person_id", "position", "value", "label", "pref"])
          .where("person_id", "in", chunk),
      )
      .unionAll(
        ownedBy(db, ownerId)
          .selectFrom("person_urls")
          .select([
            sql.lit("url").as("list"),
            "person_id",
            "position",
            "value",
            "label",
            sql.lit(0).as("pref"),
          ])
          .where("person_id", "in", chunk),
      )
      .unionAll(
        ownedBy(db, ownerId)
          .selectFrom("person_dates")
          .select([
            sql.lit("date").as("list"),
            "person_id",
            sql.lit(0).as("position"),
            "date as value",
            "label",
            sql.lit(0).as("pref"),
          ])
          .where("person_id", "in", chunk),
      )
      .unionAll(
        ownedBy(db, ownerId)
          .selectFrom("person_related")
          .select([
            sql.lit("related").as("list"),
            "person_id",
            "position",
            "name as value",
            "relation as label",
            sql.lit(0).as("pref"),
          ])
          .where("person_id", "in", chunk),
      )
      .execute();
    // Sorted here rather than in SQL: the order within each list is by position (dates by label).
    rows.sort(
      (x, y) =>
        Number(x.position) - Number(y.position) || String(x.label ?? "").localeCompare(String(y.label ?? "")),
    );
    for (const r of rows) {
      const d = entry(r.person_id);
      const value = String(r.value);
      if (r.list === "email") d.emails.push({ value, label: r.label, pref: Number(r.pref) === 1 });
      else if (r.list === "phone") d.phones.push({ value, label: r.label, pref: Number(r.pref) === 1 });
      else if (r.list === "url") d.urls.push({ value, label: r.label, pref: false });
      else if (r.list === "date") d.dates.push({ label: r.label ?? "", date: value });
      else d.related.push({ name: value, relation: r.label });
    }
  }
  return map;
}

export interface PersonFilter {
  organizationId?: string;
  departmentId?: string;
  tag?: string;
  includeArchived?: boolean;
}

export async function listPeople(
  db: Kysely<Database>,
  ownerId: string,
  filter: PersonFilter,
): Promise<PersonRow[]> {
  let query = ownedBy(db, ownerId).selectFrom("people").selectAll();
  if (!filter.includeArchived) query = query.where("archived", "=", 0);
  if (filter.organizationId) query = query.where("organization_id", "=", filter.organizationId);
  if (filter.departmentId) query = query.where("department_id", "=", filter.departmentId);
  const rows = await query.orderBy("name_key").execute();
  if (!filter.tag) return rows;
  const tag = foldText(filter.tag);
  return rows.filter((r) => parseTags(r.tags).some((t) => foldText(t) === tag));
}

export function parseTags(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((t): t is string => typeof t === "string") : [];
}

/** The tags of every person not archived, one list per person (tags are a JSON list on the row). */
export async function listTagLists(db: Kysely<Database>, ownerId: string): Promise<string[][]> {
  const rows = await ownedBy(db, ownerId)
    .selectFrom("people")
    .select("tags")
    .where("archived", "=", 0)
    .where("tags", "<>", "[]")
    .execute();
  return rows.map((r) => parseTags(r.tags));
}

export async function countPeople(db: Kysely<Database>, ownerId: string): Promise<number> {
  const row = await ownedBy(db, ownerId)
    .selectFrom("people")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Removes a person and everything that hangs off them. Foreign keys cascade to their lists, ledger,
 * asks and commitments; moments they shared with nobody else go too, and so do their search rows.
 */
export async function deletePerson(db: Kysely<Database>, ownerId: string, id: string): Promise<void> {
  await ownedBy(db, ownerId)
    .updateTable("people")
    .set({ met_through_id: null })
    .where("met_through_id", "=", id)
    .execute();
  // A need someone else met stays met; it just no longer says by whom.
  await ownedBy(db, ownerId)
    .updateTable("needs")
    .set({ met_by_id: null })
    .where("met_by_id", "=", id)
    .execute();
  const interactionIds = (
    await ownedBy(db, ownerId)
      .selectFrom("interaction_participants")
      .select("interaction_id")
      .where("person_id", "=", id)
      .execute()
  ).map((r) => r.interaction_id);
  await ownedBy(db, ownerId).deleteFrom("search_documents").where("person_id", "=", id).execute();
  await ownedBy(db, ownerId).deleteFrom("people").where("id", "=", id).execute();
  for (let i = 0; i < interactionIds.length; i += 500) {
    const orphans = await ownedBy(db, ownerId)
      .selectFrom("interactions as i")
      .select("i.id")
      .where("i.id", "in", interactionIds.slice(i, i + 500))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("interaction_participants as ip")
              .select("ip.person_id")
              .whereRef("ip.owner_id", "=", "i.owner_id")
              .whereRef("ip.interaction_id", "=", "i.id"),
          ),
        ),
      )
      .execute();
    const ids = orphans.map((o) => o.id);
    if (ids.length === 0) continue;
    await ownedBy(db, ownerId)
      .deleteFrom("search_documents")
      .where("kind", "=", "interaction")
      .where("ref_id", "in", ids)
      .execute();
    await ownedBy(db, ownerId).deleteFrom("interactions").where("id", "in", ids).execute();
  }
  await refreshFirstEventsOfMoments(db, ownerId, interactionIds);
}

/** The people of a department whose ledger counts towards it. */
export async function trackedMemberIds(db: Kysely<Database>, ownerId: string, departmentId: string) {
  const rows = await ownedBy(db, ownerId)
    .selectFrom("people")
    .select("id")
    .where("department_id", "=", departmentId)
    .where("ledger_mode", "=", "track")
    .execute();
  return rows.map((m) => m.id);
}

/** Puts these people (at most a few hundred) in the 150 circle with a rhythm of `everyDays`. */
export async function setRhythm(
  db: Kysely<Database>,
  ownerId: string,
  ids: readonly string[],
  everyDays: number,
  nowIso: string,
): Promise<void> {
  await ownedBy(db, ownerId)
    .updateTable("people")
    .set({ layer: 150, cadence_days: everyDays, updated_at: nowIso })
    .where("id", "in", ids)
    .execute();
  await refreshAgendaKeys(db, ownerId, ids);
}

/** These people's names and tags (those that exist). */
export async function peopleTags(db: Kysely<Database>, ownerId: string, ids: readonly string[]) {
  return ownedBy(db, ownerId)
    .selectFrom("people")
    .select(["id", "display_name", "tags"])
    .where("id", "in", ids)
    .execute();
}

/** The owner's people (`p`) with the names of their organization and department: a fragment to narrow. */
export function peopleWithPlacesQuery(db: Kysely<Database>, ownerId: string) {
  return ownedBy(db, ownerId)
    .selectFrom("people as p")
    .leftJoin("organizations as o", (j) =>
      j.onRef("o.owner_id", "=", "p.owner_id").onRef("o.id", "=", "p.organization_id"),
    )
    .leftJoin("departments as d", (j) =>
      j.onRef("d.owner_id", "=", "p.owner_id").onRef("d.id", "=", "p.department_id"),
    )
    .selectAll("p")
    .select(["o.name as organization_name", "d.name as department_name"]);
}

/** These people's rows with the names of their organization and department. */
export async function peopleWithPlaces(db: Kysely<Database>, ownerId: string, ids: readonly string[]) {
  return peopleWithPlacesQuery(db, ownerId).where("p.id", "in", ids).execute();
}
