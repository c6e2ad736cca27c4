/**
 * The server on a full disk (issue 11, item 12), simulated with SQLite's `max_page_count` on the
 * server's own connection: writes answer 503 store_unavailable saying the disk is full, the log
 * names SQLITE_FULL (not "cannot rollback"), and /healthz is 503 until a write succeeds again.
 */

import { sql } from "kysely";
import pino from "pino";
import { expect, it } from "vitest";
import { addUser, createApiToken } from "../../src/app/accounts.js";
import { createApp } from "../../src/http/hono-app.js";
import { freshStore, NOW } from "../support/stores.js";
import { HOST, tokenCaller } from "./support.js";

it("a write on a full disk answers 503 saying so, the log names SQLITE_FULL, /healthz is 503 until there is room", async () => {
  const { store } = await freshStore("sqlite");
  const at = new Date(NOW).toISOString();
  const user = await addUser(store.db, { email: "ann@example.com", password: "correct horse battery" }, at);
  const { token } = await createApiToken(store.db, user.ownerId, "test", at);
  const lines: string[] = [];
  const logger = pino({ base: undefined }, { write: (line: string) => void lines.push(line) });
  const app = createApp({ store, logger, boundHosts: [HOST], clock: () => NOW });
  const call = tokenCaller(app, token);
  expect((await call("POST", "/api/v1/people", { name: "Raj Patel" })).status).toBe(201);

  const pages = (await sql<{ page_count: number }>`pragma page_count`.execute(store.db)).rows[0]?.page_count;
  await sql.raw(`pragma max_page_count = ${pages}`).execute(store.db);
  let refused = await call("POST", "/api/v1/people", { name: "Dana 0", metText: "x".repeat(400) });
  for (let i = 1; i < 100 && refused.status === 201; i++)
    refused = await call("POST", "/api/v1/people", { name: `Dana ${i}`, metText: "x".repeat(400) });
  expect(refused.status).toBe(503);
  expect(refused.retryAfter).toBe("5");
  expect(refused.body.error.code).toBe("store_unavailable");
  expect(refused.body.error.message).toMatch(/disk is full/);
  const log = lines.join("");
  expect(log).toMatch(/SQLITE_FULL/);
  expect(log).not.toMatch(/cannot rollback/);

  const health = await app.request(`http://${HOST}/healthz`, { headers: { host: HOST } });
  expect(health.status).toBe(503);
  expect(((await health.json()) as { reason: string }).reason).toMatch(/disk is full/);

  // Room again: the next write goes through, and the health check says so.
  await sql.raw("pragma max_page_count = 1073741823").execute(store.db);
  expect((await call("POST", "/api/v1/people", { name: "Eve" })).status).toBe(201);
  expect((await app.request(`http://${HOST}/healthz`, { headers: { host: HOST } })).status).toBe(200);
});
