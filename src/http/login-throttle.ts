/**
 * Login throttling per account and per address: after too many failures in a window, further
 * attempts are refused (429) until the window passes. In memory: one server process guards itself;
 * behind several processes, put the same limit in the reverse proxy (docs/deploy.md).
 */
const WINDOW_MS = 15 * 60_000;
const PER_ACCOUNT = 5;
const PER_ADDRESS = 20;

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => number) {}

  /** Seconds to wait before another attempt is allowed, or 0 when one may be made now. */
  retryAfter(account: string, address: string): number {
    const waits = [
      this.wait(`a:${account.toLowerCase()}`, PER_ACCOUNT),
      this.wait(`i:${address}`, PER_ADDRESS),
    ];
    return Math.max(...waits);
  }

  fail(account: string, address: string): void {
    for (const key of [`a:${account.toLowerCase()}`, `i:${address}`]) {
      const list = this.recent(key);
      list.push(this.now());
      this.failures.set(key, list);
    }
  }

  succeed(account: string): void {
    this.failures.delete(`a:${account.toLowerCase()}`);
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - WINDOW_MS;
    return (this.failures.get(key) ?? []).filter((t) => t > cutoff);
  }

  private wait(key: string, limit: number): number {
    const list = this.recent(key);
    if (list.length < limit) return 0;
    const oldest = list[list.length - limit] ?? this.now();
    return Math.max(1, Math.ceil((oldest + WINDOW_MS - this.now()) / 1000));
  }
}
