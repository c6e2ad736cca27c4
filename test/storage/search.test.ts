import { expect, it } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { addNote, recordExchange } from "../../src/app/moments.js";
import { addPerson, editPerson } from "../../src/app/people.js";
import { search } from "../../src/app/search.js";
import { resolveCounterpart } from "../../src/app/who.js";
import { anotherOwner, describeEachDialect, freshContext } from "../support/stores.js";

describeEachDialect("search", (dialect) => {
  it("finds people, notes and ledger entries with accents and case folded, as prefixes", async () => {
    const ctx = await freshContext(dialect);
    const sofia = await addPerson(ctx, {
      name: "Sofía Marín",
      organization: "Brightline",
      department: "Marketing",
      tags: ["proposals"],
    });
    await addNote(ctx, sofia.id, "Loves the Café Müller near the office");
    await recordExchange(ctx, await resolveCounterpart(ctx, sofia.id), {
      direction: "received",
      kind: "favor",
      summary: "Designed the cover of the Zürich report",
      at: ctx.now,
    });
    const names = async (q: string) =>
      (await search(ctx, q)).results.map((r) => `${r.kind}:${r.person?.name ?? ""}`);
    expect(await names("sofia")).toEqual(["person:Sofía Marín"]);
    expect(await names("MARIN")).toEqual(["person:Sofía Marín"]);
    expect(await names("cafe muller")).toEqual(["note:Sofía Marín"]);
    expect(await names("zurich")).toEqual(["exchange:Sofía Marín"]);
    expect(await names("propos")).toEqual(["person:Sofía Marín"]);
    expect(await names('"quotes" AND (syntax) OR *')).toEqual([]);
    expect(await names("   ")).toEqual([]);
  });

  it("marks the matched words, and brackets in the text stay text", async () => {
    const ctx = await freshContext(dialect);
    const ann = await addPerson(ctx, { name: "Ann Lee" });
    await addNote(ctx, ann.id, "Todo [x] send the <b>Zürich</b> deck to Ann");
    const [hit] = (await search(ctx, "zurich")).results;
    expect(hit?.parts.filter((p) => p.match).map((p) => p.text)).toEqual(["Zürich"]);
    expect(hit?.parts.map((p) => p.text).join("")).toBe("Todo [x] send the <b>Zürich</b> deck to Ann");
    expect(hit?.snippet).toBe("Todo [x] send the <b>[Zürich]</b> deck to Ann");
  });

  it("says what each hit is, when it happened, and names a department with its organization", async () => {
    const ctx = await freshContext(dialect);
    await addPerson(ctx, { name: "Ann Lee", organization: "Other Co", department: "IT" });
    await recordExchange(ctx, await resolveCounterpart(ctx, "dept:Other Co/IT"), {
      direction: "received",
      kind: "favor",
      summary: "Quick fix from the other IT",
      at: ctx.now,
    });
    const [hit] = (await search(ctx, "quick fix")).results;
    expect(hit).toMatchObject({
      kind: "exchange",
      label: "Ledger",
      person: null,
      department: { name: "IT", organization: "Other Co" },
      at: new Date(ctx.now).toISOString(),
    });
    const [person] = (await search(ctx, "ann")).results;
    expect(person).toMatchObject({ kind: "person", label: "Person", at: null, department: null });
  });

  it("gives the best 30 unless asked for more, and says whether there are more", async () => {
    const ctx = await freshContext(dialect);
    const ann = await addPerson(ctx, { name: "Ann Lee" });
    for (let i = 1; i <= 35; i++) await addNote(ctx, ann.id, `Alpha note number ${i}`);
    const first = await search(ctx, "alpha");
    expect(first.results).toHaveLength(30);
    expect(first.more).toBe(true);
    const all = await search(ctx, "alpha", 35);
    expect(all.results).toHaveLength(35);
    expect(all.more).toBe(false);
    expect(new Set(all.results.map((r) => r.id)).size).toBe(35);
  });

  it("follows edits: a renamed person is found by the new name only", async () => {
    const ctx = await freshContext(dialect);
    await addPerson(ctx, { name: "Pat Morgan" });
    await editPerson(ctx, "Pat Morgan", { name: "Patricia Morgan-Lee" });
    expect((await search(ctx, "patricia")).results).toHaveLength(1);
    expect((await search(ctx, "lee")).results).toHaveLength(1);
  });

  it("never shows another owner's records", async () => {
    const ctx = await freshContext(dialect);
    await ctx.db
      .insertInto("owners")
      .values({
        id: "00000000-0000-7000-8000-000000000002",
        kind: "account",
        name: "Other",
        organization_id: null,
        department_id: null,
        created_at: "2026-01-01T00:00:00.000Z",
        updated_at: "2026-01-01T00:00:00.000Z",
      })
      .execute();
    const other: AppContext = { ...ctx, ownerId: "00000000-0000-7000-8000-000000000002" };
    const theirs = await addPerson(other, { name: "Secret Contact" });
    await addNote(other, theirs.id, "confidential merger talk");
    await addPerson(ctx, { name: "Open Contact" });
    expect((await search(ctx, "secret")).results).toEqual([]);
    expect((await search(ctx, "confidential")).results).toEqual([]);
    expect((await search(other, "secret")).results).toHaveLength(1);
    expect((await search(other, "open")).results).toEqual([]);
  });
  it("orders one account's results the same whatever words other accounts use", async () => {
    const ctx = await freshContext(dialect);
    const ann = await addPerson(ctx, { name: "Ann Lee" });
    await addNote(ctx, ann.id, "walnut walnut zebra");
    await addNote(ctx, ann.id, "walnut zebra zebra");
    await addNote(ctx, ann.id, "zebra crossing by the walnut tree, walnut again");
    const order = async () => (await search(ctx, "walnut zebra")).results.map((r) => r.snippet);
    const alone = await order();
    expect(alone).toHaveLength(3);
    // Others writing either word often must not move this account's results.
    const walnuts = await anotherOwner(ctx);
    const other = await addPerson(walnuts, { name: "Walnut Grower" });
    for (let i = 0; i < 12; i++) await addNote(walnuts, other.id, `walnut harvest ${i}`);
    expect(await order()).toEqual(alone);
    const zebras = await anotherOwner(ctx);
    const keeper = await addPerson(zebras, { name: "Zebra Keeper" });
    for (let i = 0; i < 40; i++) await addNote(zebras, keeper.id, `zebra stripes zebra ${i}`);
    expect(await order()).toEqual(alone);
  });
});
