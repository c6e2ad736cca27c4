/**
 * A name typed with a typographic apostrophe (O’Brien, as a phone types it) is the same name as with
 * ' (foldText), and migration 0027 folds the keys a store wrote before. Places that were told apart
 * by their apostrophe alone stay apart.
 */
import { sql } from "kysely";
import { expect, it } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { resolvePerson } from "../../src/app/who.js";
import { localService } from "../../src/service/local-service.js";
import { MIGRATION_NAMES, SCHEMA_VERSION } from "../../src/storage/migrations/index.js";
import { ensureLocalOwner } from "../../src/storage/owner.repository.js";
import { describeEachDialect, freshStore, NOW, openStoreAgain } from "../support/stores.js";

describeEachDialect("names with a typographic apostrophe", (dialect) => {
  it("are found and caught as duplicates whichever apostrophe is typed", async () => {
    const { store } = await freshStore(dialect);
    const owner = await ensureLocalOwner(store.db, new Date(NOW).toISOString());
    const ctx: AppContext = { store, db: store.db, ownerId: owner.id, now: NOW };
    const service = localService(ctx);
    const sean = await service.addPerson({ name: "Seán O'Brien", organization: "O’Reilly Media" });
    expect((await resolvePerson(ctx, "Sean O’Brien")).id).toBe(sean.id);
    expect((await resolvePerson(ctx, "sean o‘brien")).id).toBe(sean.id);
    await expect(service.addPerson({ name: "Sean O’Brien" })).rejects.toMatchObject({
      code: "possible_duplicate",
    });
    // the organization typed the other way is the same one
    const colleague = await service.addPerson({ name: "Dana Kim", organization: "O'Reilly Media" });
    expect(colleague.organization).toBe("O’Reilly Media");
  });

  it("migration 0027 folds the keys written before it, and leaves a place whose folded key is taken", async () => {
    const { store, url } = await freshStore(dialect);
    const owner = await ensureLocalOwner(store.db, new Date(NOW).toISOString());
    const at = new Date(NOW).toISOString();
    const db = store.db;
    // rows as a store before 0027 wrote them: keys with the typographic apostrophe kept
    await db
      .insertInto("organizations")
      .values([
        {
          owner_id: owner.id,
          id: "org-curly",
          name: "O’Reilly Media",
          name_key: "o’reilly media",
          created_at: at,
        },
        { owner_id: owner.id, id: "org-plain", name: "Smith's", name_key: "smith's", created_at: at },
        { owner_id: owner.id, id: "org-twin", name: "Smith’s", name_key: "smith’s", created_at: at },
      ])
      .execute();
    await db
      .insertInto("departments")
      .values({
        owner_id: owner.id,
        id: "dept-curly",
        organization_id: "org-curly",
        name: "Ops’ Desk",
        name_key: "ops’ desk",
        created_at: at,
      })
      .execute();
    const { id } = await localService({ store, db, ownerId: owner.id, now: NOW }).addPerson({
      name: "Ann O'Neil",
    });
    await db.updateTable("people").set({ name_key: "ann o’neil" }).where("id", "=", id).execute();

    // as if 0027 had not run (nor any migration after it): the next open runs them
    const names = MIGRATION_NAMES.slice(MIGRATION_NAMES.indexOf("0027-apostrophe-keys"));
    await sql`delete from kysely_migration where name in (${sql.join(names)})`.execute(db);
    if (dialect === "sqlite")
      await sql.raw(`pragma user_version = ${SCHEMA_VERSION - names.length}`).execute(db);
    const again = await openStoreAgain(url);

    const keys = async (table: "organizations" | "departments" | "people") =>
      (await again.db.selectFrom(table).select(["id", "name_key"]).orderBy("id").execute()).map(
        (r) => `${r.id}=${r.name_key}`,
      );
    expect(await keys("organizations")).toEqual([
      "org-curly=o'reilly media",
      "org-plain=smith's",
      "org-twin=smith’s", // Smith's is there: the two stay apart
    ]);
    expect(await keys("departments")).toEqual(["dept-curly=ops' desk"]);
    expect(await keys("people")).toEqual([`${id}=ann o'neil`]);
    const ctx: AppContext = { store: again, db: again.db, ownerId: owner.id, now: NOW };
    expect((await resolvePerson(ctx, "Ann O’Neil")).id).toBe(id);
  });
});
