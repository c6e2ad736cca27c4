/**
 * Storage tests run over every dialect in DIALECTS (STYLE.md: the Kysely test-setup way). Each test
 * gets a fresh store and an AppContext for the local owner with a fixed clock.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { ensureLocalOwner } from "../../src/storage/owner.repository.js";
import { openStore, type Store } from "../../src/storage/store.js";

export const DIALECTS = ["sqlite"] as const;
export type TestDialect = (typeof DIALECTS)[number];

export const NOW = Date.parse("2026-11-25T12:00:00.000Z");

/** A new, empty store of the dialect; removed after the test. */
export async function freshStore(dialect: TestDialect): Promise<{ store: Store; url: string }> {
  const dir = mkdtempSync(join(tmpdir(), `goodwill-${dialect}-`));
  const url = join(dir, "goodwill.db");
  const store = await openStore(url);
  cleanups.push(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { store, url };
}

/** A fresh store and a context for its local owner at `now`. */
export async function freshContext(dialect: TestDialect, now = NOW): Promise<AppContext> {
  const { store } = await freshStore(dialect);
  const owner = await ensureLocalOwner(store.db, new Date(now).toISOString());
  return { store, db: store.db, ownerId: owner.id, now };
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
