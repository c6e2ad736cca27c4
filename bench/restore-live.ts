/**
 * Child of bench/restore.ts: restores the backup file it is given into a fresh SQLite store in this
 * process, forcing a garbage collection every 250 ms to see what the restore really holds (the
 * peak resident size also counts garbage V8 has not collected yet). Prints one JSON line.
 *
 *   node --expose-gc --import tsx bench/restore-live.ts <backup.json> <store path>
 */
import { rmSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { openImportFile } from "../src/app/read-file.js";
import { restoreFile } from "../src/app/restore.js";
import { openStore } from "../src/storage/store.js";

const [file, path] = process.argv.slice(2);
if (!file || !path) throw new Error("usage: restore-live.ts <backup.json> <store path>");
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");
for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
const store = await openStore(path);
const ctx = { store, db: store.db, ownerId: "bench-live", now: Date.now() };
await store.db
  .insertInto("owners")
  .values({
    id: ctx.ownerId,
    kind: "account",
    name: null,
    organization_id: null,
    department_id: null,
    created_at: new Date().toISOString(),
    updated_at: new Date().toISOString(),
  })
  .execute();
const live = () => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};
const before = live();
let peak = before;
const timer = setInterval(() => {
  peak = Math.max(peak, live());
}, 250);
const started = performance.now();
const result = await restoreFile(ctx, await openImportFile(file));
clearInterval(timer);
const mib = (n: number) => Number((n / 1048576).toFixed(1));
console.log(
  JSON.stringify({
    created: result.created,
    ms: Math.round(performance.now() - started),
    liveAddedMiB: mib(peak - before),
    maxRssMiB: mib(process.resourceUsage().maxRSS * 1024),
  }),
);
await store.close();
