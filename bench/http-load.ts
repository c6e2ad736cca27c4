/**
 * What the HTTP benchmarks share: server children (Goodwill's real server, and the bare baseline),
 * the load generator's process, accounts seeded through the app's own use-cases, and latency
 * figures. Servers and the generator each run in a process of their own, so none of them shares an
 * event loop with another; everything listens on and targets 127.0.0.1 only.
 */
import { type ChildProcess, fork } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { addUser, createApiToken } from "../src/app/accounts.js";
import type { AppContext } from "../src/app/context.js";
import { openImportFile } from "../src/app/read-file.js";
import { localService } from "../src/service/local-service.js";
import type { Store } from "../src/storage/store.js";
import { startPostgres } from "../test/support/throwaway-postgres.js";
import { ensureContactsFile } from "./contacts-file.js";
import type { LoadPlan, LoadResult } from "./load-generator.js";
import type { Figure } from "./measure.js";
import type { EventLoopStats } from "./serve-goodwill.js";

const HERE = dirname(fileURLToPath(import.meta.url));
export const WORK = join(HERE, "..", ".bench");
const TSX = { execArgv: ["--import", "tsx"] };

export const log = (bench: string, text: string) => process.stderr.write(`  ${bench}: ${text}\n`);

/** A child process serving HTTP on 127.0.0.1:port. */
export interface ServerChild {
  port: number;
  process: ChildProcess;
  /** starts the server's event-loop figures afresh (Goodwill's server only) */
  resetStats(): void;
  /** stops the server; Goodwill's reports its event-loop delay since the last reset */
  stop(): Promise<EventLoopStats | null>;
}

const NATIVE = /^(pg|pg-native)(\/|$)|\.node$/;
let serverBundle: Promise<string> | undefined;

/**
 * Goodwill's server child bundled and minified as the shipped binary is (tsdown, the same settings
 * as tsdown.config.ts), rather than run through tsx: tsx keeps every function's name by wrapping
 * each closure as it is created, which cost the server about a tenth of its time per request.
 */
function bundledServer(): Promise<string> {
  serverBundle ??= (async () => {
    const { build } = await import("tsdown");
    const outDir = join(WORK, "server-bundle");
    await build({
      config: false,
      entry: { "serve-goodwill": join(HERE, "serve-goodwill.ts") },
      format: "esm",
      platform: "node",
      target: "node20",
      outDir,
      clean: true,
      dts: false,
      minify: true,
      logLevel: "warn",
      deps: { neverBundle: NATIVE, alwaysBundle: (id) => !NATIVE.test(id), onlyBundle: false },
    });
    return join(outDir, "serve-goodwill.mjs");
  })();
  return serverBundle;
}

/**
 * Forks `bench/<script>` with one argument and waits until it says which port it listens on
 * (`serve-goodwill.ts` runs bundled, the others through tsx). With
 * GOODWILL_BENCH_SERVER_PROF=<dir>, each server writes a V8 CPU profile there when it stops (read
 * it with bench/cpu-profile.ts).
 */
export async function startServerChild(script: string, argument: string): Promise<ServerChild> {
  const profile = process.env.GOODWILL_BENCH_SERVER_PROF;
  const bundled = script === "serve-goodwill.ts";
  const loader = bundled ? [] : TSX.execArgv;
  const execArgv = profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`, ...loader] : loader;
  const file = bundled ? await bundledServer() : join(HERE, script);
  return new Promise((resolve, reject) => {
    const child = fork(file, [argument], { execArgv, stdio: "inherit" });
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${script} did not start within 60 s`));
    }, 60_000);
    child.once("error", reject);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code}) before listening`));
    });
    child.once("message", (message) => {
      clearTimeout(timer);
      child.removeAllListeners("exit");
      const port = (message as { port: number }).port;
      let stats: EventLoopStats | null = null;
      child.on("message", (m) => {
        if (typeof m === "object" && m !== null && "eventLoop" in m) stats = m.eventLoop as EventLoopStats;
      });
      resolve({
        port,
        process: child,
        resetStats: () => child.send("reset"),
        stop: () =>
          new Promise<EventLoopStats | null>((done) => {
            if (child.exitCode !== null) return done(stats);
            child.once("exit", () => done(stats));
            child.send("stop");
            // A server that does not close in time is stopped anyway; it is ours, by its pid.
            setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
          }),
      });
    });
  });
}

/** The load generator, in its own process, running one plan at a time. */
export class LoadGenerator {
  private readonly child = fork(join(HERE, "load-generator.ts"), [], { ...TSX, stdio: "inherit" });

  run(plan: LoadPlan): Promise<LoadResult> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the load generator exited (${code})`));
      this.child.once("exit", onExit);
      this.child.once("message", (message) => {
        this.child.removeListener("exit", onExit);
        const answer = message as { result?: LoadResult; error?: string };
        if (answer.result) resolve(answer.result);
        else reject(new Error(`the load generator failed: ${answer.error}`));
      });
      this.child.send(plan);
    });
  }

  close(): void {
    this.child.disconnect();
  }
}

