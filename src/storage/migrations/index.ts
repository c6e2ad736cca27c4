import type { Kysely, Migration } from "kysely";
import type { Dialect } from "../dialect.js";
import * as initial from "./0001-initial.js";
import * as accounts from "./0002-accounts.js";
import * as giveFirst from "./0003-give-first.js";
import * as changeNotices from "./0004-change-notices.js";
import * as undoJournal from "./0005-undo-journal.js";
import * as loginFailures from "./0006-login-failures.js";
import * as ownOffers from "./0007-own-offers.js";
import * as reminders from "./0008-reminders.js";
import * as idempotency from "./0009-idempotency.js";
import * as agendaInstants from "./0011-agenda-instants.js";
import * as carddav from "./0012-carddav.js";
import * as capture from "./0013-capture.js";
import * as captureJournal from "./0014-capture-journal.js";
import * as agendaCover from "./0015-agenda-cover.js";
import * as agendaEventsCover from "./0016-agenda-events-cover.js";
import * as bulkInsertTriggers from "./0018-bulk-insert-triggers.js";

/** The migrations in order. Bundled with the binary: there are no migration files to find at run time. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema
const MIGRATIONS: { name: string; up(db: Kysely<any>, dialect: Dialect): Promise<void> }[] = [
  { name: "0001-initial", up: initial.up },
  { name: "0002-accounts", up: accounts.up },
  { name: "0003-give-first", up: giveFirst.up },
  { name: "0004-change-notices", up: changeNotices.up },
  { name: "0005-undo-journal", up: undoJournal.up },
  { name: "0006-login-failures", up: loginFailures.up },
  { name: "0007-own-offers", up: ownOffers.up },
  { name: "0008-reminders", up: reminders.up },
  { name: "0009-idempotency", up: idempotency.up },
  { name: "0011-agenda-instants", up: agendaInstants.up },
  { name: "0012-carddav", up: carddav.up },
  { name: "0013-capture", up: capture.up },
  { name: "0014-capture-journal", up: captureJournal.up },
  { name: "0015-agenda-cover", up: agendaCover.up },
  { name: "0016-agenda-events-cover", up: agendaEventsCover.up },
  { name: "0018-bulk-insert-triggers", up: bulkInsertTriggers.up },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** The migrations as Kysely's Migrator wants them, bound to a dialect. */
export function migrationsFor(dialect: Dialect): Record<string, Migration> {
  return Object.fromEntries(MIGRATIONS.map((m) => [m.name, { up: (db) => m.up(db, dialect) }]));
}
