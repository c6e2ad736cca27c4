import type { Kysely, Migration } from "kysely";
import type { Dialect } from "../dialect.js";

/** What a migration file exports. */
interface MigrationModule {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema
  up(db: Kysely<any>, dialect: Dialect): Promise<void>;
}

/**
 * The migrations in order, one a line. Bundled with the binary: there are no migration files to find
 * at run time. Each is loaded when it runs: a store already at SCHEMA_VERSION (every command after
 * the first) never parses them.
 */
const MIGRATIONS: { name: string; load(): Promise<MigrationModule> }[] = [
  { name: "0001-initial", load: () => import("./0001-initial.js") },
  { name: "0002-accounts", load: () => import("./0002-accounts.js") },
  { name: "0003-give-first", load: () => import("./0003-give-first.js") },
  { name: "0004-change-notices", load: () => import("./0004-change-notices.js") },
  { name: "0005-undo-journal", load: () => import("./0005-undo-journal.js") },
  { name: "0006-login-failures", load: () => import("./0006-login-failures.js") },
  { name: "0007-own-offers", load: () => import("./0007-own-offers.js") },
  { name: "0008-reminders", load: () => import("./0008-reminders.js") },
  { name: "0009-idempotency", load: () => import("./0009-idempotency.js") },
  { name: "0011-agenda-instants", load: () => import("./0011-agenda-instants.js") },
  { name: "0012-carddav", load: () => import("./0012-carddav.js") },
  { name: "0013-capture", load: () => import("./0013-capture.js") },
  { name: "0014-capture-journal", load: () => import("./0014-capture-journal.js") },
  { name: "0015-agenda-cover", load: () => import("./0015-agenda-cover.js") },
  { name: "0016-agenda-events-cover", load: () => import("./0016-agenda-events-cover.js") },
  { name: "0018-bulk-insert-triggers", load: () => import("./0018-bulk-insert-triggers.js") },
  { name: "0019-interactions-at-id", load: () => import("./0019-interactions-at-id.js") },
  { name: "0020-agenda-keys", load: () => import("./0020-agenda-keys.js") },
  { name: "0021-first-events", load: () => import("./0021-first-events.js") },
  { name: "0023-people-active", load: () => import("./0023-people-active.js") },
  { name: "0024-event-members-cover", load: () => import("./0024-event-members-cover.js") },
  { name: "0025-agenda-steady-keys", load: () => import("./0025-agenda-steady-keys.js") },
  { name: "0026-agenda-facts-cover", load: () => import("./0026-agenda-facts-cover.js") },
  { name: "0027-apostrophe-keys", load: () => import("./0027-apostrophe-keys.js") },
  { name: "0028-delete-lookups", load: () => import("./0028-delete-lookups.js") },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** The migrations' names, in the order they run. */
export const MIGRATION_NAMES: readonly string[] = MIGRATIONS.map((m) => m.name);

/** The migrations as Kysely's Migrator wants them, bound to a dialect. */
export function migrationsFor(dialect: Dialect): Record<string, Migration> {
  return Object.fromEntries(
    MIGRATIONS.map((m) => [m.name, { up: async (db) => (await m.load()).up(db, dialect) }]),
  );
}
