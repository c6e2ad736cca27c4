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
import { GoodwillError } from "../errors.js";
import { JsonSyntaxError, readJsonCollections } from "../formats/read/json-collections.js";
import { Pacer } from "../formats/read/pacing.js";
import {
  type IdentityIndex,
  insertPeopleBatch,
  loadIdentityIndex,
} from "../storage/contact-import.repository.js";
import { emailKey, foldText, phoneKey } from "../storage/keys.js";
import { getOwner, updateOwnerProfile } from "../storage/owner.repository.js";
import { indexDocuments } from "../storage/search.repository.js";
import { recomputeDepartmentStats, recomputePersonStats } from "../storage/stats.repository.js";
import { BACKUP_FORMAT, BACKUP_VERSION, type Backup, backupSchema, type RestoreResult } from "./backup.js";
import { nulFree, repairPerson } from "./backup-repair.js";
import { isProfileSetting, saveCalendarSettings, WORK_WEEK_SETTING } from "./calendar-settings.js";
import { type AppContext, inWriteTransaction } from "./context.js";
import { distinctPairKey, distinctPairOf } from "./duplicates.js";
import type { ImportWarning } from "./import-contacts.js";
import { issueMessage } from "./issue-message.js";
import { personSearchBody } from "./people.js";
import type { ImportFile } from "./read-file.js";
import { journaled, undo } from "./undo.js";

/** The lists of a backup, in the order they are written: each needs those before it. */
export const COLLECTIONS = [
  "organizations",
  "departments",
  "people",
  "interactions",
  "exchanges",
  "asks",
  "commitments",
  "notes",
  "needs",
  "offers",
  "ownOffers",
  "introductions",
  "settings",
] as const;
export type Collection = (typeof COLLECTIONS)[number];
type RecordOf<C extends Collection> = Backup[C][number];
/** Lists a backup from before the give-first engine (or own offers) lacks; absent is the same as empty. */
const OPTIONAL: ReadonlySet<string> = new Set(["needs", "offers", "ownOffers", "introductions"]);
const isCollection = (key: string): key is Collection => (COLLECTIONS as readonly string[]).includes(key);

/** What must have been read in full before a list's records can be written. */
function needs(collection: Collection | "profile"): readonly Collection[] {
  // My own offers are of no person: they wait for nothing.
  if (collection === "organizations" || collection === "ownOffers") return [];
  if (collection === "departments") return ["organizations"];
  if (collection === "people" || collection === "profile") return ["organizations", "departments"];
  return ["organizations", "departments", "people"];
}

const shape = backupSchema.shape;
const RECORD_SCHEMAS: { [C in Collection]: z.ZodType<RecordOf<C>> } = {
  organizations: shape.organizations.element,
  departments: shape.departments.element,
  people: shape.people.element,
  interactions: shape.interactions.element,
  exchanges: shape.exchanges.element,
  asks: shape.asks.element,
  commitments: shape.commitments.element,
  notes: shape.notes.element,
  needs: shape.needs.unwrap().element,
  offers: shape.offers.unwrap().element,
  ownOffers: shape.ownOffers.unwrap().element,
  introductions: shape.introductions.unwrap().element,
  settings: shape.settings.element,
};

/** Records written per transaction. */
const BATCH_SIZE = 500;
/** A pause after each batch: the moment another writer waiting for the lock takes it. */
const BETWEEN_BATCHES_MS = 2;

type Table =
  | "organizations"
  | "departments"
  | "interactions"
  | "exchanges"
  | "asks"
  | "commitments"
  | "notes"
  | "needs"
  | "offers"
  | "own_offers"
  | "introductions";

const missing = (what: string, ref: string) =>
  new GoodwillError("invalid", `The backup's ${what} refers to ${ref}, which is not in the backup.`);

/**
 * Writes a backup's records into a store, batch by batch, mapping the backup's ids to the records
 * they became (the same id, or an organization of the same name, or a person matched by UID, email
 * or phone). Batches of a list come after every batch of the lists it needs.
 */
