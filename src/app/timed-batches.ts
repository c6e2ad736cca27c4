/**
 * Writing a long stream of items (an import of contacts or of mail history) in write transactions.
 *
 * Items per transaction: as many as SQLite's one write lock can be held for in about
 * `BATCH_BUDGET_MS` (an import in the server) or `BATCH_BUDGET_ALONE_MS` (a CLI command, with no
 * requests of its own to answer), between 250 and 5,000 (PostgreSQL's: `BatchSizing` in
 * import-contacts.ts). Each batch is sized from how long the last
 * one took, so a CLI import commits rarely (each commit writes the hot index pages again), while an
 * import in the server keeps its transactions short: its event loop gets a turn between two
 * batches. A server beside a CLI import waits for the lock without blocking (sqlite-dialect.ts), at
 * most a second here, far within its five.
 */
import { Pacer } from "../formats/read/pacing.js";
import { type AppContext, inWriteTransaction } from "./context.js";

export const BATCH_MIN = 250;
const BATCH_MAX = 5_000;
const BATCH_BUDGET_MS = 100;
/**
 * A CLI import: no requests of its own wait, so a batch may hold the lock ten times as long. In a
 * 100,000-contact import, batches of ~600 (a loaded machine at 100 ms) wrote 2.6 GB to the WAL,
 * batches of 5,000 1.1 GB: every commit writes each page its random-keyed index entries touched.
 */
export const BATCH_BUDGET_ALONE_MS = 1_000;

/**
 * How long a batch may hold the lock, and its most items. PostgreSQL's lock is one owner's (an
 * advisory lock), not the whole store's: its imports take longer, fewer batches (see import-contacts.ts).
 */
export interface BatchSizing {
  budgetMs: number;
  max: number;
  /**
   * The next batch is read while the last one is written. For PostgreSQL, whose writes wait on the
   * database server: this process reads and parses meanwhile. Batches are still written one after
   * the other, each in its own transaction.
   */
  overlapped?: boolean;
}

const SQLITE_SIZING: BatchSizing = { budgetMs: BATCH_BUDGET_MS, max: BATCH_MAX };
/** A CLI import on SQLite: alone with the store, so longer batches (BATCH_BUDGET_ALONE_MS). */
export const SQLITE_ALONE_SIZING: BatchSizing = { budgetMs: BATCH_BUDGET_ALONE_MS, max: BATCH_MAX };

/** The size of the next batch, from the last one's size and how long it held the lock. */
export function nextBatchSize(size: number, tookMs: number, sizing: BatchSizing = SQLITE_SIZING): number {
  const fitting = Math.round((size * sizing.budgetMs) / Math.max(tookMs, 1));
  // At most twice as many at a time: one quick batch may have been a lucky one.
  return Math.min(sizing.max, 2 * size, Math.max(BATCH_MIN, fitting));
}

/** A pause after each batch: the moment another writer waiting for the lock takes it. */
const BETWEEN_BATCHES_MS = 2;

export interface TimedBatches<T> {
  /** A turn for the server's other requests while reading: call it once per item read. */
  turn(): Promise<void>;
  /** Adds an item; a batch that is full is written. */
  add(item: T): Promise<void>;
  /** Writes what is left. */
  flush(): Promise<void>;
  /**
   * Waits for a batch still being written (`overlapped`), whatever its outcome: for the reading's
   * own failure, so nothing commits after the caller has given up.
   */
  settled(): Promise<void>;
}

/**
 * Batches written by `write`, each in one write transaction; `afterBatch` runs after each commit
 * (progress, the planner's statistics); `sizing`: how long a batch may hold the lock, its most items,
 * and whether the next one is read while it is written.
 */
export function timedBatches<T>(
  ctx: AppContext,
  write: (tx: AppContext, items: T[]) => Promise<void>,
  afterBatch?: () => void | Promise<void>,
  sizing: BatchSizing = SQLITE_SIZING,
): TimedBatches<T> {
  // In the server, other requests get a turn every few milliseconds of reading, and after every
  // batch: an import of a big or hostile file must not freeze the API.
  const pacer = new Pacer();
  let batch: T[] = [];
  let size = BATCH_MIN;
  /** The batch being written while the next one is read (`overlapped`). */
  let writing: Promise<void> | undefined;
  const writeBatch = async (current: T[]) => {
    const started = performance.now();
    await inWriteTransaction(ctx, (tx) => write(tx, current));
    size = nextBatchSize(current.length, performance.now() - started, sizing);
    await afterBatch?.();
    // A short timer, not only a turn of the event loop: another process waiting for SQLite's lock
    // takes it then (the pacer alone shares the loop with this server's own requests).
    await new Promise((resolve) => setTimeout(resolve, BETWEEN_BATCHES_MS));
    await pacer.pause();
  };
  const flush = async () => {
    const before = writing;
    writing = undefined;
    await before;
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    await writeBatch(current);
  };
  return {
    turn: () => pacer.maybePause(),
    async add(item) {
      batch.push(item);
      if (batch.length < size) return;
      if (!sizing.overlapped) return flush();
      await writing;
      const current = batch;
      batch = [];
      writing = writeBatch(current);
      // Its failure is thrown by the next add or flush, which await it: not an unhandled rejection.
      writing.catch(() => {});
    },
    flush,
    async settled() {
      await writing?.catch(() => {});
    },
  };
}
