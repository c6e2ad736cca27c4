/**
 * Restoring a Goodwill JSON backup, batch by batch. A backup of a hundred megabytes used to be read
 * into one string, parsed, copied by the schema and written in one transaction: 700 MB of memory,
 * and the SQLite store locked for fifteen seconds. Now the file is read twice as a stream of
 * records (src/formats/read/json-collections.ts): the first pass checks every record and writes
 * nothing; the second writes them in batches of a few hundred, each its own transaction, with a
 * turn for other requests in between. The batches are one undo entry; if the store fails half-way,
 * what was written is taken back, so a restore is still all of it or nothing.
 */
import type { z } from "zod";
import { emptyImportResult, type ImportWarning, type RestoreResult } from "../contract/import-result.js";
import { issueMessage } from "../contract/issue-message.js";
import { GoodwillError } from "../errors.js";
import { JsonSyntaxError, readJsonCollections } from "../formats/read/json-collections.js";
import { Pacer } from "../formats/read/pacing.js";
import {
  type BackupRepository,
  backupRepository,
  type NumberedTable,
  type RecordTable,
  type Row,
} from "../storage/backup.repository.js";
import type { IdentityIndex } from "../storage/contact-import.repository.js";
import { emailKey, foldText, phoneKey } from "../storage/keys.js";
import { getOwner, updateOwnerProfile } from "../storage/owner.repository.js";
import type { NewPersonRow, PersonRow } from "../storage/schema.js";
import { recomputeDepartmentStats, recomputePersonStats } from "../storage/stats.repository.js";
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type Backup,
  COLLECTIONS,
  type Collection,
  columnsOf,
  descriptionOf,
  type Field,
  isCollection,
  type List,
  OPTIONAL_LISTS,
  profileSchema,
  RECORD_SCHEMAS,
  type RecordOf,
  type Target,
} from "./backup.js";
import { nulFree, repairPerson } from "./backup-repair.js";
import { isProfileSetting, saveCalendarSettings, WORK_WEEK_SETTING } from "./calendar-settings.js";
import { type AppContext, inWriteTransaction } from "./context.js";
import { distinctPairKey, distinctPairOf } from "./duplicates.js";
import { personSearchBody } from "./people.js";
import type { ImportFile } from "./read-file.js";
import { journaled, undo } from "./undo.js";

/** Records written per transaction. */
const BATCH_SIZE = 500;
/** A pause after each batch: the moment another writer waiting for the lock takes it. */
const BETWEEN_BATCHES_MS = 2;

type Json = Record<string, unknown>;
type SearchDoc = Parameters<BackupRepository["index"]>[0][number];

/** What must have been written in full before a list's records can be: the lists it names. */
function needs(collection: Collection | "profile"): Target[] {
  if (collection === "profile") return ["organizations", "departments"];
  const { fields, after = [] } = descriptionOf(collection);
  return [...new Set([...after, ...Object.values(fields).flatMap((field) => field.ref ?? [])])];
}

/** Whether a list's record of this id is in the backup (first pass) or was restored (second). */
type Found = (target: Target, id: unknown) => boolean;

/** The references of a record that must be found, each with what is said when it is not. */
function* requiredReferences(
  list: List,
  record: Json,
): Generator<{ targets: Target[]; test: (found: Found) => boolean; problem: string }> {
  for (const { key, ref, required } of columnsOf(list))
    if (ref && required)
      for (const value of ([] as unknown[]).concat(record[key]))
        yield {
          targets: [ref],
          test: (found) => found(ref, value),
          problem: `${required} (${value}) is not in the backup.`,
        };
  if (!list.oneOf) return;
  const [a, b] = list.oneOf.fields;
  const [targetA, targetB] = [list.fields[a]?.ref, list.fields[b]?.ref];
  if (targetA && targetB)
    yield {
      targets: [targetA, targetB],
      test: (found) => found(targetA, record[a]) !== found(targetB, record[b]),
      problem: list.oneOf.problem,
    };
}

/**
 * Writes a backup's records into a store, batch by batch, mapping the backup's ids to the records
 * they became (the same id, or an organization of the same name, or a person matched by UID, email
 * or phone). Batches of a list come after every batch of the lists it needs.
 */
