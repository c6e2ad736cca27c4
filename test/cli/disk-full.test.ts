/**
 * A full disk (issue 11, item 12), simulated without privileges: SQLite's `max_page_count` makes the
 * store hit SQLITE_FULL, and /dev/full (every write fails with ENOSPC) stands in for a full disk
 * under `export --out`. The CLI says the disk is full, exits 5, and leaves no temporary file behind.
 */
import { existsSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect, it, vi } from "vitest";
import { cli, tempStorePath } from "../support/cli.js";

/** When set, every SQLite connection the CLI opens may not grow the file beyond its size then. */
const limit = vi.hoisted(() => ({ full: false }));

vi.mock("better-sqlite3", async (importOriginal) => {
  const original = (await importOriginal()) as { default: new (...args: unknown[]) => object };
  class Limited extends original.default {
    constructor(...args: unknown[]) {
      super(...args);
      if (limit.full) {
        const self = this as unknown as { pragma(source: string, options?: object): unknown };
        const pages = self.pragma("page_count", { simple: true });
        self.pragma(`max_page_count = ${pages}`);
      }
    }
  }
  return { default: Limited };
});

it("a write on a full disk: the CLI says so (SQLITE_FULL) and exits 5, not 1", async () => {
  const { run } = cli({ db: tempStorePath() });
  expect((await run("person", "add", "Raj Patel")).code).toBe(0);
  limit.full = true;
  try {
    // Sooner or later a write needs a page the file cannot have.
    let failed = await run("person", "add", "Dana Scully 0", "--met", "x".repeat(400));
    for (let i = 1; i < 100 && failed.code === 0; i++)
      failed = await run("person", "add", `Dana Scully ${i}`, "--met", "x".repeat(400));
    expect(failed.stderr).toMatch(/disk is full/);
    expect(failed.stderr).toMatch(/SQLITE_FULL/);
    expect(failed.stderr).not.toMatch(/cannot rollback/);
    expect(failed.code).toBe(5);
  } finally {
    limit.full = false;
  }
  // The store still answers once there is room again.
  expect((await run("person", "add", "Eve Moneypenny")).code).toBe(0);
});

it.skipIf(!existsSync("/dev/full"))(
  "export --out on a full disk: exits 5 saying so, and leaves neither a temporary file nor a changed target",
  async () => {
    const db = tempStorePath();
    const { run } = cli({ db });
    expect((await run("person", "add", "Raj Patel")).code).toBe(0);
    const dir = dirname(db);
    const out = join(dir, "people.vcf");
    writeFileSync(out, "the previous export\n");
    // The command writes `.people.vcf.PID.tmp` beside the target first (in this process: the CLI
    // runs in-process); there, every write fails with ENOSPC.
    symlinkSync("/dev/full", join(dir, `.people.vcf.${process.pid}.tmp`));
    const failed = await run("export", "--format", "vcard", "--out", out);
    expect(failed.stderr).toMatch(/disk is full/);
    expect(failed.code).toBe(5);
    expect(readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    expect(existsSync(out) && (await import("node:fs")).readFileSync(out, "utf8")).toBe(
      "the previous export\n",
    );
  },
);
