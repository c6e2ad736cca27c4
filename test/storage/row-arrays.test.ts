import { expect, it } from "vitest";
import { addPerson } from "../../src/app/people.js";
import { readRows } from "../../src/storage/row-arrays.js";
import { describeEachDialect, freshContext } from "../support/stores.js";

describeEachDialect("reading rows as arrays", (dialect) => {
  it("gives the same rows as an ordinary select, and the same statement still works plainly", async () => {
    const ctx = await freshContext(dialect);
    await addPerson(ctx, { name: "Ann Lee", organization: "Acme", tags: ["mentor"], birthday: "--04-12" });
    await addPerson(ctx, { name: "Bo Chen" });
    const columns = ["id", "display_name", "tags", "birthday", "layer", "organization_id"] as const;
    const query = ctx.db
      .selectFrom("people")
      .select(columns)
      .where("owner_id", "=", ctx.ownerId)
      .orderBy("name_key");
    const plain = await query.execute();
    const fast = await readRows(ctx.db, query, columns);
    expect(plain.map((r) => r.display_name)).toEqual(["Ann Lee", "Bo Chen"]);
    expect(fast).toEqual(plain);
    // the array-mode statement is kept apart from the plain one: both keep their shapes
    expect(await query.execute()).toEqual(plain);
    expect(await readRows(ctx.db, query, columns)).toEqual(plain);
    expect(await readRows(ctx.db, query.where("display_name", "=", "nobody"), columns)).toEqual([]);
  });

  it("reads selects only", async () => {
    const ctx = await freshContext(dialect);
    const update = ctx.db.updateTable("people").set({ layer: 3 }).where("owner_id", "=", ctx.ownerId);
    await expect(readRows(ctx.db, update as never, [])).rejects.toThrow(/selects only/);
  });
});
