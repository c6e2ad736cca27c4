import type { Kysely } from "kysely";
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
  await db
    .deleteFrom("search_documents")
    .where("owner_id", "=", ownerId)
    .where("kind", "=", kind)
    .where("ref_id", "=", refId)
    .execute();
}

/** Indexes many new records at once (imports, restores); they must not be indexed yet. */
export async function indexDocuments(
  db: Kysely<Database>,
  ownerId: string,
  docs: { kind: SearchKind; refId: string; personId: string | null; body: string }[],
): Promise<void> {
  const rows = docs.map((d) => ({
    owner_id: ownerId,
    kind: d.kind,
    ref_id: d.refId,
    person_id: d.personId,
    body: d.body,
  }));
  for (let i = 0; i < rows.length; i += 5000)
    await db
      .insertInto("search_documents")
      .values(rows.slice(i, i + 5000))
      .execute();
}
