import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";

const run = promisify(execFile);
const SCRIPT = join(import.meta.dirname, "../../scripts/check-sql-home.mjs");

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

/** A tree of files under a new temporary root. */
function tree(files: Record<string, string>): string {
  root = mkdtempSync(join(tmpdir(), "goodwill-sql-home-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

async function check(dir: string): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await run(process.execPath, [SCRIPT, dir]);
    return { code: 0, stderr };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
}

const QUERY = `export async function people(db) {\n  return db.selectFrom("people").selectAll().execute();\n}\n`;

describe("npm run lint: every SQL statement lives in src/storage", () => {
  it("a query in a use-case fails the check, naming the file and line and what to do", async () => {
    const result = await check(tree({ "src/app/use-case.ts": QUERY }));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("src/app/use-case.ts:2: a query outside src/storage");
    expect(result.stderr).toContain("Move each statement word for word into a repository");
  });

  it("a sql template or a with clause outside storage fails too", async () => {
    const result = await check(
      tree({
        "src/http/health.ts": "const ok = await sql`select 1`.execute(db);\n",
        "src/service/report.ts": `const q = db.with("recent", (qb) => qb);\n`,
      }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("src/http/health.ts:1");
    expect(result.stderr).toContain("src/service/report.ts:1");
  });

  it("storage, tests, benchmarks, scripts and comments may name queries", async () => {
    const result = await check(
      tree({
        "src/storage/people.repository.ts": QUERY,
        "src/app/people.test.ts": QUERY,
        "test/people.ts": QUERY,
        "bench/people.ts": QUERY,
        "scripts/people.mjs": QUERY,
        "src/app/people.ts": `// db.selectFrom("people") is in storage now\n/* and sql\`…\` too */\nexport {};\n`,
      }),
    );
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain("outside src/storage");
  });

  it("this repository passes", async () => {
    const result = await check(join(import.meta.dirname, "../.."));
    expect(result.code).toBe(0);
  });
});
