/**
 * The PostgreSQL row of the `today` benchmark (issue 16 §2: ≤ 40 ms): the big SQLite store copied
 * into a database of a throwaway cluster with multi-row inserts, then `today` timed there against a
 * raw read of everyone's aggregates in the same run. The tables `today` never reads (contact_days,
 * search_documents) are not copied, to keep the copy within a minute or two on a loaded machine.
 */
import { performance } from "node:perf_hooks";
import type Database from "better-sqlite3";
import {
  createQueryId,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PostgresQueryCompiler,
  type QueryCompiler,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from "kysely";
import pg from "pg";
import { today } from "../src/app/agenda.js";
import type { AppContext } from "../src/app/context.js";
import { openStore, type Store } from "../src/storage/store.js";
import type { PostgresCluster } from "../test/support/throwaway-postgres.js";
import { startBenchPostgres } from "./http-load.js";
import { ms, report, sampleInterleaved } from "./measure.js";

const TARGET_MS = 40;
/** Tables `today` does not read: left out of the copy. */
const NOT_COPIED = new Set(["contact_days", "search_documents"]);
/** PostgreSQL takes at most 65,535 parameters in one statement. */
const MAX_PARAMETERS = 60_000;

/** Copies every table both stores have, rows in batches of one multi-row insert each; returns the rows copied. */
export async function copyStore(raw: Database.Database, pool: pg.Pool): Promise<number> {
  const client = await pool.connect();
  let copied = 0;
  try {
    // Foreign keys and the change triggers stay off during the copy (the rows are consistent already).
    await client.query("set session_replication_role = replica");
    const pgColumns = new Map<string, string[]>();
    for (const row of (
      await client.query<{ table_name: string; column_name: string }>(
        "select table_name, column_name from information_schema.columns where table_schema = 'public'",
      )
    ).rows) {
      pgColumns.set(row.table_name, [...(pgColumns.get(row.table_name) ?? []), row.column_name]);
    }
    const tables = (
      raw
        .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
        .all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    for (const table of tables) {
      const target = pgColumns.get(table);
      if (!target || NOT_COPIED.has(table) || table.startsWith("kysely_")) continue;
      const source = (
        raw.prepare(`select name from pragma_table_info(?)`).all(table) as { name: string }[]
      ).map((c) => c.name);
      const columns = source.filter((c) => target.includes(c));
      const perBatch = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
      const list = columns.map((c) => `"${c}"`).join(", ");
      let batch: unknown[][] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        const values = batch
          .map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(", ")})`)
          .join(", ");
        await client.query(
          `insert into "${table}" (${list}) values ${values} on conflict do nothing`,
          batch.flat(),
        );
        copied += batch.length;
        batch = [];
      };
      for (const row of raw.prepare(`select ${list} from "${table}"`).raw(true).iterate() as Iterable<
        unknown[]
      >) {
        batch.push(row);
        if (batch.length === perBatch) await flush();
      }
      await flush();
    }
    // What autovacuum does to a real store after bulk inserts: statistics, and the visibility map
    // without which every index-only scan still visits the table.
    await client.query("vacuum analyze");
  } finally {
    client.release();
  }
  return copied;
}

/** One statement `today` ran, as compiled, with its time and rows per run. */
export interface StatementTime {
  sql: string;
  parameters: readonly unknown[];
  ms: number;
  count: number;
  rows: number;
}

/**
 * Runs `today` `runs` times and times each statement it sends. `today` asks for independent reads
 * together, so two clocks:
 * - PostgreSQL (no `sqlite`): a Kysely plugin sees each query leave and its rows come back — its
 *   latency, which overlaps others on the pool's connections; "in SQL" is the time at least one was
 *   under way. A compiled query sent as is, as `readRows` does, is not seen.
 * - SQLite (`sqlite`, any better-sqlite3 database: its statements' class): each statement's own synchronous run
 *   inside the driver, `readRows`' reads included; queries waiting for the one connection do not count.
 * Prints the statements, slowest first, and returns them with the run's total.
 */
export async function timeStatements(
  ctx: AppContext,
  compiler: QueryCompiler,
  runs = 10,
  sqlite?: Database.Database,
): Promise<{ total: number; statements: StatementTime[] }> {
  const spent = new Map<string, StatementTime>();
  const intervals: [number, number][] = [];
  const record = (sql: string, parameters: readonly unknown[], from: number, to: number, rows: number) => {
    const key = sql.replace(/\s+/g, " ");
    const entry = spent.get(key) ?? { sql, parameters, ms: 0, count: 0, rows: 0 };
    entry.ms += to - from;
    entry.count += 1;
    entry.rows += rows;
    spent.set(key, entry);
    intervals.push([from, to]);
  };
  let timed: AppContext = ctx;
  let restore = () => {};
  if (sqlite) {
    // The store keeps its prepared statements: the methods of every statement are timed, on their class.
    const statementClass = Object.getPrototypeOf(sqlite.prepare("select 1")) as Record<
      "all" | "get" | "run",
      (this: Database.Statement, ...args: unknown[]) => unknown
    >;
    const methods = { all: statementClass.all, get: statementClass.get, run: statementClass.run };
    for (const [name, run] of Object.entries(methods)) {
      statementClass[name as keyof typeof methods] = function (this: Database.Statement, ...args: unknown[]) {
        const from = performance.now();
        const result = run.apply(this, args);
        record(this.source, args.flat(), from, performance.now(), Array.isArray(result) ? result.length : 1);
        return result;
      };
    }
    restore = () => Object.assign(statementClass, methods);
  } else {
    const started = new Map<unknown, { sql: string; parameters: readonly unknown[]; at: number }>();
    const timer: KyselyPlugin = {
      transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
        const compiled = compiler.compileQuery(args.node, createQueryId());
        started.set(args.queryId, {
          sql: compiled.sql,
          parameters: compiled.parameters,
          at: performance.now(),
        });
        return args.node;
      },
      async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
        const query = started.get(args.queryId);
        if (query) record(query.sql, query.parameters, query.at, performance.now(), args.result.rows.length);
        return args.result;
      },
    };
    // The store sees the timed connection as its own, so that `today` shares its reads
    // (`sharedRead` shares only outside a transaction: ctx.db === ctx.store.db) as it does untimed.
    const db = ctx.db.withPlugin(timer);
    timed = { ...ctx, db, store: Object.assign(Object.create(ctx.store) as Store, { db }) };
  }
  const begun = performance.now();
  try {
    for (let i = 0; i < runs; i++) await today(timed);
  } finally {
    restore();
  }
  const total = (performance.now() - begun) / runs;
  const statements = [...spent.values()]
    .map((e) => ({ ...e, ms: e.ms / runs, count: e.count / runs, rows: e.rows / runs }))
    .sort((a, b) => b.ms - a.ms);
  const inSql = unionLength(intervals) / runs;
  console.log(
    `\ntoday: time per statement (${runs} runs, per run): total ${ms(total)}, in SQL ${ms(inSql)} (${sqlite ? "statements running in the driver" : "some statement between leaving Kysely and its rows coming back"}), elsewhere ${ms(total - inSql)}`,
  );
  for (const e of statements) {
    const sqlText = e.sql.replace(/\s+/g, " ").replace(/^select .*? from /, "select … from ");
    console.log(
      `  ${ms(e.ms).padStart(9)}  ×${String(e.count).padEnd(3)} ${String(e.rows).padStart(6)} rows  ${sqlText.slice(0, 140)}`,
    );
  }
  return { total, statements };
}

/** The time covered by at least one of these intervals. */
function unionLength(intervals: readonly [number, number][]): number {
  let total = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const [from, to] of [...intervals].sort((x, y) => x[0] - y[0])) {
    if (to <= end) continue;
    total += to - Math.max(from, end);
    end = to;
  }
  return total;
}

/** Prints PostgreSQL's plan, with its timings and buffers, of the `count` slowest statements. */
async function explainSlowest(pool: pg.Pool, statements: readonly StatementTime[], count: number) {
  for (const statement of statements.slice(0, count)) {
    const plan = await pool.query<{ "QUERY PLAN": string }>(
      `explain (analyze, buffers) ${statement.sql}`,
      statement.parameters as unknown[],
    );
    console.log(
      `\nEXPLAIN (ANALYZE, BUFFERS), ${ms(statement.ms)} per run: ${statement.sql.replace(/\s+/g, " ").slice(0, 200)}`,
    );
    for (const row of plan.rows) console.log(`  ${row["QUERY PLAN"]}`);
  }
}

/** Measures `today` on PostgreSQL over a copy of the store `raw`; says why when it cannot. */
export async function measureOnPostgres(
  raw: Database.Database,
  ownerId: string,
  now: number,
  options: { warmups: number; runs: number },
): Promise<void> {
  // GOODWILL_BENCH_PG=postgres://…/db: a server already running, its database copied once and kept
  // (the copy is skipped when it has people), to time changes without a copy each run.
  const kept = process.env.GOODWILL_BENCH_PG;
  const cluster = kept ? null : await startBenchPostgres();
  if (cluster && "skipped" in cluster) {
    console.log(`\ntoday (PostgreSQL): skipped: ${cluster.skipped}`);
    return;
  }
  try {
    const url = kept ?? (await (cluster as PostgresCluster).createDatabase("bench_today"));
    const store = await openStore(url);
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      const began = performance.now();
      const present = kept ? Number((await pool.query("select count(*) as n from people")).rows[0].n) : 0;
      const copied = present > 0 ? 0 : await copyStore(raw, pool);
      if (present > 0) await pool.query("analyze");
      const copySeconds = (performance.now() - began) / 1000;
      const ctx: AppContext = { store, db: store.db, ownerId, now };
      const agenda = await today(ctx);
      const everyone = () =>
        pool.query(
          `select * from person_stats s join people p on p.owner_id = s.owner_id and p.id = s.person_id
           where s.owner_id = $1`,
          [ownerId],
        );
      const [subject, baseline] = await sampleInterleaved(
        [
          { label: "today(ctx) on PostgreSQL", run: () => today(ctx) },
          { label: "raw select of person_stats ⋈ people (pg)", run: everyone },
        ],
        options,
      );
      if (!subject || !baseline) throw new Error("missing figures");
      report({
        name: "today (PostgreSQL)",
        subject,
        baseline,
        ratio: subject.medianMs / baseline.medianMs,
        target: `today median ≤ ${TARGET_MS} ms on PostgreSQL`,
        met: subject.medianMs <= TARGET_MS,
        notes: {
          store: `the SQLite store copied (${copied} rows in ${copySeconds.toFixed(0)} s; contact_days and search_documents, which today does not read, left out)`,
          "agenda counts": Object.entries(agenda.counts)
            .map(([k, v]) => `${k} ${v}`)
            .join(", "),
        },
      });
      if (process.argv.includes("--profile")) {
        const { statements } = await timeStatements(ctx, new PostgresQueryCompiler());
        await explainSlowest(pool, statements, 4);
      }
    } finally {
      await pool.end();
      await store.close();
    }
  } finally {
    await cluster?.stop();
  }
}
