import pino from "pino";
import { expect, it } from "vitest";
import { addUser } from "../../src/app/accounts.js";
import { createApp } from "../../src/http/hono-app.js";
import { describeEachDialect, freshStore, NOW } from "../support/stores.js";

const HOST = "127.0.0.1:4321";

/** A server whose log lines are kept, as parsed JSON. */
async function server(dialect: "sqlite" | "postgres") {
  const { store } = await freshStore(dialect);
  const lines: { msg: string; path?: string; level: number }[] = [];
  const logger = pino({ base: undefined }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  const app = createApp({ store, logger, boundHosts: [HOST], clock: () => NOW });
  const health = async (host = HOST) => {
    const response = await app.request(`http://${host}/healthz`, { headers: { host } });
    return { status: response.status, body: await response.json(), headers: response.headers };
  };
  return { store, app, lines, health };
}

describeEachDialect("the health check", (dialect) => {
  it("answers 200 ok without signing in, is never cached, and keeps the log quiet", async () => {
    const { store, health, lines } = await server(dialect);
    // team mode: everything under /api/v1 needs a sign-in, the health check does not
    await addUser(
      store.db,
      { email: "ann@example.com", password: "correct horse battery" },
      new Date(NOW).toISOString(),
    );
    const ok = await health();
    expect(ok).toMatchObject({ status: 200, body: { status: "ok" } });
    expect(ok.headers.get("cache-control")).toBe("no-store");
    // a proxy or balancer asks with its own name for the server
    expect((await health("10.0.0.5:4321")).status).toBe(200);
    expect(lines).toEqual([]);
  });

  it("local mode: answers a Host the server is not bound to, but only with ok", async () => {
    const { health } = await server(dialect);
    expect((await health("goodwill.internal:4321")).body).toEqual({ status: "ok" });
  });

  it("answers 503 with the reason when the store cannot be queried, and logs that once", async () => {
    const { store, health, lines } = await server(dialect);
    expect((await health()).status).toBe(200);
    await store.close();
    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body).toEqual({
      status: "unavailable",
      reason: "The store cannot be queried; the server log says why.",
    });
    expect(down.headers.get("cache-control")).toBe("no-store");
    expect((await health()).status).toBe(503);
    const failures = lines.filter((l) => l.msg.startsWith("health check"));
    expect(failures).toEqual([
      expect.objectContaining({ level: 50, path: "/healthz", msg: "health check: the store failed" }),
    ]);
    // the 503s themselves are in the request log, as any failure is
    expect(lines.filter((l) => l.msg === "request")).toHaveLength(2);
  });

  it("is in the OpenAPI document as a public route", async () => {
    const { app } = await server(dialect);
    const response = await app.request(`http://${HOST}/openapi.json`, { headers: { host: HOST } });
    const doc = (await response.json()) as {
      paths: Record<string, { get: { security: unknown[]; responses: Record<string, unknown> } }>;
    };
    const health = doc.paths["/healthz"]?.get;
    expect(health?.security).toEqual([]);
    expect(Object.keys(health?.responses ?? {})).toEqual(["200", "503"]);
  });
});
