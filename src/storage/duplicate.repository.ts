/** What finding likely duplicates reads: each person's name, place, emails and phones. */
import type { Kysely } from "kysely";
import { ownedBy } from "./owned.js";
import type { Database } from "./schema.js";

/** These people's organization and department names, and their emails and phones in order. */
export async function placesAndContacts(db: Kysely<Database>, ownerId: string, ids: readonly string[]) {
  const owned = ownedBy(db, ownerId);
  const rows = await owned
    .selectFrom("people as p")
    .leftJoin("organizations as o", (j) =>
      j.onRef("o.owner_id", "=", "p.owner_id").onRef("o.id", "=", "p.organization_id"),
    )
    .leftJoin("departments as d", (j) =>
      j.onRef("d.owner_id", "=", "p.owner_id").onRef("d.id", "=", "p.department_id"),
    )
    .select(["p.id", "p.display_name", "o.name as organization", "d.name as department"])
    .where("p.id", "in", ids)
    .execute();
  const emails = await owned
    .selectFrom("person_emails")
    .select(["person_id", "value"])
    .where("person_id", "in", ids)
    .orderBy("person_id")
    .orderBy("position")
    .execute();
  const phones = await owned
    .selectFrom("person_phones")
    .select(["person_id", "value"])
    .where("person_id", "in", ids)
    .orderBy("person_id")
    .orderBy("position")
    .execute();
  return { rows, emails, phones };
}

/** Every person's name key and organization, and every email and phone key. */
export async function identities(db: Kysely<Database>, ownerId: string) {
  const owned = ownedBy(db, ownerId);
  const people = await owned
    .selectFrom("people as p")
    .leftJoin("organizations as o", (j) =>
      j.onRef("o.owner_id", "=", "p.owner_id").onRef("o.id", "=", "p.organization_id"),
    )
    .select(["p.id", "p.name_key", "p.organization_id", "p.created_at", "o.name as organization"])
    .execute();
  const emails = await owned.selectFrom("person_emails").select(["person_id", "value_key"]).execute();
  const phones = await owned.selectFrom("person_phones").select(["person_id", "value_key"]).execute();
  return { people, emails, phones };
}
