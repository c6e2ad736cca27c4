/**
 * The server's read cache: a person, the owner's profile and credentials are read once and then
 * served from memory until anything is written — by this server (at once) or by another process
 * (SQLite at once, PostgreSQL when its notification arrives, a moment later).
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { KyselyPlugin } from "kysely";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { addUser, createApiToken } from "../../src/app/accounts.js";
import { createApp } from "../../src/http/hono-app.js";
import { openStore } from "../../src/storage/store.js";
import { DIALECTS, describeEachDialect, freshStore, NOW, type TestDialect } from "../support/stores.js";

const run = promisify(execFile);

async function server(dialect: TestDialect) {
  const { store, url } = await freshStore(dialect);
  let statements = 0;
  const counter: KyselyPlugin = {
    transformQuery: (args) => {
      statements++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  const app = createApp({ store: { ...store, db: store.db.withPlugin(counter) }, clock: () => NOW });
  await store.readCache.enable();
  const at = new Date(NOW).toISOString();
  const ann = await addUser(
    store.db,
    { email: "ann@example.com", name: "Ann", password: "correct horse battery" },
    at,
  );
  const { token } = await createApiToken(store.db, ann.ownerId, "script", at);
  const call = async (method: string, path: string, body?: unknown, bearer = token) => {
    const response = await app.request(path, {
      method,
      headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    // biome-ignore lint/suspicious/noExplicitAny: tests read JSON documents of many shapes
    return { status: response.status, body: (await response.json()) as any };
  };
  /** Statements the store ran for one call. */
  const counted = async (method: string, path: string) => {
    statements = 0;
    const result = await call(method, path);
    return { ...result, statements };
  };
  return { store, url, ann, token, call, counted };
}

describeEachDialect("the read cache", (dialect) => {
  it("serves a person again without the store, and shows an edit or a profile change at once", async () => {
    const { call, counted } = await server(dialect);
    const raj = (await call("POST", "/api/v1/people", { name: "Raj Patel", organization: "Acme" })).body;
    // PostgreSQL tells this server of its own set-up writes by notification too, a moment later, and
    // each one rightly empties the cache: read until they have all arrived (SQLite: the first time).
    let again = await counted("GET", `/api/v1/people/${raj.id}`);
    for (const deadline = Date.now() + 10_000; again.statements > 0 && Date.now() < deadline; )
      again = await counted("GET", `/api/v1/people/${raj.id}`);
    expect(again.statements).toBe(0);
    expect(again.body).toMatchObject({ name: "Raj Patel", title: null, isColleague: false });

    expect((await call("PATCH", `/api/v1/people/${raj.id}`, { title: "IT lead" })).status).toBe(200);
    expect((await call("GET", `/api/v1/people/${raj.id}`)).body.title).toBe("IT lead");
    expect((await call("PUT", "/api/v1/profile", { name: "Ann", organization: "Acme" })).status).toBe(200);
    expect((await call("GET", `/api/v1/people/${raj.id}`)).body.isColleague).toBe(true);
    await call("DELETE", `/api/v1/people/${raj.id}`);
    expect((await call("GET", `/api/v1/people/${raj.id}`)).status).toBe(404);
  });

  it("a revoked token is refused on its very next request", async () => {
    const { call } = await server(dialect);
    const second = (await call("POST", "/api/v1/tokens", { name: "laptop" })).body;
    expect((await call("GET", "/api/v1/profile", undefined, second.token)).status).toBe(200);
    expect((await call("GET", "/api/v1/profile", undefined, second.token)).status).toBe(200);
    expect((await call("DELETE", `/api/v1/tokens/${second.id}`)).status).toBe(200);
    const refused = await call("GET", "/api/v1/profile", undefined, second.token);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe("token_revoked");
    expect((await call("GET", "/api/v1/profile")).status).toBe(200);
  });

  it("sees a write made by another process", async () => {
    const { url, call } = await server(dialect);
    const raj = (await call("POST", "/api/v1/people", { name: "Raj Patel" })).body;
    await call("GET", `/api/v1/people/${raj.id}`);
    expect((await call("GET", `/api/v1/people/${raj.id}`)).body.title).toBeNull();
    // The built CLI, in a process of its own, straight on the store.
    await run(process.execPath, [
      "dist/goodwill.cjs",
      "--db",
      url,
      "--as",
      "ann@example.com",
      "person",
      "edit",
      raj.id,
      "--title",
      "IT lead",
    ]);
    if (dialect === "sqlite") {
      // PRAGMA data_version is read on every request: no delay at all.
      expect((await call("GET", `/api/v1/people/${raj.id}`)).body.title).toBe("IT lead");
    } else {
      // A notification arrives shortly after the other process commits.
      await expect
        .poll(async () => (await call("GET", `/api/v1/people/${raj.id}`)).body.title, { timeout: 15_000 })
        .toBe("IT lead");
    }
  }, 30_000);
});

// PostgreSQL's own machinery: these exist only there (the suite always has PostgreSQL in CI).
describe.runIf(DIALECTS.includes("postgres"))("PostgreSQL change notices and ?cache=off", () => {
  it("every table notifies its writes", async () => {
    const { store } = await freshStore("postgres");
    const missing = await sql<{ tablename: string }>`
      select t.tablename from pg_tables t
      where t.schemaname = current_schema() and t.tablename not like 'kysely\\_%'
        and not exists (select 1 from pg_trigger g join pg_class c on c.oid = g.tgrelid
                        where c.relname = t.tablename and g.tgname = 'goodwill_changes')`.execute(store.db);
    expect(missing.rows).toEqual([]);
  });

  it("?cache=off reads the store every time", async () => {
    const { url } = await freshStore("postgres");
    const store = await openStore(`${url}&cache=off`);
    try {
      await store.readCache.enable();
      let loads = 0;
      const load = async () => ++loads;
      await store.readCache.read("key", load);
      await store.readCache.read("key", load);
      expect(loads).toBe(2);
    } finally {
      await store.close();
    }
  });
});