export class Restorer {
  readonly result: RestoreResult = emptyImportResult("json");
  /** the backup's ids of each list that others name, to the ids of the records they became */
  private readonly became: Record<Target, Map<string, string>> = {
    organizations: new Map(),
    departments: new Map(),
    people: new Map(),
  };
  /** the backup's names of organizations and departments, by the backup's ids, for search rows */
  private readonly names = new Map<string, string>();
  /** people restored whose "met through" names someone: set once everyone is in */
  private readonly metThrough: [string, string][] = [];
  private readonly touched: Record<"people" | "departments", Set<string>> = {
    people: new Set(),
    departments: new Set(),
  };
  private identity: IdentityIndex | null = null;

  constructor(
    private readonly ctx: AppContext,
    /** gives other requests a turn between batches */
    private readonly pacer = new Pacer(),
  ) {}

  /** Writes one batch of one list in one transaction. */
  async write<C extends Collection>(collection: C, records: RecordOf<C>[]): Promise<void> {
    if (records.length === 0) return;
    const list = descriptionOf(collection);
    await inWriteTransaction(this.ctx, async (tx) => {
      const repo = backupRepository(tx.db, tx.ownerId);
      const batch = records as Json[];
      if (list.match === "name")
        return this.byName(repo, collection as "organizations" | "departments", list, batch);
      if (list.match === "identity") return this.people(repo, list, batch as RecordOf<"people">[]);
      if (list.match === "key") return this.settings(tx, repo, batch as RecordOf<"settings">[]);
      return this.byId(repo, list, batch);
    });
  }

  /** The profile is taken from the backup only by a store that has none yet. */
  async profile(profile: Backup["profile"]): Promise<void> {
    await inWriteTransaction(this.ctx, async (tx) => {
      const owner = await getOwner(tx.db, tx.ownerId);
      if (!owner || owner.name !== null || profile.name === null) return;
      const follow = (target: Target, id: string | null) => (id && this.became[target].get(id)) ?? null;
      await updateOwnerProfile(
        tx.db,
        tx.ownerId,
        {
          name: profile.name,
          organization_id: follow("organizations", profile.organizationId),
          department_id: follow("departments", profile.departmentId),
        },
        owner.updated_at,
      );
    });
  }

  /** Once everyone is in: who introduced whom. */
  async peopleDone(): Promise<void> {
    for (let i = 0; i < this.metThrough.length; i += BATCH_SIZE) {
      const batch = this.metThrough.slice(i, i + BATCH_SIZE);
      await inWriteTransaction(this.ctx, async (tx) => {
        const repo = backupRepository(tx.db, tx.ownerId);
        for (const [id, through] of batch) {
          const throughId = this.became.people.get(through);
          if (throughId) await repo.setMetThrough(id, throughId);
        }
      });
      await betweenBatches(this.pacer);
    }
    this.metThrough.length = 0;
  }

  /** Once every record is in: the scores of everyone whose history changed. */
  async finish(): Promise<RestoreResult> {
    await this.ctx.store.dialect.refreshStatistics(this.ctx.db);
    const people = [...this.touched.people];
    const departments = [...this.touched.departments];
    for (let i = 0; i < people.length; i += BATCH_SIZE) {
      const batch = people.slice(i, i + BATCH_SIZE);
      await inWriteTransaction(this.ctx, async (tx) => {
        for (const id of batch) await recomputePersonStats(tx.db, tx.ownerId, id);
      });
      await betweenBatches(this.pacer);
    }
    if (departments.length > 0)
      await inWriteTransaction(this.ctx, async (tx) => {
        for (const id of departments) await recomputeDepartmentStats(tx.db, tx.ownerId, id);
      });
    return this.result;
  }

  /**
   * A record as its row, its references followed to the records they became (`mapped`, by field).
   * A reference the restore cannot do without, not found, stops it.
   */
  private toRow(list: List, record: Json): { row: Row; mapped: Json } {
    const row: Row = {};
    const mapped: Json = {};
    const follow = (field: Field, value: unknown) =>
      value === null || value === field.keep
        ? value
        : (this.became[field.ref as Target].get(value as string) ?? null);
    let checked = list.oneOf !== undefined;
    for (const field of columnsOf(list)) {
      const value = record[field.key];
      checked ||= field.required !== undefined;
      const to = !field.ref
        ? value
        : Array.isArray(value)
          ? [...new Set(value.map((v) => follow(field, v)))]
          : follow(field, value);
      mapped[field.key] = to;
      if (field.column === null) continue;
      if (field.stored === "flag") row[field.column] = value ? 1 : 0;
      else if (field.stored === "json") row[field.column] = JSON.stringify(value);
      else row[field.column] = to;
    }
    const found: Found = (target, id) => typeof id === "string" && this.became[target].has(id);
    if (checked)
      for (const reference of requiredReferences(list, record))
        if (!reference.test(found))
          throw new GoodwillError("invalid", `The backup's ${list.noun} ${record.id}: ${reference.problem}`);
    return { row, mapped };
  }

