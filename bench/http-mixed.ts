/**
 * HTTP mixed load: 50 connections for 60 s (GOODWILL_BENCH_MIXED_SECONDS) against Goodwill's real
 * server on SQLite, then on PostgreSQL, as a small team uses a shared server: five accounts of
 * 1,000 people each, ten connections per account. The mix is fixed, per 20 requests:
 *
 *   7  GET /api/v1/people/:id            reads (50%)
 *   3  GET /api/v1/people?limit=20
 *   3  GET /api/v1/search?q=…            searches (15%)
 *   3  POST /api/v1/exchanges (gave)     ledger writes (25%), each with a summary no other has
 *   2  POST /api/v1/exchanges (received)
 *   2  GET /api/v1/today                 the agenda (10%)
 *
 * A 5 s warm-up (connections opened, code warmed) comes first: latency and requests/s are of the
 * measured seconds only, errors and acknowledged writes of the whole run. Any non-2xx answer or
 * network error is an error. After the load the server is stopped and the
 * store opened directly: every write the server acknowledged (2xx) must be there, found by its
 * summary, and nothing else of the run. Baseline, measured once in the same run: the bare
 * `node:http` server under the same 50 connections and mix, for 10 s.
 */
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { AppContext } from "../src/app/context.js";
import { localService } from "../src/service/local-service.js";
import { openStore } from "../src/storage/store.js";
import {
  LoadGenerator,
  type LoadSummary,
  latencyFigure,
  log,
  round1,
  SEARCH_TERMS,
  type SeededAccount,
  type StoreTarget,
  seedAccount,
  startBenchPostgres,
  startServerChild,
  summariseLoad,
  WORK,
} from "./http-load.js";
import type { LoadPlan, LoadResult, RequestKind } from "./load-generator.js";
import { report } from "./measure.js";
import type { EventLoopStats } from "./serve-goodwill.js";

const NAME = "http-mixed";
const SECONDS = Number(process.env.GOODWILL_BENCH_MIXED_SECONDS ?? 60);
/** Before the measured seconds: connections opened, code warmed; its errors and writes still count. */
const WARMUP_SECONDS = 5;
const BASELINE_SECONDS = Math.min(10, SECONDS);
const CONNECTIONS = 50;
const ACCOUNTS = 5;
const CONTACTS = 1_000;
/** people each account's requests name (reads and writes), the first of its imported ones */
const PEOPLE_NAMED = 200;
const SEEDED_EXCHANGES = 100;

const KINDS: RequestKind[] = [
  { name: "GET person", method: "GET", path: "/api/v1/people/{person}", weight: 7 },
  { name: "GET people?limit=20", method: "GET", path: "/api/v1/people?limit=20", weight: 3 },
  { name: "GET search", method: "GET", path: "/api/v1/search?q={term}", weight: 3 },
  {
    name: "POST exchange (gave)",
    method: "POST",
    path: "/api/v1/exchanges",
    body: '{"personId":"{person}","direction":"gave","summary":"{unique}"}',
    weight: 3,
    write: true,
  },
  {
    name: "POST exchange (received)",
    method: "POST",
    path: "/api/v1/exchanges",
    body: '{"personId":"{person}","direction":"received","kind":"advice","summary":"{unique}"}',
    weight: 2,
    write: true,
  },
  { name: "GET today", method: "GET", path: "/api/v1/today", weight: 2 },
];

interface StoreFigures {
  target: StoreTarget;
  load: LoadResult;
  eventLoop: EventLoopStats | null;
  summary: LoadSummary;
  byKind: { name: string; summary: LoadSummary }[];
  /** exchanges of this run found in the store */
  stored: number;
  /** acknowledged writes missing from the store */
  missing: number;
  /** writes of this run in the store that were not acknowledged (answered with an error, or not at all) */
  unacknowledgedStored: number;
  /** writes in the store that no request of the run sent (should be none) */
  unknownStored: number;
  exchangesInStore: number;
}

