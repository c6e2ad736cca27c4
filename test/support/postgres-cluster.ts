/**
 * vitest globalSetup: a throwaway PostgreSQL cluster for the whole run. initdb into a temporary
 * directory, postgres on a free port (127.0.0.1 and its own socket directory, fsync off), one
 * database migrated once (`goodwill_template`) that every test store is copied from, and all of it
 * stopped and removed in teardown. Without the binaries the PostgreSQL dialect is skipped, except
 * in CI, where that is a failure: the suite must run on both dialects there.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openStore } from "../../src/storage/store.js";
import { startPostgres } from "./throwaway-postgres.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** `postgres://postgres@127.0.0.1:PORT` of the test cluster, or null when PostgreSQL is skipped */
    postgresUrl: string | null;
  }
}

export const TEMPLATE_DATABASE = "goodwill_template";
const BIN = process.env.GOODWILL_PG_BIN ?? "/usr/lib/postgresql/15/bin";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(join(BIN, "initdb")) || !existsSync(join(BIN, "postgres"))) {
    const message = `PostgreSQL binaries not found in ${BIN} (set GOODWILL_PG_BIN, or apt-get install postgresql-15).`;
    if (process.env.CI) throw new Error(`${message} CI must run the PostgreSQL suite.`);
    process.stdout.write(`\nNotice: ${message} Storage and CLI tests run on SQLite only.\n\n`);
    project.provide("postgresUrl", null);
    return async () => {};
  }

  const cluster = await startPostgres({
    // Thrown away after the run: nothing needs to survive a crash, so nothing waits for the disk.
    settings: [
      "fsync=off",
      "synchronous_commit=off",
      "full_page_writes=off",
      "max_connections=300",
      "shared_buffers=64MB",
    ],
  });
  // Binaries present but no server (no unprivileged user to run it as): that is a setup to fix.
  if ("skipped" in cluster) throw new Error(`PostgreSQL cannot start: ${cluster.skipped}.`);
  try {
    const { url } = cluster;
    const admin = new pg.Client({ connectionString: `${url}/postgres` });
    await admin.connect();
    await admin.query(`create database ${TEMPLATE_DATABASE}`);
    await admin.end();
    const template = await openStore(`${url}/${TEMPLATE_DATABASE}?pool=1`);
    await template.close();

    project.provide("postgresUrl", url);
    return cluster.stop;
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}
