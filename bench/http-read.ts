/**
 * HTTP read: `GET /api/v1/people/<id>` with a bearer token, 10 connections, against Goodwill's real
 * server (`startServer`, in a child process) on SQLite and on PostgreSQL, each compared with a bare
 * `node:http` server answering the same JSON document. The load generator runs in a third process.
 * After a 2 s warm-up of each, the two are loaded in turns (4 rounds of 2.5 s each, the order
 * alternating), so both see the same noise; requests/s and latency are pooled over the rounds.
 *
 * The account is in team mode with 1,000 imported people besides the one read. Without PostgreSQL
 * binaries (see test/support/throwaway-postgres.ts) only the SQLite rows are measured, and the report says why.
 */
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { KyselyPlugin } from "kysely";
import { createApp } from "../src/http/hono-app.js";
import { localService } from "../src/service/local-service.js";
import { openStore, type Store } from "../src/storage/store.js";
import {
  LoadGenerator,
  type LoadSummary,
  latencyFigure,
  log,
  round1,
  type StoreTarget,
  seedAccount,
  startBenchPostgres,
  startServerChild,
  summariseLoad,
  WORK,
} from "./http-load.js";
import type { LoadPlan, LoadResult } from "./load-generator.js";
import { report } from "./measure.js";

const NAME = "http-read";
const CONNECTIONS = 10;
const WARMUP_MS = 2_000;
const ROUNDS = 4;
const ROUND_MS = 2_500;
const CONTACTS = 1_000;
const TARGET = 0.6;
const AIM = 0.8;

/** The person every request reads: a full record, as a person someone keeps in touch with has. */
async function addReadPerson(store: Store, ownerId: string): Promise<string> {
  const service = localService({ store, db: store.db, ownerId, now: Date.now() });
  const person = await service.addPerson({
    name: "Ngozi Adeyemi-Lindqvist",
    givenName: "Ngozi",
    familyName: "Adeyemi-Lindqvist",
    nickname: "Zizi",
    organization: "Northwind Holdings",
    department: "Research",
    title: "Head of Applied Research",
    emails: ["ngozi@northwind.example", "zizi.al@mail.example"],
    phones: ["+44 20 7946 0958", "+44 7700 900123"],
    urls: ["https://www.linkedin.com/in/ngozi-al"],
    tags: ["mentor", "conference", "research"],
    metText: "Panel at the Lisbon data summit; introduced by Farah",
    birthday: "1984-03-09",
  });
  const id = person.id;
  for (let i = 0; i < 20; i++) {
    await service.recordExchange(
      { personId: id },
      { direction: i % 3 === 0 ? "received" : "gave", summary: `Exchange ${i} while seeding` },
    );
  }
  return id;
}

/**
 * How many SQL statements one GET of a person runs, counted in-process on the same store: when the
 * read cache has it (nothing written since the last GET), and when it does not (after a write).
 */
