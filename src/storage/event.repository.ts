/** What events are made of: moments with many people, and people who wrote where they met. */
import type { Kysely } from "kysely";
import { ownedBy } from "./owned.js";
import type { Database } from "./schema.js";

/** Each person of each moment with at least `minPeople` people, oldest first. */
export async function crowdedMoments(db: Kysely<Database>, ownerId: string, minPeople: number) {
  const owned = ownedBy(db, ownerId);
  const crowded = owned
    .selectFrom("interaction_participants")
    .select("interaction_id")
    .groupBy("interaction_id")
    .having((eb) => eb.fn.countAll(), ">=", minPeople);
  return owned
    .selectFrom("interactions as i")
    .innerJoin("interaction_participants as p", (j) =>
      j.onRef("p.owner_id", "=", "i.owner_id").onRef("p.interaction_id", "=", "i.id"),
    )
    .select(["i.id", "i.summary", "i.occurred_at", "p.person_id"])
    .where("i.id", "in", crowded)
    .orderBy("i.occurred_at")
    .execute();
}

/** The people not archived who say where they met. */
export async function peopleWithMetText(db: Kysely<Database>, ownerId: string) {
  return ownedBy(db, ownerId)
    .selectFrom("people")
    .select(["id", "met_text", "met_on", "created_at"])
    .where("archived", "=", 0)
    .where("met_text", "is not", null)
    .execute();
}

/** When these people were first in touch, and how often since. */
export async function firstContacts(db: Kysely<Database>, ownerId: string, personIds: readonly string[]) {
  return ownedBy(db, ownerId)
    .selectFrom("person_stats")
    .select(["person_id", "first_contact_at", "contacts"])
    .where("person_id", "in", personIds)
    .execute();
}
