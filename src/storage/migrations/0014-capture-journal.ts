import type { Kysely } from "kysely";
import type { Dialect } from "../dialect.js";
import { journalTable } from "./0005-undo-journal.js";

/**
 * Journals what capture remembers (0013 made the tables without their undo triggers): undoing an
 * import forgets the sources and correspondents it saw, and undoing an Inbox decision (accept,
 * dismiss, adding people you write to) opens the item or the correspondent again.
 * `capture_addresses` is not journaled: a forwarding address is a credential, not the user's data.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  for (const table of ["capture_sources", "capture_correspondents", "inbox_items"] as const) {
    await journalTable(db, dialect, table);
  }
}
