import { spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { compileCacheName } from "../../src/cli/compile-cache.js";

// The built binary's V8 code cache (src/cli/compile-cache.ts); SQLite only, as it is about start-up.
const BIN = "dist/goodwill.cjs";
const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop() as string, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "goodwill-cache-"));
  dirs.push(dir);
  return dir;
}

function goodwill(args: string[], dir: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, "--db", join(dir, "g.db"), ...args], {
    encoding: "utf8",
    env: {
      PATH: process.env.PATH ?? "",
      HOME: dir,
      TMPDIR: join(dir, "tmp"),
      XDG_CACHE_HOME: join(dir, "cache"),
      NO_COLOR: "1",
      GOODWILL_NOW: "2026-11-25T12:00:00Z",
      ...env,
    },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Each cache file with its inode and modification time: a file written again changes both. */
function cacheFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    const stat = statSync(join(dir, name), { bigint: true });
    files.set(name, `${stat.ino}:${stat.mtimeNs}`);
  }
  return files;
}

function coreCache(files: Map<string, string>): string {
  const name = [...files.keys()].find((file) => /^core-.+\.cjs\.[0-9a-f]{32}\.v8$/.test(file));
  if (name === undefined) throw new Error(`no cache of the core chunk among ${[...files.keys()].join(", ")}`);
  return name;
}

describe("the binary's V8 code cache", () => {
  it("is written by the first run into $XDG_CACHE_HOME/goodwill and read, not written again, by the next", () => {
    const dir = tempDir();
    const cache = join(dir, "cache", "goodwill");
    // an earlier build's caches: the one written 8 days ago goes as the new ones are written
    mkdirSync(cache, { recursive: true, mode: 0o700 });
    const old = "core-Old00000.cjs.0123456789abcdef0123456789abcdef.v8";
    const recent = "core-Recent00.cjs.0123456789abcdef0123456789abcdef.v8";
    for (const name of [old, recent]) writeFileSync(join(cache, name), "an earlier build's");
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 60 * 60 * 1000);
    utimesSync(join(cache, old), eightDaysAgo, eightDaysAgo);

    expect(goodwill(["person", "add", "Ada Lovelace"], dir).code).toBe(0);
    const first = cacheFiles(cache);
    expect(first.has(old)).toBe(false);
    expect(first.has(recent)).toBe(true);
    expect([...first.keys()].some((name) => /^cli\.cjs\.[0-9a-f]{32}\.v8$/.test(name))).toBe(true);
    coreCache(first);

    const gave = goodwill(["gave", "Ada", "Brought coffee"], dir);
    expect(gave.code).toBe(0);
    expect(gave.stdout).toContain("You gave Ada Lovelace: Brought coffee");
    const second = cacheFiles(cache);
    // The files both commands load were taken as they were; gave's own command file was added.
    for (const [name, identity] of first) expect(second.get(name), name).toBe(identity);
    expect(second.size).toBeGreaterThan(first.size);
  });

  it("ignores a corrupt or foreign cache file: the command gives the same output and the cache is made again", () => {
    const dir = tempDir();
    const cache = join(dir, "cache", "goodwill");
    expect(goodwill(["person", "add", "Ada Lovelace"], dir).code).toBe(0);
    const expected = goodwill(["person", "list"], dir);
    expect(expected.code).toBe(0);
    expect(expected.stdout).toContain("Ada Lovelace");
    const files = cacheFiles(cache);
    const core = coreCache(files);
    const entry = [...files.keys()].find((name) => name.startsWith("cli.cjs.")) as string;

    const corrupt = Buffer.alloc(4096, 0x5a);
    for (const damage of [
      () => writeFileSync(join(cache, core), corrupt),
      // a real cache, of another file: V8 itself must refuse it
      () => copyFileSync(join(cache, entry), join(cache, core)),
    ]) {
      damage();
      const damaged = readFileSync(join(cache, core));
      const result = goodwill(["person", "list"], dir);
      expect(result).toEqual(expected);
      expect(readFileSync(join(cache, core)).equals(damaged)).toBe(false);
      // and the cache made again is taken by the next run
      const remade = cacheFiles(cache).get(core);
      expect(goodwill(["person", "list"], dir)).toEqual(expected);
      expect(cacheFiles(cache).get(core)).toBe(remade);
    }
  });

  it("falls back to the temp folder when the cache folder cannot be made, and is off with GOODWILL_NO_COMPILE_CACHE=1", () => {
    const dir = tempDir();
    // a file where the cache folder would be: it cannot be created
    writeFileSync(join(dir, "cache"), "not a folder");
    const added = goodwill(["person", "add", "Ada Lovelace"], dir);
    expect(added).toMatchObject({ code: 0, stderr: "" });
    const uid = process.getuid?.() ?? "user";
    const shared = join(dir, "tmp", `goodwill-${uid}-cache`);
    const core = coreCache(cacheFiles(shared));

    // a temp cache folder that others may write to is neither read nor written
    chmodSync(shared, 0o777);
    writeFileSync(join(shared, core), Buffer.alloc(4096, 0x5a));
    const before = cacheFiles(shared);
    const listed = goodwill(["person", "list"], dir);
    expect(listed).toMatchObject({ code: 0, stderr: "" });
    expect(listed.stdout).toContain("Ada Lovelace");
    expect(cacheFiles(shared)).toEqual(before);

    const off = tempDir();
    const result = goodwill(["person", "add", "Bob"], off, { GOODWILL_NO_COMPILE_CACHE: "1" });
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(readdirSync(off).filter((name) => !name.startsWith("g.db"))).toEqual([]);
  });
});

describe("a compiled file's cache name", () => {
  it("changes with any write of the file (size, modification time, inode), not with its folder", () => {
    const file = { size: 352_363n, mtimeNs: 1_796_300_000_123_456_789n, ino: 4_242n, dev: 2_049n };
    const name = compileCacheName("/opt/goodwill/dist/cli.cjs", file);
    expect(name).toMatch(/^cli\.cjs\.[0-9a-f]{32}\.v8$/);
    expect(compileCacheName("/elsewhere/cli.cjs", { ...file })).toBe(name);
    const rewritten = [
      { ...file, mtimeNs: file.mtimeNs + 1n },
      { ...file, size: file.size + 1n },
      { ...file, ino: file.ino + 1n },
      { ...file, dev: file.dev + 1n },
    ].map((identity) => compileCacheName("/opt/goodwill/dist/cli.cjs", identity));
    expect(new Set([name, ...rewritten]).size).toBe(5);
  });
});
