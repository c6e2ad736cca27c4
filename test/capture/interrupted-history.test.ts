/**
 * A history import killed in the middle (SIGKILL of the built CLI, as test/import/interrupted.test.ts
 * does to a contact import): what landed is whole — every remembered message has its moment — and
 * running it again logs the rest, nothing twice.
 */
import { spawn } from "node:child_process";
import { createWriteStream, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { expect, it } from "vitest";
import { mboxChunks } from "../fixtures/capture/make-mbox.js";
import { cli, tempStorePath } from "../support/cli.js";
import { storeReader as reader } from "../support/store-reader.js";
import { describeEachDialect } from "../support/stores.js";
import { peopleCards } from "./people-cards.js";

/** An hour apart from 2024-01-01: all of them before the test's clock (2026-11-25). */
const MESSAGES = 6_000;
const PEOPLE = 300;
/** Every generated message but the mailing list's (1 in 10) and the no-reply sender's (1 in 20). */
const PERSONAL = Array.from({ length: MESSAGES }, (_, i) => i).filter(
  (i) => i % 10 !== 9 && i % 20 !== 7,
).length;

describeEachDialect("a history import killed in the middle", (dialect) => {
  it("keeps each message with its moment, and running it again logs the rest once", async () => {
    const dir = dirname(tempStorePath());
    const mbox = join(dir, "big.mbox");
    await pipeline(mboxChunks(MESSAGES, { people: PEOPLE }), createWriteStream(mbox));
    const cards = join(dir, "people.vcf");
    writeFileSync(cards, peopleCards(PEOPLE));
    const c = cli({ dialect });
    expect((await c.run("import", cards)).code).toBe(0);
    const store = await c.db;

    const child = spawn(
      process.execPath,
      ["dist/goodwill.cjs", "--db", store, "import", mbox, "--me", "ana@example.com"],
      { stdio: "ignore", env: { ...process.env, GOODWILL_NOW: "2026-11-25T12:00:00.000Z" } },
    );
    const { count, close } = await reader(dialect, store);
    try {
      await killedAndResumed(count, child, mbox, c.run);
    } finally {
      await close();
    }
  }, 180_000);
});

async function killedAndResumed(
  count: (sql: string) => Promise<number>,
  child: ReturnType<typeof spawn>,
  mbox: string,
  run: ReturnType<typeof cli>["run"],
) {
  let seen = 0;
  const deadline = Date.now() + 60_000;
  while (seen === 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 5));
    seen = await count("select count(*) as n from capture_sources");
  }
  child.kill("SIGKILL");
  await new Promise((resolve) => child.on("exit", resolve));

  const logged = await count("select count(*) as n from capture_sources where status = 'logged'");
  expect(logged).toBeGreaterThan(0);
  expect(logged, "the import must be stopped before it finished").toBeLessThan(PERSONAL);
  // Whole batches only: every logged message has its moment, participant and search entry.
  expect(await count("select count(*) as n from interactions")).toBe(logged);
  expect(await count("select count(*) as n from interaction_participants")).toBe(logged);
  expect(await count("select count(*) as n from search_documents where kind = 'interaction'")).toBe(logged);
  expect(
    await count(
      "select count(*) as n from capture_sources s where status = 'logged' and not exists (select 1 from interactions i where i.id = s.interaction_id)",
    ),
  ).toBe(0);

  const again = await run("import", mbox, "--json");
  expect(again.code, again.stderr).toBe(0);
  expect(again.json()).toMatchObject({ read: MESSAGES, logged: PERSONAL - logged });
  expect(await count("select count(*) as n from interactions")).toBe(PERSONAL);
  expect(await count("select count(distinct source_key) as n from capture_sources")).toBe(MESSAGES);
  expect(await count("select sum(contacts) as n from person_stats")).toBe(PERSONAL);
}
