/**
 * vitest globalSetup: a throwaway PostgreSQL cluster for the whole run. initdb into a temporary
 * directory, postgres on a free port (127.0.0.1 and its own socket directory, fsync off), one
 * database migrated once (`goodwill_template`) that every test store is copied from, and all of it
 * stopped and removed in teardown. Without the binaries the PostgreSQL dialect is skipped, except
 * in CI, where that is a failure: the suite must run on both dialects there.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openStore } from "../../src/storage/store.js";

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

  const root = mkdtempSync(join(tmpdir(), "goodwill-pg-"));
  const data = join(root, "data");
  const sockets = join(root, "sockets");
  mkdirSync(sockets);
  // PostgreSQL refuses to run as root: the cluster then belongs to the postgres user.
  const user = process.getuid?.() === 0 ? postgresUser() : undefined;
  if (user) {
    chownSync(root, user.uid, user.gid);
    chownSync(sockets, user.uid, user.gid);
  }
  const asUser = user ? { uid: user.uid, gid: user.gid } : {};

  let server: ChildProcess | undefined;
  const stop = async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once("exit", resolve));
      server.kill("SIGQUIT"); // immediate shutdown: the data is thrown away
      await exited;
    }
    rmSync(root, { recursive: true, force: true });
  };
  const stopOnExit = () => {
    if (server && server.exitCode === null) server.kill("SIGQUIT");
    rmSync(root, { recursive: true, force: true });
  };
  process.once("exit", stopOnExit);

  try {
    execFileSync(
      join(BIN, "initdb"),
      ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"],
      { ...asUser, cwd: root, stdio: ["ignore", "ignore", "pipe"] },
    );
    const port = await freePort();
    server = spawn(
      join(BIN, "postgres"),
      [
        ["-D", data],
        ["-p", String(port)],
        ["-k", sockets],
        ["-c", "listen_addresses=127.0.0.1"],
        ["-c", "fsync=off"],
        ["-c", "synchronous_commit=off"],
        ["-c", "full_page_writes=off"],
        ["-c", "max_connections=300"],
        ["-c", "shared_buffers=64MB"],
      ].flat(),
      { ...asUser, cwd: root, stdio: ["ignore", "ignore", "pipe"] },
    );
    let log = "";
    server.stderr?.on("data", (chunk: Buffer) => {
      log += chunk.toString();
    });
    const url = `postgres://postgres@127.0.0.1:${port}`;
    await waitUntilReady(`${url}/postgres`, server, () => log);

    const admin = new pg.Client({ connectionString: `${url}/postgres` });
    await admin.connect();
    await admin.query(`create database ${TEMPLATE_DATABASE}`);
    await admin.end();
    const template = await openStore(`${url}/${TEMPLATE_DATABASE}?pool=1`);
    await template.close();

    project.provide("postgresUrl", url);
    return async () => {
      process.removeListener("exit", stopOnExit);
      await stop();
    };
  } catch (error) {
    process.removeListener("exit", stopOnExit);
    await stop();
    throw error;
  }
}

function postgresUser(): { uid: number; gid: number } {
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch {
    throw new Error(
      "Running as root, PostgreSQL needs an unprivileged user to run as: create one with `useradd -r -m postgres`.",
    );
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`postgres exited (${server.exitCode}):\n${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => {});
      if (Date.now() > deadline)
        throw new Error(`postgres did not start: ${(error as Error).message}\n${log()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
