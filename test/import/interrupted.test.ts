import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect, it } from "vitest";
import { cli, tempStorePath } from "../support/cli.js";
import { storeReader as reader } from "../support/store-reader.js";
import { describeEachDialect } from "../support/stores.js";

/** Enough for several batches (the first is 250, each at most twice the last): the kill lands mid-import. */
const CARDS = 12_000;

function bigAddressBook(path: string): void {
  const cards: string[] = [];
  for (let i = 0; i < CARDS; i++) {
    cards.push(
      `BEGIN:VCARD\r\nVERSION:3.0\r\nUID:card-${i}\r\nN:Person${i};Test;;;\r\nFN:Test Person${i}\r\nEMAIL;TYPE=work:person${i}@example.com\r\nTEL;TYPE=cell:+1 555 ${String(i).padStart(7, "0")}\r\nORG:Company ${i % 50};Dept ${i % 7}\r\nTITLE:Engineer\r\nEND:VCARD\r\n`,
    );
  }
  writeFileSync(path, cards.join(""));
}

describeEachDialect("an import killed in the middle", (dialect) => {
  it("leaves only whole people, and running it again finishes without duplicates", async () => {
    const file = join(dirname(tempStorePath()), "big.vcf");
    bigAddressBook(file);
    const c = cli({ dialect });
    const { run } = c;
    expect((await run("person", "list")).code).toBe(0); // creates the store
    const store = await c.db;

    const child = spawn(process.execPath, ["dist/goodwill.cjs", "--db", store, "import", file], {
      stdio: "ignore",
    });
    const { count, close } = await reader(dialect, store);
    let seen = 0;
    const deadline = Date.now() + 60_000;
    while (seen === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 5));
      seen = await count("select count(*) as n from people");
    }
    child.kill("SIGKILL");
    await new Promise((resolve) => child.on("exit", resolve));

    const people = await count("select count(*) as n from people");
    expect(people).toBeGreaterThan(0);
    expect(people, "the import must be stopped before it finished").toBeLessThan(CARDS);
    // Whole batches only: every person arrived with their stats row, email, phone and search entry.
    expect(await count("select count(*) as n from person_stats")).toBe(people);
    expect(await count("select count(*) as n from person_emails")).toBe(people);
    expect(await count("select count(*) as n from person_phones")).toBe(people);
    expect(await count("select count(*) as n from search_documents where kind = 'person'")).toBe(people);
    expect(
      await count("select count(*) as n from people where organization_id is null or department_id is null"),
    ).toBe(0);

    const again = await run("import", file, "--json");
    expect(again.code).toBe(0);
    expect(again.json()).toMatchObject({ created: CARDS - people, unchanged: people, skipped: 0 });
    expect(await count("select count(*) as n from people")).toBe(CARDS);
    expect(await count("select count(distinct uid) as n from people")).toBe(CARDS);
    expect(await count("select count(*) as n from person_emails")).toBe(CARDS);
    await close();
  }, 120_000);
});
