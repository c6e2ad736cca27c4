import { createHash } from "node:crypto";
import { expect, it } from "vitest";
import { calendarOwner, rotateCalendarKey } from "../../src/app/accounts.js";
import { exportBackup, parseBackup } from "../../src/app/backup.js";
import { duplicatePairs, markDistinct } from "../../src/app/duplicates.js";
import { addPerson } from "../../src/app/people.js";
import { restoreBackup } from "../../src/app/restore.js";
import { describeEachDialect, freshContext } from "../support/stores.js";

describeEachDialect("backup settings", (dialect) => {
  it("a backup keeps the pairs said to be two people and leaves the calendar key behind", async () => {
    const ctx = await freshContext(dialect);
    await addPerson(ctx, { name: "Jon Smith" });
    await addPerson(ctx, { name: "John Smith" });
    expect((await duplicatePairs(ctx)).pairs).toHaveLength(1);
    await markDistinct(ctx, "Jon Smith", "John Smith");
    const key = await rotateCalendarKey(ctx.db, ctx.ownerId);
    const secretHash = createHash("sha256")
      .update(key.slice(key.indexOf(".") + 1))
      .digest("hex");

    const backup = await exportBackup(ctx);
    expect(backup.settings.map((s) => s.key)).toEqual([expect.stringMatching(/^duplicates:distinct:/)]);
    expect(JSON.stringify(backup)).not.toContain(secretHash);

    // restored elsewhere, the pair still keeps the two apart
    const elsewhere = await freshContext(dialect);
    await restoreBackup(elsewhere, parseBackup(JSON.parse(JSON.stringify(backup))));
    expect((await duplicatePairs(elsewhere)).pairs).toEqual([]);
  });

  it("a restore takes only the settings Goodwill backs up: no planted calendar key, no unknown keys", async () => {
    const ctx = await freshContext(dialect);
    await addPerson(ctx, { name: "Jon Smith" });
    await addPerson(ctx, { name: "John Smith" });
    const backup = await exportBackup(ctx);
    const [a, b] = backup.people.map((p) => p.id);
    const planted = "a-secret-the-restorer-chose";
    backup.settings = [
      { key: "secret:calendar_key_hash", value: createHash("sha256").update(planted).digest("hex") },
      { key: "theme", value: "dark" },
      { key: "duplicates:distinct:not-a-person:nobody", value: "2026-01-01T00:00:00.000Z" },
      { key: `duplicates:distinct:${a}:${b}`, value: "2026-01-01T00:00:00.000Z" },
    ];
    const elsewhere = await freshContext(dialect);
    await restoreBackup(elsewhere, parseBackup(backup));
    const settings = await elsewhere.db
      .selectFrom("settings")
      .select("key")
      .where("owner_id", "=", elsewhere.ownerId)
      .execute();
    expect(settings.map((s) => s.key)).toEqual([`duplicates:distinct:${[a, b].sort().join(":")}`]);
    expect(await calendarOwner(elsewhere.db, `${elsewhere.ownerId}.${planted}`)).toBeNull();
  });
});
