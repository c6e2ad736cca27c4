/**
 * The team server over PostgreSQL while the database restarts under it (issue 11, items 1 and 14):
 * with writes in flight, `pg_ctl stop -m fast` or `-m immediate`, then start again. The process
 * must survive, requests answer 503 store_unavailable with Retry-After meanwhile, /healthz goes 503
 * then 200, writes resume without a restart, and the read cache serves nothing stale.
 *
 * The test runs its own throwaway cluster, so stopping it disturbs no other test.
 */

import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { addUser, createApiToken } from "../../src/app/accounts.js";
import { createApp } from "../../src/http/hono-app.js";
import { openStore, type Store } from "../../src/storage/store.js";
import { type PostgresCluster, startPostgres } from "../support/throwaway-postgres.js";
import { HOST, tokenCaller } from "./support.js";

/** Conditions are waited on up to this long; a restart of a small cluster takes well under it. */
const PATIENCE_MS = 20_000;

async function until(what: string, condition: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + PATIENCE_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`waited ${PATIENCE_MS} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// The binaries are there exactly when the suite's own cluster is (postgres-cluster.ts).
describe.skipIf(!inject("postgresUrl"))("the server while PostgreSQL restarts", () => {
  let cluster: PostgresCluster;
  let store: Store;
  let databaseUrl: string;

  beforeAll(async () => {
    const started = await startPostgres({
      prefix: "goodwill-pg-restart-",
      // Durable commits (no fsync=off, no synchronous_commit=off): an answered write must survive
      // an immediate stop, which the test checks.
      settings: ["shared_buffers=16MB"],
    });
    if ("skipped" in started) throw new Error(`PostgreSQL cannot start: ${started.skipped}`);
    cluster = started;
    databaseUrl = await cluster.createDatabase("goodwill_restart");
    store = await openStore(`${databaseUrl}?pool=4`);
  });
  afterAll(async () => {
    await store?.close();
    await cluster?.stop();
  });

  it("answers 503 store_unavailable with Retry-After while it is down, and writes resume after (fast, then immediate)", async () => {
    const now = new Date().toISOString();
    const user = await addUser(
      store.db,
      { email: "ann@example.com", password: "correct horse battery" },
      now,
    );
    const { token } = await createApiToken(store.db, user.ownerId, "test", now);
    const app = createApp({ store, boundHosts: [HOST] });
    await store.readCache.enable();
    const call = tokenCaller(app, token);

    const raj = await call("POST", "/api/v1/people", { name: "Raj Patel" });
    expect(raj.status).toBe(201);
    // read twice: the second answer may come from the read cache
    expect((await call("GET", `/api/v1/people/${raj.body.id}`)).body.title).toBeNull();
    expect((await call("GET", `/api/v1/people/${raj.body.id}`)).body.title).toBeNull();

    let written = 0;
    for (const mode of ["fast", "immediate"] as const) {
      // Writers that keep going through the restart.
      const answers: { status: number; code?: string; retryAfter: string | null }[] = [];
      let stopping = false;
      const writer = async (w: number) => {
        for (let n = 0; !stopping && n < 100_000; n++) {
          const answer = await call("POST", "/api/v1/people", { name: `${mode} ${w} ${n}` });
          answers.push({
            status: answer.status,
            code: answer.body?.error?.code,
            retryAfter: answer.retryAfter,
          });
          if (answer.status !== 201) await new Promise((resolve) => setTimeout(resolve, 10));
        }
      };
      const succeeded = () => answers.filter((a) => a.status === 201).length;
      const writers = [0, 1, 2, 3].map(writer);
      try {
        await until("writes before the stop", () => succeeded() >= 8);
        await cluster.halt(mode);
        await until("a write refused while the database is down", () =>
          answers.some((a) => a.status !== 201),
        );
        const health = await app.request(`http://${HOST}/healthz`, { headers: { host: HOST } });
        expect(health.status).toBe(503);
        expect(health.headers.get("retry-after")).toBe("5");

        await cluster.resume();
        await until("/healthz answering 200 again", async () => {
          const response = await app.request(`http://${HOST}/healthz`, { headers: { host: HOST } });
          return response.status === 200;
        });
        const before = succeeded();
        await until("writes resuming", () => succeeded() >= before + 8);
      } finally {
        stopping = true;
        await Promise.all(writers);
      }
      const refused = answers.filter((a) => a.status !== 201);
      expect(refused.length).toBeGreaterThan(0);
      for (const answer of refused)
        expect(answer, `while stopped with -m ${mode}`).toEqual({
          status: 503,
          code: "store_unavailable",
          retryAfter: "5",
        });
      written += succeeded();
    }
    const listed = await call("GET", "/api/v1/people?limit=1");
    // A commit may be lost to a reset between it and its answer, never the reverse.
    expect(listed.body.total).toBeGreaterThanOrEqual(written + 1);

    // Another process writes while this one cannot hear of it (its LISTEN connection is gone):
    // the cached person must not be served.
    await cluster.halt("immediate");
    await cluster.resume();
    const other = new pg.Client({ connectionString: databaseUrl });
    await other.connect();
    try {
      await other.query("update people set title = 'Support lead' where id = $1", [raj.body.id]);
    } finally {
      await other.end();
    }
    await until("the person read again from the store", async () => {
      const person = await call("GET", `/api/v1/people/${raj.body.id}`);
      return person.status === 200;
    });
    expect((await call("GET", `/api/v1/people/${raj.body.id}`)).body.title).toBe("Support lead");
  }, 120_000);
});
