import { expect, it } from "vitest";
import { describeEachDialect } from "../support/stores.js";
import { api, HOST } from "./support.js";

function cookieOf(headers: Headers): string {
  const set = headers.get("set-cookie") ?? "";
  return set.split(";")[0] ?? "";
}

describeEachDialect("signing in", (dialect) => {
  it("local mode: the printed link works once and sets an HttpOnly, SameSite=Lax session cookie", async () => {
    const { call } = await api(dialect, { localLoginToken: "a-one-time-token-for-tests" });
    expect((await call("GET", "/api/v1/mode")).body).toEqual({ mode: "local" });
    expect((await call("GET", "/api/v1/today")).status).toBe(401);
    const signIn = await call("GET", "/api/v1/auth/local?token=a-one-time-token-for-tests");
    expect(signIn.status).toBe(302);
    const setCookie = signIn.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^goodwill_session_4321=/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const cookie = cookieOf(signIn.headers);
    expect((await call("GET", "/api/v1/today", { cookie })).status).toBe(200);
    expect((await call("GET", "/api/v1/auth/local?token=a-one-time-token-for-tests")).status).toBe(401);
    expect((await call("GET", "/api/v1/auth/local?token=wrong")).status).toBe(401);
  });

  it("the sign-in link goes on to a path of this server only, never to another site", async () => {
    const nextAfter = async (next: string) => {
      const { call } = await api(dialect, { localLoginToken: "a-one-time-token-for-tests" });
      const signIn = await call(
        "GET",
        `/api/v1/auth/local?token=a-one-time-token-for-tests&next=${encodeURIComponent(next)}`,
      );
      expect(signIn.status).toBe(302);
      return signIn.headers.get("location");
    };
    expect(await nextAfter("/people/x?y=1#z")).toBe("/people/x?y=1#z");
    for (const next of ["//evil.example", "/\\evil.example", "/\t/evil.example", "https://evil.example"]) {
      expect(await nextAfter(next)).toBe("/");
    }
    // an encoded slash is part of a path here, not a second one
    const encoded = await nextAfter("/%2F%2Fevil.example");
    expect(new URL(encoded ?? "", `http://${HOST}`).origin).toBe(`http://${HOST}`);
  });

  it("once the first account exists, a local-mode session and token no longer reach the local owner", async () => {
    const { call, account } = await api(dialect, { localLoginToken: "a-one-time-token-for-tests" });
    const cookie = cookieOf(
      (await call("GET", "/api/v1/auth/local?token=a-one-time-token-for-tests")).headers,
    );
    const made = await call("POST", "/api/v1/tokens", {
      cookie,
      origin: `http://${HOST}`,
      body: { name: "script" },
    });
    expect(made.status).toBe(201);
    expect((await call("GET", "/api/v1/today", { cookie })).status).toBe(200);
    expect((await call("GET", "/api/v1/today", { token: made.body.token })).status).toBe(200);

    const ann = await account("ann@example.com");
    expect((await call("GET", "/api/v1/mode")).body).toEqual({ mode: "team" });
    expect((await call("GET", "/api/v1/today", { cookie })).status).toBe(401);
    expect((await call("GET", "/api/v1/today", { token: made.body.token })).status).toBe(401);
    expect((await call("GET", "/api/v1/auth/session", { cookie })).body).toEqual({
      mode: "team",
      signedIn: false,
      account: null,
    });
    // the account itself is in
    expect((await call("GET", "/api/v1/today", { token: ann.token })).status).toBe(200);
  });

  it("two local servers on one host keep their own sessions: the cookie's name carries the port", async () => {
    // A browser keeps cookies per host name, whatever the port: one jar for both servers.
    const jar = new Map<string, string>();
    const keep = (headers: Headers) => {
      for (const set of headers.getSetCookie()) {
        const [pair = ""] = set.split(";");
        const at = pair.indexOf("=");
        jar.set(pair.slice(0, at), pair.slice(at + 1));
      }
    };
    const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
    const first = await api(dialect, { localLoginToken: "first-server-token", host: "127.0.0.1:4321" });
    const second = await api(dialect, { localLoginToken: "second-server-token", host: "127.0.0.1:4322" });
    keep((await first.call("GET", "/api/v1/auth/local?token=first-server-token")).headers);
    keep((await second.call("GET", "/api/v1/auth/local?token=second-server-token")).headers);
    expect([...jar.keys()].sort()).toEqual(["goodwill_session_4321", "goodwill_session_4322"]);
    expect((await first.call("GET", "/api/v1/auth/session", { cookie: cookie() })).body.signedIn).toBe(true);
    expect((await second.call("GET", "/api/v1/auth/session", { cookie: cookie() })).body.signedIn).toBe(true);
    expect((await first.call("GET", "/api/v1/today", { cookie: cookie() })).status).toBe(200);
    // Logging out of one leaves the other signed in.
    const out = await second.call("POST", "/api/v1/auth/logout", {
      cookie: cookie(),
      origin: "http://127.0.0.1:4322",
    });
    expect(out.headers.getSetCookie().join()).toMatch(/^goodwill_session_4322=;/);
    keep(out.headers);
    expect((await second.call("GET", "/api/v1/auth/session", { cookie: cookie() })).body.signedIn).toBe(
      false,
    );
    expect((await first.call("GET", "/api/v1/auth/session", { cookie: cookie() })).body.signedIn).toBe(true);
  });

  it("local mode refuses a Host it is not bound to (DNS rebinding)", async () => {
    const { call } = await api(dialect, { localLoginToken: "a-one-time-token-for-tests" });
    const refused = await call("GET", "/api/v1/mode", { host: "attacker.example:4321" });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("forbidden");
  });

  it("cookie sessions refuse a cross-site Origin on changes (CSRF); tokens need no Origin", async () => {
    const { call } = await api(dialect, { localLoginToken: "a-one-time-token-for-tests" });
    const cookie = cookieOf(
      (await call("GET", "/api/v1/auth/local?token=a-one-time-token-for-tests")).headers,
    );
    const body = { name: "Raj Patel" };
    expect(
      (await call("POST", "/api/v1/people", { cookie, body, origin: "https://evil.example" })).status,
    ).toBe(403);
    expect((await call("POST", "/api/v1/people", { cookie, body })).status).toBe(403);
    // a sandboxed page sends "null"; neither that nor nonsense is a server error
    for (const origin of ["null", "not a url", "http://"]) {
      const refused = await call("POST", "/api/v1/people", { cookie, body, origin });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe("forbidden");
    }
    expect((await call("POST", "/api/v1/people", { cookie, body, origin: `http://${HOST}` })).status).toBe(
      201,
    );
  });

  it("an email with white space, another case or another composition around it is throttled as the same account", async () => {
    const { call, account } = await api(dialect);
    await account("bob@example.com");
    await account("zoë@example.com");
    const login = (email: string, password = "wrong") =>
      call("POST", "/api/v1/auth/login", { body: { email, password } });
    const token = (email: string) =>
      call("POST", "/api/v1/auth/token", { body: { email, password: "correct horse battery", name: "cli" } });
    for (const email of [
      "bob@example.com",
      "BOB@example.com",
      " bob@example.com",
      "bob@example.com\t",
      "bob@example.com\u00a0",
    ]) {
      expect((await login(email)).status).toBe(401);
    }
    for (const email of [
      "bob@example.com ",
      "bob@example.com\t",
      "\u00a0bob@example.com",
      "\ufeffbob@example.com",
      "bob@example.com\n",
      "Bob@Example.com",
    ]) {
      expect((await login(email, "correct horse battery")).status).toBe(429);
      expect((await token(email)).status).toBe(429);
    }
    // composed and decomposed ë are one account, for the throttle and for signing in
    const decomposed = "zoe\u0308@example.com";
    expect((await login(decomposed, "correct horse battery")).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await login(decomposed)).status).toBe(401);
    expect((await login("zoë@example.com", "correct horse battery")).status).toBe(429);
  });

  it("two servers on one store count wrong passwords together", async () => {
    const first = await api(dialect);
    await first.account("ann@example.com");
    const second = await api(dialect, { storeUrl: first.url });
    const login = (server: typeof first, password: string) =>
      server.call("POST", "/api/v1/auth/login", { body: { email: "ann@example.com", password } });
    for (let i = 0; i < 3; i++) expect((await login(first, "wrong")).status).toBe(401);
    for (let i = 0; i < 2; i++) expect((await login(second, "wrong")).status).toBe(401);
    expect((await login(first, "correct horse battery")).status).toBe(429);
    expect((await login(second, "correct horse battery")).status).toBe(429);
  });

  it("team mode: email and password give a session; wrong ones 401; too many 429; logout ends it", async () => {
    const { call, account } = await api(dialect);
    await account("ann@example.com");
    expect((await call("GET", "/api/v1/mode")).body).toEqual({ mode: "team" });
    // The host check is for local mode only: a team server sits behind a proxy with its own name.
    expect((await call("GET", "/api/v1/mode", { host: "goodwill.example.com" })).status).toBe(200);
    const ok = await call("POST", "/api/v1/auth/login", {
      body: { email: "ANN@example.com", password: "correct horse battery" },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.account.email).toBe("ann@example.com");
    const cookie = cookieOf(ok.headers);
    expect(cookie).toMatch(/^goodwill_session_4321=/);
    expect((await call("GET", "/api/v1/auth/me", { cookie })).body).toMatchObject({
      mode: "team",
      account: { email: "ann@example.com" },
      via: "cookie",
    });
    expect((await call("GET", "/api/v1/auth/session", { cookie })).body).toEqual({
      mode: "team",
      signedIn: true,
      account: { email: "ann@example.com", name: "ann" },
    });
    const anonymous = await call("GET", "/api/v1/auth/session");
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toEqual({ mode: "team", signedIn: false, account: null });
    for (let i = 0; i < 5; i++) {
      expect(
        (await call("POST", "/api/v1/auth/login", { body: { email: "ann@example.com", password: "wrong" } }))
          .status,
      ).toBe(401);
    }
    const throttled = await call("POST", "/api/v1/auth/login", {
      body: { email: "ann@example.com", password: "correct horse battery" },
    });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await call("POST", "/api/v1/auth/logout", { cookie, origin: `http://${HOST}` })).status).toBe(
      200,
    );
    const ended = await call("GET", "/api/v1/auth/me", { cookie });
    expect(ended.status).toBe(401);
    expect(ended.body.error.message).toBe("Your session has ended: sign in again.");
    expect((await call("GET", "/api/v1/auth/session", { cookie })).body.signedIn).toBe(false);
  });

  it("API tokens: bearer access, listed without secrets, revocable; a password buys a new one", async () => {
    const { call, account } = await api(dialect);
    const ann = await account("ann@example.com");
    expect((await call("GET", "/api/v1/today", { token: ann.token })).status).toBe(200);
    const unknown = await call("GET", "/api/v1/today", { token: `${ann.token}x` });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error).toMatchObject({
      code: "unauthorized",
      message: expect.stringMatching(
        /^This API token is not one this server knows: check that it was copied whole/,
      ),
    });
    // nothing sent at all is asked to sign in
    const none = await call("GET", "/api/v1/today");
    expect(none.body.error.message).toMatch(/^Sign in first/);
    const made = await call("POST", "/api/v1/auth/token", {
      body: { email: "ann@example.com", password: "correct horse battery", name: "laptop" },
    });
    expect(made.status).toBe(201);
    expect(made.body.token).toMatch(/^gw_/);
    const listed = (await call("GET", "/api/v1/tokens", { token: made.body.token })).body.tokens;
    expect(listed.map((t: { name: string }) => t.name).sort()).toEqual(["laptop", "test"]);
    expect(JSON.stringify(listed)).not.toContain(made.body.token.slice(-20));
    expect((await call("DELETE", `/api/v1/tokens/${made.body.id}`, { token: ann.token })).status).toBe(200);
    const revoked = await call("GET", "/api/v1/today", { token: made.body.token });
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe("token_revoked");
    expect(revoked.body.error.message).toMatch(/^This API token was revoked on 2026-11-25 \(UTC\)\./);
    expect(revoked.body.error.message).toContain("goodwill token create");
    // A revoked token's look-alike with a wrong secret is just unknown.
    const forged = await call("GET", "/api/v1/today", { token: `${made.body.token.slice(0, -4)}AAAA` });
    expect(forged.body.error.code).toBe("unauthorized");
  });

  it("behind a proxy that passes a Host without a port, the cookie is plain goodwill_session", async () => {
    const { call, account } = await api(dialect);
    await account("ann@example.com");
    const ok = await call("POST", "/api/v1/auth/login", {
      host: "goodwill.example.com",
      body: { email: "ann@example.com", password: "correct horse battery" },
    });
    const cookie = cookieOf(ok.headers);
    expect(cookie).toMatch(/^goodwill_session=/);
    expect((await call("GET", "/api/v1/auth/me", { cookie, host: "goodwill.example.com" })).status).toBe(200);
    // The same cookie at another port is not this server's session there.
    expect((await call("GET", "/api/v1/auth/me", { cookie, host: "goodwill.example.com:8443" })).status).toBe(
      401,
    );
  });
});

