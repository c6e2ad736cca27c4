/** Issue 10 through the API: PATCH and DELETE on records, and undo by the id each write answers with. */
import { expect, it } from "vitest";
import { describeEachDialect } from "../support/stores.js";
import { api } from "./support.js";

describeEachDialect("corrections and undo over the API", (dialect) => {
  it("a write answers with the id that undoes it; PATCH corrects, DELETE removes, undo restores", async () => {
    const { call, account } = await api(dialect);
    const { token } = await account("ann@example.com");
    const t = { token };
    const kevin = (await call("POST", "/api/v1/people", { ...t, body: { name: "Kevin O'Brien" } })).body;
    const thanked = await call("POST", "/api/v1/exchanges", {
      ...t,
      body: { personId: kevin.id, direction: "received", summary: "Swapped the hard drive" },
    });
    expect(thanked.status).toBe(201);
    const undoId = thanked.headers.get("goodwill-undo");
    expect(undoId).toMatch(/^[0-9a-f-]{36}$/);
    const entryId = thanked.body.entry.id as string;

    const patched = await call("PATCH", `/api/v1/exchanges/${entryId}`, {
      ...t,
      body: { weight: 3, summary: "Swapped the drive", occurredAt: "yesterday" },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.entry).toMatchObject({ weight: 3, summary: "Swapped the drive" });
    expect(patched.headers.get("goodwill-undo")).toMatch(/^[0-9a-f-]{36}$/);
    const ledger = (await call("GET", `/api/v1/ledger?subject=${kevin.id}`, t)).body;
    expect(ledger.balance.received).toBeCloseTo(3, 1);

    const bad = await call("PATCH", `/api/v1/exchanges/${entryId}`, { ...t, body: { weight: 40 } });
    expect(bad.status).toBe(422);
    const foreign = await call("PATCH", `/api/v1/notes/${entryId}`, { ...t, body: { body: "x" } });
    expect(foreign.status).toBe(404);

    const deleted = await call("DELETE", `/api/v1/exchanges/${entryId}`, t);
    expect(deleted.status).toBe(200);
    expect(deleted.body.deleted).toMatchObject({ kind: "ledger", id: entryId });
    const deleteUndo = deleted.headers.get("goodwill-undo") as string;
    expect((await call("GET", `/api/v1/ledger?subject=${kevin.id}`, t)).body.entries).toEqual([]);

    // The first write cannot be undone while the edit and the delete after it stand.
    const blocked = await call("POST", `/api/v1/undo/${undoId}`, t);
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe("conflict");

    // The end of an id, as `undo --list` shows it, is enough here as on the command line.
    const restored = await call("POST", `/api/v1/undo/${deleteUndo.slice(-8)}`, t);
    expect(restored.status).toBe(200);
    expect(restored.body.summary).toBe(
      "Undid: Deleted the ledger entry “Swapped the drive” (received, Kevin O'Brien).",
    );
    const back = (await call("GET", `/api/v1/ledger?subject=${kevin.id}`, t)).body;
    expect(back.entries.map((e: { summary: string; weight: number }) => [e.summary, e.weight])).toEqual([
      ["Swapped the drive", 3],
    ]);
    expect((await call("POST", `/api/v1/undo/${deleteUndo}`, t)).status).toBe(409);

    const journal = (await call("GET", "/api/v1/undo?limit=2", t)).body.entries;
    expect(journal.map((e: { description: string }) => e.description)).toEqual([
      "Deleted the ledger entry “Swapped the drive” (received, Kevin O'Brien)",
      "Edited the ledger entry “Swapped the drive”",
    ]);
    // POST /undo takes the newest still in force: the edit.
    expect((await call("POST", "/api/v1/undo", t)).body.undone.description).toBe(
      "Edited the ledger entry “Swapped the drive”",
    );
    const original = (await call("GET", `/api/v1/ledger?subject=${kevin.id}`, t)).body.entries[0];
    expect([original.summary, original.weight]).toEqual(["Swapped the hard drive", 2]);
  });

  it("moments, promises, asks, needs and introductions are corrected with the fields they have", async () => {
    const { call, account } = await api(dialect);
    const { token } = await account("ann@example.com");
    const t = { token };
    const ann = (await call("POST", "/api/v1/people", { ...t, body: { name: "Ann Able" } })).body;
    const bob = (await call("POST", "/api/v1/people", { ...t, body: { name: "Bob Baker" } })).body;
    const moment = (
      await call("POST", "/api/v1/interactions", { ...t, body: { personIds: [ann.id], summary: "Lunch" } })
    ).body.interaction;
    const movedMoment = await call("PATCH", `/api/v1/interactions/${moment.id}`, {
      ...t,
      body: { personIds: [ann.id, bob.id], channel: "in_person" },
    });
    expect(movedMoment.body.interaction.participants.map((p: { name: string }) => p.name)).toEqual([
      "Ann Able",
      "Bob Baker",
    ]);
    expect((await call("GET", `/api/v1/people/${bob.id}/overview`, t)).body.strength.score).toBeGreaterThan(
      0,
    );

    const promise = (
      await call("POST", "/api/v1/commitments", { ...t, body: { personId: ann.id, summary: "Slides" } })
    ).body.commitment;
    const dropped = await call("PATCH", `/api/v1/commitments/${promise.number}`, {
      ...t,
      body: { status: "dropped", dueOn: "2026-12-20" },
    });
    expect(dropped.body.commitment).toMatchObject({ status: "dropped", dueOn: "2026-12-20" });
    const kept = await call("PATCH", `/api/v1/commitments/${promise.number}`, {
      ...t,
      body: { status: "done" },
    });
    expect(kept.status).toBe(422);

    const ask = (
      await call("POST", "/api/v1/asks", { ...t, body: { personId: ann.id, summary: "Intro to the CFO" } })
    ).body.ask;
    const moved = await call("PATCH", `/api/v1/asks/${ask.id}`, { ...t, body: { personId: bob.id } });
    expect(moved.body.ask.counterpart).toBe("Bob Baker");

    const need = (
      await call("POST", "/api/v1/needs", { ...t, body: { personId: ann.id, text: "a designer" } })
    ).body.need;
    const met = await call("PATCH", `/api/v1/needs/${need.number}`, { ...t, body: { status: "dropped" } });
    expect(met.body.need.status).toBe("dropped");
    expect((await call("DELETE", `/api/v1/needs/${need.number}`, t)).status).toBe(200);
    expect((await call("GET", "/api/v1/needs?all=true", t)).body.needs).toEqual([]);

    const intro = (
      await call("POST", "/api/v1/introductions", {
        ...t,
        body: { aId: ann.id, bId: bob.id, reason: "both design" },
      })
    ).body.introduction;
    const reworded = await call("PATCH", `/api/v1/introductions/${intro.number}`, {
      ...t,
      body: { reason: "both run small studios" },
    });
    expect(reworded.body.introduction.reason).toBe("both run small studios");
  });
});
