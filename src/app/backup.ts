/**
 * The Goodwill JSON backup: everything the store holds for one owner, with a format version.
 * Exporting, restoring into an empty store and exporting again gives the same document. Restoring
 * into a store that has data adds what is missing: records already there (same id) are left alone,
 * and a person who matches one already here by UID, email or phone becomes that person.
 *
 * Each list of the backup is described once, in `LISTS`: its fields (their schema, the column each
 * is kept in, how its ids map), the table, how a record is restored and found again. The schema,
 * the export and the restore (src/app/restore.ts) are all read from those descriptions.
 */
import { z } from "zod";
import { issueMessage } from "../contract/issue-message.js";
import { INTRODUCTION_STATUSES } from "../domain/introduction.js";
import { CHANNELS, DIRECTIONS, EXCHANGE_KINDS, INITIATORS, LAYERS, LEDGER_MODES } from "../domain/model.js";
import { GoodwillError } from "../errors.js";
import { backupRepository, type RecordTable, type Row } from "../storage/backup.repository.js";
import { getOwner } from "../storage/owner.repository.js";
import { parseTags } from "../storage/person.repository.js";
import type { SearchKind } from "../storage/search.repository.js";
import { isProfileSetting } from "./calendar-settings.js";
import type { AppContext } from "./context.js";
import { distinctPairOf } from "./duplicates.js";

export const BACKUP_FORMAT = "goodwill-backup";
export const BACKUP_VERSION = 1;

const instant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, "an ISO-8601 UTC instant");
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a YYYY-MM-DD date");
const partialDay = z.string().regex(/^(\d{4}|-)-\d{2}-\d{2}$/, "a date, YYYY-MM-DD or --MM-DD");
const id = z.string().min(1).max(200);
const text = z.string().max(100_000);
const name = z.string().min(1).max(500);
const point = z.object({
  value: z.string().min(1).max(2000),
  label: z.string().max(200).nullable(),
  pref: z.boolean(),
});

/** The lists whose ids other records name; a restore maps those to the records they became. */
export type Target = "organizations" | "departments" | "people";

/** One field of a backup's record. */
export interface Field<S extends z.ZodType = z.ZodType> {
  schema: S;
  /** its column, when not its name in snake case; `null` when another table keeps it (a person's emails) */
  column?: string | null;
  /** kept as 0/1 (a flag) or as JSON text (a list), not as it is */
  stored?: "flag" | "json";
  /** the list whose ids it names */
  ref?: Target;
  /** the restore cannot do without it: what it is, for "its person (x) is not in the backup" */
  required?: string;
  /** a value that names no record and stays as it is ("me") */
  keep?: string;
}

/** A field, kept in the column of its name in snake case unless `column` says otherwise. */
const f = <S extends z.ZodType>(schema: S, options: Omit<Field, "schema"> = {}): Field<S> => ({
  schema,
  ...options,
});
const ref = (target: Target, required?: string) => ({ ref: target, ...(required ? { required } : {}) });

/** One list of a backup and the table its records are rows of. */
export interface List<F extends Record<string, Field> = Record<string, Field>> {
  fields: F;
  /** the table its records are rows of; settings are kept by key, not by id */
  table: RecordTable | "settings";
  /**
   * How a record already here is recognised: by its id, by its id or name (organizations and
   * departments), by id, UID, email or phone (people), or by its key (settings, restored by hand).
   */
  match: "id" | "name" | "identity" | "key";
  /** what one record is called in a message */
  noun: string;
  /** its per-owner number is kept unless one here has it, when it takes the next free one */
  numbered?: boolean;
  /** it counts in the scores of the people and departments it names */
  scored?: boolean;
  /** its search document: the kind, the fields that make its text, the field naming its person */
  search?: { kind: SearchKind; body: (keyof F & string)[]; person?: keyof F & string };
  /** two references of which exactly one must be found, and what is said when not */
  oneOf?: { fields: [keyof F & string, keyof F & string]; problem: string };
  /** lists it needs written first, besides those its fields name */
  after?: Target[];
}

const list = <F extends Record<string, Field>>(description: List<F>): List<F> => description;

