import { expect, it } from "vitest";
import { describeEachDialect } from "../support/stores.js";
import { api } from "./support.js";

describeEachDialect("NUL characters in requests", (dialect) => {
  it("a NUL in a JSON body, a query or a path is a 422 naming where it is, on every store", async () => {
    const { call, account } = await api(dialect);
    const { token } = await account("ann@example.com");
    const t = { token };
    const named = await call("POST", "/api/v1/people", { ...t, body: { name: "a\u0000b" } });
    expect(named.status).toBe(422);
    expect(named.body.error.code).toBe("invalid");
    expect(named.body.error.message).toBe(
      "The field name holds a NUL character (U+0000), which Goodwill does not store. Remove it and send again.",
    );
    expect(named.body.error.details).toEqual({ field: "name" });
    const nested = await call("POST", "/api/v1/people", {
      ...t,
      body: { name: "Ann", emails: ["ann@example.com", "b\u0000@example.com"] },
    });
    expect(nested.status).toBe(422);
    expect(nested.body.error.details).toEqual({ field: "emails.1" });
    const searched = await call("GET", "/api/v1/search?q=a%00b", t);
    expect(searched.status).toBe(422);
    expect(searched.body.error.details).toEqual({ field: "q" });
    expect((await call("GET", "/api/v1/people/a%00b", t)).status).toBe(422);
    const signIn = await call("POST", "/api/v1/auth/login", {
      body: { email: "ann\u0000@example.com", password: "correct horse battery" },
    });
    expect(signIn.status).toBe(422);
    // nothing was written, and the same request without the NUL is fine
    expect((await call("GET", "/api/v1/people", t)).body.total).toBe(0);
    expect((await call("POST", "/api/v1/people", { ...t, body: { name: "ab" } })).status).toBe(201);
  });
});

describeEachDialect("JSON nested too deep", (dialect) => {
  it("is a 400 saying so, signed in or not, before anything walks it; brackets inside text are text", async () => {
    const { call, account } = await api(dialect);
    const { token } = await account("ann@example.com");
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    for (const [path, init] of [
      ["/api/v1/auth/login", {}],
      ["/api/v1/people", { token }],
    ] as const) {
      const answer = await call("POST", path, { ...init, body: deep });
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe("malformed");
      expect(answer.body.error.message).toBe(
        "The request body nests lists and objects more than 32 levels deep; no request Goodwill takes is more than a few levels deep.",
      );
    }
    // A name made of brackets and quotes is a name.
    const name = `Ann ${"[{".repeat(30)} \\" ${"}]".repeat(30)}`;
    const added = await call("POST", "/api/v1/people", { token, body: { name } });
    expect(added.status).toBe(201);
    expect(added.body.person?.name ?? added.body.name).toBe(name);
  });
});

describeEachDialect("a body without its Content-Type", (dialect) => {
  it("is a 415 naming the header to send, and nothing is written", async () => {
    const { call, account } = await api(dialect);
    const { token } = await account("ann@example.com");
    const answer = await call("POST", "/api/v1/people", { token, raw: JSON.stringify({ name: "Ann" }) });
    expect(answer.status).toBe(415);
    expect(answer.body.error).toMatchObject({
      code: "unsupported_media_type",
      message: "Unsupported Media Type: send the body with the header Content-Type: application/json.",
    });
    expect((await call("GET", "/api/v1/people", { token })).body.total).toBe(0);
  });
});
