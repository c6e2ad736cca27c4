/**
 * Login throttling per account and per address: after too many failures in a window, further
 * attempts are refused (429) until the window passes. The failures are kept in the store, so every
 * server process on one PostgreSQL counts them together. The account is the email as sign-in looks
 * it up (accountEmailKey): white space, composition and case make no fresh account to guess at.
 */
import type { Kysely } from "kysely";
import { accountEmailKey } from "../storage/keys.js";
import type { Database } from "../storage/schema.js";

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
    // Failures older than the window count for nothing: each new one clears them away.
    await this.db.deleteFrom("login_failures").where("failed_at", "<=", this.cutoff()).execute();
    await this.db
      .insertInto("login_failures")
      .values([
        { key: accountKey(account), failed_at: at },
        { key: addressKey(address), failed_at: at },
      ])
      .execute();
  }

  async succeed(account: string): Promise<void> {
    await this.db.deleteFrom("login_failures").where("key", "=", accountKey(account)).execute();
  }

  private cutoff(): string {
    return new Date(this.now() - WINDOW_MS).toISOString();
  }

  /** The times of the key's failures in the window, oldest first. */
  private async recent(key: string): Promise<number[]> {
    const rows = await this.db
      .selectFrom("login_failures")
      .select("failed_at")
      .where("key", "=", key)
      .where("failed_at", ">", this.cutoff())
      .orderBy("failed_at")
      .execute();
    return rows.map((r) => Date.parse(r.failed_at));
  }

  private wait(failures: number[], limit: number): number {
    if (failures.length < limit) return 0;
    const oldest = failures[failures.length - limit] ?? this.now();
    return Math.max(1, Math.ceil((oldest + WINDOW_MS - this.now()) / 1000));
  }
}
