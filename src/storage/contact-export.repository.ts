/** What an export of contacts reads: people with their places, notes, dates and dated promises. */
import type { Kysely } from "kysely";
import { ownedBy } from "./owned.js";
import { peopleWithPlacesQuery } from "./person.repository.js";
import type { Database } from "./schema.js";

/**
 * Every person of the owner (or the one `personId` names) with their organization's and
 * department's names, in name order.
 */
export function listPeopleForExport(db: Kysely<Database>, ownerId: string, personId?: string) {
  return peopleWithPlacesQuery(db, ownerId)
    .$if(personId !== undefined, (q) => q.where("p.id", "=", personId as string))
    .orderBy("p.name_key")
    .orderBy("p.id")
    .execute();
}

/** Every note of the owner, oldest first. */
export function listNotesInOrder(db: Kysely<Database>, ownerId: string) {
  return ownedBy(db, ownerId)
    .selectFrom("notes")
    .select(["person_id", "body"])
    .orderBy("created_at")
    .execute();
}

/** The dates (anniversaries and the like) of people not archived, with their names. */
export function listDatesOfPeopleShown(db: Kysely<Database>, ownerId: string) {
  return ownedBy(db, ownerId)
    .selectFrom("person_dates as d")
    .innerJoin("people as p", (j) =>
      j.onRef("p.owner_id", "=", "d.owner_id").onRef("p.id", "=", "d.person_id"),
    )
    .select(["d.person_id", "d.label", "d.date", "p.display_name"])
    .where("p.archived", "=", 0)
    .execute();
}

/** Open promises that have a due date, with the person's or department's name. */
export function listOpenDatedCommitments(db: Kysely<Database>, ownerId: string) {
  return ownedBy(db, ownerId)
    .selectFrom("commitments as c")
    .leftJoin("people as p", (j) =>
      j.onRef("p.owner_id", "=", "c.owner_id").onRef("p.id", "=", "c.person_id"),
    )
    .leftJoin("departments as d", (j) =>
      j.onRef("d.owner_id", "=", "c.owner_id").onRef("d.id", "=", "c.department_id"),
    )
    .select(["c.id", "c.summary", "c.due_on", "c.direction", "p.display_name", "d.name as department_name"])
    .where("c.status", "=", "open")
    .where("c.due_on", "is not", null)
    .execute();
}