async function statementsPerRead(
  store: Store,
  token: string,
  personId: string,
): Promise<{ hit: number; miss: number }> {
  let count = 0;
  const counter: KyselyPlugin = {
    transformQuery: (args) => {
      count++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  const app = createApp({ store: { ...store, db: store.db.withPlugin(counter) } });
  const get = () =>
    app.request(`/api/v1/people/${personId}`, { headers: { authorization: `Bearer ${token}` } });
  await get(); // the first may note the token's last use
  await store.readCache.enable();
  await get();
  count = 0;
  const cached = await get();
  const hit = count;
  store.readCache.noteWrite();
  count = 0;
  const uncached = await get();
  const miss = count;
  for (const response of [cached, uncached])
    if (response.status !== 200) throw new Error(`in-process GET answered ${response.status}`);
  return { hit, miss };
}

interface StoreFigures {
  target: StoreTarget;
  subject: LoadSummary;
  baseline: LoadSummary;
  bodyBytes: number;
  statements: { hit: number; miss: number };
  errorSamples: string[];
}

async function measure(target: StoreTarget, generator: LoadGenerator): Promise<StoreFigures> {
  log(NAME, `${target.dialect}: seeding an account with ${CONTACTS.toLocaleString("en")} people`);
  const store = await openStore(target.location);
  let token: string;
  let personId: string;
  let statements: { hit: number; miss: number };
  try {
    const account = await seedAccount(store, 1, CONTACTS);
    token = account.token;
    personId = await addReadPerson(store, account.ownerId);
    statements = await statementsPerRead(store, token, personId);
  } finally {
    await store.close();
  }

  const goodwill = await startServerChild("serve-goodwill.ts", target.location);
  let bare: Awaited<ReturnType<typeof startServerChild>> | undefined;
  try {
    const response = await fetch(`http://127.0.0.1:${goodwill.port}/api/v1/people/${personId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = await response.text();
    if (response.status !== 200 || !body.includes("Ngozi Adeyemi-Lindqvist")) {
      throw new Error(`GET person answered ${response.status}: ${body.slice(0, 300)}`);
    }
    const bodyFile = join(WORK, "http-read-body.json");
    writeFileSync(bodyFile, body);
    bare = await startServerChild("serve-fixed-json.ts", bodyFile);

    const plan = (port: number, warmupMs: number, durationMs: number): LoadPlan => ({
      port,
      connections: CONNECTIONS,
      warmupMs,
      durationMs,
      identities: [{ token, people: [personId], terms: [] }],
      kinds: [{ name: "GET person", method: "GET", path: "/api/v1/people/{person}", weight: 1 }],
      tag: `${NAME}-${target.dialect}`,
      timeoutMs: 30_000,
    });
    const warm = [
      await generator.run(plan(goodwill.port, WARMUP_MS, 0)),
      await generator.run(plan(bare.port, WARMUP_MS, 0)),
    ];
    const subjectRuns: LoadResult[] = [];
    const baselineRuns: LoadResult[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? (["goodwill", "bare"] as const) : (["bare", "goodwill"] as const);
      for (const which of order) {
        const port = which === "goodwill" ? goodwill.port : bare.port;
        const result = await generator.run(plan(port, 0, ROUND_MS));
        (which === "goodwill" ? subjectRuns : baselineRuns).push(result);
      }
      log(NAME, `${target.dialect}: ${round + 1}/${ROUNDS} rounds`);
    }
    const subject = summariseLoad(subjectRuns);
    const baseline = summariseLoad(baselineRuns);
    // Errors of the warm-up count too: a request that failed is a failure whenever it happened.
    subject.errors += warm[0]?.errors ?? 0;
    baseline.errors += warm[1]?.errors ?? 0;
    return {
      target,
      subject,
      baseline,
      bodyBytes: Buffer.byteLength(body),
      statements,
      errorSamples: [...subjectRuns, ...baselineRuns, ...warm].flatMap((r) => r.errorSamples).slice(0, 5),
    };
  } finally {
    await goodwill.stop();
    await bare?.stop();
  }
}

async function main(): Promise<void> {
  const sqlite = join(WORK, "http-read.db");
  for (const suffix of ["", "-wal", "-shm"]) rmSync(sqlite + suffix, { force: true });
  const targets: StoreTarget[] = [{ dialect: "sqlite", location: sqlite }];
  const cluster = await startBenchPostgres();
  let skipped: string | null = null;
  if ("skipped" in cluster) {
    skipped = cluster.skipped;
    console.log(`\n  ${NAME}: the PostgreSQL rows were skipped: ${skipped}.`);
  } else {
    targets.push({ dialect: "postgres", location: await cluster.createDatabase("bench_http_read") });
  }

  const generator = new LoadGenerator();
  const figures: StoreFigures[] = [];
  try {
    for (const target of targets) figures.push(await measure(target, generator));
  } finally {
    generator.close();
    if (!("skipped" in cluster)) await cluster.stop();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(sqlite + suffix, { force: true });
  }

  for (const f of figures) {
    const ratio = f.subject.rps / f.baseline.rps;
    console.log(
      `\n  ${NAME} on ${f.target.dialect}: goodwill ${f.subject.rps.toFixed(0)} req/s (p99 ${f.subject.p99.toFixed(1)} ms), bare node:http ${f.baseline.rps.toFixed(0)} req/s (p99 ${f.baseline.p99.toFixed(1)} ms): ${ratio.toFixed(2)}×`,
    );
    report({
      name: `${NAME}/${f.target.dialect}`,
      subject: latencyFigure(
        `GET /api/v1/people/:id, ${f.target.dialect}, ${CONNECTIONS} connections`,
        f.subject,
      ),
      baseline: latencyFigure(`bare node:http, same ${f.bodyBytes}-byte JSON`, f.baseline),
      ratio,
      target: `requests/s ≥ ${TARGET}× baseline (aim ${AIM}×), 0 errors`,
      met: ratio >= TARGET && f.subject.errors === 0,
      notes: {
        "ratio is": "goodwill requests/s ÷ baseline requests/s (higher is better)",
        "goodwill requests/s": Math.round(f.subject.rps),
        "baseline requests/s": Math.round(f.baseline.rps),
        "goodwill p50 / p99 ms": `${round1(f.subject.p50)} / ${round1(f.subject.p99)}`,
        "baseline p50 / p99 ms": `${round1(f.baseline.p50)} / ${round1(f.baseline.p99)}`,
        "goodwill errors": f.subject.errors,
        "baseline errors": f.baseline.errors,
        "SQL statements per GET (in-process count)": `${f.statements.miss} uncached, ${f.statements.hit} from the read cache`,
        ...(f.errorSamples.length > 0 ? { "first errors": f.errorSamples.join("; ") } : {}),
        ...(skipped ? { "postgresql rows": `skipped: ${skipped}` } : {}),
      },
    });
  }
}

await main();
