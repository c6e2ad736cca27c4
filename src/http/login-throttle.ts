/**
 * Login throttling per account and per address: after too many failures in a window, further
 * attempts are refused (429) until the window passes. The failures are kept in the store, so every
 * server process on one PostgreSQL counts them together. The account is the email as sign-in looks
 * it up (accountEmailKey): white space, composition and case make no fresh account to guess at.
 */
import type { Kysely } from "kysely";
import { accountEmailKey } from "../storage/keys.js";
import type { Database } from "../storage/schema.js";
import { clearLoginFailures, loginFailuresAfter, recordLoginFailures } from "../storage/server.repository.js";

const WINDOW_MS = 15 * 60_000;
const PER_ACCOUNT = 5;
const PER_ADDRESS = 20;

const accountKey = (account: string) => `a:${accountEmailKey(account)}`;
const addressKey = (address: string) => `i:${address}`;

export class LoginThrottle {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number,
  ) {}

  /** Seconds to wait before another attempt is allowed, or 0 when one may be made now. */
  async retryAfter(account: string, address: string): Promise<number> {
    const [byAccount, byAddress] = await Promise.all([
      this.recent(accountKey(account)),
      this.recent(addressKey(address)),
    ]);
    return Math.max(this.wait(byAccount, PER_ACCOUNT), this.wait(byAddress, PER_ADDRESS));
  }

  async fail(account: string, address: string): Promise<void> {
    const at = new Date(this.now()).toISOString();
    await recordLoginFailures(this.db, [accountKey(account), addressKey(address)], at, this.cutoff());
  }

  async succeed(account: string): Promise<void> {
    const key = accountKey(account);
    // Read first: a delete is a write, which empties the server's read cache, and a phone signs in
    // on every DAV request.
    if ((await loginFailuresAfter(this.db, key, "")).length > 0) await clearLoginFailures(this.db, key);
  }

  private cutoff(): string {
    return new Date(this.now() - WINDOW_MS).toISOString();
  }

  /** The times of the key's failures in the window, oldest first. */
  private async recent(key: string): Promise<number[]> {
    return (await loginFailuresAfter(this.db, key, this.cutoff())).map((at) => Date.parse(at));
  }

  private wait(failures: number[], limit: number): number {
    if (failures.length < limit) return 0;
    const oldest = failures[failures.length - limit] ?? this.now();
    return Math.max(1, Math.ceil((oldest + WINDOW_MS - this.now()) / 1000));
  }
}
