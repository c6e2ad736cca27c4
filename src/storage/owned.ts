import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import type { Database } from "./schema.js";

/** The tables whose rows belong to an owner (every one but `owners` and the server's own). */
type OwnedTable = Exclude<keyof Database, "owners" | "server_secrets" | "login_failures">;

/** A table of an owner, by its name or with an alias ("people as p"). */
type OwnedFrom = OwnedTable | `${OwnedTable} as ${string}`;

/** `owner_id = ?`, qualified by the table's alias so joins stay unambiguous. */
function ownerFilter(table: OwnedFrom, ownerId: string): Expression<SqlBool> {
  const alias = table.split(" as ")[1] ?? table;
  return sql<SqlBool>`${sql.ref(`${alias}.owner_id`)} = ${ownerId}`;
}

/** Kysely cannot resolve `where` on a builder over a generic table; every builder has this one. */
interface Filterable {
  where(filter: Expression<SqlBool>): unknown;
}

/**
 * One owner's rows: every owner-scoped statement of a repository starts here, so the owner filter
 * is written once, not by hand at each query. Joins still match `owner_id` to `owner_id` themselves.
 */
export function ownedBy(db: Kysely<Database>, ownerId: string) {
  return {
    selectFrom<T extends OwnedFrom>(table: T) {
      const query = db.selectFrom(table);
      return (query as Filterable).where(ownerFilter(table, ownerId)) as typeof query;
    },
    updateTable<T extends OwnedFrom>(table: T) {
      const query = db.updateTable(table);
      return (query as Filterable).where(ownerFilter(table, ownerId)) as typeof query;
    },
    deleteFrom<T extends OwnedFrom>(table: T) {
      const query = db.deleteFrom(table);
      return (query as Filterable).where(ownerFilter(table, ownerId)) as typeof query;
    },
  };
}
