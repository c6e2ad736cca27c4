import type { Kysely } from "kysely";
import type { Database, InteractionRow } from "./schema.js";

export async function insertInteraction(
  db: Kysely<Database>,
  row: InteractionRow,
  participantIds: readonly string[],
): Promise<void> {
  await db.insertInto("interactions").values(row).execute();
  await db
    .insertInto("interaction_participants")
    .values(
      participantIds.map((person_id) => ({ owner_id: row.owner_id, interaction_id: row.id, person_id })),
    )
    .execute();
}

/** The moments a person took part in, newest first. */
export async function listInteractionsOf(
  db: Kysely<Database>,
  ownerId: string,
  personId: string,
  limit: number,
): Promise<(InteractionRow & { participants: string[] })[]> {
  const rows = await db
    .selectFrom("interactions as i")
    .innerJoin("interaction_participants as ip", (j) =>
      j.onRef("ip.owner_id", "=", "i.owner_id").onRef("ip.interaction_id", "=", "i.id"),
    )
    .selectAll("i")
    .where("ip.owner_id", "=", ownerId)
    .where("ip.person_id", "=", personId)
    .orderBy("i.occurred_at", "desc")
    .limit(limit)
    .execute();
  if (rows.length === 0) return [];
  const participants = await db
    .selectFrom("interaction_participants")
    .select(["interaction_id", "person_id"])
    .where("owner_id", "=", ownerId)
    .where(
      "interaction_id",
      "in",
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((r) => ({
    ...r,
    participants: participants.filter((p) => p.interaction_id === r.id).map((p) => p.person_id),
  }));
}