export class Restorer {
  readonly result: RestoreResult = {
    format: "json",
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    errors: [],
    warnings: [],
  };
  private readonly orgMap = new Map<string, string>();
  private readonly deptMap = new Map<string, string>();
  private readonly personMap = new Map<string, string>();
  /** the backup's names of organizations and departments, by the backup's ids, for search rows */
  private readonly orgNames = new Map<string, string>();
  private readonly deptNames = new Map<string, string>();
  /** people restored whose "met through" names someone: set once everyone is in */
  private readonly metThrough: [string, string][] = [];
  private readonly touchedPeople = new Set<string>();
  private readonly touchedDepartments = new Set<string>();
  private identity: IdentityIndex | null = null;

  constructor(
    private readonly ctx: AppContext,
    /** gives other requests a turn between batches */
    private readonly pacer = new Pacer(),
  ) {}

  private org = (id: string | null) => (id === null ? null : (this.orgMap.get(id) ?? null));
  private dept = (id: string | null) => (id === null ? null : (this.deptMap.get(id) ?? null));
  private person = (id: string | null) => (id === null ? null : (this.personMap.get(id) ?? null));

  /** Writes one batch of one list in one transaction. */
  async write<C extends Collection>(collection: C, records: RecordOf<C>[]): Promise<void> {
    if (records.length === 0) return;
    await inWriteTransaction(this.ctx, async (tx) => {
      const docs: Parameters<typeof indexDocuments>[2] = [];
      switch (collection) {
        case "organizations":
          return this.organizations(tx, records as RecordOf<"organizations">[]);
        case "departments":
          return this.departments(tx, records as RecordOf<"departments">[]);
        case "people":
          await this.people(tx, records as RecordOf<"people">[], docs);
          break;
        case "interactions":
          await this.interactions(tx, records as RecordOf<"interactions">[], docs);
          break;
        case "exchanges":
          await this.exchanges(tx, records as RecordOf<"exchanges">[], docs);
          break;
        case "asks":
        case "commitments":
          await this.numbered(tx, collection as "asks" | "commitments", records as RecordOf<"asks">[], docs);
          break;
        case "notes":
          await this.notes(tx, records as RecordOf<"notes">[], docs);
          break;
        case "needs":
        case "offers":
          await this.needsOrOffers(
            tx,
            collection as "needs" | "offers",
            records as RecordOf<"needs">[],
            docs,
          );
          break;
        case "ownOffers":
          await this.ownOffers(tx, records as RecordOf<"ownOffers">[], docs);
          break;
        case "introductions":
          return this.introductions(tx, records as RecordOf<"introductions">[]);
        case "settings":
          return this.settings(tx, records as RecordOf<"settings">[]);
      }
      await indexDocuments(tx.db, tx.ownerId, docs);
    });
  }

