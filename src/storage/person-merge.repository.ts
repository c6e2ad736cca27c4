/** Moving everything of one person to another, the statements of `goodwill person merge`. */
import type { Kysely } from "kysely";
import { ownedBy } from "./owned.js";
import type { Database } from "./schema.js";

/**
 * Moves the history of `fromId` (ledger, asks, promises, notes, needs, offers, introductions,
 * moments, who they introduced, their search documents) to `intoId`, then deletes `fromId`.
 * `intoMetThroughFrom` says INTO was met through FROM: nobody was introduced to themselves.
 */
export async function movePersonHistory(
  db: Kysely<Database>,
  ownerId: string,
  fromId: string,
  intoId: string,
  intoMetThroughFrom: boolean,
): Promise<void> {
  const owned = ownedBy(db, ownerId);
  for (const table of ["exchanges", "asks", "commitments", "notes", "needs", "offers"] as const) {
    await owned.updateTable(table).set({ person_id: intoId }).where("person_id", "=", fromId).execute();
  }
  await owned.updateTable("needs").set({ met_by_id: intoId }).where("met_by_id", "=", fromId).execute();
  for (const side of ["a_id", "b_id"] as const)
    await owned
      .updateTable("introductions")
      .set({ [side]: intoId })
      .where(side, "=", fromId)
      .execute();
  // A moment both took part in keeps INTO once; the others move over.
  const shared = await owned
    .selectFrom("interaction_participants")
    .select("interaction_id")
    .where("person_id", "=", intoId)
    .execute();
  const sharedIds = shared.map((s) => s.interaction_id);
  let moving = owned
    .updateTable("interaction_participants")
    .set({ person_id: intoId })
    .where("person_id", "=", fromId);
  if (sharedIds.length > 0) moving = moving.where("interaction_id", "not in", sharedIds);
  await moving.execute();
  await owned
    .updateTable("people")
    .set({ met_through_id: intoId })
    .where("met_through_id", "=", fromId)
    .where("id", "!=", intoId)
    .execute();
  if (intoMetThroughFrom) {
    await owned.updateTable("people").set({ met_through_id: null }).where("id", "=", intoId).execute();
  }
  await owned
    .updateTable("search_documents")
    .set({ person_id: intoId })
    .where("person_id", "=", fromId)
    .where("kind", "!=", "person")
    .execute();
  await owned
    .deleteFrom("search_documents")
    .where("kind", "=", "person")
    .where("ref_id", "=", fromId)
    .execute();
  await owned.deleteFrom("people").where("id", "=", fromId).execute();
}