  // Organizations and departments: same id, or same name (in the same organization), is the same one.
  private async byName(
    repo: BackupRepository,
    collection: "organizations" | "departments",
    list: List,
    records: Json[],
  ) {
    const table = collection;
    const present = await repo.existingIds(
      table,
      records.map((r) => r.id as string),
    );
    for (const record of records) {
      const id = record.id as string;
      const { row } = this.toRow(list, record);
      this.names.set(id, record.name as string);
      if (!present.has(id)) {
        row.name_key = foldText(record.name as string);
        const same = await repo.idByName(
          table,
          row.name_key as string,
          (row.organization_id as string) ?? null,
        );
        if (same) {
          this.became[collection].set(id, same);
          continue;
        }
        await repo.insert(table, [row]);
      }
      this.became[collection].set(id, id);
    }
  }

  // People: same id, or a match by UID, email or phone, is the same person.
  private async people(repo: BackupRepository, list: List, records: RecordOf<"people">[]): Promise<void> {
    // Loaded once: the people this restore adds are matched by id, as before.
    this.identity ??= await repo.identityIndex();
    const index = this.identity;
    const fresh: Parameters<BackupRepository["insertPeople"]>[0] = [];
    const docs: SearchDoc[] = [];
    for (const p of records) {
      const match =
        (index.ids.has(p.id) ? p.id : undefined) ??
        (p.uid ? index.uids.get(p.uid) : undefined) ??
        p.emails.map((e) => index.emails.get(emailKey(e.value))).find(Boolean) ??
        p.phones.map((ph) => index.phones.get(phoneKey(ph.value))).find(Boolean);
      if (match) {
        this.became.people.set(p.id, match);
        this.result.unchanged++;
        continue;
      }
      this.became.people.set(p.id, p.id);
      if (p.metThroughId) this.metThrough.push([p.id, p.metThroughId]);
      this.result.created++;
      // Checked by the backup's schema, field by field, as the store's row.
      const row = { ...this.toRow(list, p).row, name_key: foldText(p.name), met_through_id: null } as Omit<
        NewPersonRow,
        "owner_id"
      >;
      const details = {
        emails: p.emails,
        phones: p.phones,
        urls: p.urls,
        dates: p.dates,
        related: p.related,
      };
      fresh.push({ row, details });
      const place = (id: string | null) => (id && this.names.get(id)) ?? null;
      docs.push({
        kind: "person",
        refId: p.id,
        personId: p.id,
        body: personSearchBody(row as PersonRow, details, {
          organization: place(p.organizationId),
          department: place(p.departmentId),
        }),
      });
    }
    await repo.insertPeople(fresh);
    await repo.index(docs);
  }

  // Every other list: a record whose id is here already is left alone and counted unchanged.
  private async byId(repo: BackupRepository, list: List, records: Json[]): Promise<void> {
    const table = list.table as RecordTable;
    const present = await repo.existingIds(
      table,
      records.map((r) => r.id as string),
    );
    this.result.unchanged += present.size;
    const fresh = records.filter((r) => !present.has(r.id as string));
    const number = list.numbered ? await numbering(repo, table as NumberedTable, fresh) : null;
    const rows: Row[] = [];
    const participants: { interaction_id: string; person_id: string }[] = [];
    const docs: SearchDoc[] = [];
    const columns = columnsOf(list);
    // The people and departments whose scores it counts in; a field with no column names records
    // of a table of pairs (a moment's people).
    const scoredBy = list.scored ? columns.filter((c) => c.ref === "people" || c.ref === "departments") : [];
    const pairedBy = columns.filter((c) => c.ref && c.column === null);
    for (const record of fresh) {
      const { row, mapped } = this.toRow(list, record);
      if (number) row.number = number(record.number as number);
      rows.push(row);
      const ids = (key: string) => ([] as unknown[]).concat(mapped[key] ?? []) as string[];
      for (const c of scoredBy)
        for (const id of ids(c.key)) this.touched[c.ref as "people" | "departments"].add(id);
      for (const c of pairedBy)
        for (const id of ids(c.key))
          participants.push({ interaction_id: record.id as string, person_id: id });
      if (list.search) {
        const person = list.search.person ? ([] as unknown[]).concat(mapped[list.search.person])[0] : null;
        docs.push({
          kind: list.search.kind,
          refId: record.id as string,
          personId: (person as string | undefined) ?? null,
          body: list.search.body
            .map((key) => record[key])
            .filter(Boolean)
            .join(" "),
        });
      }
      this.result.created++;
    }
    await repo.insert(table, rows);
    await repo.insertParticipants(participants);
    await repo.index(docs);
  }

