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
import { getOwner } from "../storage/owner.repository.js";
import { loadDetails, parseTags } from "../storage/person.repository.js";
import { isProfileSetting } from "./calendar-settings.js";
import type { AppContext } from "./context.js";
import { distinctPairOf } from "./duplicates.js";
import { issueMessage } from "./issue-message.js";

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

export const backupSchema = z.object({
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
  // The user's own offers (issue 12): a backup from before them has none, which is the same as empty.
  ownOffers: z
    .array(
      z.object({
        id,
        number: z.number().int().min(1),
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
    ownOffers: (
      await db.selectFrom("own_offers").selectAll().where("owner_id", "=", ownerId).orderBy("id").execute()
    ).map((o) => ({
      id: o.id,
      number: o.number,
      text: o.text,
      status: o.status as Backup["ownOffers"][number]["status"],
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
