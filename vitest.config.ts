import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // A throwaway PostgreSQL cluster, so storage and CLI tests run on both dialects.
    globalSetup: ["./test/support/postgres-cluster.ts"],
    reporters: ["default", "./test/support/summary-reporter.ts"],
    testTimeout: 30_000,
    // Two files at a time, also on two cores: most of a file's time is spent waiting on a child
    // process, PostgreSQL or chromium, and vitest's default there is one worker (cores − 1).
    maxWorkers: 2,
    // Browser tests poll the page while a server answers; a busy two-core CI machine needs more
    // than the default second, and more still with two test files running at once. A poll that
    // never succeeds still fails.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 60_000,
  },
});