/** Every list of a backup, in the order they are written: each needs only lists before it. */
export const LISTS = {
  organizations: list({
    table: "organizations",
    match: "name",
    noun: "organization",
    fields: { id: f(id), name: f(name), createdAt: f(instant) },
  }),
  departments: list({
    table: "departments",
    match: "name",
    noun: "department",
    fields: {
      id: f(id),
      organizationId: f(id, ref("organizations", "its organization")),
      name: f(name),
      createdAt: f(instant),
    },
  }),
  people: list({
    table: "people",
    match: "identity",
    noun: "person",
    fields: {
      id: f(id),
      name: f(z.string().min(1).max(500), { column: "display_name" }),
      givenName: f(z.string().nullable()),
      familyName: f(z.string().nullable()),
      nickname: f(z.string().nullable()),
      organizationId: f(id.nullable(), ref("organizations")),
      departmentId: f(id.nullable(), ref("departments")),
      title: f(z.string().nullable()),
      tags: f(z.array(z.string()), { stored: "json" }),
      metText: f(z.string().nullable()),
      metOn: f(day.nullable()),
      // Set once everyone is in: the person named may come later in the list.
      metThroughId: f(id.nullable()),
      birthday: f(partialDay.nullable()),
      layer: f(
        z.union([
          z.literal(LAYERS[0]),
          z.literal(LAYERS[1]),
          z.literal(LAYERS[2]),
          z.literal(LAYERS[3]),
          z.literal(LAYERS[4]),
        ]),
      ),
      closeness: f(z.number().int().min(1).max(5)),
      cadenceDays: f(z.number().int().min(0).nullable()),
      ledgerMode: f(z.enum(LEDGER_MODES)),
      archived: f(z.boolean(), { stored: "flag" }),
      uid: f(z.string().nullable()),
      createdAt: f(instant),
      updatedAt: f(instant),
      emails: f(z.array(point), { column: null }),
      phones: f(z.array(point), { column: null }),
      urls: f(z.array(point), { column: null }),
      dates: f(z.array(z.object({ label: z.string().min(1), date: partialDay })), { column: null }),
      related: f(z.array(z.object({ name: z.string().min(1), relation: z.string().nullable() })), {
        column: null,
      }),
    },
  }),
  interactions: list({
    table: "interactions",
    match: "id",
    noun: "moment",
    scored: true,
    search: { kind: "interaction", body: ["summary", "notes"], person: "participants" },
    fields: {
      id: f(id),
      occurredAt: f(instant),
      channel: f(z.enum(CHANNELS)),
      initiatedBy: f(z.enum(INITIATORS)),
      summary: f(text),
      notes: f(text.nullable()),
      createdAt: f(instant),
      participants: f(z.array(id).min(1), { column: null, ...ref("people", "a person of the moment") }),
    },
  }),
  exchanges: list({
    table: "exchanges",
    match: "id",
    noun: "ledger entry",
    scored: true,
    search: { kind: "exchange", body: ["summary"], person: "personId" },
    // With one person or one department of the backup, as the store keeps every entry.
    oneOf: {
      fields: ["personId", "departmentId"],
      problem: "it must be with one person or one department of the backup.",
    },
    fields: {
      id: f(id),
      personId: f(id.nullable(), ref("people")),
      departmentId: f(id.nullable(), ref("departments")),
      direction: f(z.enum(DIRECTIONS)),
      kind: f(z.enum(EXCHANGE_KINDS)),
      weight: f(z.number().min(0.25).max(8)),
      summary: f(text),
      occurredAt: f(instant),
      channel: f(z.enum(CHANNELS)),
      initiatedBy: f(z.enum(INITIATORS)),
      askId: f(id.nullable()),
      commitmentId: f(id.nullable()),
      createdAt: f(instant),
    },
  }),
  asks: list({
    table: "asks",
    match: "id",
    noun: "ask",
    numbered: true,
    search: { kind: "ask", body: ["summary"], person: "personId" },
    fields: {
      id: f(id),
      number: f(z.number().int().min(1)),
      personId: f(id.nullable(), ref("people")),
      departmentId: f(id.nullable(), ref("departments")),
      summary: f(text),
      askedAt: f(instant),
      status: f(z.enum(["open", "fulfilled", "declined", "withdrawn"])),
      resolvedAt: f(instant.nullable()),
      exchangeId: f(id.nullable()),
      createdAt: f(instant),
    },
  }),
  commitments: list({
    table: "commitments",
    match: "id",
    noun: "promise",
    numbered: true,
    search: { kind: "commitment", body: ["summary"], person: "personId" },
    fields: {
      id: f(id),
      number: f(z.number().int().min(1)),
      personId: f(id.nullable(), ref("people")),
      departmentId: f(id.nullable(), ref("departments")),
      direction: f(z.enum(["i_owe", "they_owe"])),
      summary: f(text),
      dueOn: f(day.nullable()),
      status: f(z.enum(["open", "done", "dropped"])),
      createdAt: f(instant),
      resolvedAt: f(instant.nullable()),
      exchangeId: f(id.nullable()),
    },
  }),
  notes: list({
    table: "notes",
    match: "id",
    noun: "note",
    search: { kind: "note", body: ["body"], person: "personId" },
    fields: {
      id: f(id),
      personId: f(id, ref("people", "its person")),
      body: f(text),
      createdAt: f(instant),
    },
  }),
  // Added with the give-first engine: a backup from before it has none, which is the same as empty.
  needs: list({
    table: "needs",
    match: "id",
    noun: "need",
    numbered: true,
    search: { kind: "need", body: ["text"], person: "personId" },
    fields: {
      id: f(id),
      number: f(z.number().int().min(1)),
      personId: f(id, ref("people", "its person")),
      text: f(text),
      status: f(z.enum(["open", "met", "dropped"])),
      createdAt: f(instant),
      resolvedAt: f(instant.nullable()),
      // "me" is not a person: it stays as it is; a person follows the restore's mapping.
      metById: f(id.nullable(), { ...ref("people"), keep: "me" }),
      exchangeId: f(id.nullable()),
    },
  }),
  offers: list({
    table: "offers",
    match: "id",
    noun: "offer",
    numbered: true,
    search: { kind: "offer", body: ["text"], person: "personId" },
    fields: {
      id: f(id),
      number: f(z.number().int().min(1)),
      personId: f(id, ref("people", "its person")),
      text: f(text),
      status: f(z.enum(["open", "withdrawn"])),
      createdAt: f(instant),
      resolvedAt: f(instant.nullable()),
    },
  }),
  // The user's own offers (issue 12): of no person, so they wait for nothing.
  ownOffers: list({
    table: "own_offers",
    match: "id",
    noun: "offer of mine",
    numbered: true,
    search: { kind: "own-offer", body: ["text"] },
    fields: {
      id: f(id),
      number: f(z.number().int().min(1)),
      text: f(text),
      status: f(z.enum(["open", "withdrawn"])),
      createdAt: f(instant),
      resolvedAt: f(instant.nullable()),
    },
  }),
  introductions: list({
    table: "introductions",
    match: "id",
    noun: "introduction",
    numbered: true,
    fields: {
      id: f(id),
      number: f(z.number().int().min(1)),
      aId: f(id, ref("people", "the first person")),
      bId: f(id, ref("people", "the second person")),
      reason: f(text),
      status: f(z.enum(INTRODUCTION_STATUSES)),
      aAgreedAt: f(instant.nullable()),
      bAgreedAt: f(instant.nullable()),
      madeAt: f(instant.nullable()),
      declinedAt: f(instant.nullable()),
      outcome: f(text.nullable()),
      outcomeGood: f(z.boolean(), { stored: "flag" }),
      aExchangeId: f(id.nullable()),
      bExchangeId: f(id.nullable()),
      createdAt: f(instant),
    },
  }),
  // A distinct pair names two people: it follows them to the records they were restored as.
  settings: list({
    table: "settings",
    match: "key",
    noun: "setting",
    after: ["people"],
    fields: { key: f(z.string().min(1)), value: f(z.string()) },
  }),
};

