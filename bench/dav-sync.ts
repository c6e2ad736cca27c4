/**
 * What a phone's sync costs after one edit in an address book of 10,000 people (issue 17): an SQLite
 * store of 10,000 people behind `goodwill serve`, the address book synced once, then rounds of one
 * edit made through the service (not DAV, untimed) followed by the timed REPORT sync-collection a
 * phone sends next, then a PROPFIND depth 0 of the address book (the first request after the
 * sync's own write) and another (the baseline: nothing changed, answered from the read cache), all
 * in the same rounds. Not part of `npm run bench`.
 *
 *   npx tsx bench/dav-sync.ts [people]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createDavPassword } from "../src/app/dav-passwords.js";
import { peopleAsContacts } from "../src/app/export-contacts.js";
import { importFileFromBytes } from "../src/app/read-file.js";
import { startServer } from "../src/http/server.js";
import { journaledService } from "../src/service/journaled-service.js";
import { ensureLocalOwner } from "../src/storage/owner.repository.js";
import { openStore } from "../src/storage/store.js";
import { summarise } from "./measure.js";

const COUNT = Number(process.argv[2] ?? 10_000);
const ROUNDS = 15;
const BOOK = "/dav/addressbooks/goodwill/";

const dir = mkdtempSync(join(tmpdir(), "goodwill-dav-bench-"));
const store = await openStore(join(dir, "goodwill.db"));
const at = new Date().toISOString();
const owner = await ensureLocalOwner(store.db, at);
const ctx = { store, db: store.db, ownerId: owner.id, now: Date.now() };
const service = journaledService(ctx);
// The people arrive as a phone's export would: one vCard file, imported.
const cards = Array.from(
  { length: COUNT },
  (_, i) =>
    `BEGIN:VCARD\r\nVERSION:3.0\r\nN:${i};Person;;;\r\nFN:Person ${i}\r\nEMAIL:person${i}@example.com\r\nTEL:+1 555 ${String(1_000_000 + i).slice(1)}\r\nEND:VCARD\r\n`,
).join("");
await service.importContacts(importFileFromBytes("people.vcf", new TextEncoder().encode(cards)), "vcard");
const ids = (await peopleAsContacts(ctx, { notes: false })).map((p) => p.personId);
const { password } = await createDavPassword(store.db, owner.id, "bench phone", at);
const server = await startServer({
  store,
  host: "127.0.0.1",
  port: 0,
  log: false,
  env: {},
  reminders: { clock: () => Date.now(), timer: false },
});
const authorization = `Basic ${Buffer.from(`me:${password}`).toString("base64")}`;

async function dav(method: string, depth: string, body?: string): Promise<string> {
  const response = await fetch(`${server.url}${BOOK}`, {
    method,
    headers: { authorization, depth, "content-type": "application/xml" },
    ...(body !== undefined ? { body } : {}),
  });
  const text = await response.text();
  if (response.status !== 207)
    throw new Error(`${method} answered ${response.status}: ${text.slice(0, 200)}`);
  return text;
}

const propfind = () => dav("PROPFIND", "0", '<d:propfind xmlns:d="DAV:"><d:allprop/></d:propfind>');
async function syncCollection(token: string): Promise<{ token: string; responses: number }> {
  const text = await dav(
    "REPORT",
    "1",
    `<d:sync-collection xmlns:d="DAV:"><d:sync-token>${token}</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>`,
  );
  const next = /<d:sync-token>([^<]*)<\/d:sync-token>\s*<\/d:multistatus>/.exec(text)?.[1];
  if (!next) throw new Error("no sync token in the answer");
  return { token: next, responses: text.split("<d:response>").length - 1 };
}

try {
  let start = performance.now();
  let { token } = await syncCollection("");
  const firstMs = performance.now() - start;
  const syncs: number[] = [];
  const afterSync: number[] = [];
  const baseline: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await service.editPerson(ids[(round * 7919) % COUNT] as string, { title: `Title ${round}` });
    start = performance.now();
    const next = await syncCollection(token);
    syncs.push(performance.now() - start);
    if (next.responses !== 1) throw new Error(`the sync after one edit reported ${next.responses} cards`);
    token = next.token;
    start = performance.now();
    await propfind();
    afterSync.push(performance.now() - start);
    start = performance.now();
    await propfind();
    baseline.push(performance.now() - start);
  }
  const subject = summarise("sync-collection after one edit", syncs);
  const first = summarise("PROPFIND depth 0 right after the sync", afterSync);
  const base = summarise("PROPFIND depth 0 again, nothing changed (baseline)", baseline);
  console.log(`${COUNT} people; first sync-collection (every card written) ${firstMs.toFixed(0)} ms`);
  for (const f of [subject, first, base])
    console.log(
      `${f.label}: median ${f.medianMs.toFixed(1)} ms, p90 ${f.p90Ms.toFixed(1)} ms, best ${f.minMs.toFixed(1)} ms (${f.runs} runs)`,
    );
  console.log(`ratio (median / baseline median): ${(subject.medianMs / base.medianMs).toFixed(1)}`);
} finally {
  await server.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
