/**
 * A read of a person that the read cache can answer whole (the token's verdict and the person's
 * JSON bytes, both put there by a request that went through the app) is answered before the app,
 * with the app's own bytes and headers. Anything else is left to the app: another account, a
 * query, a cookie, a foreign Host, and everything after a write until the app has read it again.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import pino from "pino";
import { expect, it } from "vitest";
import { hotPersonRead } from "../../src/http/hot-read.js";
import { startServer } from "../../src/http/server.js";
import { describeEachDialect, NOW, openStoreAgain } from "../support/stores.js";
import { api, HOST } from "./support.js";

/** What the hot path wrote, or null when it left the request to the app. */
function hotAnswer(
  hot: ReturnType<typeof hotPersonRead>,
  url: string,
  headers: Record<string, string>,
): { status: number; headers: Record<string, string>; body: string } | null {
  const written = { status: 0, headers: {} as Record<string, string>, body: "" };
  const res = {
    writeHead(status: number, head: Record<string, string | number>) {
      written.status = status;
      for (const [name, value] of Object.entries(head)) written.headers[name.toLowerCase()] = String(value);
    },
    end(body: Uint8Array) {
      written.body = Buffer.from(body).toString();
    },
  };
  const all: Record<string, string> = { host: HOST, ...headers };
  const rawHeaders = Object.entries(all).flatMap(([name, value]) =>
    // "a\nb": the header given twice
    value.split("\n").flatMap((one) => [name, one]),
  );
  for (const [name, value] of Object.entries(all)) all[name] = value.split("\n")[0] ?? "";
  const req = { method: "GET", url, headers: all, rawHeaders };
  const answered = hot(req as unknown as IncomingMessage, res as unknown as ServerResponse);
  return answered ? written : null;
}

