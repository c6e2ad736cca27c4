/**
 * The Goodwill JSON backup: everything the store holds for one owner, with a format version.
 * Exporting, restoring into an empty store and exporting again gives the same document. Restoring
 * into a store that has data adds what is missing: records already there (same id) are left alone,
 * and a person who matches one already here by UID, email or phone becomes that person.
 */
import { z } from "zod";
import { INTRODUCTION_STATUSES } from "../domain/introduction.js";
import { CHANNELS, DIRECTIONS, EXCHANGE_KINDS, INITIATORS, LAYERS, LEDGER_MODES } from "../domain/model.js";
import { GoodwillError } from "../errors.js";
import { emailKey, foldText, phoneKey } from "../storage/keys.js";
import { getOwner, updateOwnerProfile } from "../storage/owner.repository.js";
import {
  insertPeopleBatch,
  loadDetails,
  loadIdentityIndex,
  parseTags,
} from "../storage/person.repository.js";
import { indexDocuments } from "../storage/search.repository.js";
import { recomputeDepartmentStats, recomputePersonStats } from "../storage/stats.repository.js";
import { isProfileSetting, saveCalendarSettings, WORK_WEEK_SETTING } from "./calendar-settings.js";
import { type AppContext, inWriteTransaction } from "./context.js";
import { distinctPairKey, distinctPairOf } from "./duplicates.js";
import { issueMessage } from "./issue-message.js";
import { personSearchBody } from "./people.js";

export const BACKUP_FORMAT = "goodwill-backup";
export const BACKUP_VERSION = 1;

const instant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, "an ISO-8601 UTC instant");
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a YYYY-MM-DD date");
const partialDay = z.string().regex(/^(\d{4}|-)-\d{2}-\d{2}$/, "a date, YYYY-MM-DD or --MM-DD");
const id = z.string().min(1).max(200);
const text = z.string().max(100_000);
const point = z.object({
  value: z.string().min(1).max(2000),
  label: z.string().max(200).nullable(),
  pref: z.boolean(),
});

