/**
 * The PostgreSQL row of the `today` benchmark (issue 16 §2: ≤ 40 ms): the big SQLite store copied
 * into a database of a throwaway cluster with multi-row inserts, then `today` timed there against a
 * raw read of everyone's aggregates in the same run. The tables `today` never reads (contact_days,
 * search_documents) are not copied, to keep the copy within a minute or two on a loaded machine.
 */
import { performance } from "node:perf_hooks";
import type Database from "better-sqlite3";
import pg from "pg";
import { today } from "../src/app/agenda.js";
import type { AppContext } from "../src/app/context.js";
import { openStore } from "../src/storage/store.js";
import { startBenchPostgres } from "./http-load.js";
import { report, sampleInterleaved } from "./measure.js";

const TARGET_MS = 40;
/** Tables `today` does not read: left out of the copy. */
const NOT_COPIED = new Set(["contact_days", "search_documents"]);
/** PostgreSQL takes at most 65,535 parameters in one statement. */
const MAX_PARAMETERS = 60_000;

/** Copies every table both stores have, rows in batches of one multi-row insert each; returns the rows copied. */
async function copyStore(raw: Database.Database, pool: pg.Pool): Promise<number> {
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
    await client.query("analyze");
  } finally {
    client.release();
  }
  return copied;
}

/** Measures `today` on PostgreSQL over a copy of the store `raw`; says why when it cannot. */
export async function measureOnPostgres(
  raw: Database.Database,
  ownerId: string,
  now: number,
  options: { warmups: number; runs: number },
): Promise<void> {
  const cluster = await startBenchPostgres();
  if ("skipped" in cluster) {
    console.log(`\ntoday (PostgreSQL): skipped: ${cluster.skipped}`);
    return;
  }
  try {
    const url = await cluster.createDatabase("bench_today");
    const store = await openStore(url);
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      const began = performance.now();
      const copied = await copyStore(raw, pool);
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
    } finally {
      await pool.end();
      await store.close();
    }
  } finally {
    await cluster.stop();
  }
}
