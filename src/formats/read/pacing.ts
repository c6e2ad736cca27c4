/**
 * Long work done in steps, so that an import running in the server does not hold the event loop:
 * a hostile card of a million lines takes a second to read even at linear speed, and every other
 * request (the health check among them) would wait that second.
 *
 * Work is written once, as a generator that yields (nothing) every so many items; the CLI and the
 * tests run it straight through, an import runs it with a Pacer, which gives the event loop a turn
 * whenever a few milliseconds of work have passed since the last one.
 */

/** Work that yields between chunks and returns its result. */
export type Steps<T> = Generator<void, T, void>;

/** Runs stepped work straight through. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** How long work may hold the event loop before it gives other requests a turn. */
export const DEFAULT_SLICE_MS = 10;

export class Pacer {
  private since = performance.now();

  constructor(private readonly sliceMs = DEFAULT_SLICE_MS) {}

  /** Whether the current slice of work is used up (cheap enough to ask every few hundred items). */
  due(): boolean {
    return performance.now() - this.since >= this.sliceMs;
  }

  /** Lets timers, I/O and other requests run, then starts a new slice. */
  async pause(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.since = performance.now();
  }

  /** Pauses only when the slice is used up. */
  async maybePause(): Promise<void> {
    if (this.due()) await this.pause();
  }

  /** Runs stepped work, pausing between its steps whenever the slice is used up. */
  async run<T>(steps: Steps<T>): Promise<T> {
    for (;;) {
      const next = steps.next();
      if (next.done) return next.value;
      if (this.due()) await this.pause();
    }
  }
}
