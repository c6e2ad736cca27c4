import { type Kysely, sql } from "kysely";
import type { Dialect } from "../dialect.js";

/**
 * The CardDAV address book (issue 17). `dav_address_books` holds each owner's change counter: every
 * card that changes takes the next number, which is both the collection's ctag and the sync token.
 * `dav_cards` maps a card's address (the name a client chose, or `<person id>.vcf`) to its person,
 * with the UID and the properties Goodwill does not model kept as the client sent them; a card whose
 * person is gone stays as a tombstone (`person_id` null) so a sync can report it deleted.
 * `dav_passwords` are the app passwords a phone signs in with: DAV only, stored as SHA-256 hashes.
 * `dav_changed_people` names the people whose card may have changed since the cards were last
 * brought up to date: triggers on what a card is made of (the person's card fields, their emails,
 * phones, links, dates and related names, their organization's and department's names) add them,
 * for owners who have an address book, so a sync compares those people only, whoever wrote.
 * None of them is journaled: an undo changes the people (its writes fire the triggers too), and the
 * address book follows.
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
  await db.schema
    .createTable("dav_changed_people")
    .addColumn("owner_id", "text", (c) => c.notNull().references("owners.id").onDelete("cascade"))
    .addColumn("person_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("dav_changed_people_pk", ["owner_id", "person_id"])
    .execute();
  await markChangedPeople(db, dialect);
  if (dialect.name === "postgres") {
    // Like every table (migration 0004): a write drops the other processes' read caches.
    for (const table of ["dav_address_books", "dav_cards", "dav_passwords", "dav_changed_people"]) {
      await sql`create trigger goodwill_changes
        after insert or update or delete or truncate on ${sql.id(table)}
        for each statement execute function goodwill_notify_change()`.execute(db);
    }
  }
}

/** The people's columns a card is made of (export-contacts.ts `peopleAsContacts`); the rest is Goodwill's. */
export const CARD_COLUMNS = [
  "display_name",
  "given_name",
  "family_name",
  "nickname",
  "organization_id",
  "department_id",
  "title",
  "tags",
  "met_text",
  "met_on",
  "birthday",
  "uid",
] as const;

/** The person's detail tables a card shows, each keyed to its person by `person_id`. */
export const DETAIL_TABLES = [
  "person_emails",
  "person_phones",
  "person_urls",
  "person_dates",
  "person_related",
] as const;

/** The names a card shows of other tables: a rename changes every card of their people. */
const NAMED_BY = [
  { table: "organizations", column: "organization_id" },
  { table: "departments", column: "department_id" },
] as const;

/**
 * The triggers that fill `dav_changed_people`. A ledger entry, a moment or a note touches none of
 * these columns, so it never makes a card to compare; an owner without an address book pays one
 * lookup of `dav_address_books` per row written.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
async function markChangedPeople(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const people: { table: string; person: string; update: string }[] = [
    { table: "people", person: "id", update: `update of ${CARD_COLUMNS.join(", ")}` },
    ...DETAIL_TABLES.map((table) => ({ table, person: "person_id", update: "update" })),
  ];
  if (dialect.name === "postgres") {
    await sql`create function goodwill_dav_person_changed() returns trigger language plpgsql as $$
      declare
        r jsonb;
      begin
        foreach r in array array[
          case when TG_OP <> 'INSERT' then to_jsonb(OLD) end,
          case when TG_OP <> 'DELETE' then to_jsonb(NEW) end
        ] loop
          if r is not null and exists (select 1 from dav_address_books where owner_id = r->>'owner_id') then
            insert into dav_changed_people (owner_id, person_id) values (r->>'owner_id', r->>TG_ARGV[0])
              on conflict do nothing;
          end if;
        end loop;
        return null;
      end $$`.execute(db);
    await sql`create function goodwill_dav_name_changed() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from dav_address_books where owner_id = NEW.owner_id) then
          execute format('insert into dav_changed_people (owner_id, person_id)
              select owner_id, id from people where owner_id = $1 and %I = $2
              on conflict do nothing', TG_ARGV[0])
            using NEW.owner_id, NEW.id;
        end if;
        return null;
      end $$`.execute(db);
    for (const { table, person, update } of people)
      await sql
        .raw(`create trigger goodwill_dav_changed after insert or ${update} or delete on ${table}
          for each row execute function goodwill_dav_person_changed('${person}')`)
        .execute(db);
    for (const { table, column } of NAMED_BY)
      await sql
        .raw(`create trigger goodwill_dav_changed after update of name on ${table}
          for each row execute function goodwill_dav_name_changed('${column}')`)
        .execute(db);
    return;
  }
  const mark = (row: "new" | "old", person: string) =>
    `insert or ignore into dav_changed_people (owner_id, person_id)
       select ${row}.owner_id, ${row}.${person}
       where exists (select 1 from dav_address_books where owner_id = ${row}.owner_id);`;
  for (const { table, person, update } of people) {
    await sql
      .raw(`create trigger goodwill_dav_${table}_insert after insert on ${table}
        begin ${mark("new", person)} end`)
      .execute(db);
    await sql
      .raw(`create trigger goodwill_dav_${table}_update after ${update} on ${table}
        begin ${mark("old", person)} ${mark("new", person)} end`)
      .execute(db);
    await sql
      .raw(`create trigger goodwill_dav_${table}_delete after delete on ${table}
        begin ${mark("old", person)} end`)
      .execute(db);
  }
  for (const { table, column } of NAMED_BY)
    await sql
      .raw(`create trigger goodwill_dav_${table}_rename after update of name on ${table}
        begin
          insert or ignore into dav_changed_people (owner_id, person_id)
            select owner_id, id from people
            where owner_id = new.owner_id and ${column} = new.id
              and exists (select 1 from dav_address_books where owner_id = new.owner_id);
        end`)
      .execute(db);
}