  // Only settings Goodwill backs up: a backup must not plant a calendar key or anything else.
  // A distinct pair follows its people to the records they were restored as.
  private async settings(
    tx: AppContext,
    repo: BackupRepository,
    records: RecordOf<"settings">[],
  ): Promise<void> {
    for (const s of records) {
      // The work week and time zone, when this store has none yet (like the profile).
      if (isProfileSetting(s.key)) {
        const input = s.key === WORK_WEEK_SETTING ? { workWeek: s.value } : { timeZone: s.value };
        // A value that does not read is left out (it fails before writing anything).
        if (!(await repo.hasSetting(s.key))) await saveCalendarSettings(tx, input).catch(() => undefined);
        continue;
      }
      const pair = distinctPairOf(s.key);
      const a = pair && this.became.people.get(pair[0]);
      const b = pair && this.became.people.get(pair[1]);
      if (a && b && a !== b) await repo.addSetting(distinctPairKey(a, b), s.value);
    }
  }
}

/**
 * The numbers a batch's records take: their own, unless a record here (or one before in the batch)
 * has it, when the next after the highest in use.
 */
async function numbering(repo: BackupRepository, table: NumberedTable, records: Json[]) {
  const { taken, max } = await repo.numbers(
    table,
    records.map((r) => r.number as number),
  );
  let highest = max;
  return (wanted: number): number => {
    const number = taken.has(wanted) ? highest + 1 : wanted;
    taken.add(number);
    highest = Math.max(highest, number);
    return number;
  };
}

/** Gives other requests a turn between two batches. */
async function betweenBatches(pacer: Pacer): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, BETWEEN_BATCHES_MS));
  await pacer.pause();
}

/** Restores a backup held in memory (tests, and anything that has the document already). */
export async function restoreBackup(ctx: AppContext, backup: Backup): Promise<RestoreResult> {
  return restoring(ctx, async (restorer, pacer) => {
    for (const collection of COLLECTIONS) {
      if (collection === "people") await restorer.profile(backup.profile);
      const records = backup[collection] as RecordOf<typeof collection>[];
      for (let i = 0; i < records.length; i += BATCH_SIZE) {
        await restorer.write(collection, records.slice(i, i + BATCH_SIZE));
        await betweenBatches(pacer);
      }
      if (collection === "people") await restorer.peopleDone();
    }
  });
}

/**
 * Runs a restore's writes as one undo entry (joining the caller's, when there is one); when a batch
 * fails, the batches before it are undone, so nothing of the backup stays.
 */
async function restoring(
  ctx: AppContext,
  writeAll: (restorer: Restorer, pacer: Pacer) => Promise<void>,
): Promise<RestoreResult> {
  const { result } = await journaled<RestoreResult>(
    ctx,
    {
      action: "restore",
      kind: "import",
      pending: "Restoring a backup",
      describe: (r) => `Restored a backup (${r.created} created)`,
    },
    async (jctx) => {
      const pacer = new Pacer();
      const restorer = new Restorer(jctx, pacer);
      try {
        await writeAll(restorer, pacer);
        return await restorer.finish();
      } catch (error) {
        throw await takenBack(jctx, error);
      }
    },
  );
  return result;
}

