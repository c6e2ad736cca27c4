import { type Kysely, sql } from "kysely";
import type { Dialect } from "../dialect.js";

/**
 * Writes done once (issue 14): a client that may send a request twice — the web app's offline queue
 * replaying what it holds when the server comes back, a retry after a lost answer — names it with an
 * `Idempotency-Key`; the first answer is kept here and given again for the same key. Kept 30 days.
 * Not journaled: an undo of the write does not make the request new again.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("idempotent_requests")
    .addColumn("owner_id", "text", (c) => c.notNull().references("owners.id").onDelete("cascade"))
    .addColumn("key", "text", (c) => c.notNull())
    // sha256 of method, path and body: the same key for another request is refused
    .addColumn("request_hash", "text", (c) => c.notNull())
    // 0 while the first request is being handled
    .addColumn("status", "integer", (c) => c.notNull())
    .addColumn("response", "text")
    .addColumn("undo_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("idempotent_requests_pk", ["owner_id", "key"])
    .execute();
  await db.schema
    .createIndex("idempotent_requests_age_idx")
    .on("idempotent_requests")
    .columns(["owner_id", "created_at"])
    .execute();
  if (dialect.name === "postgres") {
    await sql`create trigger goodwill_changes
      after insert or update or delete or truncate on idempotent_requests
      for each statement execute function goodwill_notify_change()`.execute(db);
  }
}