export type Collection = keyof typeof LISTS;
export const COLLECTIONS = Object.keys(LISTS) as Collection[];
export const isCollection = (key: string): key is Collection => Object.hasOwn(LISTS, key);
/** A list's description with its fields by name: how export and restore read every list alike. */
export const descriptionOf = (collection: Collection): List =>
  // Each description is a List of its own fields; read field by field, they are all one shape.
  LISTS[collection] as unknown as List;

/** A field with its name and its column (`createdAt` in `created_at`), or `null` when none. */
export interface Column extends Field {
  key: string;
  column: string | null;
}
const columnLists = new Map<List, Column[]>();
/** A list's fields in order, each with its column: worked out once per list, read per record. */
export function columnsOf(list: List): Column[] {
  let columns = columnLists.get(list);
  if (!columns) {
    columns = Object.entries(list.fields).map(([key, field]) => ({
      ...field,
      key,
      column: field.column === undefined ? key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) : field.column,
    }));
    columnLists.set(list, columns);
  }
  return columns;
}

type Shape<C extends Collection> = {
  [K in keyof (typeof LISTS)[C]["fields"]]: (typeof LISTS)[C]["fields"][K] extends Field<infer S> ? S : never;
};

/** The schema of one record of each list, read from its fields. */
export const RECORD_SCHEMAS = Object.fromEntries(
  COLLECTIONS.map((c) => [
    c,
    z.object(Object.fromEntries(Object.entries(descriptionOf(c).fields).map(([k, v]) => [k, v.schema]))),
  ]),
) as { [C in Collection]: z.ZodObject<Shape<C>, z.core.$strip> };
const records = <C extends Collection>(c: C) => z.array(RECORD_SCHEMAS[c]);
/** A list added since version 1 came out: a backup from before it has none, the same as empty. */
const recordsSince = <C extends Collection>(c: C) => records(c).default([]);

