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
