/** The Inbox over the API: each decision answers with the id that undoes it, on both stores. */
import { expect, it } from "vitest";
import { api } from "../http/support.js";
import { describeEachDialect } from "../support/stores.js";
import { correspondent, suggest } from "./inbox-rows.js";

describeEachDialect("the Inbox over the API", (dialect) => {
  it("accept, edit and dismiss each answer with an undo id; undo opens the item again", async () => {
    const { call, account, store } = await api(dialect);
    const ann = await account("ann@example.com");
    const t = { token: ann.token };
    const sofia = (
      await call("POST", "/api/v1/people", {
        ...t,
        body: { name: "Sofía Ramírez", emails: ["sofia@example.com"] },
      })
    ).body;
    const gave = await suggest(store.db, ann.ownerId, {
      kind: "gave",
      personId: sofia.id,
      summary: "the intro",
      because: "thanks for the intro",
      at: "2026-11-02T09:00:00.000Z",
      subject: "Re: meeting Ana",
      exchangeKind: "intro",
    });
    const ask = await suggest(store.db, ann.ownerId, {
      kind: "ask",
      personId: sofia.id,
      summary: "review my deck",
      because: "could you review my deck",
      at: "2026-11-03T09:00:00.000Z",
    });
    const other = await suggest(store.db, ann.ownerId, {
      kind: "received",
      personId: sofia.id,
      summary: "lunch",
      because: "my treat",
      at: "2026-11-04T09:00:00.000Z",
    });

    const listed = await call("GET", "/api/v1/inbox", t);
    expect(listed.status).toBe(200);
    expect(listed.body.open).toBe(3);
    expect(listed.body.items.map((i: { id: string }) => i.id)).toEqual([other, ask, gave]);
    expect(listed.body.items[2]).toMatchObject({
      text: "You gave Sofía Ramírez: the intro",
      because: "thanks for the intro",
      subject: "Re: meeting Ana",
    });

    const accepted = await call("POST", `/api/v1/inbox/${gave}/accept`, t);
    expect(accepted.status).toBe(200);
    expect(accepted.body.recorded).toMatchObject({
      kind: "exchange",
      text: "You gave Sofía Ramírez: the intro",
    });
    const undoAccept = accepted.headers.get("goodwill-undo") as string;
    expect(undoAccept).toMatch(/^[0-9a-f-]{36}$/);
    const ledger = (await call("GET", `/api/v1/ledger?subject=${sofia.id}`, t)).body;
    expect(ledger.entries.map((e: { id: string; kind: string }) => [e.id, e.kind])).toEqual([
      [accepted.body.recorded.id, "intro"],
    ]);

    const edited = await call("PATCH", `/api/v1/inbox/${ask}`, {
      ...t,
      body: { summary: "review the pitch deck" },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.item.text).toBe("Sofía Ramírez asks: review the pitch deck");
    expect(edited.headers.get("goodwill-undo")).toMatch(/^[0-9a-f-]{36}$/);
    const asNeed = await call("POST", `/api/v1/inbox/${ask}/accept`, { ...t, body: { as: "need" } });
    expect(asNeed.body.recorded).toMatchObject({
      kind: "need",
      text: "Sofía Ramírez needs: review the pitch deck",
    });

    const badKind = await call("PATCH", `/api/v1/inbox/${other}`, { ...t, body: { kind: "alias" } });
    expect(badKind.status).toBe(422);
    const unknownPerson = await call("POST", `/api/v1/inbox/${other}/accept`, {
      ...t,
      body: { person: "Nobody Here" },
    });
    expect(unknownPerson.status).toBe(404);
    const dismissed = await call("POST", "/api/v1/inbox/dismiss", { ...t, body: { ids: [other] } });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body.dismissed.map((i: { id: string }) => i.id)).toEqual([other]);
    expect((await call("GET", "/api/v1/inbox", t)).body.open).toBe(0);
    expect((await call("POST", `/api/v1/inbox/${other}/accept`, t)).status).toBe(409);

    expect((await call("POST", `/api/v1/undo/${dismissed.headers.get("goodwill-undo")}`, t)).status).toBe(
      200,
    );
    expect((await call("POST", "/api/v1/undo", t)).status).toBe(200); // the need
    expect((await call("POST", `/api/v1/undo/${undoAccept}`, t)).status).toBe(200);
    const after = (await call("GET", "/api/v1/inbox", t)).body;
    expect(after.items.map((i: { id: string }) => i.id)).toEqual([other, ask, gave]);
    expect(after.items[1].summary).toBe("review the pitch deck");
    expect((await call("GET", `/api/v1/ledger?subject=${sofia.id}`, t)).body.entries).toEqual([]);
    expect((await call("GET", "/api/v1/needs", t)).body.needs).toEqual([]);
  });

  it("people you write to often are listed, added in one write and dismissed", async () => {
    const { call, account, store } = await api(dialect);
    const ann = await account("ann@example.com");
    const t = { token: ann.token };
    await correspondent(store.db, ann.ownerId, {
      email: "Lena.Park@studio.example",
      name: "Lena Park",
      messages: 5,
      lastAt: "2026-11-20T09:00:00.000Z",
    });
    await correspondent(store.db, ann.ownerId, {
      email: "j_doe@example.org",
      name: null,
      messages: 3,
      lastAt: "2026-11-21T09:00:00.000Z",
    });
    const listed = (await call("GET", "/api/v1/inbox/people", t)).body.people;
    expect(listed.map((p: { email: string }) => p.email)).toEqual([
      "Lena.Park@studio.example",
      "j_doe@example.org",
    ]);
    const added = await call("POST", "/api/v1/inbox/people/add", {
      ...t,
      body: { people: ["1", "j_doe@example.org"] },
    });
    expect(added.status).toBe(200);
    expect(added.body.added.map((a: { person: { name: string } }) => a.person.name)).toEqual([
      "Lena Park",
      "J Doe",
    ]);
    expect(added.headers.get("goodwill-undo")).toMatch(/^[0-9a-f-]{36}$/);
    const people = (await call("GET", "/api/v1/people", t)).body.people;
    expect(people.map((p: { person: { emails: string[] } }) => p.person.emails)).toEqual([
      ["j_doe@example.org"],
      ["Lena.Park@studio.example"],
    ]);
    expect((await call("GET", "/api/v1/inbox/people", t)).body.people).toEqual([]);
    expect(
      (await call("POST", "/api/v1/inbox/people/dismiss", { ...t, body: { people: ["9"] } })).status,
    ).toBe(404);
    expect((await call("POST", "/api/v1/inbox/people/add", { ...t, body: { people: [] } })).status).toBe(422);
  });
});
