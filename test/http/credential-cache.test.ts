/**
 * The server remembers whom a token or session acts for (and a person's answer as JSON bytes) until
 * anything is written. Signing someone out must still take effect on their very next request, on
 * this server and on another server (a second process) over the same store: SQLite sees the other
 * process's write at once, PostgreSQL when its notification arrives, a moment later.
 */
import { expect, it } from "vitest";
import { describeEachDialect, type TestDialect } from "../support/stores.js";
import { api, HOST } from "./support.js";

const ORIGIN = `http://${HOST}`;

function cookieOf(headers: Headers): string {
  return (headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

/** Two servers over one store, each with its read cache on, and Ann's account. */
async function twoServers(dialect: TestDialect) {
  const here = await api(dialect);
  const ann = await here.account("ann@example.com");
  const there = await api(dialect, { storeUrl: here.url });
  await here.store.readCache.enable();
  await there.store.readCache.enable();
  return { here, there, ann };
}

/** The status of the next request, at once on SQLite, once the notification came on PostgreSQL. */
async function expectSoon(dialect: TestDialect, status: () => Promise<unknown>, expected: unknown) {
  if (dialect === "sqlite") expect(await status()).toEqual(expected);
  else await expect.poll(status, { timeout: 15_000 }).toEqual(expected);
}

describeEachDialect("remembered credentials", (dialect) => {
  it("a token revoked on this server, or on another one, is refused on its next request", async () => {
    const { here, there, ann } = await twoServers(dialect);
    const make = async () =>
      (await here.call("POST", "/api/v1/tokens", { token: ann.token, body: { name: "laptop" } })).body;
    const profile = async (server: typeof here, token: string) => {
      const answer = await server.call("GET", "/api/v1/profile", { token });
      return answer.status === 200 ? 200 : answer.body.error.code;
    };

    const laptop = await make();
    for (let i = 0; i < 3; i++) expect(await profile(here, laptop.token)).toBe(200);
    expect((await here.call("DELETE", `/api/v1/tokens/${laptop.id}`, { token: ann.token })).status).toBe(200);
    expect(await profile(here, laptop.token)).toBe("token_revoked");

    const phone = await make();
    for (let i = 0; i < 3; i++) expect(await profile(here, phone.token)).toBe(200);
    expect((await there.call("DELETE", `/api/v1/tokens/${phone.id}`, { token: ann.token })).status).toBe(200);
    await expectSoon(dialect, () => profile(here, phone.token), "token_revoked");
    expect(await profile(here, ann.token)).toBe(200);
  });

  it("a password changed on another server signs out the other sessions here on their next request", async () => {
    const { here, there } = await twoServers(dialect);
    const signIn = async (server: typeof here) =>
      cookieOf(
        (
          await server.call("POST", "/api/v1/auth/login", {
            body: { email: "ann@example.com", password: "correct horse battery" },
          })
        ).headers,
      );
    const phone = await signIn(here);
    const laptop = await signIn(there);
    const today = async (cookie: string) => (await here.call("GET", "/api/v1/today", { cookie })).status;
    for (let i = 0; i < 3; i++) expect(await today(phone)).toBe(200);

    const changed = await there.call("POST", "/api/v1/auth/password", {
      cookie: laptop,
      origin: ORIGIN,
      body: { currentPassword: "correct horse battery", newPassword: "a brand new passphrase" },
    });
    expect(changed.body).toEqual({ changed: true, otherSessionsEnded: 1 });
    await expectSoon(dialect, () => today(phone), 401);
    expect(await today(laptop)).toBe(200);
  });

  it("a person's remembered answer changes with the next edit, made here or on another server", async () => {
    const { here, there, ann } = await twoServers(dialect);
    const raj = (await here.call("POST", "/api/v1/people", { token: ann.token, body: { name: "Raj Patel" } }))
      .body;
    const read = async () => (await here.call("GET", `/api/v1/people/${raj.id}`, { token: ann.token })).body;
    expect((await read()).title).toBeNull();
    expect(await read()).toEqual(await read());

    await here.call("PATCH", `/api/v1/people/${raj.id}`, { token: ann.token, body: { title: "IT lead" } });
    expect((await read()).title).toBe("IT lead");
    await there.call("PATCH", `/api/v1/people/${raj.id}`, { token: ann.token, body: { title: "CIO" } });
    await expectSoon(dialect, async () => (await read()).title, "CIO");
    const answer = await here.call("GET", `/api/v1/people/${raj.id}`, { token: ann.token });
    expect(answer.headers.get("content-type")).toBe("application/json");
    expect(answer.headers.get("x-frame-options")).toBe("DENY");
    expect(answer.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });
});
