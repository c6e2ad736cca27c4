import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import ICAL from "ical.js";
import { expect, it } from "vitest";
import { cli, tempStorePath } from "../support/cli.js";
import { describeEachDialect, type TestDialect } from "../support/stores.js";

function scratch(name: string): string {
  return join(dirname(tempStorePath()), name);
}

// biome-ignore lint/suspicious/noExplicitAny: JSON documents
const comparable = (people: any[]) =>
  people
    .map(({ person: p }) => ({
      name: p.name,
      givenName: p.givenName,
      familyName: p.familyName,
      organization: p.organization,
      department: p.department,
      title: p.title,
      emails: p.emails,
      phones: p.phones,
      urls: p.urls,
      tags: p.tags,
      birthday: p.birthday,
      met: { text: p.met.text, on: p.met.on },
    }))
    .sort((a, b) => a.name.localeCompare(b.name));

async function storyStore(dialect: TestDialect) {
  const c = cli({ dialect });
  await c.run("demo");
  await c.run("offer", "me", "I can review contracts");
  await c.run(
    "person",
    "edit",
    "Raj",
    "--phone",
    "+1 555 010 2030",
    "--birthday",
    "1985-02-29".replace("1985", "1984"),
    "--tag",
    "it",
    "--tag",
    "=formula",
  );
  await c.run(
    "person",
    "add",
    "Ann Émile",
    "--org",
    '=HYPERLINK("x")',
    "--email",
    "ann@example.com",
    "--birthday",
    "--02-29",
  );
  return c;
}

describeEachDialect("round trips", (dialect) => {
  it("JSON: export, restore into an empty store, export again gives the same document", async () => {
    const source = await storyStore(dialect);
    const first = await source.run("export", "--format", "json");
    expect(first.code).toBe(0);
    const backup = JSON.parse(first.stdout);
    expect(backup).toMatchObject({ format: "goodwill-backup", version: 1 });
    expect(backup.people.length).toBe(12);
    expect(backup.exchanges.length).toBeGreaterThan(50);
    expect(backup.ownOffers).toEqual([expect.objectContaining({ text: "I can review contracts" })]);
    const file = scratch("backup.json");
    writeFileSync(file, first.stdout);

    const target = cli({ dialect });
    const restored = (await target.run("import", file, "--json")).json();
    expect(restored).toMatchObject({ format: "json", skipped: 0, errors: [] });
    const second = await target.run("export", "--format", "json");
    expect(second.stdout).toBe(first.stdout);
    // The restored store behaves the same: same agenda, same balances.
    expect((await target.run("today", "--json")).stdout).toBe((await source.run("today", "--json")).stdout);
    expect((await target.run("ledger", "dept:IT", "--json")).json().balance).toEqual(
      (await source.run("ledger", "dept:IT", "--json")).json().balance,
    );
    // Restoring again adds nothing, and says it counts records, not contacts.
    expect((await target.run("import", file, "--json")).json().created).toBe(0);
    expect((await target.run("import", file)).stdout).toMatch(
      /^Restored \d+ records \(people, their history and lists\) from .*backup\.json \(a Goodwill backup\): 0 new, \d+ already here, 0 skipped\.$/m,
    );
    expect((await target.run("export", "--format", "json")).stdout).toBe(first.stdout);
  });

  it("JSON: a damaged backup is refused with where the problem is, and nothing is written", async () => {
    const source = await storyStore(dialect);
    const backup = JSON.parse((await source.run("export", "--format", "json")).stdout);
    backup.exchanges[3].weight = 42;
    const file = scratch("bad.json");
    writeFileSync(file, JSON.stringify(backup));
    const target = cli({ dialect });
    const result = await target.run("import", file);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain("exchanges, record 4: Weight must be at most 8");
    expect(result.stderr).not.toMatch(/Invalid|expected [a-z]/);
    expect((await target.run("person", "list", "--json")).json().people).toEqual([]);
  });

  for (const version of ["3.0", "4.0"]) {
    it(`vCard ${version}: out and back in gives the same people and fields`, async () => {
      const source = await storyStore(dialect);
      const out = scratch(`people-${version}.vcf`);
      const written = await source.run(
        "export",
        "--format",
        "vcard",
        "--vcard-version",
        version,
        "--out",
        out,
        "--json",
      );
      expect(written.json()).toMatchObject({ format: "vcard", count: 12 });
      const target = cli({ dialect });
      const imported = (await target.run("import", out, "--json")).json();
      expect(imported).toMatchObject({ format: "vcard", created: 12, skipped: 0 });
      expect(comparable((await target.run("person", "list", "--json")).json().people)).toEqual(
        comparable((await source.run("person", "list", "--json")).json().people),
      );
      // Importing the export back into the store it came from changes nothing: UIDs match.
      expect((await source.run("import", out, "--json")).json()).toMatchObject({
        created: 0,
        updated: 0,
        unchanged: 12,
      });
    });
  }

  it("CSV: out and back in gives the same people, and formula cells are neutralised", async () => {
    const source = await storyStore(dialect);
    const out = await source.run("export", "--format", "csv");
    expect(out.stdout.split("\r\n")[0]).toMatch(/^First Name,Last Name|Name/);
    expect(out.stdout).toContain(`'=HYPERLINK`);
    expect(out.stdout).not.toMatch(/(^|,)=HYPERLINK/m);
    const file = scratch("people.csv");
    writeFileSync(file, out.stdout);
    const target = cli({ dialect });
    expect((await target.run("import", file, "--json")).json()).toMatchObject({ format: "csv", created: 12 });
    const strip = (list: ReturnType<typeof comparable>) =>
      list.map(({ met: _met, urls: _urls, ...rest }) => rest);
    expect(strip(comparable((await target.run("person", "list", "--json")).json().people))).toEqual(
      strip(comparable((await source.run("person", "list", "--json")).json().people)),
    );
  });

  it("ICS: birthdays yearly (29 February too), promises and due people as all-day events with stable UIDs", async () => {
    const source = await storyStore(dialect);
    const first = (await source.run("export", "--format", "ics")).stdout;
    const second = (await source.run("export", "--format", "ics")).stdout;
    expect(first).toBe(second);
    expect(first).toContain("\r\n");
    const calendar = new ICAL.Component(ICAL.parse(first));
    const events = calendar.getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
    const ann = events.find((e) => e.summary === "Ann Émile's birthday");
    expect(ann?.startDate.isDate).toBe(true);
    expect(String(ann?.component.getFirstPropertyValue("rrule"))).toMatch(/FREQ=YEARLY/);
    const promise = events.find((e) => e.summary.startsWith("Promised Sofía Marín"));
    expect(promise?.startDate.toString()).toBe("2026-11-22");
    // Reach-outs are one event a day with the names inside, not one event per person.
    const reachOuts = events.filter((e) => e.summary.startsWith("Goodwill: "));
    expect(reachOuts.some((e) => e.description.split("\n").includes("Raj Patel"))).toBe(true);
    expect(new Set(reachOuts.map((e) => e.startDate.toString())).size).toBe(reachOuts.length);
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
  });
});

