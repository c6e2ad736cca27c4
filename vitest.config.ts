import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // A throwaway PostgreSQL cluster, so storage and CLI tests run on both dialects.
    globalSetup: ["./test/support/postgres-cluster.ts"],
    reporters: ["default", "./test/support/summary-reporter.ts"],
    testTimeout: 30_000,
    // Browser tests poll the page while a server answers; a busy two-core CI machine needs more
    // than the default second. A poll that never succeeds still fails.
    expect: { poll: { timeout: 5_000 } },
    hookTimeout: 60_000,
  },
});