/** Undoes what a failed restore wrote; the error then says so, or says how to do it. */
async function takenBack(ctx: AppContext, error: unknown): Promise<unknown> {
  const session = ctx.journal;
  if (!session?.recorded) return error;
  const said = error instanceof Error ? error.message : String(error);
  try {
    await undo(ctx, session.entryId);
  } catch {
    const message = `${said}\nPart of the backup was written before this; "goodwill import undo ${session.entryId.slice(-8)}" takes it back.`;
    return error instanceof GoodwillError ? new GoodwillError(error.code, message, error.details) : error;
  }
  const message = `${said}\nWhat had been restored before this was taken back: nothing of the backup was kept.`;
  return error instanceof GoodwillError ? new GoodwillError(error.code, message, error.details) : error;
}

/** A problem found in the first pass, said as `parseBackup` says one. */
function recordProblem(collection: string, index: number, issue: z.core.$ZodIssue): string {
  const words = issueMessage(issue);
  return `${collection}, record ${index + 1}: ${words.replace(/^The request /, "The backup ")}`;
}

/** A reference from one record to other lists, checked once they have been read in full. */
interface Reference {
  collection: Collection;
  index: number;
  check: () => string | null;
}

/**
 * The first pass: every record checked and mended, nothing written. Returns the warnings of the
 * mending; throws with the first problems found (at most five), each with where it is.
 */
