/**
 * An in-process cache of documents read from the store, for the server's hot reads (who a token
 * belongs to, the owner's profile, one person). Any write drops everything, so nothing cached can
 * be older than the last write the process could know of:
 *
 * - writes of this process are noted by the store's driver (change-tracking-dialect.ts) after each
 *   statement that may write and after each commit or rollback, so they take effect at once;
 * - writes of other processes are noticed through the dialect's `ChangeWatch`: SQLite's
 *   `PRAGMA data_version`, checked at most once a millisecond, or PostgreSQL's notifications, which
 *   arrive a moment after the other process commits (see docs/decisions.md).
 *
 * Cache only what depends on the stored data alone: nothing computed from the clock (scores decay).
 * Cached values are shared between requests and must not be changed by their readers.
 */

/** What a watch knows of other processes' writes since it was last asked. */
export type ExternalChanges = "none" | "changed" | "unknown";

export interface ChangeWatch {
  /** "unknown" while the watch cannot tell (e.g. its connection is lost): nothing is cached then. */
  poll(): ExternalChanges;
  close(): Promise<void>;
}

/** Other processes' writes are looked for at most this often (see #current). */
const POLL_INTERVAL_MS = 1;

/** Beyond this many documents the cache starts over rather than grow. */
const MAX_ENTRIES = 20_000;

export class ReadCache {
  #generation = 0;
  #entriesGeneration = 0;
  readonly #entries = new Map<string, unknown>();
  #watch: ChangeWatch | null = null;
  #starting: Promise<void> | null = null;
  #closed = false;
  #polledAt = Number.NEGATIVE_INFINITY;
  #lastPoll: ExternalChanges = "unknown";

  constructor(private readonly startWatch: () => Promise<ChangeWatch>) {}

  /**
   * Starts caching (the server does; a CLI command never caches). Until the watch on other
   * processes is up, every read goes to the store.
   */
  enable(): Promise<void> {
    this.#starting ??= this.startWatch().then(async (watch) => {
      if (this.#closed) return watch.close();
      this.#watch = watch;
      this.#generation++;
    });
    return this.#starting;
  }

  /** A write of this process may have changed anything: forget everything. */
  noteWrite(): void {
    this.#generation++;
  }

  /** The current generation, or null when nothing may be cached now. */
  #current(): number | null {
    if (this.#watch === null) return null;
    // Asking the watch costs a few microseconds (SQLite reads its WAL index): ask at most once a
    // millisecond, so a burst of requests shares one answer.
    const now = performance.now();
    if (now - this.#polledAt >= POLL_INTERVAL_MS || this.#lastPoll === "unknown") {
      this.#polledAt = now;
      this.#lastPoll = this.#watch.poll();
      if (this.#lastPoll === "changed") this.#generation++;
    }
    if (this.#lastPoll === "unknown") return null;
    if (this.#entriesGeneration !== this.#generation) {
      this.#entries.clear();
      this.#entriesGeneration = this.#generation;
    }
    return this.#generation;
  }

  /**
   * The document under `key`, loaded when it is not cached or something was written since. A load
   * that a write overtook is returned but not kept.
   */
  async read<T>(key: string, load: () => Promise<T>): Promise<T> {
    const generation = this.#current();
    if (generation === null) return load();
    if (this.#entries.has(key)) return this.#entries.get(key) as T;
    const value = await load();
    if (this.#current() === generation) {
      if (this.#entries.size >= MAX_ENTRIES) this.#entries.clear();
      this.#entries.set(key, value);
    }
    return value;
  }

  /**
   * The document under `key` when it is cached and nothing was written since it was read; never
   * loads. For a caller that has a slower way to answer when it is not (http/hot-read.ts).
   */
  peek<T>(key: string): T | undefined {
    if (this.#current() === null) return undefined;
    return this.#entries.get(key) as T | undefined;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#entries.clear();
    const watch = this.#watch;
    this.#watch = null;
    await watch?.close();
  }
}
