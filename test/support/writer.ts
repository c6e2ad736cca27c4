/**
 * A second process for the concurrency test: opens the store and records `count` gives to one
 * person, each in its own transaction, as fast as it can.
 */
import { recordExchange } from "../../src/app/moments.js";
import { resolveCounterpart } from "../../src/app/who.js";
import { ensureLocalOwner } from "../../src/storage/owner.repository.js";
import { openStore } from "../../src/storage/store.js";

const [url, who, label, count] = process.argv.slice(2);
const store = await openStore(url as string);
const now = Date.now();
const owner = await ensureLocalOwner(store.db, new Date(now).toISOString());
const ctx = { store, db: store.db, ownerId: owner.id, now };
const counterpart = await resolveCounterpart(ctx, who as string);
for (let i = 0; i < Number(count); i++) {
  await recordExchange(ctx, counterpart, {
    direction: "gave",
    kind: "favor",
    summary: `${label} ${i}`,
    at: now - i * 60_000,
  });
}
await store.close();
