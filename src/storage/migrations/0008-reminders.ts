import { type Kysely, sql } from "kysely";
import type { Dialect } from "../dialect.js";

/**
 * Reminders that arrive (issue 13). Each account's reminder settings live in `settings` (one JSON
 * value); this adds:
 * - `reminder_deliveries`: one row per (account, kind, local date, channel), the key that makes a
 *   note go out once whichever process (a restart, a second server, `goodwill remind`) gets there
 *   first; it also holds the attempts, the next retry and the last error shown in Settings;
 * - `push_subscriptions`: the browsers an account subscribed for Web Push;
 * - `reminder_action_uses`: the one-tap links from a note already used (each works once);
 * - `server_secrets`: the server's own keys (VAPID, the key that signs links), made once.
 * None is journaled: they are the server's bookkeeping, not the user's data an undo puts back.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("reminder_deliveries")
    .addColumn("owner_id", "text", (c) => c.notNull().references("owners.id").onDelete("cascade"))
    // daily | weekly
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("local_date", "text", (c) => c.notNull())
    // email | webhook | push:<subscription id>
    .addColumn("channel", "text", (c) => c.notNull())
    // sending | sent | retry | failed | empty
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull())
    .addColumn("lease_until", "text")
    .addColumn("next_attempt_at", "text")
    .addColumn("last_error", "text")
    .addColumn("sent_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("reminder_deliveries_pk", ["owner_id", "kind", "local_date", "channel"])
    .execute();
  await db.schema
    .createIndex("reminder_deliveries_retry_idx")
    .on("reminder_deliveries")
    .columns(["status", "next_attempt_at"])
    .execute();

  await db.schema
    .createTable("push_subscriptions")
    .addColumn("owner_id", "text", (c) => c.notNull().references("owners.id").onDelete("cascade"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("endpoint", "text", (c) => c.notNull())
    .addColumn("p256dh", "text", (c) => c.notNull())
    .addColumn("auth", "text", (c) => c.notNull())
    .addColumn("label", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("push_subscriptions_pk", ["owner_id", "id"])
    .addUniqueConstraint("push_subscriptions_endpoint_uq", ["owner_id", "endpoint"])
    .execute();

  await db.schema
    .createTable("reminder_action_uses")
    .addColumn("owner_id", "text", (c) => c.notNull().references("owners.id").onDelete("cascade"))
    .addColumn("nonce", "text", (c) => c.notNull())
    .addColumn("used_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("reminder_action_uses_pk", ["owner_id", "nonce"])
    .execute();

  await db.schema
    .createTable("server_secrets")
    .addColumn("key", "text", (c) => c.notNull().primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  if (dialect.name === "postgres") {
    // Like every table (migration 0004): a write drops the other processes' read caches.
    for (const table of [
      "reminder_deliveries",
      "push_subscriptions",
      "reminder_action_uses",
      "server_secrets",
    ])
      await sql`create trigger goodwill_changes
        after insert or update or delete or truncate on ${sql.table(table)}
        for each statement execute function goodwill_notify_change()`.execute(db);
  }
}
