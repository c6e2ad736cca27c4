/**
 * A throwaway PostgreSQL 15 cluster, for the tests (test/support/postgres-cluster.ts) and the
 * benchmarks: initdb into a temporary directory, postgres on a free port of 127.0.0.1 with its own
 * socket directory, run as the `postgres` user when we are root, stopped and removed at the end.
 * Callers add their own server settings (the tests turn fsync off; the benchmarks keep it on).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

const BIN = process.env.GOODWILL_PG_BIN ?? "/usr/lib/postgresql/15/bin";

export interface PostgresCluster {
  /** `postgres://postgres@127.0.0.1:PORT` */
  url: string;
  /** creates an empty database and returns its URL */
  createDatabase(name: string): Promise<string>;
  /**
   * Stops the server as `pg_ctl stop -m fast` (SIGINT: clients' connections are terminated with
   * 57P01) or `-m immediate` (SIGQUIT: connections just drop) would, keeping the data.
   */
  halt(mode: "fast" | "immediate"): Promise<void>;
  /** Starts the halted server again on the same port and data, and waits until it answers. */
  resume(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a cluster, or says why it cannot (no binaries, no unprivileged user) without throwing. */
export async function startPostgres(
  options: { settings?: string[]; prefix?: string } = {},
): Promise<PostgresCluster | { skipped: string }> {
  if (!existsSync(join(BIN, "initdb")) || !existsSync(join(BIN, "postgres"))) {
    return { skipped: `PostgreSQL binaries not found in ${BIN} (set GOODWILL_PG_BIN)` };
  }
  let user: { uid: number; gid: number } | undefined;
  if (process.getuid?.() === 0) {
    try {
      user = {
        uid: Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim()),
        gid: Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim()),
      };
    } catch {
      return { skipped: "running as root and there is no `postgres` user for PostgreSQL to run as" };
    }
  }

  const root = mkdtempSync(join(tmpdir(), options.prefix ?? "goodwill-pg-"));
  const data = join(root, "data");
  const sockets = join(root, "sockets");
  mkdirSync(sockets);
  if (user) {
    chownSync(root, user.uid, user.gid);
    chownSync(sockets, user.uid, user.gid);
  }
  const asUser = user ? { uid: user.uid, gid: user.gid } : {};
  let server: ChildProcess | undefined;
  const stopNow = () => {
    if (server && server.exitCode === null) server.kill("SIGQUIT");
    rmSync(root, { recursive: true, force: true });
  };
  process.once("exit", stopNow);
  const stop = async () => {
    process.removeListener("exit", stopNow);
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once("exit", resolve));
      server.kill("SIGQUIT");
      await exited;
    }
    rmSync(root, { recursive: true, force: true });
  };

  try {
    execFileSync(
      join(BIN, "initdb"),
      ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"],
      { ...asUser, cwd: root, stdio: ["ignore", "ignore", "pipe"] },
    );
    const port = await freePort();
    let log = "";
    const launch = async () => {
      const started = spawn(
        join(BIN, "postgres"),
        [
          ["-D", data],
          ["-p", String(port)],
          ["-k", sockets],
          ["-c", "listen_addresses=127.0.0.1"],
          (options.settings ?? []).flatMap((setting) => ["-c", setting]),
        ].flat(),
        { ...asUser, cwd: root, stdio: ["ignore", "ignore", "pipe"] },
      );
      server = started;
      started.stderr?.on("data", (chunk: Buffer) => {
        log += chunk.toString();
      });
      await waitUntilReady(`${url}/postgres`, started, () => log);
    };
    const url = `postgres://postgres@127.0.0.1:${port}`;
    await launch();
    return {
      url,
      async halt(mode) {
        const running = server;
        if (!running || running.exitCode !== null) return;
        const exited = new Promise((resolve) => running.once("exit", resolve));
        running.kill(mode === "fast" ? "SIGINT" : "SIGQUIT");
        await exited;
      },
      resume: launch,
      async createDatabase(name) {
        const admin = new pg.Client({ connectionString: `${url}/postgres` });
        await admin.connect();
        try {
          await admin.query(`create database ${name}`);
        } finally {
          await admin.end();
        }
        return `${url}/${name}`;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
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