describeEachDialect("a person's read answered before the app", (dialect) => {
  it("repeats the app's answer byte for byte, for the token's own account only, until a write", async () => {
    const t = await api(dialect);
    await t.store.readCache.enable();
    const ann = await t.account("ann@example.com");
    const bob = await t.account("bob@example.com");
    const hot = hotPersonRead({ store: t.store, boundHosts: [HOST], clock: () => NOW });
    const raj = (await t.call("POST", "/api/v1/people", { token: ann.token, body: { name: "Raj Patel" } }))
      .body;
    const path = `/api/v1/people/${raj.id}`;
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    /**
     * Ann's read through the app, then the hot path's: on PostgreSQL once the notifications of the
     * writes before it have come back (each clears the cache, as another process's write would).
     */
    const appThenHot = async () => {
      for (let i = 0; i < 50; i++) {
        expect((await t.call("GET", path, { token: bob.token })).status).toBe(404);
        const app = await t.call("GET", path, { token: ann.token });
        const repeated = hotAnswer(hot, path, bearer(ann.token));
        if (repeated) return { app, repeated };
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error("the hot path never answered a read the app had just answered");
    };

    // Nothing is cached yet: the app answers, and its answer is what the hot path repeats.
    expect(hotAnswer(hot, path, bearer(ann.token))).toBeNull();
    const { app, repeated } = await appThenHot();
    expect(app.status).toBe(200);
    expect(repeated.status).toBe(200);
    expect(JSON.parse(repeated.body)).toEqual(app.body);
    const appHeaders = Object.fromEntries(app.headers.entries());
    expect(repeated.headers).toEqual({
      ...appHeaders,
      "content-length": String(Buffer.byteLength(repeated.body)),
    });
    expect(repeated.headers["x-frame-options"]).toBe("DENY");

    // Bob's token is valid (the app just answered him 404), but Raj is not his.
    expect(hotAnswer(hot, path, bearer(bob.token))).toBeNull();
    // What only the app reads: a query, a cookie, another Host, another path, two tokens.
    expect(hotAnswer(hot, `${path}?pretty=1`, bearer(ann.token))).toBeNull();
    expect(hotAnswer(hot, path, { cookie: "goodwill_session=x" })).toBeNull();
    expect(hotAnswer(hot, path, { ...bearer(ann.token), host: "evil.example" })).toBeNull();
    expect(hotAnswer(hot, `${path}/`, bearer(ann.token))).toBeNull();
    expect(hotAnswer(hot, path, { authorization: `Bearer ${ann.token}\nBearer ${bob.token}` })).toBeNull();
    // …while Ann's plain read is still answered: the refusals above were not a cleared cache.
    expect(hotAnswer(hot, path, bearer(ann.token))?.status).toBe(200);

    // An edit: the app answers the next read, and the hot path repeats the new answer after it.
    await t.call("PATCH", path, { token: ann.token, body: { title: "IT lead" } });
    expect(hotAnswer(hot, path, bearer(ann.token))).toBeNull();
    const edited = await appThenHot();
    expect(edited.app.body.title).toBe("IT lead");
    expect(JSON.parse(edited.repeated.body).title).toBe("IT lead");

    // A revoked token is the app's to refuse, at once.
    const tokens = (await t.call("GET", "/api/v1/tokens", { token: ann.token })).body.tokens;
    await t.call("DELETE", `/api/v1/tokens/${tokens[0].id}`, { token: ann.token });
    expect(hotAnswer(hot, path, bearer(ann.token))).toBeNull();
    expect((await t.call("GET", path, { token: ann.token })).body.error.code).toBe("token_revoked");
    expect(hotAnswer(hot, path, bearer(ann.token))).toBeNull();
  });

  it("writes the request log line the app would", async () => {
    const t = await api(dialect);
    await t.store.readCache.enable();
    const ann = await t.account("ann@example.com");
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: "info" }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const hot = hotPersonRead({ store: t.store, boundHosts: [HOST], clock: () => NOW, logger });
    const raj = (await t.call("POST", "/api/v1/people", { token: ann.token, body: { name: "Raj Patel" } }))
      .body;
    const path = `/api/v1/people/${raj.id}`;
    let answered = null;
    for (let i = 0; i < 50 && !answered; i++) {
      await t.call("GET", path, { token: ann.token });
      answered = hotAnswer(hot, path, { authorization: `Bearer ${ann.token}` });
      if (!answered) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(answered?.status).toBe(200);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: "request", method: "GET", path, status: 200 });
    expect(typeof lines[0]?.ms).toBe("number");
  });

  it("over a socket: the same answer twice, and a token revoked by another process refused at once", async () => {
    const t = await api(dialect);
    const ann = await t.account("ann@example.com");
    const raj = (await t.call("POST", "/api/v1/people", { token: ann.token, body: { name: "Raj Patel" } }))
      .body;
    const store = await openStoreAgain(t.url);
    const server = await startServer({ store, host: "127.0.0.1", port: 0, log: false });
    try {
      await store.readCache.enable();
      const get = async () => {
        const response = await fetch(`${server.url}/api/v1/people/${raj.id}`, {
          headers: { authorization: `Bearer ${ann.token}` },
        });
        const headers = Object.fromEntries(response.headers.entries());
        delete headers.date;
        return { status: response.status, headers, body: await response.text() };
      };
      const first = await get();
      expect(first.status).toBe(200);
      expect(JSON.parse(first.body).name).toBe("Raj Patel");
      for (let i = 0; i < 3; i++) expect(await get()).toEqual(first);

      const tokens = (await t.call("GET", "/api/v1/tokens", { token: ann.token })).body.tokens;
      expect((await t.call("DELETE", `/api/v1/tokens/${tokens[0].id}`, { token: ann.token })).status).toBe(
        200,
      );
      const refused = async () => (await get()).status;
      if (dialect === "sqlite") expect(await refused()).toBe(401);
      else await expect.poll(refused, { timeout: 15_000 }).toBe(401);
    } finally {
      await server.close();
    }
  });
});