async function checkFile(file: ImportFile): Promise<ImportWarning[]> {
  const warnings: ImportWarning[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  const ended = new Set<string>();
  /** every id of each list, with the record it was first seen in */
  const recordIds: Partial<Record<Collection, Map<string, number>>> = {};
  const deferred: Reference[] = [];
  const found: Found = (target, id) => typeof id === "string" && (recordIds[target]?.has(id) ?? false);
  // The references that would stop the restore half-way, checked once the lists they name are read.
  const checkReferences = (collection: Collection, index: number, record: Json) => {
    for (const { targets, test, problem } of requiredReferences(descriptionOf(collection), record)) {
      const check = () => (test(found) ? null : problem);
      if (targets.every((t) => ended.has(t))) {
        const now = check();
        if (now) problems.push(`${collection}, record ${index + 1}: ${now}`);
      } else deferred.push({ collection, index, check });
    }
  };

  try {
    for await (const part of readJsonCollections(file.stream())) {
      if (problems.length >= 5) break;
      seen.add(part.key);
      if (part.kind === "end") {
        ended.add(part.key);
        continue;
      }
      if (part.kind === "value") {
        if (isCollection(part.key)) {
          problems.push(`${part.key} must be a list of records.`);
          continue;
        }
        if (part.key === "format" && part.value !== BACKUP_FORMAT)
          problems.push(`format must be "${BACKUP_FORMAT}": this is not a Goodwill backup.`);
        else if (part.key === "version" && part.value !== BACKUP_VERSION)
          problems.push(
            `version ${JSON.stringify(part.value)} is not one this Goodwill reads (it reads version ${BACKUP_VERSION}).`,
          );
        else if (part.key === "profile") {
          const fields = new Set<string>();
          const value = nulFree(part.value, "", fields);
          for (const field of fields) warnings.push(nulWarning(0, part.line, `profile: ${field}`));
          const parsed = profileSchema.safeParse(value);
          if (!parsed.success)
            problems.push(
              ...parsed.error.issues
                .slice(0, 2)
                .map((i) => `profile: ${issueMessage(i).replace(/^The request /, "")}`),
            );
        }
        continue;
      }
      if (!isCollection(part.key)) continue; // not Goodwill's: left out, as before
      const { key: collection, index, line } = part;
      const fields = new Set<string>();
      const value = nulFree(part.value, "", fields);
      for (const field of fields) warnings.push(nulWarning(index + 1, line, `${collection}: ${field}`));
      if (collection === "people")
        for (const found of repairPerson(value)) warnings.push({ record: index + 1, line, ...found });
      const parsed = RECORD_SCHEMAS[collection].safeParse(value);
      if (!parsed.success) {
        for (const issue of parsed.error.issues.slice(0, 5 - problems.length))
          problems.push(recordProblem(collection, index, issue));
        continue;
      }
      if (collection !== "settings") {
        // The same id twice would be written once and refused (or skipped) the second time.
        const id = (parsed.data as { id: string }).id;
        const known = recordIds[collection] ?? new Map<string, number>();
        recordIds[collection] = known;
        const first = known.get(id);
        if (first !== undefined) {
          problems.push(`${collection}, record ${index + 1}: its id ${id} is also record ${first + 1}'s.`);
          continue;
        }
        known.set(id, index);
      }
      checkReferences(collection, index, parsed.data);
    }
  } catch (error) {
    if (error instanceof JsonSyntaxError)
      throw new GoodwillError(
        "invalid",
        `${file.path} is not valid JSON: ${error.message}. Nothing was imported.`,
      );
    throw error;
  }
  for (const key of ["format", "version", "profile", ...COLLECTIONS])
    if (!seen.has(key) && !OPTIONAL_LISTS.has(key) && problems.length < 5)
      problems.push(
        `${key} is missing: a Goodwill backup has it${isCollection(key) ? ", even as an empty list" : ""}.`,
      );
  for (const ref of deferred) {
    if (problems.length >= 5) break;
    const problem = ref.check();
    if (problem) problems.push(`${ref.collection}, record ${ref.index + 1}: ${problem}`);
  }
  if (problems.length > 0)
    throw new GoodwillError(
      "invalid",
      `This Goodwill backup cannot be restored:\n  ${problems.slice(0, 5).join("\n  ")}\nNothing was imported.`,
    );
  return warnings;
}

function nulWarning(record: number, line: number, field: string): ImportWarning {
  return {
    record,
    line,
    field,
    message: `${field} had NUL characters (U+0000), which Goodwill does not keep: removed`,
  };
}

/**
 * Restores a backup file as a stream: checked in full first (nothing written when anything is
 * wrong), then written batch by batch. A list that comes before one it needs (a hand-edited file)
 * is held until that one has been read.
 */
export async function restoreFile(ctx: AppContext, file: ImportFile): Promise<RestoreResult> {
  const warnings = await checkFile(file);
  const result = await restoring(ctx, async (restorer, pacer) => {
    /** lists written in full */
    const written = new Set<Collection>();
    /** lists read in full before a list they need: written once it is */
    const held = new Map<Collection, unknown[]>();
    const batch: { collection: Collection | null; records: RecordOf<Collection>[] } = {
      collection: null,
      records: [],
    };
    let profile: Backup["profile"] | null = null;
    const ready = (c: Collection | "profile") => needs(c).every((n) => written.has(n));

    const flush = async () => {
      if (batch.collection === null || batch.records.length === 0) return;
      const records = batch.records;
      batch.records = [];
      await restorer.write(batch.collection, records);
      await betweenBatches(pacer);
    };
    const add = async (collection: Collection, value: unknown) => {
      if (batch.collection !== collection) await flush();
      batch.collection = collection;
      batch.records.push(RECORD_SCHEMAS[collection].parse(value));
      if (batch.records.length >= BATCH_SIZE) await flush();
    };
    /** A list is in: what waited for it follows. */
    const done = async (collection: Collection): Promise<void> => {
      await flush();
      written.add(collection);
      if (collection === "people") await restorer.peopleDone();
      if (profile && ready("profile")) {
        await restorer.profile(profile);
        profile = null;
      }
      for (const waiting of COLLECTIONS) {
        const values = held.get(waiting);
        if (!values || !ready(waiting)) continue;
        held.delete(waiting);
        for (const value of values) await add(waiting, value);
        await done(waiting);
      }
    };

    for await (const part of readJsonCollections(file.stream())) {
      if (part.kind === "value") {
        if (part.key === "profile") {
          profile = profileSchema.parse(nulFree(part.value, "", new Set()));
          if (ready("profile")) {
            await restorer.profile(profile);
            profile = null;
          }
        }
        continue;
      }
      if (!isCollection(part.key)) continue;
      const collection = part.key;
      // The lists of a document follow one another: one is either written as it is read, or held.
      const holding = held.get(collection) ?? (ready(collection) ? null : []);
      if (holding) held.set(collection, holding);
      if (part.kind === "end") {
        if (!holding) await done(collection);
        continue;
      }
      const value = nulFree(part.value, "", new Set());
      if (collection === "people") repairPerson(value);
      if (holding) holding.push(value);
      else await add(collection, value);
    }
    // Lists a backup from before the give-first engine lacks are empty.
    for (const collection of COLLECTIONS)
      if (!written.has(collection) && !held.has(collection)) await done(collection);
  });
  return { ...result, warnings };
}