const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  profile: z.object({
    name: z.string().nullable(),
    organizationId: id.nullable(),
    departmentId: id.nullable(),
  }),
  organizations: z.array(z.object({ id, name: z.string().min(1).max(500), createdAt: instant })),
  departments: z.array(
    z.object({ id, organizationId: id, name: z.string().min(1).max(500), createdAt: instant }),
  ),
  people: z.array(
    z.object({
      id,
      name: z.string().min(1).max(500),
      givenName: z.string().nullable(),
      familyName: z.string().nullable(),
      nickname: z.string().nullable(),
      organizationId: id.nullable(),
      departmentId: id.nullable(),
      title: z.string().nullable(),
      tags: z.array(z.string()),
      metText: z.string().nullable(),
      metOn: day.nullable(),
      metThroughId: id.nullable(),
      birthday: partialDay.nullable(),
      layer: z.union([
        z.literal(LAYERS[0]),
        z.literal(LAYERS[1]),
        z.literal(LAYERS[2]),
        z.literal(LAYERS[3]),
        z.literal(LAYERS[4]),
      ]),
      closeness: z.number().int().min(1).max(5),
      cadenceDays: z.number().int().min(0).nullable(),
      ledgerMode: z.enum(LEDGER_MODES),
      archived: z.boolean(),
      uid: z.string().nullable(),
      createdAt: instant,
      updatedAt: instant,
      emails: z.array(point),
      phones: z.array(point),
      urls: z.array(point),
      dates: z.array(z.object({ label: z.string().min(1), date: partialDay })),
      related: z.array(z.object({ name: z.string().min(1), relation: z.string().nullable() })),
    }),
  ),
  interactions: z.array(
    z.object({
      id,
      occurredAt: instant,
      channel: z.enum(CHANNELS),
      initiatedBy: z.enum(INITIATORS),
      summary: text,
      notes: text.nullable(),
      createdAt: instant,
      participants: z.array(id).min(1),
    }),
  ),
  exchanges: z.array(
    z.object({
      id,
      personId: id.nullable(),
      departmentId: id.nullable(),
      direction: z.enum(DIRECTIONS),
      kind: z.enum(EXCHANGE_KINDS),
      weight: z.number().min(0.25).max(8),
      summary: text,
      occurredAt: instant,
      channel: z.enum(CHANNELS),
      initiatedBy: z.enum(INITIATORS),
      askId: id.nullable(),
      commitmentId: id.nullable(),
      createdAt: instant,
    }),
  ),
  asks: z.array(
    z.object({
      id,
      number: z.number().int().min(1),
      personId: id.nullable(),
      departmentId: id.nullable(),
      summary: text,
      askedAt: instant,
      status: z.enum(["open", "fulfilled", "declined", "withdrawn"]),
      resolvedAt: instant.nullable(),
      exchangeId: id.nullable(),
      createdAt: instant,
    }),
  ),
  commitments: z.array(
    z.object({
      id,
      number: z.number().int().min(1),
      personId: id.nullable(),
      departmentId: id.nullable(),
      direction: z.enum(["i_owe", "they_owe"]),
      summary: text,
      dueOn: day.nullable(),
      status: z.enum(["open", "done", "dropped"]),
      createdAt: instant,
      resolvedAt: instant.nullable(),
      exchangeId: id.nullable(),
    }),
  ),
  notes: z.array(z.object({ id, personId: id, body: text, createdAt: instant })),
  // Added with the give-first engine: a backup from before it has none, which is the same as empty.
  needs: z
    .array(
      z.object({
        id,
        number: z.number().int().min(1),
        personId: id,
        text,
        status: z.enum(["open", "met", "dropped"]),
        createdAt: instant,
        resolvedAt: instant.nullable(),
        metById: id.nullable(),
        exchangeId: id.nullable(),
      }),
    )
    .default([]),
  offers: z
    .array(
      z.object({
        id,
        number: z.number().int().min(1),
        personId: id,
        text,
        status: z.enum(["open", "withdrawn"]),
        createdAt: instant,
        resolvedAt: instant.nullable(),
      }),
    )
    .default([]),
  introductions: z
    .array(
      z.object({
        id,
        number: z.number().int().min(1),
        aId: id,
        bId: id,
        reason: text,
        status: z.enum(INTRODUCTION_STATUSES),
        aAgreedAt: instant.nullable(),
        bAgreedAt: instant.nullable(),
        madeAt: instant.nullable(),
        declinedAt: instant.nullable(),
        outcome: text.nullable(),
        outcomeGood: z.boolean(),
        aExchangeId: id.nullable(),
        bExchangeId: id.nullable(),
        createdAt: instant,
      }),
    )
    .default([]),
  settings: z.array(z.object({ key: z.string().min(1), value: z.string() })),
});

export type Backup = z.infer<typeof backupSchema>;

