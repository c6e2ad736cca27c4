import { expect, it } from "vitest";
import { describeEachDialect } from "../support/stores.js";
import { api, HOST } from "./support.js";

/**
 * The offline queue of the web app sends what it held when the server comes back, and may send it
 * twice (an answer lost on a phone's network): an Idempotency-Key makes each write happen once.
 */
describeEachDialect("writes with an Idempotency-Key happen once", (dialect) => {
  async function setUp() {
    const served = await api(dialect);
    const ann = await served.account("ann@example.com");
    const added = await served.call("POST", "/api/v1/people", {
      token: ann.token,
      body: { name: "Raj Patel" },
    });
    expect(added.status).toBe(201);
    const raj = added.body;
    const send = async (
      method: string,
      path: string,
      body: unknown,
      key: string | null,
      token = ann.token,
    ) => {
      const response = await served.app.request(`http://${HOST}${path}`, {
        method,
        headers: {
          host: HOST,
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          ...(key ? { "idempotency-key": key } : {}),
        },
        body: JSON.stringify(body),
      });
      // biome-ignore lint/suspicious/noExplicitAny: JSON documents of several shapes
      const json: any = await response.json();
      return { status: response.status, headers: response.headers, body: json };
    };
    const entries = async (token = ann.token) =>
      (await served.call("GET", "/api/v1/ledger", { token })).body.entries as { summary: string }[];
    return { ...served, ann, raj, send, entries };
  }

  it("the same key twice gives the first answer again and one ledger entry; another key writes again", async () => {
    const { raj, send, entries } = await setUp();
    const body = { personId: raj.id, direction: "gave", summary: "Brought coffee to the help desk" };
    const first = await send("POST", "/api/v1/exchanges", body, "queued-7f3a9c21");
    expect(first.status).toBe(201);
    const again = await send("POST", "/api/v1/exchanges", body, "queued-7f3a9c21");
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    // the replay undoes the same write the first answer did
    expect(again.headers.get("goodwill-undo")).toBe(first.headers.get("goodwill-undo"));
    expect((await entries()).filter((e) => e.summary === body.summary)).toHaveLength(1);

    expect((await send("POST", "/api/v1/exchanges", body, "queued-0b1c2d3e")).status).toBe(201);
    expect((await entries()).filter((e) => e.summary === body.summary)).toHaveLength(2);
    // without a key, nothing changes: each request writes
    expect((await send("POST", "/api/v1/exchanges", body, null)).status).toBe(201);
    expect((await entries()).filter((e) => e.summary === body.summary)).toHaveLength(3);
  });

  it("copies arriving together write once", async () => {
    const { raj, send, call, ann } = await setUp();
    const body = { personIds: [raj.id], summary: "Hallway chat about the VPN" };
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => send("POST", "/api/v1/interactions", body, "burst-5e6f7a8b")),
    );
    for (const a of answers) expect([201, 409]).toContain(a.status);
    expect(answers.filter((a) => a.status === 201).length).toBeGreaterThanOrEqual(1);
    const created = new Set(answers.filter((a) => a.status === 201).map((a) => a.body.interaction.id));
    expect(created.size).toBe(1);
    const timeline = await call("GET", `/api/v1/people/${raj.id}/timeline`, { token: ann.token });
    expect(JSON.stringify(timeline.body).match(/Hallway chat about the VPN/g)).toHaveLength(1);
  });

  it("a key used for another request is refused; a refusal is kept as the answer; keys are per account", async () => {
    const { raj, send, entries, account } = await setUp();
    const body = { personId: raj.id, direction: "received", summary: "Fixed the printer" };
    expect((await send("POST", "/api/v1/exchanges", body, "key-11112222")).status).toBe(201);
    const other = await send(
      "POST",
      "/api/v1/exchanges",
      { ...body, summary: "Something else" },
      "key-11112222",
    );
    expect(other.status).toBe(422);
    expect(other.body.error.message).toBe(
      "This Idempotency-Key was used for another request: make a new key for each write.",
    );
    expect((await send("POST", "/api/v1/exchanges", body, "bad key!")).status).toBe(422);

    // Raj is deleted while a queued thank-you waits: it is refused, and refused again on replay.
    expect((await send("DELETE", `/api/v1/people/${raj.id}`, {}, null)).status).toBe(200);
    const thanks = { personId: raj.id, direction: "gave", kind: "thanks", summary: "Thanks for the printer" };
    const refused = await send("POST", "/api/v1/exchanges", thanks, "queued-thanks-1");
    expect(refused.status).toBe(404);
    const refusedAgain = await send("POST", "/api/v1/exchanges", thanks, "queued-thanks-1");
    expect(refusedAgain.status).toBe(404);
    expect(refusedAgain.body).toEqual(refused.body);

    // Bob's request with Ann's key is his own write, and writes.
    const bob = await account("bob@example.com");
    const bobs = await send("POST", "/api/v1/people", { name: "Bob's friend" }, "key-11112222", bob.token);
    expect(bobs.status).toBe(201);
    expect(bobs.headers.get("idempotent-replayed")).toBeNull();
    expect(await entries(bob.token)).toEqual([]);
  });
});