describeEachDialect("changing one's own password", (dialect) => {
  const ORIGIN = `http://${HOST}`;
  const signIn = async (
    call: Awaited<ReturnType<typeof api>>["call"],
    password = "correct horse battery",
  ): Promise<{ status: number; cookie: string }> => {
    const response = await call("POST", "/api/v1/auth/login", {
      body: { email: "ann@example.com", password },
    });
    return { status: response.status, cookie: cookieOf(response.headers) };
  };

  it("needs the right current password and a good new one; then ends the other sessions and keeps this one and the tokens", async () => {
    const { call, account } = await api(dialect);
    const ann = await account("ann@example.com");
    const laptop = (await signIn(call)).cookie;
    const phone = (await signIn(call)).cookie;
    const change = (body: unknown, cookie = laptop) =>
      call("POST", "/api/v1/auth/password", { cookie, origin: ORIGIN, body });

    const wrong = await change({ currentPassword: "not my password", newPassword: "a brand new passphrase" });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error).toEqual({
      code: "invalid",
      message: "The current password is not right: type the password you use to sign in now.",
      details: { field: "currentPassword" },
    });
    const short = await change({ currentPassword: "correct horse battery", newPassword: "short" });
    expect(short.status).toBe(422);
    expect(short.body.error.message).toBe("New password must have at least 10 characters.");
    const missing = await change({ newPassword: "a brand new passphrase" });
    expect(missing.body.error.message).toBe("Current password is missing: it is required.");
    const same = await change({
      currentPassword: "correct horse battery",
      newPassword: "correct horse battery",
    });
    expect(same.status).toBe(422);
    expect(same.body.error.details).toEqual({ field: "newPassword" });
    // a cookie session changes it only from this site (CSRF)
    expect(
      (
        await call("POST", "/api/v1/auth/password", {
          cookie: laptop,
          origin: "https://evil.example",
          body: { currentPassword: "correct horse battery", newPassword: "a brand new passphrase" },
        })
      ).status,
    ).toBe(403);
    // nothing has changed so far
    expect((await call("GET", "/api/v1/auth/me", { cookie: phone })).status).toBe(200);

    const done = await change({
      currentPassword: "correct horse battery",
      newPassword: "a brand new passphrase",
    });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ changed: true, otherSessionsEnded: 1 });
    expect((await call("GET", "/api/v1/auth/me", { cookie: laptop })).status).toBe(200);
    expect((await call("GET", "/api/v1/auth/me", { cookie: phone })).status).toBe(401);
    expect((await call("GET", "/api/v1/today", { token: ann.token })).status).toBe(200);
    expect((await signIn(call)).status).toBe(401);
    expect((await signIn(call, "a brand new passphrase")).status).toBe(200);
  });

  it("with an API token, every session ends (there is no current one to keep)", async () => {
    const { call, account } = await api(dialect);
    const ann = await account("ann@example.com");
    const browser = (await signIn(call)).cookie;
    const done = await call("POST", "/api/v1/auth/password", {
      token: ann.token,
      body: { currentPassword: "correct horse battery", newPassword: "a brand new passphrase" },
    });
    expect(done.body).toEqual({ changed: true, otherSessionsEnded: 1 });
    expect((await call("GET", "/api/v1/auth/me", { cookie: browser })).status).toBe(401);
    expect((await call("GET", "/api/v1/auth/me", { token: ann.token })).status).toBe(200);
  });

  it("wrong current passwords are throttled like sign-ins, and count against them", async () => {
    const { call, account } = await api(dialect);
    const ann = await account("ann@example.com");
    const attempt = (currentPassword: string) =>
      call("POST", "/api/v1/auth/password", {
        token: ann.token,
        body: { currentPassword, newPassword: "a brand new passphrase" },
      });
    for (let i = 0; i < 5; i++) expect((await attempt(`guess number ${i}`)).status).toBe(422);
    const throttled = await attempt("correct horse battery");
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.message).toMatch(/^Too many wrong passwords\. Try again in 15 minutes\./);
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await signIn(call)).status).toBe(429);
  });

  it("local mode has no password to change", async () => {
    const { call } = await api(dialect, { localLoginToken: "a-one-time-token-for-tests" });
    const cookie = cookieOf(
      (await call("GET", "/api/v1/auth/local?token=a-one-time-token-for-tests")).headers,
    );
    const refused = await call("POST", "/api/v1/auth/password", {
      cookie,
      origin: ORIGIN,
      body: { currentPassword: "anything at all", newPassword: "a brand new passphrase" },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(
      /^This server is in local mode: there is no password to change/,
    );
  });
});

describeEachDialect("request errors", (dialect) => {
  it("malformed JSON is 400, invalid fields 422, bodies over 5 MB 413, unknown routes 404, all as error documents", async () => {
    const { call, account } = await api(dialect);
    const { token } = await account("ann@example.com");
    const malformed = await call("POST", "/api/v1/people", { token, body: '{"name": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe("malformed");
    const invalid = await call("POST", "/api/v1/people", { token, body: { name: "Ann", layer: 7 } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error).toMatchObject({ code: "invalid", message: expect.stringContaining("layer") });
    const tooBig = await call("POST", "/api/v1/people", {
      token,
      body: { name: "x".repeat(6 * 1024 * 1024) },
    });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.code).toBe("too_large");
    const missing = await call("GET", "/api/v1/nothing-here", { token });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("not_found");
  });

  it("every response carries the security headers", async () => {
    const { call } = await api(dialect);
    const { headers } = await call("GET", "/api/v1/mode");
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    expect(headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(headers.get("referrer-policy")).toBe("no-referrer");
  });
});
