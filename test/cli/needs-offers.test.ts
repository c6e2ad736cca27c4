import { expect, it } from "vitest";
import { api } from "../http/support.js";
import { cli } from "../support/cli.js";
import { describeEachDialect, type TestDialect } from "../support/stores.js";

async function office(dialect: TestDialect) {
  const c = cli({ dialect });
  await c.run("init", "--name", "Mark", "--org", "Brightline", "--dept", "Projects");
  await c.run("person", "add", "Ana Lima", "--dept", "Marketing");
  await c.run("person", "add", "Ben Osei", "--dept", "Finance");
  return c;
}

describeEachDialect("needs and offers", (dialect) => {
  it("a need and an offer show on the person, in the lists and in search", async () => {
    const { run } = await office(dialect);
    const added = await run("need", "Ana", "Hiring a designer for the spring campaign", "--json");
    expect(added.code).toBe(0);
    expect(added.json().need).toMatchObject({ number: 1, person: "Ana Lima", status: "open", metBy: null });
    await run("offer", "Ben", "Knows the payroll rules inside out");
    const shown = (await run("show", "Ana", "--json")).json();
    expect(shown.needs.map((n: { text: string }) => n.text)).toEqual([
      "Hiring a designer for the spring campaign",
    ]);
    expect(shown.offers).toEqual([]);
    expect((await run("show", "Ben", "--json")).json().offers[0].text).toBe(
      "Knows the payroll rules inside out",
    );
    expect((await run("show", "Ana")).stdout).toContain(
      "Needs\n  #1  Hiring a designer for the spring campaign",
    );
    expect((await run("needs", "--json")).json().needs).toHaveLength(1);
    expect((await run("offers", "Ana", "--json")).json().offers).toHaveLength(0);
    const hits = (await run("search", "payroll", "--json")).json().results;
    expect(
      hits.map((h: { kind: string; person: { name: string } }) => [h.kind, h.person.name]),
    ).toContainEqual(["offer", "Ben Osei"]);
  });

  it("editing rewords a need and search follows", async () => {
    const { run } = await office(dialect);
    await run("need", "Ana", "A printer that works");
    const edited = (await run("need", "edit", "1", "A quieter office", "--json")).json().need;
    expect(edited.text).toBe("A quieter office");
    expect((await run("search", "quieter", "--json")).json().results).toHaveLength(1);
    expect((await run("search", "printer", "--json")).json().results).toHaveLength(0);
  });

  it("a need met by me is a give; met by someone else it names them and the ledger is unchanged", async () => {
    const { run } = await office(dialect);
    await run("need", "Ana", "Someone to review her budget");
    await run("need", "Ana", "A venue for the offsite");
    const mine = (await run("need", "done", "1", "--by", "me", "--json")).json().need;
    expect(mine).toMatchObject({ status: "met", metBy: "me" });
    expect(mine.exchangeId).not.toBeNull();
    const ledger = (await run("ledger", "Ana", "--json")).json();
    expect(ledger.entries).toHaveLength(1);
    expect(ledger.entries[0]).toMatchObject({ direction: "gave", kind: "favor" });
    const theirs = (await run("need", "done", "2", "--by", "Ben", "--json")).json().need;
    expect(theirs.metBy).toMatchObject({ name: "Ben Osei" });
    expect(theirs.exchangeId).toBeNull();
    expect((await run("ledger", "Ana", "--json")).json().entries).toHaveLength(1);
    expect((await run("show", "Ana", "--json")).json().needs).toEqual([]);
    expect((await run("needs", "--all", "--json")).json().needs).toHaveLength(2);
    // Ben removed: the need stays met, and no longer says by whom.
    await run("person", "rm", "Ben", "--yes");
    const needs = (await run("needs", "--all", "--json")).json().needs;
    expect(needs.map((n: { status: string; metBy: unknown }) => [n.status, n.metBy])).toEqual([
      ["met", "me"],
      ["met", null],
    ]);
  });

  it("closing twice is a conflict, an unknown number is not found, and an empty text writes nothing", async () => {
    const { run } = await office(dialect);
    await run("need", "Ana", "A mentor");
    await run("need", "drop", "1");
    const again = await run("need", "done", "1");
    expect(again.code).toBe(4);
    expect(again.stderr).toContain("Need #1 is already dropped.");
    const missing = await run("offer", "withdraw", "7");
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('"goodwill offers" lists them');
    const empty = await run("offer", "Ben", "   ");
    expect(empty.code).toBe(4);
    expect((await run("offers", "--all", "--json")).json().offers).toHaveLength(0);
  });

  it("the same need or offer typed twice for one person is refused, naming the open one; nothing is added", async () => {
    const { run } = await office(dialect);
    await run("offer", "Ana", "Plumbing");
    await run("need", "Ana", "A lawyer to read a lease");
    const offerAgain = await run("offer", "Ana", "  PLUMBING ");
    expect(offerAgain.code).toBe(4);
    expect(offerAgain.stderr).toContain("Ana Lima already has this offer open: #1, “Plumbing”");
    expect(offerAgain.stderr).toContain("goodwill offer edit 1 TEXT");
    const needAgain = await run("need", "Ana", "a lawyer  to read a LEASE", "--json");
    expect(needAgain.code).toBe(4);
    expect(JSON.parse(needAgain.stderr).error).toMatchObject({ code: "conflict", details: { need: 1 } });
    // a full stop at the end is no other need
    expect((await run("need", "Ana", "A lawyer to read a lease.")).code).toBe(4);
    expect((await run("offers", "Ana", "--json")).json().offers).toHaveLength(1);
    expect((await run("needs", "Ana", "--json")).json().needs).toHaveLength(1);

    // Other words, another person, or the first one closed: a new one is welcome.
    expect((await run("offer", "Ana", "Plumbing and heating")).code).toBe(0);
    expect((await run("offer", "Ben", "Plumbing")).code).toBe(0);
    await run("need", "drop", "1");
    expect((await run("need", "Ana", "A lawyer to read a lease")).code).toBe(0);
    // An offer of my own is refused the same way.
    await run("offer", "me", "Reviewing contracts");
    const mineAgain = await run("offer", "me", "reviewing contracts");
    expect(mineAgain.code).toBe(4);
    expect(mineAgain.stderr).toContain("You already have this offer open");
    // nor is one reworded into a copy of another open one
    const first = (await run("need", "Ben", "Movers for Saturday", "--json")).json().need.number;
    const second = (await run("need", "Ben", "A van for the weekend", "--json")).json().need.number;
    const reworded = await run("need", "edit", String(second), "movers for saturday");
    expect(reworded.code).toBe(4);
    expect(reworded.stderr).toContain(
      `Ben Osei already has this need open: #${first}, “Movers for Saturday”. Keep that one, and drop #${second} (goodwill need drop ${second})`,
    );
    expect((await run("needs", "Ben", "--json")).json().needs.map((n: { text: string }) => n.text)).toEqual([
      "Movers for Saturday",
      "A van for the weekend",
    ]);
  });

  it("through the API, a second open need or offer of the same words answers 409 with the open one named", async () => {
    const { call, account } = await api(dialect);
    const { token } = await account("mark@example.com");
    const ana = (await call("POST", "/api/v1/people", { token, body: { name: "Ana Lima" } })).body
      .id as string;
    for (const path of ["/api/v1/needs", "/api/v1/offers"]) {
      const first = await call("POST", path, { token, body: { personId: ana, text: "Payroll rules" } });
      expect(first.status).toBe(201);
      const second = await call("POST", path, { token, body: { personId: ana, text: "payroll  Rules" } });
      expect(second.status).toBe(409);
      expect(second.body.error.code).toBe("conflict");
      expect(second.body.error.message).toContain(
        `#${path.endsWith("needs") ? first.body.need.number : first.body.offer.number}, “Payroll rules”`,
      );
      // a PATCH that rewords another open one into a copy is refused the same way
      const other = await call("POST", path, { token, body: { personId: ana, text: "Pension forms" } });
      const number = path.endsWith("needs") ? other.body.need.number : other.body.offer.number;
      const patched = await call("PATCH", `${path}/${number}`, { token, body: { text: "Payroll rules." } });
      expect(patched.status).toBe(409);
      expect(patched.body.error.message).toContain("instead of rewording it into a copy");
    }
    const mine = await call("POST", "/api/v1/own-offers", { token, body: { text: "Excel macros" } });
    expect(mine.status).toBe(201);
    expect((await call("POST", "/api/v1/own-offers", { token, body: { text: "excel macros" } })).status).toBe(
      409,
    );
    const offers = (await call("GET", "/api/v1/offers", { token })).body.offers;
    expect(offers.map((o: { text: string }) => o.text).sort()).toEqual(["Payroll rules", "Pension forms"]);
  });

  it("needs and offers survive a JSON backup round trip", async () => {
    const { run } = await office(dialect);
    await run("need", "Ana", "A designer");
    await run("need", "Ana", "A budget review");
    await run("need", "done", "2", "--by", "Ben");
    await run("offer", "Ben", "Payroll rules");
    await run("offer", "withdraw", "1");
    await run("offer", "Ben", "Excel macros");
    const first = await run("export", "--format", "json");
    const backup = JSON.parse(first.stdout);
    expect(backup.needs).toHaveLength(2);
    expect(backup.offers).toHaveLength(2);
    const other = cli({ dialect });
    const { writeFileSync, mkdtempSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const file = join(mkdtempSync(join(tmpdir(), "goodwill-backup-")), "backup.json");
    writeFileSync(file, first.stdout);
    expect((await other.run("import", file)).code).toBe(0);
    const second = await other.run("export", "--format", "json");
    expect(JSON.parse(second.stdout)).toEqual(backup);
    expect((await other.run("search", "macros", "--json")).json().results).toHaveLength(1);
  });
});
