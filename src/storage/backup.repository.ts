/**
 * The rows a backup reads and a restore writes, for one owner. The owner is given once, to
 * `backupRepository(db, ownerId)`: every statement below filters by it or writes it, and the
 * backup and restore use-cases never name it, so none of theirs can reach another owner's rows.
 */
import type { Kysely } from "kysely";
import { insertPeopleBatch, loadIdentityIndex } from "./contact-import.repository.js";
import { loadDetails, type PersonDetails } from "./person.repository.js";
import type { Database, NewPersonRow } from "./schema.js";
import { indexDocuments } from "./search.repository.js";

/** The tables a backup keeps one record per row of, each row with its own `id`. */
export type RecordTable =
  | "organizations"
  | "departments"
  | "people"
  | "interactions"
  | "exchanges"
  | "asks"
  | "commitments"
  | "notes"
  | "needs"
  | "offers"
  | "own_offers"
  | "introductions";
/** The tables whose records carry a per-owner number (`#3`). */
export type NumberedTable = "asks" | "commitments" | "needs" | "offers" | "own_offers" | "introductions";
/** A row as a backup sees it: column names to values, without the owner. */
export type Row = Record<string, unknown>;

/** Ids per `in (…)` list: well under either database's bound-parameter limit. */
const IDS_PER_QUERY = 500;
/** A long list of values in slices, one `in (…)` query each. */
const slices = <T>(values: T[]) =>
  Array.from({ length: Math.ceil(values.length / IDS_PER_QUERY) }, (_, i) =>
    values.slice(i * IDS_PER_QUERY, (i + 1) * IDS_PER_QUERY),
  );

export type BackupRepository = ReturnType<typeof backupRepository>;

export function backupRepository(db: Kysely<Database>, ownerId: string) {
  // One table's rows of this owner. Typed as one table with every column asked for below (`id`,
  // `number`): Kysely cannot type a query over a union of tables, and the callers name real ones.
  const owned = (table: RecordTable) => db.selectFrom(table as "asks").where("owner_id", "=", ownerId);
  // Rows built from a backup's records are checked by its schema, not by Kysely's row types.
  const insert = (table: RecordTable | "interaction_participants", rows: Row[]) =>
    db
      .insertInto(table as "notes")
      .values(rows.map((row) => ({ ...row, owner_id: ownerId }) as never))
      .execute();

  return {
    /** Every row of a table, in the backup's order (by id). */
    rows: (table: RecordTable): Promise<Row[]> => owned(table).selectAll().orderBy("id").execute(),

    /** Who took part in each moment. */
    participants: () =>
      db
        .selectFrom("interaction_participants")
        .select(["interaction_id", "person_id"])
        .where("owner_id", "=", ownerId)
        .execute(),

    settings: () =>
      db
        .selectFrom("settings")
        .select(["key", "value"])
        .where("owner_id", "=", ownerId)
        .orderBy("key")
        .execute(),

    details: (personIds: string[]) => loadDetails(db, ownerId, personIds),

    identityIndex: () => loadIdentityIndex(db, ownerId),

    /** The ids of these that a table holds already. */
    async existingIds(table: RecordTable, ids: string[]): Promise<Set<string>> {
      const found = new Set<string>();
      for (const slice of slices(ids))
        for (const r of await owned(table).select("id").where("id", "in", slice).execute()) found.add(r.id);
      return found;
    },

    /** The organization (or, with `organizationId`, that organization's department) of this folded name. */
    async idByName(
      table: "organizations" | "departments",
      nameKey: string,
      organizationId: string | null,
    ): Promise<string | undefined> {
      let query = db
        .selectFrom(table as "departments")
        .select("id")
        .where("owner_id", "=", ownerId)
        .where("name_key", "=", nameKey);
      if (organizationId !== null) query = query.where("organization_id", "=", organizationId);
      return (await query.executeTakeFirst())?.id;
    },

    /**
     * Of the numbers wanted, those already taken, and the highest number in use. Offers, mine and
     * other people's, draw their numbers from one sequence.
     */
    async numbers(table: NumberedTable, wanted: number[]): Promise<{ taken: Set<number>; max: number }> {
      const tables: NumberedTable[] =
        table === "offers" || table === "own_offers" ? ["offers", "own_offers"] : [table];
      const taken = new Set<number>();
      let max = 0;
      for (const t of tables) {
        for (const slice of slices(wanted))
          for (const r of await owned(t).select("number").where("number", "in", slice).execute())
            taken.add(r.number);
        const row = await owned(t)
          .select((eb) => eb.fn.max("number").as("max"))
          .executeTakeFirst();
        max = Math.max(max, Number(row?.max ?? 0));
      }
      return { taken, max };
    },

    insert: (table: RecordTable, rows: Row[]) => (rows.length === 0 ? undefined : insert(table, rows)),

    insertParticipants: (rows: { interaction_id: string; person_id: string }[]) =>
      rows.length === 0 ? undefined : insert("interaction_participants", rows),

    insertPeople: (people: { row: Omit<NewPersonRow, "owner_id">; details: PersonDetails }[]) =>
      insertPeopleBatch(
        db,
        people.map((p) => ({ row: { ...p.row, owner_id: ownerId }, details: p.details })),
      ),

    setMetThrough: (personId: string, throughId: string) =>
      db
        .updateTable("people")
        .set({ met_through_id: throughId })
        .where("owner_id", "=", ownerId)
        .where("id", "=", personId)
        .execute(),

    async hasSetting(key: string): Promise<boolean> {
      const row = await db
        .selectFrom("settings")
        .select("key")
        .where("owner_id", "=", ownerId)
        .where("key", "=", key)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** A setting, unless this owner has one of that key already. */
    addSetting: (key: string, value: string) =>
      db
        .insertInto("settings")
        .values({ owner_id: ownerId, key, value })
        .onConflict((oc) => oc.columns(["owner_id", "key"]).doNothing())
        .execute(),

    index: (docs: Parameters<typeof indexDocuments>[2]) => indexDocuments(db, ownerId, docs),
  };
}