function plan(port: number, seconds: number, accounts: SeededAccount[], tag: string): LoadPlan {
  return {
    port,
    connections: CONNECTIONS,
    warmupMs: WARMUP_SECONDS * 1000,
    durationMs: seconds * 1000,
    identities: accounts.map((a) => ({
      token: a.token,
      people: a.personIds.slice(0, PEOPLE_NAMED),
      terms: SEARCH_TERMS,
    })),
    kinds: KINDS,
    tag,
    timeoutMs: 30_000,
  };
}

async function seed(target: StoreTarget): Promise<SeededAccount[]> {
  log(NAME, `${target.dialect}: seeding ${ACCOUNTS} accounts of ${CONTACTS.toLocaleString("en")} people`);
  const store = await openStore(target.location);
  try {
    const accounts: SeededAccount[] = [];
    for (let i = 0; i < ACCOUNTS; i++) {
      const account = await seedAccount(store, i + 1, CONTACTS);
      // Some history, so that the agenda and the balances have something to weigh.
      const ctx: AppContext = { store, db: store.db, ownerId: account.ownerId, now: Date.now() };
      const service = localService(ctx);
      for (let n = 0; n < SEEDED_EXCHANGES; n++) {
        await service.recordExchange(
          { personId: account.personIds[(n * 7) % account.personIds.length] as string },
          { direction: n % 3 === 0 ? "received" : "gave", summary: `Seeded exchange ${n}` },
        );
      }
      accounts.push(account);
    }
    return accounts;
  } finally {
    await store.close();
  }
}

async function measure(target: StoreTarget, generator: LoadGenerator): Promise<StoreFigures> {
  const accounts = await seed(target);
  const tag = `${NAME}-${target.dialect}-${Date.now().toString(36)}`;
  const server = await startServerChild("serve-goodwill.ts", target.location);
  let load: LoadResult;
  let eventLoop: EventLoopStats | null;
  try {
    const check = await fetch(`http://127.0.0.1:${server.port}/api/v1/today`, {
      headers: { authorization: `Bearer ${accounts[0]?.token}` },
    });
    if (check.status !== 200)
      throw new Error(`GET /api/v1/today answered ${check.status}: ${await check.text()}`);
    log(NAME, `${target.dialect}: ${CONNECTIONS} connections for ${WARMUP_SECONDS} + ${SECONDS} s`);
    server.resetStats();
    load = await generator.run(plan(server.port, SECONDS, accounts, tag));
  } finally {
    eventLoop = await server.stop();
  }

  // The server is gone: what it acknowledged must be in the store itself.
  const store = await openStore(target.location);
  let summaries: Set<string>;
  let exchangesInStore: number;
  try {
    const rows = await store.db
      .selectFrom("exchanges")
      .select("summary")
      .where("summary", "like", `${tag}-%`)
      .execute();
    summaries = new Set(rows.map((r) => r.summary));
    if (summaries.size !== rows.length) throw new Error("a summary of this run is in the store twice");
    const all = await store.db
      .selectFrom("exchanges")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    exchangesInStore = Number(all.n);
  } finally {
    await store.close();
  }
  const acknowledged = new Set(load.acknowledged);
  const unacknowledged = new Set(load.unacknowledged);
  return {
    target,
    load,
    eventLoop,
    summary: summariseLoad([load]),
    byKind: KINDS.map((k) => ({ name: k.name, summary: summariseLoad([load], k.name) })),
    stored: summaries.size,
    missing: load.acknowledged.filter((s) => !summaries.has(s)).length,
    unacknowledgedStored: [...summaries].filter((s) => unacknowledged.has(s)).length,
    unknownStored: [...summaries].filter((s) => !acknowledged.has(s) && !unacknowledged.has(s)).length,
    exchangesInStore,
  };
}

