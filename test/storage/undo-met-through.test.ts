/**
 * Undo puts back a person someone else met through: deleting Alice, whom Bob met through, clears
 * Bob's link; undoing it brings Alice back with her history and Bob's link to her, for a delete, a
 * merge and a bulk delete of both ends of a chain of such links.
 */
import { expect, it } from "vitest";
import { journaledService } from "../../src/service/journaled-service.js";
import { describeEachDialect, freshContext } from "../support/stores.js";

describeEachDialect("undo and who met whom through whom", (dialect) => {
  async function story() {
    const ctx = await freshContext(dialect);
    const me = journaledService(ctx);
    await me.init({ name: "Me" });
    const carol = await me.addPerson({ name: "Carol Cole" });
    const alice = await me.addPerson({ name: "Alice Ames", metThrough: carol.id });
    const bob = await me.addPerson({ name: "Bob Burr", metThrough: alice.id });
    await me.recordExchange({ personId: alice.id }, { direction: "received", summary: "lent me her tent" });
    const metThrough = async (id: string) => (await me.getPerson(id)).met.throughId;
    const history = async (id: string) => (await me.timeline(id, {})).items.length;
    return { me, carol, alice, bob, metThrough, history };
  }

  it("a person deleted and brought back is again whom the other met them through", async () => {
    const { me, alice, bob, carol, metThrough, history } = await story();
    await me.removePerson(alice.id);
    expect(await metThrough(bob.id)).toBeNull();
    await me.undo();
    expect(await metThrough(bob.id)).toBe(alice.id);
    expect(await metThrough(alice.id)).toBe(carol.id);
    expect(await history(alice.id)).toBe(1);
  });

  it("a merge undone gives the link back to the person merged away", async () => {
    const { me, alice, bob, carol, metThrough, history } = await story();
    const dan = await me.addPerson({ name: "Dan Dale" });
    await me.mergePeople(alice.id, dan.id);
    await me.undo();
    expect(await metThrough(bob.id)).toBe(alice.id);
    expect(await metThrough(alice.id)).toBe(carol.id);
    expect(await history(alice.id)).toBe(1);
    expect(await history(dan.id)).toBe(0);
  });

  it("a bulk delete of a chain (Bob through Alice through Carol) undone puts every link back", async () => {
    const { me, alice, bob, carol, metThrough, history } = await story();
    await me.bulkPeople({ ids: [bob.id, alice.id, carol.id], delete: true });
    expect((await me.listPeople({})).people).toHaveLength(0);
    await me.undo();
    expect(await metThrough(bob.id)).toBe(alice.id);
    expect(await metThrough(alice.id)).toBe(carol.id);
    expect(await metThrough(carol.id)).toBeNull();
    expect(await history(alice.id)).toBe(1);
  });

  it("a person brought back whom they met through was deleted since comes back without the link", async () => {
    const { me, alice, bob, metThrough, history } = await story();
    await me.removePerson(bob.id);
    const bobRemoved = (await me.listUndo({ limit: 1 })).entries[0]?.id as string;
    await me.removePerson(alice.id);
    await me.undo(bobRemoved);
    expect(await metThrough(bob.id)).toBeNull();
    expect(await history(bob.id)).toBe(0);
    expect((await me.listPeople({})).people.map((p) => p.person.name)).toContain("Bob Burr");
  });
});