  /** The profile is taken from the backup only by a store that has none yet. */
  async profile(profile: Backup["profile"]): Promise<void> {
    await inWriteTransaction(this.ctx, async (tx) => {
      const owner = await getOwner(tx.db, tx.ownerId);
      if (!owner || owner.name !== null || profile.name === null) return;
      await updateOwnerProfile(
        tx.db,
        tx.ownerId,
        {
          name: profile.name,
          organization_id: this.org(profile.organizationId),
          department_id: this.dept(profile.departmentId),
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
        for (const [id, through] of batch) {
          const throughId = this.person(through);
          if (throughId)
            await tx.db
              .updateTable("people")
              .set({ met_through_id: throughId })
              .where("owner_id", "=", tx.ownerId)
              .where("id", "=", id)
              .execute();
        }
      });
      await betweenBatches(this.pacer);
    }
    this.metThrough.length = 0;
  }

  /** Once every record is in: the scores of everyone whose history changed. */
  async finish(): Promise<RestoreResult> {
    await this.ctx.store.dialect.refreshStatistics(this.ctx.db);
    const people = [...this.touchedPeople];
    const departments = [...this.touchedDepartments];
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

  /** The records whose id is not in the store yet; those that are count as unchanged. */
  private async notYetHere<R extends { id: string }>(
    tx: AppContext,
    table: Table,
    records: R[],
  ): Promise<R[]> {
    const present = await this.existingIds(
      tx,
      table,
      records.map((r) => r.id),
    );
    this.result.unchanged += present.size;
    return records.filter((r) => !present.has(r.id));
  }

  private async existingIds(tx: AppContext, table: Table, ids: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await tx.db
        .selectFrom(table)
        .select("id")
        .where("owner_id", "=", tx.ownerId)
        .where("id", "in", ids.slice(i, i + 500))
        .execute();
      for (const r of rows) found.add(r.id);
    }
    return found;
  }

  private async nextNumber(
    tx: AppContext,
    table: "asks" | "commitments" | "needs" | "offers" | "own_offers" | "introductions",
    wanted: number,
  ): Promise<number> {
    // Offers, mine and other people's, draw their numbers from one sequence.
    const tables =
      table === "offers" || table === "own_offers" ? (["offers", "own_offers"] as const) : [table];
    let max = 0;
    let taken = false;
    for (const t of tables) {
      const found = await tx.db
        .selectFrom(t as "asks")
        .select("id")
        .where("owner_id", "=", tx.ownerId)
        .where("number", "=", wanted)
        .executeTakeFirst();
      if (found) taken = true;
      const row = await tx.db
        .selectFrom(t as "asks")
        .select((eb) => eb.fn.max("number").as("max"))
        .where("owner_id", "=", tx.ownerId)
        .executeTakeFirst();
      max = Math.max(max, Number(row?.max ?? 0));
    }
    return taken ? max + 1 : wanted;
  }

  // Organizations and departments: same id, or same name, is the same one.
  private async organizations(tx: AppContext, records: RecordOf<"organizations">[]): Promise<void> {
    const present = await this.existingIds(
      tx,
      "organizations",
      records.map((o) => o.id),
    );
    for (const o of records) {
      this.orgNames.set(o.id, o.name);
      if (present.has(o.id)) {
        this.orgMap.set(o.id, o.id);
        continue;
      }
      const byName = await tx.db
        .selectFrom("organizations")
        .select("id")
        .where("owner_id", "=", tx.ownerId)
        .where("name_key", "=", foldText(o.name))
        .executeTakeFirst();
      if (byName) this.orgMap.set(o.id, byName.id);
      else {
        await tx.db
          .insertInto("organizations")
          .values({
            owner_id: tx.ownerId,
            id: o.id,
            name: o.name,
            name_key: foldText(o.name),
            created_at: o.createdAt,
          })
          .execute();
        this.orgMap.set(o.id, o.id);
      }
    }
  }

  private async departments(tx: AppContext, records: RecordOf<"departments">[]): Promise<void> {
    const present = await this.existingIds(
      tx,
      "departments",
      records.map((d) => d.id),
    );
    for (const d of records) {
      this.deptNames.set(d.id, d.name);
      const organizationId = this.orgMap.get(d.organizationId);
      if (!organizationId)
        throw new GoodwillError(
          "invalid",
          `Department ${d.id} names an organization (${d.organizationId}) that is not in the backup.`,
        );
      if (present.has(d.id)) {
        this.deptMap.set(d.id, d.id);
        continue;
      }
      const byName = await tx.db
        .selectFrom("departments")
        .select("id")
        .where("owner_id", "=", tx.ownerId)
        .where("organization_id", "=", organizationId)
        .where("name_key", "=", foldText(d.name))
        .executeTakeFirst();
      if (byName) this.deptMap.set(d.id, byName.id);
      else {
        await tx.db
          .insertInto("departments")
          .values({
            owner_id: tx.ownerId,
            id: d.id,
            organization_id: organizationId,
            name: d.name,
            name_key: foldText(d.name),
            created_at: d.createdAt,
          })
          .execute();
        this.deptMap.set(d.id, d.id);
      }
    }
  }

  // People: same id, or a match by UID, email or phone, is the same person.
  private async people(
    tx: AppContext,
    records: RecordOf<"people">[],
    docs: Parameters<typeof indexDocuments>[2],
  ): Promise<void> {
    // Loaded once: the people this restore adds are matched by id, as before.
    this.identity ??= await loadIdentityIndex(tx.db, tx.ownerId);
    const index = this.identity;
    const fresh: RecordOf<"people">[] = [];
    for (const p of records) {
      const match =
        (index.ids.has(p.id) ? p.id : undefined) ??
        (p.uid ? index.uids.get(p.uid) : undefined) ??
        p.emails.map((e) => index.emails.get(emailKey(e.value))).find(Boolean) ??
        p.phones.map((ph) => index.phones.get(phoneKey(ph.value))).find(Boolean);
      if (match) {
        this.personMap.set(p.id, match);
        this.result.unchanged++;
      } else {
        this.personMap.set(p.id, p.id);
        fresh.push(p);
        if (p.metThroughId) this.metThrough.push([p.id, p.metThroughId]);
        this.result.created++;
      }
    }
    await insertPeopleBatch(
      tx.db,
      fresh.map((p) => ({
        row: {
          owner_id: tx.ownerId,
          id: p.id,
          display_name: p.name,
          given_name: p.givenName,
          family_name: p.familyName,
          nickname: p.nickname,
          name_key: foldText(p.name),
          organization_id: this.org(p.organizationId),
          department_id: this.dept(p.departmentId),
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
    for (const p of fresh)
      docs.push({
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
            organization: (p.organizationId && this.orgNames.get(p.organizationId)) ?? null,
            department: (p.departmentId && this.deptNames.get(p.departmentId)) ?? null,
          },
        ),
      });
  }

  private async interactions(
    tx: AppContext,
    records: RecordOf<"interactions">[],
    docs: Parameters<typeof indexDocuments>[2],
  ): Promise<void> {
    for (const i of await this.notYetHere(tx, "interactions", records)) {
      const ids = [...new Set(i.participants.map((p) => this.person(p) ?? ""))];
      if (ids.includes("")) throw missing(`moment ${i.id}`, "a person");
      await tx.db
        .insertInto("interactions")
        .values({
          owner_id: tx.ownerId,
          id: i.id,
          occurred_at: i.occurredAt,
          channel: i.channel,
          initiated_by: i.initiatedBy,
          summary: i.summary,
          notes: i.notes,
          created_at: i.createdAt,
        })
        .execute();
      await tx.db
        .insertInto("interaction_participants")
        .values(ids.map((pid) => ({ owner_id: tx.ownerId, interaction_id: i.id, person_id: pid })))
        .execute();
      for (const pid of ids) this.touchedPeople.add(pid);
      docs.push({
        kind: "interaction",
        refId: i.id,
        personId: ids[0] ?? null,
        body: [i.summary, i.notes].filter(Boolean).join(" "),
      });
      this.result.created++;
    }
  }

  private async numbered(
    tx: AppContext,
    table: "asks" | "commitments",
    records: (RecordOf<"asks"> | RecordOf<"commitments">)[],
    docs: Parameters<typeof indexDocuments>[2],
  ): Promise<void> {
    for (const r of await this.notYetHere(tx, table, records)) {
      const number = await this.nextNumber(tx, table, r.number);
      const common = {
        owner_id: tx.ownerId,
        id: r.id,
        number,
        person_id: this.person(r.personId),
        department_id: this.dept(r.departmentId),
        summary: r.summary,
        status: r.status,
        resolved_at: r.resolvedAt,
        exchange_id: r.exchangeId,
        created_at: r.createdAt,
      };
      if ("askedAt" in r)
        await tx.db
          .insertInto("asks")
          .values({ ...common, status: r.status, asked_at: r.askedAt })
          .execute();
      else
        await tx.db
          .insertInto("commitments")
          .values({ ...common, status: r.status, direction: r.direction, due_on: r.dueOn })
          .execute();
      docs.push({
        kind: table === "asks" ? "ask" : "commitment",
        refId: r.id,
        personId: this.person(r.personId),
        body: r.summary,
      });
      this.result.created++;
    }
  }

  private async exchanges(
    tx: AppContext,
    records: RecordOf<"exchanges">[],
    docs: Parameters<typeof indexDocuments>[2],
  ): Promise<void> {
    const rows = [];
    for (const e of await this.notYetHere(tx, "exchanges", records)) {
      const personId = this.person(e.personId);
      const departmentId = this.dept(e.departmentId);
      if ((personId === null) === (departmentId === null))
        throw missing(`ledger entry ${e.id}`, "no person or department it can be with");
      if (personId) this.touchedPeople.add(personId);
      if (departmentId) this.touchedDepartments.add(departmentId);
      rows.push({
        owner_id: tx.ownerId,
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
      this.result.created++;
    }
    if (rows.length > 0) await tx.db.insertInto("exchanges").values(rows).execute();
  }

  private async notes(
    tx: AppContext,
    records: RecordOf<"notes">[],
    docs: Parameters<typeof indexDocuments>[2],
  ): Promise<void> {
    for (const n of await this.notYetHere(tx, "notes", records)) {
      const personId = this.person(n.personId);
      if (!personId) throw missing(`note ${n.id}`, "a person");
      await tx.db
        .insertInto("notes")
        .values({
          owner_id: tx.ownerId,
          id: n.id,
          person_id: personId,
          body: n.body,
          created_at: n.createdAt,
        })
        .execute();
      docs.push({ kind: "note", refId: n.id, personId, body: n.body });
      this.result.created++;
    }
  }

  private async needsOrOffers(
    tx: AppContext,
    table: "needs" | "offers",
    records: (RecordOf<"needs"> | RecordOf<"offers">)[],
    docs: Parameters<typeof indexDocuments>[2],
  ): Promise<void> {
    for (const n of await this.notYetHere(tx, table, records)) {
      const personId = this.person(n.personId);
      if (!personId) throw missing(`${table === "needs" ? "need" : "offer"} ${n.id}`, "a person");
      const metById = "metById" in n ? n.metById : null;
      await tx.db
        .insertInto(table)
        .values({
          owner_id: tx.ownerId,
          id: n.id,
          number: await this.nextNumber(tx, table, n.number),
          person_id: personId,
          text: n.text,
          status: n.status,
          created_at: n.createdAt,
          resolved_at: n.resolvedAt,
          // "me" is not a person: it stays as it is; a person follows the restore's mapping.
          met_by_id: metById === null || metById === "me" ? metById : this.person(metById),
          exchange_id: "exchangeId" in n ? n.exchangeId : null,
        })
        .execute();
      docs.push({ kind: table === "needs" ? "need" : "offer", refId: n.id, personId, body: n.text });
      this.result.created++;
    }
  }

  private async ownOffers(
    tx: AppContext,
    records: RecordOf<"ownOffers">[],
    docs: Parameters<typeof indexDocuments>[2],
  ): Promise<void> {
    for (const o of await this.notYetHere(tx, "own_offers", records)) {
      await tx.db
        .insertInto("own_offers")
        .values({
          owner_id: tx.ownerId,
          id: o.id,
          number: await this.nextNumber(tx, "own_offers", o.number),
          text: o.text,
          status: o.status,
          created_at: o.createdAt,
          resolved_at: o.resolvedAt,
        })
        .execute();
      docs.push({ kind: "own-offer", refId: o.id, personId: null, body: o.text });
      this.result.created++;
    }
  }

  private async introductions(tx: AppContext, records: RecordOf<"introductions">[]): Promise<void> {
    for (const i of await this.notYetHere(tx, "introductions", records)) {
      const a = this.person(i.aId);
      const b = this.person(i.bId);
      if (!a || !b) throw missing(`introduction ${i.id}`, "both people");
      await tx.db
        .insertInto("introductions")
        .values({
          owner_id: tx.ownerId,
          id: i.id,
          number: await this.nextNumber(tx, "introductions", i.number),
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
      this.result.created++;
    }
  }

  // Only settings Goodwill backs up: a backup must not plant a calendar key or anything else.
  // A distinct pair follows its people to the records they were restored as.
  private async settings(tx: AppContext, records: RecordOf<"settings">[]): Promise<void> {
    for (const s of records) {
      // The work week and time zone, when this store has none yet (like the profile).
      if (isProfileSetting(s.key)) {
        const mine = await tx.db
          .selectFrom("settings")
          .select("key")
          .where("owner_id", "=", tx.ownerId)
          .where("key", "=", s.key)
          .executeTakeFirst();
        const input = s.key === WORK_WEEK_SETTING ? { workWeek: s.value } : { timeZone: s.value };
        // A value that does not read is left out (it fails before writing anything).
        if (!mine) await saveCalendarSettings(tx, input).catch(() => undefined);
        continue;
      }
      const pair = distinctPairOf(s.key);
      const a = pair && this.personMap.get(pair[0]);
      const b = pair && this.personMap.get(pair[1]);
      if (!a || !b || a === b) continue;
      await tx.db
        .insertInto("settings")
        .values({ owner_id: tx.ownerId, key: distinctPairKey(a, b), value: s.value })
        .onConflict((oc) => oc.columns(["owner_id", "key"]).doNothing())
        .execute();
    }
  }
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

/** A reference from one record to another list, checked once that list has been read in full. */
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
  type Target = "organizations" | "departments" | "people";
  const refer = (collection: Collection, index: number, target: Target, check: () => string | null) => {
    if (ended.has(target)) {
      const problem = check();
      if (problem) problems.push(`${collection}, record ${index + 1}: ${problem}`);
    } else deferred.push({ collection, index, check });
  };
  const has = (target: Target, id: string | null) => id !== null && (recordIds[target]?.has(id) ?? false);

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
          const parsed = shape.profile.safeParse(value);
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
      checkReferences(collection, index, parsed.data, refer, has);
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
    if (!seen.has(key) && !OPTIONAL.has(key) && problems.length < 5)
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

/** The references of one record that would stop the restore half-way: checked before writing. */
function checkReferences(
  collection: Collection,
  index: number,
  record: unknown,
  refer: (
    c: Collection,
    i: number,
    target: "organizations" | "departments" | "people",
    check: () => string | null,
  ) => void,
  has: (target: "organizations" | "departments" | "people", id: string | null) => boolean,
): void {
  const person = (id: string | null, what: string) =>
    refer(collection, index, "people", () =>
      has("people", id) ? null : `${what} (${id}) is not in the backup.`,
    );
  switch (collection) {
    case "departments": {
      const d = record as RecordOf<"departments">;
      refer(collection, index, "organizations", () =>
        has("organizations", d.organizationId)
          ? null
          : `its organization (${d.organizationId}) is not in the backup.`,
      );
      break;
    }
    case "interactions":
      for (const p of (record as RecordOf<"interactions">).participants) person(p, "a person of the moment");
      break;
    case "notes":
    case "needs":
    case "offers":
      person((record as RecordOf<"notes">).personId, "its person");
      break;
    case "introductions": {
      const i = record as RecordOf<"introductions">;
      person(i.aId, "the first person");
      person(i.bId, "the second person");
      break;
    }
    case "exchanges": {
      const e = record as RecordOf<"exchanges">;
      // With one person or one department of the backup, as the store keeps every entry.
      refer(collection, index, "people", () =>
        has("people", e.personId) !== has("departments", e.departmentId)
          ? null
          : "it must be with one person or one department of the backup.",
      );
      break;
    }
  }
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
          profile = shape.profile.parse(nulFree(part.value, "", new Set()));
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
