import type { Kysely } from "kysely";

/**
 * Accounts for the team server: users (each one an owner), cookie sessions and API tokens. Secrets
 * are stored only as SHA-256 hashes, and every key leads with owner_id: a token says whose it is,
 * so even a login lookup stays within one owner's rows. The one global lookup is by email, at login.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // One local owner per store, even when two processes start on a new store at once.
  await db.schema
    .createIndex("owners_local_uq")
    .on("owners")
    .column("kind")
    .unique()
    .where("kind", "=", "local")
    .execute();

  await db.schema
    .createTable("users")
    .addColumn("owner_id", "text", (c) => c.primaryKey().references("owners.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("email_key", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("users_email_uq").on("users").column("email_key").unique().execute();

  await db.schema
    .createTable("sessions")
    .addColumn("owner_id", "text", (c) => c.notNull().references("owners.id").onDelete("cascade"))
    .addColumn("secret_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("sessions_pk", ["owner_id", "secret_hash"])
    .execute();

  await db.schema
    .createTable("api_tokens")
    .addColumn("owner_id", "text", (c) => c.notNull().references("owners.id").onDelete("cascade"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("secret_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text")
    .addColumn("revoked_at", "text")
    .addPrimaryKeyConstraint("api_tokens_pk", ["owner_id", "id"])
    .execute();
  await db.schema
    .createIndex("api_tokens_secret_idx")
    .on("api_tokens")
    .columns(["owner_id", "secret_hash"])
    .execute();
}
