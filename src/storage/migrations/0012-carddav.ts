import { type Kysely, sql } from "kysely";
import type { Dialect } from "../dialect.js";

/**
 * The CardDAV address book (issue 17). `dav_address_books` holds each owner's change counter: every
 * card that changes takes the next number, which is both the collection's ctag and the sync token.
 * `dav_cards` maps a card's address (the name a client chose, or `<person id>.vcf`) to its person,
 * with the UID and the properties Goodwill does not model kept as the client sent them; a card whose
 * person is gone stays as a tombstone (`person_id` null) so a sync can report it deleted.
 * `dav_passwords` are the app passwords a phone signs in with: DAV only, stored as SHA-256 hashes.
 * None of them is journaled: an undo changes the people, and the address book follows.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("dav_address_books")
    .addColumn("owner_id", "text", (c) => c.primaryKey().references("owners.id").onDelete("cascade"))
    .addColumn("revision", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("dav_cards")
    .addColumn("owner_id", "text", (c) => c.notNull().references("owners.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("person_id", "text")
    .addColumn("uid", "text", (c) => c.notNull())
    // sha256 of the card as Goodwill writes it (without the kept properties): what changed in Goodwill
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("etag", "text", (c) => c.notNull())
    // the card as served in vCard 3.0, kept properties included
    .addColumn("card", "text", (c) => c.notNull())
    // JSON array of the content lines Goodwill does not model, unfolded, as received
    .addColumn("kept", "text", (c) => c.notNull())
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("deleted_at", "text")
    .addPrimaryKeyConstraint("dav_cards_pk", ["owner_id", "name"])
    .execute();
  await db.schema
    .createIndex("dav_cards_person_idx")
    .on("dav_cards")
    .columns(["owner_id", "person_id"])
    .execute();
  await db.schema
    .createIndex("dav_cards_revision_idx")
    .on("dav_cards")
    .columns(["owner_id", "revision"])
    .execute();
  await db.schema
    .createTable("dav_passwords")
    .addColumn("owner_id", "text", (c) => c.notNull().references("owners.id").onDelete("cascade"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("secret_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text")
    .addColumn("revoked_at", "text")
    .addPrimaryKeyConstraint("dav_passwords_pk", ["owner_id", "id"])
    .execute();
  if (dialect.name === "postgres") {
    // Like every table (migration 0004): a write drops the other processes' read caches.
    for (const table of ["dav_address_books", "dav_cards", "dav_passwords"]) {
      await sql`create trigger goodwill_changes
        after insert or update or delete or truncate on ${sql.id(table)}
        for each statement execute function goodwill_notify_change()`.execute(db);
    }
  }
}
