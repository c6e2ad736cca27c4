import { spawn } from "node:child_process";
import { expect, it } from "vitest";
import { addPerson } from "../../src/app/people.js";
import { ensureLocalOwner } from "../../src/storage/owner.repository.js";
import { getPersonStats, recomputePersonStats } from "../../src/storage/stats.repository.js";
import { describeEachDialect, freshStore, relativeDifference } from "../support/stores.js";

function writer(url: string, who: string, label: string, count: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "test/support/writer.ts", url, who, label, String(count)],
      {
        stdio: ["ignore", "inherit", "inherit"],
      },
    );
    child.on("error", reject);
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

describeEachDialect("two processes writing at once", (dialect) => {
  it("lose nothing: 2 × 500 entries, all stored, aggregates exact", async () => {
    const { store, url } = await freshStore(dialect);
    const owner = await ensureLocalOwner(store.db, new Date().toISOString());
    const ctx = { store, db: store.db, ownerId: owner.id, now: Date.now() };
    const raj = await addPerson(ctx, { name: "Raj Patel" });
    const codes = await Promise.all([
      writer(url, "Raj Patel", "first", 500),
      writer(url, "Raj Patel", "second", 500),
    ]);
    expect(codes).toEqual([0, 0]);
    const rows = await store.db
      .selectFrom("exchanges")
      .select(["summary"])
      .where("owner_id", "=", owner.id)
      .execute();
    expect(rows).toHaveLength(1000);
    expect(new Set(rows.map((r) => r.summary)).size).toBe(1000);
    const running = await getPersonStats(store.db, owner.id, raj.id);
    expect(running.ledger.sums.entries).toBe(1000);
    expect(running.contacts.contacts).toBe(1000);
    await recomputePersonStats(store.db, owner.id, raj.id);
    const rebuilt = await getPersonStats(store.db, owner.id, raj.id);
    expect(relativeDifference(running.ledger.sums.gave, rebuilt.ledger.sums.gave)).toBeLessThan(1e-9);
  }, 120_000);
});
