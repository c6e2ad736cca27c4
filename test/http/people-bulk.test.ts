import { expect, it } from "vitest";
import { describeEachDialect } from "../support/stores.js";
import { api } from "./support.js";

/** Back from a conference with 150 new contacts, a user sets them all up in one step, and can undo it. */
describeEachDialect("changing many people at once", (dialect) => {
  it("tags 150 people from one event, puts them in a circle with a rhythm, and one undo puts it all back", async () => {
    const { call, account } = await api(dialect);
    const ann = await account("ann@example.com");
    const t = { token: ann.token };
    const ids: string[] = [];
    for (let i = 1; i <= 150; i++) {
      const added = await call("POST", "/api/v1/people", {
        ...t,
        body: { name: `Attendee ${String(i).padStart(3, "0")}`, tags: ["conference"], layer: 500 },
      });
      ids.push(added.body.id);
    }
    const bulk = await call("POST", "/api/v1/people/bulk", {
      ...t,
      body: { ids, addTags: ["SMPS 2026"], removeTags: ["Conference"], layer: 150, cadenceDays: 90 },
    });
    expect(bulk.status).toBe(200);
    expect(bulk.body.updated).toHaveLength(150);
    expect(bulk.body.done).toBe("tagged SMPS 2026, untagged Conference, circle 150, in touch every 90 days");
    const one = (await call("GET", `/api/v1/people/${ids[42]}`, t)).body;
    expect(one).toMatchObject({ tags: ["SMPS 2026"], layer: 150, cadenceDays: 90 });

    // one change in the journal, and undoing it undoes all 150
    const undo = await call("POST", `/api/v1/undo/${bulk.headers.get("goodwill-undo")}`, t);
    expect(undo.status).toBe(200);
    expect(undo.body.summary).toMatch(/Changed 150 people: tagged SMPS 2026/);
    const back = (await call("GET", "/api/v1/people?limit=1000", t)).body.people;
    expect(back).toHaveLength(150);
    for (const p of back)
      expect(p.person).toMatchObject({ tags: ["conference"], layer: 500, cadenceDays: null });
  });

  it("refuses the whole step when one id is not the owner's or is gone, and deletes with an undo", async () => {
    const { call, account } = await api(dialect);
    const ann = await account("ann@example.com");
    const bob = await account("bob@example.com");
    const t = { token: ann.token };
    const add = async (name: string, token = ann.token) =>
      (await call("POST", "/api/v1/people", { token, body: { name } })).body.id as string;
    const [kim, lee, max] = [await add("Kim Ode"), await add("Lee Park"), await add("Max Roy")];
    const bobs = await add("Bob's friend", bob.token);
    await call("POST", "/api/v1/exchanges", {
      ...t,
      body: { personId: lee, direction: "received", summary: "Fixed my laptop" },
    });

    const refused = await call("POST", "/api/v1/people/bulk", {
      ...t,
      body: { ids: [kim, bobs], addTags: ["x"] },
    });
    expect(refused.status).toBe(404);
    expect(refused.body.error.message).toBe(
      "One of the people chosen is not in your store (deleted meanwhile?): nothing was changed. Reload the list and try again.",
    );
    expect((await call("GET", `/api/v1/people/${kim}`, t)).body.tags).toEqual([]);
    const both = await call("POST", "/api/v1/people/bulk", {
      ...t,
      body: { ids: [kim], addTags: ["x"], delete: true },
    });
    expect(both.status).toBe(422);
    expect((await call("POST", "/api/v1/people/bulk", { ...t, body: { ids: [kim], layer: 7 } })).status).toBe(
      422,
    );

    const deleted = await call("POST", "/api/v1/people/bulk", {
      ...t,
      body: { ids: [kim, lee, max], delete: true },
    });
    expect(deleted.status).toBe(200);
    expect(deleted.body.deleted.map((p: { name: string }) => p.name)).toEqual([
      "Kim Ode",
      "Lee Park",
      "Max Roy",
    ]);
    expect((await call("GET", "/api/v1/people", t)).body.people).toEqual([]);
    const undone = await call("POST", "/api/v1/undo", t);
    expect(undone.body.summary).toMatch(
      /^Undid: Deleted Kim Ode, Lee Park, Max Roy: deleted with their history/,
    );
    expect((await call("GET", "/api/v1/people", t)).body.people).toHaveLength(3);
    // Lee's history came back with him
    expect(
      (await call("GET", "/api/v1/ledger", t)).body.entries.map((e: { summary: string }) => e.summary),
    ).toEqual(["Fixed my laptop"]);
  });
});
