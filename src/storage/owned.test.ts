import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from "kysely";
import { describe, expect, it } from "vitest";
import { ownedBy } from "./owned.js";
import type { Database } from "./schema.js";

/** A query builder that only compiles, for each dialect. */
const builders = {
  sqlite: new Kysely<Database>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  }),
  postgres: new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  }),
};

describe("ownedBy: the owner filter written once", () => {
  it("filters a table on its owner first, by the table's name", () => {
    const query = ownedBy(builders.sqlite, "owner-1")
      .selectFrom("people")
      .select("id")
      .where("id", "=", "p-1")
      .compile();
    expect(query.sql).toBe('select "id" from "people" where "people"."owner_id" = ? and "id" = ?');
    expect(query.parameters).toEqual(["owner-1", "p-1"]);
  });

  it("uses the alias of an aliased table, so a join with another owner table stays unambiguous", () => {
    const query = ownedBy(builders.postgres, "owner-1")
      .selectFrom("interaction_participants as ip")
      .innerJoin("people as p", (j) =>
        j.onRef("p.owner_id", "=", "ip.owner_id").onRef("p.id", "=", "ip.person_id"),
      )
      .select("p.id")
      .compile();
    expect(query.sql).toBe(
      'select "p"."id" from "interaction_participants" as "ip" inner join "people" as "p" on "p"."owner_id" = "ip"."owner_id" and "p"."id" = "ip"."person_id" where "ip"."owner_id" = $1',
    );
  });

  it("scopes updates and deletes to the owner too", () => {
    const owned = ownedBy(builders.postgres, "owner-1");
    const update = owned.updateTable("notes").set({ body: "x" }).where("id", "=", "n-1").compile();
    expect(update.sql).toBe('update "notes" set "body" = $1 where "notes"."owner_id" = $2 and "id" = $3');
    expect(update.parameters).toEqual(["x", "owner-1", "n-1"]);
    const remove = owned.deleteFrom("notes").where("id", "=", "n-1").compile();
    expect(remove.sql).toBe('delete from "notes" where "notes"."owner_id" = $1 and "id" = $2');
  });
});