/** Everything the store holds for this owner, as one JSON document, in a stable order. */
export async function exportBackup(ctx: AppContext): Promise<Backup> {
  const { db, ownerId } = ctx;
  const owner = await getOwner(db, ownerId);
  const byId = <T extends { id: string }>(rows: T[]) =>
    rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const people = await db
    .selectFrom("people")
    .selectAll()
    .where("owner_id", "=", ownerId)
    .orderBy("id")
    .execute();
  const details = await loadDetails(
    db,
    ownerId,
    people.map((p) => p.id),
  );
  const participants = await db
    .selectFrom("interaction_participants")
    .selectAll()
    .where("owner_id", "=", ownerId)
    .execute();
  const participantsOf = new Map<string, string[]>();
  for (const p of participants)
    participantsOf.set(p.interaction_id, [...(participantsOf.get(p.interaction_id) ?? []), p.person_id]);
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    profile: {
      name: owner?.name ?? null,
      organizationId: owner?.organization_id ?? null,
      departmentId: owner?.department_id ?? null,
    },
    organizations: (
      await db.selectFrom("organizations").selectAll().where("owner_id", "=", ownerId).orderBy("id").execute()
    ).map((o) => ({
      id: o.id,
      name: o.name,
      createdAt: o.created_at,
    })),
    departments: (
      await db.selectFrom("departments").selectAll().where("owner_id", "=", ownerId).orderBy("id").execute()
    ).map((d) => ({
      id: d.id,
      organizationId: d.organization_id,
      name: d.name,
      createdAt: d.created_at,
    })),
    people: people.map((p) => {
      const d = details.get(p.id);
      return {
        id: p.id,
        name: p.display_name,
        givenName: p.given_name,
        familyName: p.family_name,
        nickname: p.nickname,
        organizationId: p.organization_id,
        departmentId: p.department_id,
        title: p.title,
        tags: parseTags(p.tags),
        metText: p.met_text,
        metOn: p.met_on,
        metThroughId: p.met_through_id,
        birthday: p.birthday,
        layer: p.layer as Backup["people"][number]["layer"],
        closeness: p.closeness,
        cadenceDays: p.cadence_days,
        ledgerMode: p.ledger_mode as "track" | "communal",
        archived: p.archived === 1,
        uid: p.uid,
        createdAt: p.created_at,
        updatedAt: p.updated_at,
        emails: d?.emails ?? [],
        phones: d?.phones ?? [],
        urls: d?.urls ?? [],
        dates: d?.dates ?? [],
        related: d?.related ?? [],
      };
    }),
    interactions: (
      await db.selectFrom("interactions").selectAll().where("owner_id", "=", ownerId).orderBy("id").execute()
    ).map((i) => ({
      id: i.id,
      occurredAt: i.occurred_at,
      channel: i.channel as Backup["interactions"][number]["channel"],
      initiatedBy: i.initiated_by as Backup["interactions"][number]["initiatedBy"],
      summary: i.summary,
      notes: i.notes,
      createdAt: i.created_at,
      participants: (participantsOf.get(i.id) ?? []).sort(),
    })),
    exchanges: (
      await db.selectFrom("exchanges").selectAll().where("owner_id", "=", ownerId).orderBy("id").execute()
    ).map((e) => ({
      id: e.id,
      personId: e.person_id,
      departmentId: e.department_id,
      direction: e.direction as "gave" | "received",
      kind: e.kind as Backup["exchanges"][number]["kind"],
      weight: e.weight,
      summary: e.summary,
      occurredAt: e.occurred_at,
      channel: e.channel as Backup["exchanges"][number]["channel"],
      initiatedBy: e.initiated_by as Backup["exchanges"][number]["initiatedBy"],
      askId: e.ask_id,
      commitmentId: e.commitment_id,
      createdAt: e.created_at,
    })),
    asks: byId(await db.selectFrom("asks").selectAll().where("owner_id", "=", ownerId).execute()).map(
      (a) => ({
        id: a.id,
        number: a.number,
        personId: a.person_id,
        departmentId: a.department_id,
        summary: a.summary,
        askedAt: a.asked_at,
        status: a.status as Backup["asks"][number]["status"],
        resolvedAt: a.resolved_at,
        exchangeId: a.exchange_id,
        createdAt: a.created_at,
      }),
    ),
    commitments: byId(
      await db.selectFrom("commitments").selectAll().where("owner_id", "=", ownerId).execute(),
    ).map((c) => ({
      id: c.id,
      number: c.number,
      personId: c.person_id,
      departmentId: c.department_id,
      direction: c.direction as "i_owe" | "they_owe",
      summary: c.summary,
      dueOn: c.due_on,
      status: c.status as Backup["commitments"][number]["status"],
      createdAt: c.created_at,
      resolvedAt: c.resolved_at,
      exchangeId: c.exchange_id,
    })),
    notes: (
      await db.selectFrom("notes").selectAll().where("owner_id", "=", ownerId).orderBy("id").execute()
    ).map((n) => ({
      id: n.id,
      personId: n.person_id,
      body: n.body,
      createdAt: n.created_at,
    })),
    needs: (
      await db.selectFrom("needs").selectAll().where("owner_id", "=", ownerId).orderBy("id").execute()
    ).map((n) => ({
      id: n.id,
      number: n.number,
      personId: n.person_id,
      text: n.text,
      status: n.status as Backup["needs"][number]["status"],
      createdAt: n.created_at,
      resolvedAt: n.resolved_at,
      metById: n.met_by_id,
      exchangeId: n.exchange_id,
    })),
    offers: (
      await db.selectFrom("offers").selectAll().where("owner_id", "=", ownerId).orderBy("id").execute()
    ).map((o) => ({
      id: o.id,
      number: o.number,
      personId: o.person_id,
      text: o.text,
      status: o.status as Backup["offers"][number]["status"],
      createdAt: o.created_at,
      resolvedAt: o.resolved_at,
    })),
    introductions: (
      await db.selectFrom("introductions").selectAll().where("owner_id", "=", ownerId).orderBy("id").execute()
    ).map((i) => ({
      id: i.id,
      number: i.number,
      aId: i.a_id,
      bId: i.b_id,
      reason: i.reason,
      status: i.status as Backup["introductions"][number]["status"],
      aAgreedAt: i.a_agreed_at,
      bAgreedAt: i.b_agreed_at,
      madeAt: i.made_at,
      declinedAt: i.declined_at,
      outcome: i.outcome,
      outcomeGood: i.outcome_good === 1,
      aExchangeId: i.a_exchange_id,
      bExchangeId: i.b_exchange_id,
      createdAt: i.created_at,
    })),
    // Only the settings that are the user's data; secrets (the calendar key's hash) stay behind.
    settings: (
      await db.selectFrom("settings").selectAll().where("owner_id", "=", ownerId).orderBy("key").execute()
    )
      .filter((s) => distinctPairOf(s.key) !== null || isProfileSetting(s.key))
      .map((s) => ({
        key: s.key,
        value: s.value,
      })),
  };
}