const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function main(): Promise<void> {
  if (!Number.isFinite(SECONDS) || SECONDS <= 0) {
    throw new Error(`GOODWILL_BENCH_MIXED_SECONDS must be a positive number of seconds, not ${SECONDS}`);
  }
  const sqlite = join(WORK, "http-mixed.db");
  for (const suffix of ["", "-wal", "-shm"]) rmSync(sqlite + suffix, { force: true });
  const targets: StoreTarget[] = [{ dialect: "sqlite", location: sqlite }];
  const cluster = await startBenchPostgres();
  let skipped: string | null = null;
  if ("skipped" in cluster) {
    skipped = cluster.skipped;
    console.log(`\n  ${NAME}: the PostgreSQL rows were skipped: ${skipped}.`);
  } else {
    targets.push({ dialect: "postgres", location: await cluster.createDatabase("bench_http_mixed") });
  }

  const generator = new LoadGenerator();
  const figures: StoreFigures[] = [];
  let baseline: LoadSummary;
  try {
    // The baseline answers every request with one person's JSON, whatever was asked.
    const bodyFile = join(WORK, "http-mixed-body.json");
    writeFileSync(bodyFile, JSON.stringify({ id: "0".repeat(36), name: "A person", emails: [], tags: [] }));
    const bare = await startServerChild("serve-fixed-json.ts", bodyFile);
    try {
      log(NAME, `baseline: bare node:http, ${CONNECTIONS} connections for ${BASELINE_SECONDS} s`);
      const fake: SeededAccount[] = [{ ownerId: "", token: "none", personIds: ["0"] }];
      baseline = summariseLoad([await generator.run(plan(bare.port, BASELINE_SECONDS, fake, "baseline"))]);
    } finally {
      await bare.stop();
    }
    for (const target of targets) figures.push(await measure(target, generator));
  } finally {
    generator.close();
    if (!("skipped" in cluster)) await cluster.stop();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(sqlite + suffix, { force: true });
  }

  for (const f of figures) {
    const s = f.summary;
    const ok = s.errors === 0 && f.missing === 0 && f.unknownStored === 0;
    console.log(
      `\n  ${NAME} on ${f.target.dialect}: ${s.requests} requests, ${s.rps.toFixed(0)} req/s, ${s.errors} errors, ` +
        `${f.load.acknowledged.length} writes acknowledged, ${f.stored} found in the store, p99 ${s.p99.toFixed(1)} ms`,
    );
    report({
      name: `${NAME}/${f.target.dialect}`,
      subject: latencyFigure(`mixed load, ${f.target.dialect}, ${CONNECTIONS} connections, ${SECONDS} s`, s),
      baseline: latencyFigure(`bare node:http, same load, ${BASELINE_SECONDS} s`, baseline),
      ratio: s.rps / baseline.rps,
      target: "0 errors; every acknowledged write in the store",
      met: ok,
      notes: {
        "ratio is": "goodwill requests/s ÷ baseline requests/s (higher is better)",
        requests: s.requests,
        "requests/s": Math.round(s.rps),
        "baseline requests/s": Math.round(baseline.rps),
        errors: s.errors,
        "writes acknowledged (2xx)": f.load.acknowledged.length,
        "writes of this run found in the store": f.stored,
        "acknowledged but missing": f.missing,
        "answered with an error yet stored": f.unacknowledgedStored,
        "in the store but never sent": f.unknownStored,
        "exchanges in the store (with the seeded ones)": f.exchangesInStore,
        "p50 / p99 / max ms": `${round1(s.p50)} / ${round1(s.p99)} / ${round1(s.max)}`,
        ...Object.fromEntries(
          f.byKind.map((k) => [
            `${k.name}: count, p50 / p99 ms, errors`,
            `${k.summary.requests}, ${round1(k.summary.p50)} / ${round1(k.summary.p99)}, ${k.summary.errors}`,
          ]),
        ),
        "first answer on a new connection: median / max ms": `${round1(median(f.load.firstAnswerMs))} / ${round1(Math.max(...f.load.firstAnswerMs))}`,
        ...(f.eventLoop
          ? {
              "server event-loop delay p50 / p99 / max ms": `${f.eventLoop.p50} / ${f.eventLoop.p99} / ${f.eventLoop.max}`,
            }
          : {}),
        statuses: Object.entries(f.load.statuses)
          .map(([status, n]) => `${status}: ${n}`)
          .join(", "),
        ...(f.load.errorSamples.length > 0
          ? { "first errors": f.load.errorSamples.slice(0, 5).join("; ") }
          : {}),
        ...(skipped ? { "postgresql rows": `skipped: ${skipped}` } : {}),
      },
    });
  }
}

await main();
