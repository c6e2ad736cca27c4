import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, expect, it } from "vitest";
import { SCHEMA_VERSION } from "../migrations/index.js";
import { openStore } from "../store.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function storePath(): string {
  const dir = mkdtempSync(join(tmpdir(), "goodwill-migrate-"));
  dirs.push(dir);
  return join(dir, "goodwill.db");
}

function read(path: string, query: string): unknown[] {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    return db.prepare(query).pluck().all();
  } finally {
    db.close();
  }
}

it("a new store gets every migration and the schema version", async () => {
  const path = storePath();
  await (await openStore(path)).close();
  expect(read(path, "pragma user_version")).toEqual([SCHEMA_VERSION]);
  const applied = read(path, "select name from kysely_migration order by name") as string[];
  expect(applied).toHaveLength(SCHEMA_VERSION);
  expect(applied[0]).toBe("0001-initial");
  expect(read(path, "select count(*) from sqlite_schema where name = 'people'")).toEqual([1]);
});

it("a store at the latest schema opens without migrating again", async () => {
  const path = storePath();
  await (await openStore(path)).close();
  const db = new BetterSqlite3(path);
  // A migration that ran again would find its tables there and fail: take the record of one away.
  db.prepare("delete from kysely_migration where name = '0001-initial'").run();
  db.close();
  const store = await openStore(path);
  await store.close();
  expect(read(path, "select count(*) from kysely_migration")).toEqual([SCHEMA_VERSION - 1]);
});

it("a store written by a newer Goodwill is refused, with the versions in the message", async () => {
  const path = storePath();
  await (await openStore(path)).close();
  const db = new BetterSqlite3(path);
  db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
  db.close();
  await expect(openStore(path)).rejects.toMatchObject({
    code: "store_unavailable",
    message: `This store was written by a newer Goodwill (schema ${SCHEMA_VERSION + 1}, this one knows ${SCHEMA_VERSION}). Upgrade goodwill.`,
  });
});