/** Reads and checks a backup document; every problem is named with where it is. */
export function parseBackup(json: unknown): Backup {
  const parsed = backupSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 5).map((i) => {
    // "people.3.createdAt" is said as "people, record 4: Created at is missing: it is required".
    const [collection, index] = i.path;
    const where =
      typeof collection === "string" && typeof index === "number"
        ? `${collection}, record ${index + 1}: `
        : "";
    const words = issueMessage({ ...i, path: i.path.slice(typeof index === "number" ? 2 : 0) });
    return `${where}${words.replace(/^The request /, "The backup ")}`;
  });
  throw new GoodwillError("invalid", `This Goodwill backup cannot be restored:\n  ${issues.join("\n  ")}`, {
    issues: parsed.error.issues.slice(0, 20),
  });
}

export interface RestoreResult {
  format: "json";
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  errors: { record: number; line: number; message: string }[];
  warnings: { record: number; line: number; field: string; message: string }[];
}

/** Restores a backup in one transaction: all of it, or (on any error) nothing. */
export async function restoreBackup(ctx: AppContext, backup: Backup): Promise<RestoreResult> {
  return inWriteTransaction(ctx, async (tx) => {
    const { db, ownerId } = tx;
    const result: RestoreResult = {
      format: "json",
      created: 0,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      errors: [],
      warnings: [],
    };
    const existingIds = async (
      table:
        | "organizations"
        | "departments"
        | "interactions"
        | "exchanges"
        | "asks"
        | "commitments"
        | "notes"
        | "needs"
        | "offers"
        | "introductions",
      ids: string[],
    ) => {
      const found = new Set<string>();
      for (let i = 0; i < ids.length; i += 500) {
        const rows = await db
          .selectFrom(table)
          .select("id")
          .where("owner_id", "=", ownerId)
          .where("id", "in", ids.slice(i, i + 500))
          .execute();
        for (const r of rows) found.add(r.id);
      }
      return found;
    };

    // Organizations and departments: same id, or same name, is the same one.
    const orgMap = new Map<string, string>();
    const presentOrgs = await existingIds(
      "organizations",
      backup.organizations.map((o) => o.id),
    );
    for (const o of backup.organizations) {
      if (presentOrgs.has(o.id)) {
        orgMap.set(o.id, o.id);
        continue;
      }
      const byName = await db
        .selectFrom("organizations")
        .select("id")
        .where("owner_id", "=", ownerId)
        .where("name_key", "=", foldText(o.name))
        .executeTakeFirst();
      if (byName) orgMap.set(o.id, byName.id);
      else {
        await db
          .insertInto("organizations")
          .values({
            owner_id: ownerId,
            id: o.id,
            name: o.name,
            name_key: foldText(o.name),
            created_at: o.createdAt,
          })
          .execute();
        orgMap.set(o.id, o.id);
      }
    }
    const deptMap = new Map<string, string>();
    const presentDepts = await existingIds(
      "departments",
      backup.departments.map((d) => d.id),
    );
    for (const d of backup.departments) {
      const organizationId = orgMap.get(d.organizationId);
      if (!organizationId)
        throw new GoodwillError(
          "invalid",
          `Department ${d.id} names an organization (${d.organizationId}) that is not in the backup.`,
        );
      if (presentDepts.has(d.id)) {
        deptMap.set(d.id, d.id);
        continue;
      }
      const byName = await db
        .selectFrom("departments")
        .select("id")
        .where("owner_id", "=", ownerId)
        .where("organization_id", "=", organizationId)
        .where("name_key", "=", foldText(d.name))
        .executeTakeFirst();
      if (byName) deptMap.set(d.id, byName.id);
      else {
        await db
          .insertInto("departments")
          .values({
            owner_id: ownerId,
            id: d.id,
            organization_id: organizationId,
            name: d.name,
            name_key: foldText(d.name),
            created_at: d.createdAt,
          })
          .execute();
        deptMap.set(d.id, d.id);
      }
    }
    const org = (idOrNull: string | null) => (idOrNull === null ? null : (orgMap.get(idOrNull) ?? null));
    const dept = (idOrNull: string | null) => (idOrNull === null ? null : (deptMap.get(idOrNull) ?? null));

    const owner = await getOwner(db, ownerId);
    if (owner && owner.name === null && backup.profile.name !== null) {
      await updateOwnerProfile(
        db,
        ownerId,
        {
          name: backup.profile.name,
          organization_id: org(backup.profile.organizationId),
          department_id: dept(backup.profile.departmentId),
        },
        owner.updated_at,
      );
    }

    // People: same id, or a match by UID, email or phone, is the same person.
    const index = await loadIdentityIndex(db, ownerId);
    const personMap = new Map<string, string>();
    const fresh: Backup["people"] = [];
    // By id, for the search rows: a find() over the backup's organizations for each person was
    // people × organizations comparisons.
    const orgNames = new Map(backup.organizations.map((o) => [o.id, o.name]));
    const deptNames = new Map(backup.departments.map((d) => [d.id, d.name]));
    for (const p of backup.people) {
      const match =
        (index.ids.has(p.id) ? p.id : undefined) ??
        (p.uid ? index.uids.get(p.uid) : undefined) ??
        p.emails.map((e) => index.emails.get(emailKey(e.value))).find(Boolean) ??
        p.phones.map((ph) => index.phones.get(phoneKey(ph.value))).find(Boolean);
      if (match) {
        personMap.set(p.id, match);
        result.unchanged++;
      } else {
        personMap.set(p.id, p.id);
        fresh.push(p);
        result.created++;
      }
    }
    const person = (idOrNull: string | null) =>
      idOrNull === null ? null : (personMap.get(idOrNull) ?? null);
    await insertPeopleBatch(
      db,
      fresh.map((p) => ({
        row: {
          owner_id: ownerId,
          id: p.id,
          display_name: p.name,
          given_name: p.givenName,
          family_name: p.familyName,
          nickname: p.nickname,
          name_key: foldText(p.name),
          organization_id: org(p.organizationId),
          department_id: dept(p.departmentId),
          title: p.title,
          tags: JSON.stringify(p.tags),
          met_text: p.metText,
          met_on: p.metOn,
          met_through_id: null,
          birthday: p.birthday,
          layer: p.layer,
          closeness: p.closeness,
          cadence_days: p.cadenceDays,
          ledger_mode: p.ledgerMode,
          archived: p.archived ? 1 : 0,
          uid: p.uid,
          created_at: p.createdAt,
          updated_at: p.updatedAt,
        },
        details: { emails: p.emails, phones: p.phones, urls: p.urls, dates: p.dates, related: p.related },
      })),
    );
    // Who introduced whom refers to people, so it is set once everyone is in.
    for (const p of fresh) {
      const through = person(p.metThroughId);
      if (through)
        await db
          .updateTable("people")
          .set({ met_through_id: through })
          .where("owner_id", "=", ownerId)
          .where("id", "=", p.id)
          .execute();
    }

    const docs: Parameters<typeof indexDocuments>[2] = fresh.map((p) => ({
      kind: "person",
      refId: p.id,
      personId: p.id,
      body: personSearchBody(
        {
          display_name: p.name,
          nickname: p.nickname,
          title: p.title,
          tags: JSON.stringify(p.tags),
          met_text: p.metText,
        } as Parameters<typeof personSearchBody>[0],
        { emails: p.emails, phones: p.phones, urls: p.urls, dates: p.dates, related: p.related },
        {
          organization: (p.organizationId && orgNames.get(p.organizationId)) ?? null,
          department: (p.departmentId && deptNames.get(p.departmentId)) ?? null,
        },
      ),
    }));
    const touchedPeople = new Set<string>();
    const touchedDepartments = new Set<string>();
    const missing = (what: string, ref: string) =>
      new GoodwillError("invalid", `The backup's ${what} refers to ${ref}, which is not in the backup.`);

    const presentInteractions = await existingIds(
      "interactions",
      backup.interactions.map((i) => i.id),
    );
    for (const i of backup.interactions) {
      if (presentInteractions.has(i.id)) {
        result.unchanged++;
        continue;
      }
      const ids = [...new Set(i.participants.map((p) => person(p) ?? ""))];
      if (ids.includes("")) throw missing(`moment ${i.id}`, "a person");
      await db
        .insertInto("interactions")
        .values({
          owner_id: ownerId,
          id: i.id,
          occurred_at: i.occurredAt,
          channel: i.channel,
          initiated_by: i.initiatedBy,
          summary: i.summary,
          notes: i.notes,
          created_at: i.createdAt,
        })
        .execute();
      await db
        .insertInto("interaction_participants")
        .values(ids.map((pid) => ({ owner_id: ownerId, interaction_id: i.id, person_id: pid })))
        .execute();
      for (const pid of ids) touchedPeople.add(pid);
      docs.push({
        kind: "interaction",
        refId: i.id,
        personId: ids[0] ?? null,
        body: [i.summary, i.notes].filter(Boolean).join(" "),
      });
      result.created++;
    }

    const nextNumber = async (table: "asks" | "commitments" | "needs" | "offers" | "introductions") => {
      const row = await db
        .selectFrom(table)
        .select((eb) => eb.fn.max("number").as("max"))
        .where("owner_id", "=", ownerId)
        .executeTakeFirst();
      return Number(row?.max ?? 0) + 1;
    };
    const presentAsks = await existingIds(
      "asks",
      backup.asks.map((a) => a.id),
    );
    for (const a of backup.asks) {
      if (presentAsks.has(a.id)) {
        result.unchanged++;
        continue;
      }
      const taken = await db
        .selectFrom("asks")
        .select("id")
        .where("owner_id", "=", ownerId)
        .where("number", "=", a.number)
        .executeTakeFirst();
      await db
        .insertInto("asks")
        .values({
          owner_id: ownerId,
          id: a.id,
          number: taken ? await nextNumber("asks") : a.number,
          person_id: person(a.personId),
          department_id: dept(a.departmentId),
          summary: a.summary,
          asked_at: a.askedAt,
          status: a.status,
          resolved_at: a.resolvedAt,
          exchange_id: a.exchangeId,
          created_at: a.createdAt,
        })
        .execute();
      docs.push({ kind: "ask", refId: a.id, personId: person(a.personId), body: a.summary });
      result.created++;
    }
    const presentCommitments = await existingIds(
      "commitments",
      backup.commitments.map((c) => c.id),
    );
    for (const c of backup.commitments) {
      if (presentCommitments.has(c.id)) {
        result.unchanged++;
        continue;
      }
      const taken = await db
        .selectFrom("commitments")
        .select("id")
        .where("owner_id", "=", ownerId)
        .where("number", "=", c.number)
        .executeTakeFirst();
      await db
        .insertInto("commitments")
        .values({
          owner_id: ownerId,
          id: c.id,
          number: taken ? await nextNumber("commitments") : c.number,
          person_id: person(c.personId),
          department_id: dept(c.departmentId),
          direction: c.direction,
          summary: c.summary,
          due_on: c.dueOn,
          status: c.status,
          created_at: c.createdAt,
          resolved_at: c.resolvedAt,
          exchange_id: c.exchangeId,
        })
        .execute();
      docs.push({ kind: "commitment", refId: c.id, personId: person(c.personId), body: c.summary });
      result.created++;
    }

    const presentExchanges = await existingIds(
      "exchanges",
      backup.exchanges.map((e) => e.id),
    );
    const exchangeRows = [];
    for (const e of backup.exchanges) {
      if (presentExchanges.has(e.id)) {
        result.unchanged++;
        continue;
      }
      const personId = person(e.personId);
      const departmentId = dept(e.departmentId);
      if ((personId === null) === (departmentId === null))
        throw missing(`ledger entry ${e.id}`, "no person or department it can be with");
      if (personId) touchedPeople.add(personId);
      if (departmentId) touchedDepartments.add(departmentId);
      exchangeRows.push({
        owner_id: ownerId,
        id: e.id,
        person_id: personId,
        department_id: departmentId,
        direction: e.direction,
        kind: e.kind,
        weight: e.weight,
        summary: e.summary,
        occurred_at: e.occurredAt,
        channel: e.channel,
        initiated_by: e.initiatedBy,
        ask_id: e.askId,
        commitment_id: e.commitmentId,
        created_at: e.createdAt,
      });
      docs.push({ kind: "exchange", refId: e.id, personId, body: e.summary });
      result.created++;
    }
    for (let i = 0; i < exchangeRows.length; i += 2000)
      await db
        .insertInto("exchanges")
        .values(exchangeRows.slice(i, i + 2000))
        .execute();

    const presentNotes = await existingIds(
      "notes",
      backup.notes.map((n) => n.id),
    );
    for (const n of backup.notes) {
      const personId = person(n.personId);
      if (presentNotes.has(n.id)) {
        result.unchanged++;
        continue;
      }
      if (!personId) throw missing(`note ${n.id}`, "a person");
      await db
        .insertInto("notes")
        .values({ owner_id: ownerId, id: n.id, person_id: personId, body: n.body, created_at: n.createdAt })
        .execute();
      docs.push({ kind: "note", refId: n.id, personId, body: n.body });
      result.created++;
    }
    for (const table of ["needs", "offers"] as const) {
      const items =
        table === "needs"
          ? backup.needs
          : backup.offers.map((o) => ({ ...o, metById: null, exchangeId: null }));
      const present = await existingIds(
        table,
        items.map((n) => n.id),
      );
      for (const n of items) {
        if (present.has(n.id)) {
          result.unchanged++;
          continue;
        }
        const personId = person(n.personId);
        if (!personId) throw missing(`${table === "needs" ? "need" : "offer"} ${n.id}`, "a person");
        const taken = await db
          .selectFrom(table)
          .select("id")
          .where("owner_id", "=", ownerId)
          .where("number", "=", n.number)
          .executeTakeFirst();
        await db
          .insertInto(table)
          .values({
            owner_id: ownerId,
            id: n.id,
            number: taken ? await nextNumber(table) : n.number,
            person_id: personId,
            text: n.text,
            status: n.status,
            created_at: n.createdAt,
            resolved_at: n.resolvedAt,
            // "me" is not a person: it stays as it is; a person follows the restore's mapping.
            met_by_id: n.metById === null || n.metById === "me" ? n.metById : person(n.metById),
            exchange_id: n.exchangeId,
          })
          .execute();
        docs.push({ kind: table === "needs" ? "need" : "offer", refId: n.id, personId, body: n.text });
        result.created++;
      }
    }
    const presentIntroductions = await existingIds(
      "introductions",
      backup.introductions.map((i) => i.id),
    );
    for (const i of backup.introductions) {
      if (presentIntroductions.has(i.id)) {
        result.unchanged++;
        continue;
      }
      const a = person(i.aId);
      const b = person(i.bId);
      if (!a || !b) throw missing(`introduction ${i.id}`, "both people");
      const taken = await db
        .selectFrom("introductions")
        .select("id")
        .where("owner_id", "=", ownerId)
        .where("number", "=", i.number)
        .executeTakeFirst();
      await db
        .insertInto("introductions")
        .values({
          owner_id: ownerId,
          id: i.id,
          number: taken ? await nextNumber("introductions") : i.number,
          a_id: a,
          b_id: b,
          reason: i.reason,
          status: i.status,
          a_agreed_at: i.aAgreedAt,
          b_agreed_at: i.bAgreedAt,
          made_at: i.madeAt,
          declined_at: i.declinedAt,
          outcome: i.outcome,
          outcome_good: i.outcomeGood ? 1 : 0,
          a_exchange_id: i.aExchangeId,
          b_exchange_id: i.bExchangeId,
          created_at: i.createdAt,
        })
        .execute();
      result.created++;
    }
    // Only settings Goodwill backs up: a backup must not plant a calendar key or anything else.
    // A distinct pair follows its people to the records they were restored as.
    for (const s of backup.settings) {
      // The work week and time zone, when this store has none yet (like the profile above).
      if (isProfileSetting(s.key)) {
        const input = s.key === WORK_WEEK_SETTING ? { workWeek: s.value } : { timeZone: s.value };
        const mine = await db
          .selectFrom("settings")
          .select("key")
          .where("owner_id", "=", ownerId)
          .where("key", "=", s.key)
          .executeTakeFirst();
        // A value that does not read is left out (it fails before writing anything).
        if (!mine) await saveCalendarSettings(tx, input).catch(() => undefined);
        continue;
      }
      const pair = distinctPairOf(s.key);
      const a = pair && personMap.get(pair[0]);
      const b = pair && personMap.get(pair[1]);
      if (!a || !b || a === b) continue;
      await db
        .insertInto("settings")
        .values({ owner_id: ownerId, key: distinctPairKey(a, b), value: s.value })
        .onConflict((oc) => oc.columns(["owner_id", "key"]).doNothing())
        .execute();
    }

    await indexDocuments(db, ownerId, docs);
    for (const pid of touchedPeople) await recomputePersonStats(db, ownerId, pid);
    for (const did of touchedDepartments) await recomputeDepartmentStats(db, ownerId, did);
    return result;
  });
}
