import { performance } from "node:perf_hooks";
import { expect, it } from "vitest";
import { importContacts } from "../../src/app/import-contacts.js";
import { readContacts } from "../../src/formats/read/read-contacts.js";
import { describeEachDialect, freshContext } from "../support/stores.js";

/*
 * Issue 11, merging: thousands of rows of one person (same email, a new phone and note on each) are
 * merged as they come. Each merge re-read the person's whole lists, so the work grew with the square
 * of the rows; lists are now capped at what a person can have (src/domain/limits.ts), with a warning.
 */

const CRLF = "\r\n";
function samePersonRows(n: number): Uint8Array {
  const rows = ["Name,Email,Phone,Tags,Notes"];
  for (let i = 0; i < n; i++)
    rows.push(`Sam Same,sam@example.com,+1 555 ${String(i).padStart(7, "0")},tag${i},note ${i}`);
  return new TextEncoder().encode(rows.join(CRLF) + CRLF);
}

async function timedImport(dialect: "sqlite" | "postgres", file: Uint8Array) {
  const ctx = await freshContext(dialect);
  async function* source() {
    yield file;
  }
  const started = performance.now();
  const result = await importContacts(ctx, readContacts(source(), "csv"), { format: "csv" });
  return { ms: performance.now() - started, result };
}

describeEachDialect("merging many records into one person", (dialect) => {
  it("takes time in proportion to the records, and keeps what a person can have", {
    timeout: 120_000,
  }, async () => {
    const small = await timedImport(dialect, samePersonRows(4000));
    const large = await timedImport(dialect, samePersonRows(8000));
    expect(large.result).toMatchObject({ created: 1, updated: 7999 });
    expect(large.result.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: "phones",
          message: expect.stringContaining("already has 50 phones, the most a person can have"),
        }),
        expect.objectContaining({
          field: "tags",
          message: expect.stringContaining("already has 100 tags, the most a person can have"),
        }),
      ]),
    );
    // Linear is about 2; quadratic about 4 (and 8,000 rows took minutes).
    expect(large.ms).toBeLessThan(3 * small.ms + 500);
  });
});
