import { expect, it } from "vitest";
import { cli } from "../support/cli.js";
import { describeEachDialect, type TestDialect } from "../support/stores.js";

async function markAndIt(dialect: TestDialect) {
  const c = cli({ dialect });
  await c.run("init", "--name", "Mark", "--org", "Brightline", "--dept", "Projects");
  await c.run("person", "add", "Raj Patel", "--dept", "IT");
  await c.run("person", "add", "Linda Okafor", "--dept", "Accounting");
  for (let i = 0; i < 14; i++)
    await c.run("received", i % 2 ? "Raj" : "dept:IT", `Quick fix ${i}`, "--on", `${20 + i * 20} days ago`);
  await c.run("gave", "dept:IT", "Brought doughnuts", "--on", "100 days ago", "--weight", "1");
  return c;
}

describeEachDialect("asks and the pre-ask check", (dialect) => {
  it("an ask to an overdrawn department warns and still records the ask", async () => {
    const { run } = await markAndIt(dialect);
    const result = await run("ask", "dept:IT", "A new laptop", "--json");
    expect(result.code).toBe(0);
    const { ask, check } = result.json();
    expect(ask).toMatchObject({ number: 1, counterpart: "IT", summary: "A new laptop", status: "open" });
    expect(check.balance.label).toBe("overdrawn");
    expect(check.warning).toBe(
      "You have received 14 times from IT in the last year and given once. Consider giving first.",
    );
    expect(check.suggestions).toHaveLength(3);
    for (const s of check.suggestions) expect(s.kind).toBe("give-first");
    // The ideas are IT-flavoured: drawn from the IT playbook.
    expect(check.suggestions.map((s: { action: string }) => s.action).join(" ")).toMatch(
      /ticket|quick fix|manager|training|server|coffee|requests|internet|meeting/,
    );
    expect((await run("asks", "--open", "--json")).json().asks).toHaveLength(1);
  });

  it("an ask to a person shows their balance and their department's, and warns for the department", async () => {
    const { run } = await markAndIt(dialect);
    const { check } = (await run("ask", "Raj", "Look at my VPN", "--json")).json();
    expect(check.balance.label).toBe("overdrawn");
    expect(check.departmentBalance.label).toBe("overdrawn");
    expect(check.warning).toMatch(
      /^You have received 14 times from IT in the last year and given once\. You have received 7 times from Raj Patel in the last year and given nothing\. Consider giving first\.$/,
    );
    const text = (await run("ask", "Raj", "Look at my printer")).stdout;
    expect(text).toContain("Ways to give first:");
    expect(text).toContain("Recorded ask #2 to Raj Patel: Look at my printer.");
  });

  it("an ask where the balance is fine has no warning", async () => {
    const { run } = await markAndIt(dialect);
    const { check } = (await run("ask", "Linda", "Check my expense report", "--json")).json();
    expect(check.warning).toBeNull();
    expect(check.balance.label).toBe("balanced");
  });

  it("fulfilling an ask records what was received; declining records nothing", async () => {
    const { run } = await markAndIt(dialect);
    await run("ask", "Linda", "Rush a payment");
    await run("ask", "Linda", "Waive a late fee");
    const fulfilled = (await run("ask", "fulfill", "1", "--weight", "3", "--json")).json();
    expect(fulfilled.ask).toMatchObject({ number: 1, status: "fulfilled" });
    const ledger = (await run("ledger", "Linda", "--json")).json();
    expect(ledger.entries).toHaveLength(1);
    expect(ledger.entries[0]).toMatchObject({
      direction: "received",
      weight: 3,
      summary: "Rush a payment",
      askId: fulfilled.ask.id,
    });
    expect((await run("ask", "decline", "#2", "--json")).json().ask.status).toBe("declined");
    expect((await run("ledger", "Linda", "--json")).json().entries).toHaveLength(1);
    // A closed ask cannot be closed again.
    const again = await run("ask", "fulfill", "2");
    expect(again.code).toBe(4);
    expect(again.stderr).toMatch(/Ask #2 is already declined/);
    expect((await run("ask", "fulfill", "99")).code).toBe(3);
    expect((await run("asks", "--open", "--json")).json().asks).toEqual([]);
  });
});

describeEachDialect("promises", (dialect) => {
  it("records promises both ways; doing mine is a give, theirs is something received", async () => {
    const { run } = await markAndIt(dialect);
    const mine = (await run("promise", "Linda", "Send receipts", "--due", "2026-11-20", "--json")).json()
      .commitment;
    expect(mine).toMatchObject({
      number: 1,
      direction: "i_owe",
      dueOn: "2026-11-20",
      late: true,
      status: "open",
    });
    const theirs = (
      await run("promise", "Linda", "Reimburse the fee", "--they", "--due", "2026-12-01", "--json")
    ).json().commitment;
    expect(theirs).toMatchObject({ number: 2, direction: "they_owe", late: false });
    expect((await run("promises", "--json")).json().commitments).toHaveLength(2);
    await run("done", "1");
    await run("done", "2");
    const entries = (await run("ledger", "Linda", "--json")).json().entries;
    expect(
      entries.map((e: { direction: string; summary: string }) => `${e.direction}:${e.summary}`).sort(),
    ).toEqual(["gave:Send receipts", "received:Reimburse the fee"]);
    expect((await run("promises", "--json")).json().commitments).toEqual([]);
    expect((await run("promises", "--all", "--json")).json().commitments).toHaveLength(2);
    expect((await run("done", "1")).code).toBe(4);
    // in words, the user's text quoted as typed
    const said = await run("promise", "Linda", "Send the site photos", "--due", "2026-12-01");
    expect(said.stdout.split("\n")[0]).toBe(
      "Promise #3 to Linda Okafor: “Send the site photos”, due 2026-12-01.",
    );
    const theirsSaid = await run("promise", "Linda", "Sign the form", "--they");
    expect(theirsSaid.stdout.split("\n")[0]).toBe("Promise #4 from Linda Okafor: “Sign the form”.");
  });

  it("refuses an impossible due date", async () => {
    const { run } = await markAndIt(dialect);
    const result = await run("promise", "Linda", "Send receipts", "--due", "2026-11-31");
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/--due "2026-11-31" does not exist/);
    expect((await run("promises", "--json")).json().commitments).toEqual([]);
  });
});