describeEachDialect("goodwill person merge", (dialect) => {
  it("moves moments, ledger, asks, promises and details into the person kept", async () => {
    const { run } = cli({ dialect });
    await run("demo");
    await run("person", "add", "R. Patel", "--email", "rpatel@home.example", "--phone", "+1 555 777 1234");
    await run("gave", "R. Patel", "Lent him my charger");
    await run("ask", "R. Patel", "Help with my phone");
    await run("promise", "R. Patel", "Send the article", "--due", "2026-12-01");
    await run("log", "R. Patel", "Raj", "Coffee");
    const before = (await run("ledger", "Raj Patel", "--json")).json().balance.entries;
    const merged = await run("person", "merge", "R. Patel", "Raj Patel", "--yes", "--json");
    expect(merged.code).toBe(0);
    const raj = merged.json().into;
    expect(raj.emails).toEqual(["raj.patel@brightline.example", "rpatel@home.example"]);
    expect(raj.phones).toEqual(["+1 555 777 1234"]);
    expect((await run("show", "R. Patel")).code).toBe(3);
    const after = (await run("ledger", "Raj Patel", "--json")).json();
    expect(after.balance.entries).toBe(before + 1);
    const shown = (await run("show", "Raj Patel", "--json")).json();
    expect(shown.openAsks.map((a: { summary: string }) => a.summary)).toContain("Help with my phone");
    expect(shown.commitments.map((c: { summary: string }) => c.summary)).toContain("Send the article");
    expect(shown.timeline.filter((t: { summary: string }) => t.summary === "Coffee")).toHaveLength(1);
    expect((await run("person", "merge", "Raj Patel", "Raj Patel", "--yes")).code).toBe(4);
  });
});
