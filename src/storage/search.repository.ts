import type { Kysely } from "kysely";
import { insertMany } from "./insert-many.js";
import { ownedBy } from "./owned.js";
import type { Database } from "./schema.js";

export type SearchKind =
  | "person"
  | "note"
  | "exchange"
  | "interaction"
  | "ask"
  | "commitment"
  | "need"
  | "offer"
  | "own-offer";

/** Puts (or replaces) the searchable text of one record; the dialect's index follows the table. */
export async function indexDocument(
  db: Kysely<Database>,
  ownerId: string,
  doc: { kind: SearchKind; refId: string; personId: string | null; body: string },
): Promise<void> {
  const values = {
    owner_id: ownerId,
    kind: doc.kind,
    ref_id: doc.refId,
    person_id: doc.personId,
    body: doc.body,
  };
  await db
    .insertInto("search_documents")
    .values(values)
    .onConflict((oc) =>
      oc.columns(["owner_id", "kind", "ref_id"]).doUpdateSet({ person_id: doc.personId, body: doc.body }),
    )
    .execute();
}

export async function unindexDocument(
  db: Kysely<Database>,
  ownerId: string,
  kind: SearchKind,
  refId: string,
) {
  await ownedBy(db, ownerId)
    .deleteFrom("search_documents")
    .where("kind", "=", kind)
    .where("ref_id", "=", refId)
    .execute();
}

/** Indexes many new records at once (imports, restores); they must not be indexed yet. Returns the rows written. */
export async function indexDocuments(
  db: Kysely<Database>,
  ownerId: string,
  docs: { kind: SearchKind; refId: string; personId: string | null; body: string }[],
): Promise<{ owner_id: string; kind: SearchKind; ref_id: string; person_id: string | null; body: string }[]> {
  const rows = searchDocumentRows(ownerId, docs);
  await insertMany(db, "search_documents", rows);
  return rows;
}

/** The rows `indexDocuments` writes, for a caller that inserts them with others (`insertManyTogether`). */
export function searchDocumentRows(
  ownerId: string,
  docs: { kind: SearchKind; refId: string; personId: string | null; body: string }[],
): { owner_id: string; kind: SearchKind; ref_id: string; person_id: string | null; body: string }[] {
  return docs.map((d) => ({
    owner_id: ownerId,
    kind: d.kind,
    ref_id: d.refId,
    person_id: d.personId,
    body: d.body,
  }));
}

/** Where each kind of record lives, the column that dates it, and whether it may name a department. */
const RECORDS = {
  exchange: { table: "exchanges", at: "occurred_at", department: true },
  interaction: { table: "interactions", at: "occurred_at", department: false },
  ask: { table: "asks", at: "asked_at", department: true },
  commitment: { table: "commitments", at: "created_at", department: true },
  note: { table: "notes", at: "created_at", department: false },
  need: { table: "needs", at: "created_at", department: false },
  offer: { table: "offers", at: "created_at", department: false },
  "own-offer": { table: "own_offers", at: "created_at", department: false },
} as const;

/** The kinds of record a search hit can be, beside a person. */
export const DATED_KINDS = Object.keys(RECORDS) as (keyof typeof RECORDS)[];

/** When each of these records happened, and the department of entries, asks and promises logged against one. */
export async function recordDates(
  db: Kysely<Database>,
  ownerId: string,
  kind: keyof typeof RECORDS,
  refs: readonly string[],
): Promise<
  { id: string; at: string; department_id: string | null; name: string | null; organization: string | null }[]
> {
  const record = RECORDS[kind];
  // One shape for every table: the casts name one of them for the type checker.
  const records = ownedBy(db, ownerId)
    .selectFrom(`${record.table} as r` as "exchanges as r")
    .select(["r.id", `r.${record.at} as at` as "r.occurred_at as at"])
    .where("r.id", "in", refs);
  return record.department
    ? await records
        .leftJoin("departments as d", (j) =>
          j.onRef("d.owner_id", "=", "r.owner_id").onRef("d.id", "=", "r.department_id"),
        )
        .leftJoin("organizations as o", (j) =>
          j.onRef("o.owner_id", "=", "d.owner_id").onRef("o.id", "=", "d.organization_id"),
        )
        .select(["d.id as department_id", "d.name", "o.name as organization"])
        .execute()
    : (await records.execute()).map((row) => ({
        ...row,
        department_id: null,
        name: null,
        organization: null,
      }));
}
