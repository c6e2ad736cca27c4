/**
 * Storage tests run over every dialect in DIALECTS (STYLE.md: the Kysely test-setup way). Each test
 * gets a fresh store and an AppContext for the local owner with a fixed clock.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach, describe, inject } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { newId } from "../../src/storage/keys.js";
import { ensureLocalOwner } from "../../src/storage/owner.repository.js";
import { openStore, type Store } from "../../src/storage/store.js";

export type TestDialect = "sqlite" | "postgres";

/** The test cluster started by postgres-cluster.ts, or null when PostgreSQL is skipped. */
const POSTGRES_URL = inject("postgresUrl");

/** The dialects this run covers: PostgreSQL whenever the cluster is up (always in CI). */
export const DIALECTS: readonly TestDialect[] = POSTGRES_URL ? ["sqlite", "postgres"] : ["sqlite"];

export const NOW = Date.parse("2026-11-25T12:00:00.000Z");

/** Connections per test store: enough for a transaction beside a read, small for 2 cores. */
const TEST_POOL_SIZE = 3;

let admin: pg.Pool | undefined;

/**
 * A URL for a new, empty store of the dialect, which is removed after the test. A PostgreSQL
 * database is copied from the migrated template, so it opens without migrating.
 */
export async function freshStoreUrl(dialect: TestDialect): Promise<string> {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "goodwill-sqlite-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    return join(dir, "goodwill.db");
  }
  if (!POSTGRES_URL) throw new Error("PostgreSQL is not available in this run.");
  admin ??= new pg.Pool({
    connectionString: `${POSTGRES_URL}/postgres`,
    max: 1,
    idleTimeoutMillis: 1000,
    allowExitOnIdle: true,
  });
  const name = `goodwill_${randomBytes(6).toString("hex")}`;
  const pool = admin;
  await pool.query(`create database ${name} template goodwill_template`);
  // FORCE: a test that failed half-way may have left a store open.
  cleanups.push(async () => void (await pool.query(`drop database if exists ${name} with (force)`)));
  return `${POSTGRES_URL}/${name}?pool=${TEST_POOL_SIZE}`;
}

/** A new, empty store of the dialect; removed after the test. */
export async function freshStore(dialect: TestDialect): Promise<{ store: Store; url: string }> {
  const url = await freshStoreUrl(dialect);
  const store = await openStore(url);
  cleanups.push(() => store.close());
  return { store, url };
}

/** Another handle on a test store, as a second process would open it; closed after the test. */
export async function openStoreAgain(url: string): Promise<Store> {
  const store = await openStore(url);
  cleanups.push(() => store.close());
  return store;
}

/** A fresh store and a context for its local owner at `now`. */
export async function freshContext(dialect: TestDialect, now = NOW): Promise<AppContext> {
  const { store } = await freshStore(dialect);
  const owner = await ensureLocalOwner(store.db, new Date(now).toISOString());
  return { store, db: store.db, ownerId: owner.id, now };
}

/** A context for a new, empty account in the same store: a clean slate without a new database. */
export async function anotherOwner(ctx: AppContext): Promise<AppContext> {
  const at = new Date(ctx.now).toISOString();
  const id = newId();
  await ctx.store.db
    .insertInto("owners")
    .values({
      id,
      kind: "account",
      name: null,
      organization_id: null,
      department_id: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return { ...ctx, db: ctx.store.db, ownerId: id };
}

/** The same context a number of days later: the clock moves, the data stays. */
export function later(ctx: AppContext, days: number): AppContext {
  return { ...ctx, now: ctx.now + days * 86_400_000 };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** describe() once per dialect, with the dialect's name in the title. */
export function describeEachDialect(title: string, body: (dialect: TestDialect) => void): void {
  for (const dialect of DIALECTS) describe(`${title} [${dialect}]`, () => body(dialect));
}

/** Growth sums are large numbers (Σ w·2^(t/H)); two of them agree when their relative difference is tiny. */
export function relativeDifference(a: number, b: number): number {
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale === 0 ? 0 : Math.abs(a - b) / scale;
}
