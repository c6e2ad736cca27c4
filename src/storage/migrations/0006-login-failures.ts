import { type Kysely, sql } from "kysely";
import type { Dialect } from "../dialect.js";

/**
 * The sign-in throttle's failures, in the store (issue 11): several server processes on one
 * PostgreSQL count them together. Keyed by what was tried — an account's email key ("a:…") or an
 * address ("i:…") — not by owner: an unknown email is throttled too. Not journaled (an undo must
 * not bring failures back) and not an owner's data (removing an account leaves them to expire).
 *
 * Account email keys become composed (NFC) as well, the form sign-in now looks them up in.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("login_failures")
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("failed_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("login_failures_key_idx")
    .on("login_failures")
    .columns(["key", "failed_at"])
    .execute();
  await db.schema.createIndex("login_failures_at_idx").on("login_failures").column("failed_at").execute();
  if (dialect.name === "postgres") {
    // Like every table (migration 0004): a write drops the other processes' read caches.
    await sql`create trigger goodwill_changes
      after insert or update or delete or truncate on login_failures
      for each statement execute function goodwill_notify_change()`.execute(db);
  }

  const users = await db.selectFrom("users").select(["owner_id", "email", "email_key"]).execute();
  const taken = new Set(users.map((u: { email_key: string }) => u.email_key));
  for (const user of users as { owner_id: string; email: string; email_key: string }[]) {
    const key = user.email.normalize("NFC").trim().toLowerCase();
    // Two accounts that differ only in composition keep their keys: neither is locked out.
    if (key === user.email_key || taken.has(key)) continue;
    await db.updateTable("users").set({ email_key: key }).where("owner_id", "=", user.owner_id).execute();
    taken.add(key);
  }
}