/** Requests/s, errors and latency over one or more runs of the generator. */
export interface LoadSummary {
  requests: number;
  rps: number;
  errors: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  latencies: number[];
}

export function summariseLoad(results: readonly LoadResult[], kind?: string): LoadSummary {
  const latencies = results.flatMap((r) =>
    r.kinds.filter((k) => kind === undefined || k.name === kind).flatMap((k) => k.latencies),
  );
  latencies.sort((a, b) => a - b);
  const requests = latencies.length;
  const elapsed = results.reduce((sum, r) => sum + r.elapsedMs, 0);
  // Nearest rank, as measure.ts: a value that was measured.
  const at = (p: number) => latencies[Math.min(requests, Math.max(1, Math.ceil(p * requests))) - 1] ?? 0;
  return {
    requests,
    rps: elapsed > 0 ? (requests / elapsed) * 1000 : 0,
    errors: results.reduce(
      (sum, r) => sum + (kind === undefined ? r.errors : (r.kinds.find((k) => k.name === kind)?.errors ?? 0)),
      0,
    ),
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: latencies.at(-1) ?? 0,
    latencies,
  };
}

/** Per-request latency as a Figure (median = p50) for the harness's table. */
export function latencyFigure(label: string, s: LoadSummary): Figure {
  return { label, medianMs: s.p50, p90Ms: s.p90, minMs: s.latencies[0] ?? 0, runs: s.requests };
}

export const round1 = (value: number) => Number(value.toFixed(1));

/** Names in the generated contacts, for searches that find something. */
export const SEARCH_TERMS = [
  "castro",
  "acme",
  "engineer",
  "nguyen sales",
  "priya",
  "globex it",
  "mül",
  "rossi",
];

/** An account ready to be loaded: its bearer token, and the people its requests will name. */
export interface SeededAccount {
  ownerId: string;
  token: string;
  personIds: string[];
}

/**
 * An account (team mode, as a shared server runs) with an API token and `contacts` people imported
 * from the generated address book, all through the app's own use-cases.
 */
export async function seedAccount(store: Store, index: number, contacts: number): Promise<SeededAccount> {
  const nowIso = new Date().toISOString();
  const account = await addUser(
    store.db,
    { email: `bench${index}@example.com`, name: `Bench ${index}`, password: "correct horse battery staple" },
    nowIso,
  );
  const { token } = await createApiToken(store.db, account.ownerId, "bench", nowIso);
  const ctx: AppContext = { store, db: store.db, ownerId: account.ownerId, now: Date.now() };
  const file = join(WORK, `contacts-${contacts}.vcf`);
  await ensureContactsFile(file, contacts);
  const imported = await localService(ctx).importContacts(await openImportFile(file), "vcard");
  if (imported.created !== contacts) throw new Error(`seeding imported ${imported.created} of ${contacts}`);
  const people = await store.db
    .selectFrom("people")
    .select("id")
    .where("owner_id", "=", account.ownerId)
    .orderBy("id")
    .execute();
  return { ownerId: account.ownerId, token, personIds: people.map((p) => p.id) };
}

/** "sqlite" on a file under .bench, "postgres" in a database of the throwaway cluster. */
export interface StoreTarget {
  dialect: "sqlite" | "postgres";
  /** what openStore and the server child are given */
  location: string;
}

/**
 * The PostgreSQL of the HTTP benchmarks. Unlike the tests' cluster, fsync stays on: commits do not
 * wait for the disk (as SQLite's WAL with synchronous=NORMAL does not), but checkpoints and the WAL
 * writer sync as in production.
 */
export function startBenchPostgres() {
  return startPostgres({
    prefix: "goodwill-bench-pg-",
    settings: ["synchronous_commit=off", "max_connections=200", "shared_buffers=128MB"],
  });
}
