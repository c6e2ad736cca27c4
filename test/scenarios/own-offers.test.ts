import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { cli } from "../support/cli.js";
import { describeEachDialect, type TestDialect } from "../support/stores.js";
import { expectCleanAdvice } from "./advice-checks.js";

/*
 * The user's own offers, told from the user's side: Mark says what he can help with, and Goodwill
 * tells him whose open needs it meets.
 */

interface S {
  kind: string;
  person: { id: string; name: string };
  action: string;
  reason: string;
}

const texts = (list: S[]) => list.flatMap((s) => [s.action, s.reason]);

async function markWithHana(options: { dialect: TestDialect }) {
  const c = cli(options);
  await c.run("init", "--name", "Mark", "--org", "Brightline", "--dept", "Projects");
  await c.run("person", "add", "Hana Sato", "--org", "Sato Events");
  await c.run("person", "add", "Ben Osei", "--dept", "Finance");
  await c.run("need", "Hana", "a photographer for the launch");
  await c.run("need", "Ben", "Fewer expense reports sent back");
  return c;
}

describeEachDialect("offers of your own, as a user lives them", (dialect) => {
  it("what you offer meets someone's need: suggest says you could help them, in one suggestion", async () => {
    const { run } = await markWithHana({ dialect });
    const added = await run("offer", "me", "I can review contracts");
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^Your offer #1: I can review contracts\./);
    expect((await run("offer", "myself", "photography", "--json")).json().ownOffer).toMatchObject({
      number: 2,
      text: "photography",
      status: "open",
    });

    const { suggestions } = (await run("suggest", "--json")).json() as { suggestions: S[] };
    const forHana = suggestions.filter((s) => s.person.name === "Hana Sato");
    // One help-with-need for Hana's one need, now saying that Mark offered what she is looking for.
    expect(forHana.filter((s) => s.kind === "help-with-need")).toEqual([
      {
        kind: "help-with-need",
        person: { id: expect.any(String), name: "Hana Sato" },
        personId: expect.any(String),
        personName: "Hana Sato",
        action:
          "You could help Hana: Hana is looking for a photographer for the launch, and you offer photography.",
        reason:
          "It is what you offered yourself, and helping with what someone is working on is the most welcome give.",
      },
    ]);
    // Ben's need meets nothing Mark offered: his suggestion is the usual one.
    const ben = suggestions.find((s) => s.person.name === "Ben Osei" && s.kind === "help-with-need");
    expect(ben?.action).not.toMatch(/^You could help/);
    expectCleanAdvice(texts(suggestions), "Mark", "suggest listing");

    // The same advice reaches the agenda's reader through `suggest Hana`.
    const hana = (await run("suggest", "Hana", "--json")).json().suggestions as S[];
    expect(hana[0]?.action).toMatch(/^You could help Hana: /);
    expectCleanAdvice(texts(hana), "Mark");
  });

  it("your offers are listed with everyone's, share their numbers, and a withdrawn one matches no more", async () => {
    const { run } = await markWithHana({ dialect });
    await run("offer", "Ben", "Knows the payroll rules");
    await run("offer", "me", "Photography");
    const listed = (await run("offers", "--json")).json();
    expect(listed.offers.map((o: { number: number }) => o.number)).toEqual([1]);
    expect(listed.ownOffers.map((o: { number: number; text: string }) => [o.number, o.text])).toEqual([
      [2, "Photography"],
    ]);
    expect((await run("offers")).stdout).toMatch(/#2\s+you\s+Photography/);
    expect((await run("offers", "me", "--json")).json()).toEqual({ offers: [], ownOffers: listed.ownOffers });

    // "offer withdraw 2" finds Mark's own offer by the number the listing showed.
    const withdrawn = await run("offer", "withdraw", "2");
    expect(withdrawn.code).toBe(0);
    expect(withdrawn.stdout).toContain("Your offer #2 withdrawn");
    expect((await run("offers", "me")).stdout).toBe("You have no open offers.\n");
    const { suggestions } = (await run("suggest", "Hana", "--json")).json() as { suggestions: S[] };
    expect(suggestions.find((s) => s.kind === "help-with-need")?.action).toBe(
      "Ask Hana how the search for a photographer for the launch is going, and offer one concrete thing you can do.",
    );
    expectCleanAdvice(texts(suggestions), "Mark");
    // A number that is nobody's offer is refused with the listing that shows them all.
    const missing = await run("offer", "withdraw", "9");
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('There is no offer 9. "goodwill offers" lists them');
  });

  it("an offer of your own can be reworded, deleted, and undone like any record", async () => {
    const { run } = await markWithHana({ dialect });
    await run("offer", "me", "Proofreading");
    expect((await run("offer", "edit", "1", "Photography for events")).stdout).toBe(
      "Your offer #1: Photography for events.\n",
    );
    const advice = (await run("suggest", "Hana", "--json")).json().suggestions as S[];
    expect(advice[0]?.action).toBe(
      "You could help Hana: Hana is looking for a photographer for the launch, and you offer photography for events.",
    );
    expect((await run("search", "proofreading", "--json")).json().results).toEqual([]);
    expect((await run("search", "photography", "--json")).json().results).toEqual([
      expect.objectContaining({ kind: "own-offer", label: "Your offer", person: null }),
    ]);

    expect((await run("offer", "rm", "1")).stdout).toMatch(/^Deleted the offer of yours #1/);
    expect((await run("offers", "me", "--json")).json().ownOffers).toEqual([]);
    expect((await run("undo")).stdout).toMatch(/^Undid: Deleted the offer of yours #1/);
    expect((await run("offers", "me", "--json")).json().ownOffers).toHaveLength(1);
  });

  it("undo of `offer me` takes the offer back, and the advice with it", async () => {
    const { run } = await markWithHana({ dialect });
    await run("offer", "me", "photography");
    const undone = await run("undo", "--json");
    expect(undone.json().summary).toBe("Undid: Noted your offer “photography”.");
    expect((await run("offers", "--all", "--json")).json().ownOffers).toEqual([]);
    expect((await run("search", "photography", "--json")).json().results).toEqual([]);
    const { suggestions } = (await run("suggest", "Hana", "--json")).json() as { suggestions: S[] };
    expect(suggestions.map((s) => s.action).join(" ")).not.toContain("You could help");
  });

  it("a backup keeps your offers: restored elsewhere, they still meet Hana's need", async () => {
    const { run } = await markWithHana({ dialect });
    await run("offer", "me", "I can review contracts");
    await run("offer", "me", "photography");
    await run("offer", "withdraw", "1");
    const first = await run("export", "--format", "json");
    const backup = JSON.parse(first.stdout);
    expect(backup.ownOffers.map((o: { number: number; status: string }) => [o.number, o.status])).toEqual(
      expect.arrayContaining([
        [1, "withdrawn"],
        [2, "open"],
      ]),
    );
    const file = join(mkdtempSync(join(tmpdir(), "goodwill-own-offers-")), "backup.json");
    writeFileSync(file, first.stdout);
    const other = cli({ dialect });
    expect((await other.run("import", file)).code).toBe(0);
    expect((await other.run("export", "--format", "json")).stdout).toBe(first.stdout);
    const { suggestions } = (await other.run("suggest", "Hana", "--json")).json() as { suggestions: S[] };
    expect(suggestions[0]?.action).toMatch(/^You could help Hana: .* and you offer photography\.$/);
    // The restored offers keep their numbers: the next offer, anyone's, takes the next one.
    expect((await other.run("offer", "Ben", "Knows payroll", "--json")).json().offer.number).toBe(3);
  });
});