export const profileSchema = z.object({
  name: z.string().nullable(),
  organizationId: id.nullable(),
  departmentId: id.nullable(),
});

export const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  profile: profileSchema,
  organizations: records("organizations"),
  departments: records("departments"),
  people: records("people"),
  interactions: records("interactions"),
  exchanges: records("exchanges"),
  asks: records("asks"),
  commitments: records("commitments"),
  notes: records("notes"),
  needs: recordsSince("needs"),
  offers: recordsSince("offers"),
  ownOffers: recordsSince("ownOffers"),
  introductions: recordsSince("introductions"),
  settings: records("settings"),
});

export type Backup = z.infer<typeof backupSchema>;
/** The lists a backup may lack: those added since version 1 came out. */
export const OPTIONAL_LISTS: ReadonlySet<string> = new Set(
  COLLECTIONS.filter((c) => backupSchema.shape[c] instanceof z.ZodDefault),
);
export type RecordOf<C extends Collection> = Backup[C][number];

/** A row as its backup record, field by field in the description's order. */
function recordFromRow(list: List, row: Row): Row {
  const record: Row = {};
  for (const field of columnsOf(list)) {
    if (field.column === null) continue;
    const value = row[field.column];
    record[field.key] =
      field.stored === "flag" ? value === 1 : field.stored === "json" ? parseTags(value as string) : value;
  }
  return record;
}

/** Everything the store holds for this owner, as one JSON document, in a stable order. */
export async function exportBackup(ctx: AppContext): Promise<Backup> {
  const repo = backupRepository(ctx.db, ctx.ownerId);
  const owner = await getOwner(ctx.db, ctx.ownerId);
  const backup: Row = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    profile: {
      name: owner?.name ?? null,
      organizationId: owner?.organization_id ?? null,
      departmentId: owner?.department_id ?? null,
    },
  };
  for (const collection of COLLECTIONS) {
    const list = descriptionOf(collection);
    // Only the settings that are the user's data; secrets (the calendar key's hash) stay behind.
    const rows =
      list.table === "settings"
        ? (await repo.settings()).filter((s) => distinctPairOf(s.key) !== null || isProfileSetting(s.key))
        : await repo.rows(list.table);
    backup[collection] = rows.map((row) => recordFromRow(list, row));
  }
  // What other tables keep: a person's contact details, the people of a moment.
  const people = backup.people as Row[];
  const details = await repo.details(people.map((p) => p.id as string));
  for (const p of people) {
    const d = details.get(p.id as string);
    Object.assign(p, {
      emails: d?.emails ?? [],
      phones: d?.phones ?? [],
      urls: d?.urls ?? [],
      dates: d?.dates ?? [],
      related: d?.related ?? [],
    });
  }
  const participantsOf = new Map<string, string[]>();
  for (const p of await repo.participants())
    participantsOf.set(p.interaction_id, [...(participantsOf.get(p.interaction_id) ?? []), p.person_id]);
  for (const i of backup.interactions as Row[])
    i.participants = (participantsOf.get(i.id as string) ?? []).sort();
  return backup as Backup;
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
