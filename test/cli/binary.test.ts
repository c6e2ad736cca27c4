import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { WAL_LEFT_MAX_BYTES } from "../../src/storage/sqlite/sqlite-dialect.js";
import { describeEachDialect, freshStoreUrl } from "../support/stores.js";

const BIN = "dist/goodwill.cjs";
const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop() as string, { recursive: true, force: true });
});

function home(): string {
  const dir = mkdtempSync(join(tmpdir(), "goodwill-bin-"));
  dirs.push(dir);
  return dir;
}

function goodwill(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", GOODWILL_NOW: "2026-11-25T12:00:00Z", ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// SQLite only: default paths, start-up and the environment are what these are about.
describe("the bundled goodwill binary", () => {
  it("is plain JavaScript that starts without a TypeScript loader", () => {
    expect(existsSync(BIN), "dist/goodwill.cjs is built by npm test (npm run build)").toBe(true);
    expect(readFileSync(BIN, "utf8").startsWith("#!/usr/bin/env node")).toBe(true);
    const result = goodwill(["--version"], {});
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("uses $XDG_DATA_HOME/goodwill/goodwill.db by default, and an empty store says how to begin", () => {
    const dir = home();
    const result = goodwill(["today"], { XDG_DATA_HOME: dir, HOME: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Your store is empty. Begin with:");
    expect(result.stdout).toContain("goodwill init");
    expect(existsSync(join(dir, "goodwill", "goodwill.db"))).toBe(true);
  });

  it("falls back to ~/.local/share without XDG_DATA_HOME, and --db wins over the environment", () => {
    const dir = home();
    expect(goodwill(["person", "add", "Ann"], { HOME: dir }).code).toBe(0);
    expect(existsSync(join(dir, ".local", "share", "goodwill", "goodwill.db"))).toBe(true);
    const other = join(dir, "other.db");
    expect(
      goodwill(["--db", other, "person", "add", "Bob"], {
        HOME: dir,
        GOODWILL_DATABASE_URL: join(dir, "env.db"),
      }).code,
    ).toBe(0);
    expect(existsSync(other)).toBe(true);
    expect(existsSync(join(dir, "env.db"))).toBe(false);
  });

  it("exits 5 when the store cannot be opened, and 2 for a clock that is not a time", () => {
    const dir = home();
    const unavailable = goodwill(["today"], { HOME: dir, GOODWILL_DATABASE_URL: dir });
    expect(unavailable.code).toBe(5);
    expect(unavailable.stderr).toMatch(/Cannot open the store/);
    const badClock = goodwill(["today"], {
      HOME: dir,
      GOODWILL_DATABASE_URL: join(dir, "g.db"),
      GOODWILL_NOW: "tomorrow",
    });
    expect(badClock.code).toBe(2);
    expect(badClock.stderr).toMatch(/GOODWILL_NOW "tomorrow" is not an ISO date/);
  });

  it("a short write leaves SQLite's WAL to the next command, which reads it; a new store and a long WAL are closed whole", () => {
    const store = join(home(), "goodwill.db");
    const wal = `${store}-wal`;
    // made by this command: checkpointed and closed, so the file alone holds the schema
    expect(goodwill(["--db", store, "person", "add", "Ada Lovelace"], {}).code).toBe(0);
    expect(existsSync(wal)).toBe(false);
    const gave = goodwill(["--db", store, "gave", "Ada", "Brought coffee"], {});
    expect(gave.code).toBe(0);
    expect(gave.stdout).toContain("You gave Ada Lovelace: Brought coffee");
    expect(statSync(wal).size).toBeGreaterThan(0);
    const ledger = goodwill(["--db", store, "--json", "ledger", "Ada"], {});
    expect(JSON.parse(ledger.stdout).entries.map((e: { summary: string }) => e.summary)).toEqual([
      "Brought coffee",
    ]);
    // A WAL past what a process may leave (WAL_LEFT_MAX_BYTES: an import, a long run of commands, or
    // a process that ended mid-way) is checkpointed by the next command that closes the store.
    const padded = spawnSync(process.execPath, [
      "-e",
      `const db = new (require("better-sqlite3"))(${JSON.stringify(store)});
       db.pragma("wal_autocheckpoint = 0");
       db.exec("create table padding (b blob)");
       db.prepare("insert into padding values (zeroblob(${WAL_LEFT_MAX_BYTES + 100_000}))").run();
       process.exit(0); // without closing: the WAL stays as it is`,
    ]);
    expect(padded.status).toBe(0);
    expect(statSync(wal).size).toBeGreaterThan(WAL_LEFT_MAX_BYTES);
    expect(goodwill(["--db", store, "received", "Ada", "A book"], {}).code).toBe(0);
    expect(existsSync(wal)).toBe(false);
    expect(goodwill(["--db", store, "--json", "ledger", "Ada"], {}).stdout).toContain("A book");
  });

  it("exits 5 for a PostgreSQL server it cannot reach, naming where without the password", () => {
    const dir = home();
    const result = goodwill(["today"], {
      HOME: dir,
      GOODWILL_DATABASE_URL: "postgres://goodwill:s3cret@127.0.0.1:1/goodwill",
    });
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(
      /Cannot connect to PostgreSQL at 127\.0\.0\.1:1, database goodwill: .*Check that/,
    );
    expect(result.stderr).not.toContain("s3cret");
  });
});

// The store-independent behaviour above is checked once; what touches the store, on every dialect.
describeEachDialect("the bundled goodwill binary on a store", (dialect) => {
  it("prints exactly one JSON document with --json, and errors as JSON on stderr", async () => {
    const env = { HOME: home(), GOODWILL_DATABASE_URL: await freshStoreUrl(dialect) };
    const ok = goodwill(["person", "add", "Ann", "--json"], env);
    expect(JSON.parse(ok.stdout).name).toBe("Ann");
    const missing = goodwill(["show", "Zed", "--json"], env);
    expect(missing.code).toBe(3);
    expect(missing.stdout).toBe("");
    expect(JSON.parse(missing.stderr)).toEqual({
      error: { code: "not_found", message: expect.stringContaining("Zed") },
    });
  });

  it("loads the demo and colours nothing when the output is not a terminal", async () => {
    const result = goodwill(["demo"], {
      HOME: home(),
      GOODWILL_DATABASE_URL: await freshStoreUrl(dialect),
      NO_COLOR: "",
    });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain("\u001b[");
  });
});
