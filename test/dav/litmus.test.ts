import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { describeEachDialect } from "../support/stores.js";
import { clientsPresent, run } from "./real-clients.js";
import { davServer } from "./support.js";

const present = clientsPresent(["litmus"]);

/**
 * The WebDAV compliance suite against the address book. Both groups stop at `begin`: litmus needs
 * `MKCOL …/litmus/` to make a collection of its own, and Goodwill refuses every MKCOL (403) — its one
 * address book holds only cards (docs/decisions.md, "litmus"). This pins that outcome: a regression
 * in `init` (OPTIONS, authentication) or a refusal for another reason fails the test.
 */
describeEachDialect("CardDAV with the litmus WebDAV suite", (dialect) => {
  it.skipIf(!present)(
    "basic and props start, and stop only because the address book makes no collections",
    async () => {
      const server = await davServer(dialect);
      const login = await server.localLogin();
      // litmus writes debug.log and child.log where it runs.
      const cwd = mkdtempSync(join(tmpdir(), "goodwill-litmus-"));
      try {
        for (const group of ["basic", "props"]) {
          const result = await run(
            "litmus",
            [`${server.url}/dav/addressbooks/goodwill/`, login.username, login.password],
            { env: { TESTS: group }, timeoutMs: 120_000, cwd },
          );
          expect(result.stdout).toMatch(/0\. init\.+ *pass/);
          expect(result.stdout).toContain(
            "Could not create new collection `/dav/addressbooks/goodwill/litmus/' for tests: 403 Forbidden",
          );
          expect(result.stdout).toContain(`summary for \`${group}': of 2 tests run: 1 passed, 1 failed`);
        }
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    },
    240_000,
  );
});
