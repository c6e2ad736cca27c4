import { type Kysely, sql } from "kysely";
import type { Dialect } from "../dialect.js";

/**
 * Capture without typing (issue 18): mail and calendar history, and a forwarding address.
 *
 * - `capture_sources` remembers every message or meeting seen, by its key (`mail:<Message-ID>`,
 *   `ics:<UID>` or `ics:<UID>@<RECURRENCE-ID>`), so a second import of the same export adds nothing.
 *   `status` is `logged` (it became the moment `interaction_id`), `unmatched` (no known person was on
 *   it: a later import looks again, once its people are added) or `skipped` (a mailing list, a
 *   no-reply sender, a cancelled meeting). `import_id` is the undo entry of the import that saw it.
 * - `capture_correspondents` counts the addresses on messages that are not yet people ("people you
 *   write to often"), each source counted once; `status` open | added | dismissed.
 * - `inbox_items` are suggested entries the user confirms: `kind` gave | received | ask | thanks |
 *   alias, with `because` (the words that suggested it), `detail` (JSON: the exchange kind, the
 *   alias address…), `status` open | accepted | dismissed and `record_id` (what accepting wrote).
 * - `capture_addresses` is each owner's forwarding address: `log-<secret>@<host>`, the secret kept as
 *   its SHA-256 hash (the address is shown when made).
 * Sources, correspondents and inbox items are journaled: undoing an import forgets what it saw.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("capture_sources")
    .addColumn("owner_id", "text", (c) => c.notNull().references("owners.id").onDelete("cascade"))
    .addColumn("source_key", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("occurred_at", "text")
    .addColumn("interaction_id", "text")
    .addColumn("import_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("capture_sources_pk", ["owner_id", "source_key"])
    .execute();
  await db.schema
    .createIndex("capture_sources_interaction_idx")
    .on("capture_sources")
    .columns(["owner_id", "interaction_id"])
    .execute();
  await db.schema
    .createTable("capture_correspondents")
    .addColumn("owner_id", "text", (c) => c.notNull().references("owners.id").onDelete("cascade"))
    .addColumn("email_key", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("name", "text")
    .addColumn("messages", "integer", (c) => c.notNull())
    .addColumn("first_at", "text")
    .addColumn("last_at", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("person_id", "text")
    .addPrimaryKeyConstraint("capture_correspondents_pk", ["owner_id", "email_key"])
    .execute();
  await db.schema
    .createIndex("capture_correspondents_rank_idx")
    .on("capture_correspondents")
    .columns(["owner_id", "status", "messages"])
    .execute();
  await db.schema
    .createTable("inbox_items")
    .addColumn("owner_id", "text", (c) => c.notNull().references("owners.id").onDelete("cascade"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("person_id", "text")
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("because", "text", (c) => c.notNull())
    .addColumn("detail", "text")
    .addColumn("source_key", "text")
    .addColumn("occurred_at", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("record_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("decided_at", "text")
    .addPrimaryKeyConstraint("inbox_items_pk", ["owner_id", "id"])
    .execute();
  await db.schema
    .createIndex("inbox_items_open_idx")
    .on("inbox_items")
    .columns(["owner_id", "status", "occurred_at"])
    .execute();
  await db.schema
    .createTable("capture_addresses")
    .addColumn("owner_id", "text", (c) => c.primaryKey().references("owners.id").onDelete("cascade"))
    .addColumn("secret_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  if (dialect.name === "postgres") {
    // Like every table (migration 0004): a write drops the other processes' read caches.
    for (const table of ["capture_sources", "capture_correspondents", "inbox_items", "capture_addresses"]) {
      await sql`create trigger goodwill_changes
        after insert or update or delete or truncate on ${sql.id(table)}
        for each statement execute function goodwill_notify_change()`.execute(db);
    }
  }
}
