import { spawn } from "node:child_process";
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { startServer } from "../../src/http/server.js";
import { openStore } from "../../src/storage/store.js";
import { runCommand } from "../support/cli.js";
import { describeEachDialect, freshStoreUrl } from "../support/stores.js";

const CAPTURE_FIXTURES = fileURLToPath(new URL("../fixtures/capture/", import.meta.url));
const TAKEOUT = join(CAPTURE_FIXTURES, "takeout.mbox");

const run = (env: Record<string, string>, args: string[], stdin = "") => runCommand(args, env, stdin);

describeEachDialect("the CLI against a team server", (dialect) => {
  it("user add, token create, then every command works through the API as that account", async () => {
    const url = await freshStoreUrl(dialect);
    const home = mkdtempSync(join(tmpdir(), "goodwill-home-"));
    const direct = { HOME: home, GOODWILL_DATABASE_URL: url };
    expect((await run(direct, ["user", "add", "ann@example.com", "--name", "Ann"], "")).code).toBe(2);
    expect((await run(direct, ["user", "add", "ann@example.com", "--password-stdin"], "short\n")).code).toBe(
      4,
    );
    expect(
      (
        await run(
          direct,
          ["user", "add", "ann@example.com", "--name", "Ann", "--password-stdin"],
          "correct horse battery\n",
        )
      ).code,
    ).toBe(0);
    expect(
      (await run(direct, ["user", "add", "bob@example.com", "--password-stdin"], "another good password\n"))
        .code,
    ).toBe(0);
    const created = (await run(direct, ["token", "create", "--user", "ann@example.com", "--json"])).json();
    const token: string = created.token;
    expect(token).toMatch(/^gw_/);

    const store = await openStore(url);
    const server = await startServer({ store, host: "127.0.0.1", port: 0, log: false });
    try {
      await asAnnAndBob(server.url);
    } finally {
      await server.close();
      await store.close();
    }

    async function asAnnAndBob(serverUrl: string) {
      expect(server.loginUrl).toBeNull();

      const remote = { HOME: home, GOODWILL_SERVER_URL: serverUrl, GOODWILL_TOKEN: token };
      expect((await run(remote, ["init", "--name", "Ann", "--org", "Acme"])).code).toBe(0);
      expect(
        (await run(remote, ["person", "add", "Raj Patel", "--dept", "IT", "--json"])).json().isColleague,
      ).toBe(true);
      expect((await run(remote, ["received", "dept:IT", "Reset my password"])).code).toBe(0);
      expect((await run(remote, ["gave", "Raj", "Brought coffee", "--kind", "gift"])).stdout).toContain(
        "You gave Raj Patel: Brought coffee (gift, weight 2).",
      );
      expect((await run(remote, ["log", "Raj", "Standup chat", "--channel", "meeting"])).code).toBe(0);
      const ask = (await run(remote, ["ask", "dept:IT", "A new laptop", "--json"])).json();
      expect(ask.ask.counterpart).toBe("IT");
      expect((await run(remote, ["ask", "fulfill", "1"])).code).toBe(0);
      expect((await run(remote, ["promise", "Raj", "Send the article", "--due", "2026-12-01"])).code).toBe(0);
      expect((await run(remote, ["done", "1"])).code).toBe(0);
      expect((await run(remote, ["show", "Raj", "--json"])).json().person.name).toBe("Raj Patel");
      expect((await run(remote, ["score", "Raj"])).stdout).toMatch(/^Strength with Raj Patel/);
      expect((await run(remote, ["ledger", "dept:IT", "--json"])).json().balance.entries).toBe(4);
      // Suggestions for the department, through the API: IT reset a password and gave a laptop,
      // unthanked, so the thank-you to IT comes first (Raj has done nothing for Ann himself, so he is
      // not the one to start with).
      const forIt = (await run(remote, ["suggest", "dept:IT", "--json"])).json();
      expect(forIt.department.name).toBe("IT");
      expect(forIt.suggestions[0]).toMatchObject({ kind: "thank", person: { name: "IT" } });
      expect(forIt.suggestions.some((s: { person: { name: string } }) => s.person.name === "Raj Patel")).toBe(
        false,
      );
      expect((await run(remote, ["today", "--json"])).json().counts.people).toBe(1);
      expect((await run(remote, ["search", "coffee", "--json"])).json().results).toHaveLength(1);
      expect((await run(remote, ["export", "--format", "vcard"])).stdout).toContain("FN:Raj Patel");
      // The give-first engine, through the API: needs, offers, an introduction, the map and the week.
      expect(
        (await run(remote, ["person", "add", "Cleo Hart", "--org", "Studio Nine", "--tag", "design"])).code,
      ).toBe(0);
      expect((await run(remote, ["need", "Raj", "Hiring a designer for the intranet"])).code).toBe(0);
      expect((await run(remote, ["need", "edit", "1", "Hiring a designer for the new intranet"])).code).toBe(
        0,
      );
      expect((await run(remote, ["offer", "Cleo", "Designer of intranets"])).code).toBe(0);
      expect((await run(remote, ["offer", "edit", "1", "Designer of intranets and portals"])).code).toBe(0);
      expect((await run(remote, ["needs", "Raj", "--json"])).json().needs[0].text).toBe(
        "Hiring a designer for the new intranet",
      );
      expect((await run(remote, ["offers", "--json"])).json().offers).toHaveLength(1);
      const tips = (await run(remote, ["suggest", "Raj", "--json"])).json().suggestions;
      expect(tips.map((s: { kind: string }) => s.kind)).toEqual(["help-with-need", "introduce"]);
      // An offer of the user's own, through the API: numbered with the offers, matched against Raj's
      // need, reworded, withdrawn, deleted and brought back by its number.
      expect((await run(remote, ["offer", "me", "I design intranets"])).code).toBe(0);
      expect((await run(remote, ["offers", "--json"])).json().ownOffers).toEqual([
        expect.objectContaining({ number: 2, text: "I design intranets", status: "open" }),
      ]);
      expect((await run(remote, ["suggest", "Raj", "--json"])).json().suggestions[0].action).toMatch(
        /^You could help Raj: /,
      );
      expect((await run(remote, ["offer", "edit", "2", "I design intranets and portals"])).stdout).toBe(
        "Your offer #2: I design intranets and portals.\n",
      );
      expect((await run(remote, ["offer", "withdraw", "2"])).code).toBe(0);
      expect((await run(remote, ["offers", "me", "--json"])).json().ownOffers).toEqual([]);
      expect((await run(remote, ["offer", "rm", "2"])).code).toBe(0);
      expect((await run(remote, ["undo"])).stdout).toMatch(/^Undid: Deleted the offer of yours #2/);
      expect((await run(remote, ["offers", "me", "--all", "--json"])).json().ownOffers).toHaveLength(1);
      expect((await run(remote, ["intro", "Raj", "Cleo", "Cleo designs intranets"])).code).toBe(0);
      expect((await run(remote, ["intro", "set", "1", "made"])).code).toBe(4);
      expect((await run(remote, ["intro", "set", "1", "a_agreed"])).code).toBe(0);
      expect((await run(remote, ["intro", "set", "1", "b_agreed"])).code).toBe(0);
      expect((await run(remote, ["intro", "set", "1", "made", "--outcome", "Hired", "--good"])).code).toBe(0);
      expect((await run(remote, ["intros", "--status", "made", "--json"])).json().introductions).toHaveLength(
        1,
      );
      expect(
        (await run(remote, ["need", "done", "1", "--by", "Cleo", "--json"])).json().need.metBy.name,
      ).toBe("Cleo Hart");
      expect((await run(remote, ["offer", "withdraw", "1"])).code).toBe(0);
      expect((await run(remote, ["need", "Raj", "A quieter printer"])).code).toBe(0);
      expect((await run(remote, ["need", "drop", "2"])).code).toBe(0);
      expect((await run(remote, ["map", "--json"])).json().departments).toEqual([
        expect.objectContaining({ name: "IT", people: 1 }),
      ]);
      expect((await run(remote, ["map", "--org", "Studio Nine", "--json"])).json()).toMatchObject({
        departments: [],
        withoutDepartment: [{ name: "Cleo Hart" }],
      });
      expect((await run(remote, ["org", "list", "--json"])).json().organizations).toEqual([
        expect.objectContaining({
          name: "Acme",
          mine: true,
          people: 1,
          departments: [expect.objectContaining({ name: "IT", people: 1 })],
        }),
        expect.objectContaining({
          name: "Studio Nine",
          mine: false,
          people: 1,
          withoutDepartment: 1,
          departments: [],
        }),
      ]);
      expect((await run(remote, ["tags", "--json"])).json().tags).toEqual([{ name: "design", people: 1 }]);
      expect((await run(remote, ["week", "--json"])).json().total).toBeGreaterThanOrEqual(0);
      // A long timeline: show gives the newest 30, --all pages through the rest over the API.
      for (let i = 1; i <= 30; i++) await run(remote, ["log", "Raj", `Chat ${i}`, "--on", "2026-01-05"]);
      const newest = (await run(remote, ["show", "Raj", "--json"])).json();
      expect(newest.timeline).toHaveLength(30);
      expect(newest.timelineNext).toEqual(expect.any(String));
      const all = (await run(remote, ["show", "Raj", "--all", "--json"])).json();
      expect(all.timeline.length).toBeGreaterThan(30);
      expect(new Set(all.timeline.map((t: { id: string }) => t.id)).size).toBe(all.timeline.length);
      expect(all.timelineNext).toBeNull();
      const missing = await run(remote, ["show", "Nobody"]);
      expect(missing.code).toBe(3);
      expect(missing.stderr).toMatch(/No one called "Nobody"/);

      // It all happened in Ann's account: directly on the store, as Ann and as Bob.
      expect(
        (await run(direct, ["--as", "ann@example.com", "person", "list", "--json"])).json().people,
      ).toHaveLength(2);
      expect(
        (await run(direct, ["--as", "bob@example.com", "person", "list", "--json"])).json().people,
      ).toEqual([]);
      expect((await run(direct, ["person", "list", "--json"])).json().people).toEqual([]);

      // goodwill login keeps a token in the config, readable by its owner only, and commands use it.
      const login = await run(
        { HOME: home },
        ["login", serverUrl, "--email", "bob@example.com"],
        "another good password\n",
      );
      expect(login.code).toBe(0);
      expect(statSync(join(home, ".config", "goodwill", "config.json")).mode & 0o777).toBe(0o600);
      expect((await run({ HOME: home }, ["person", "add", "Bob's friend"])).code).toBe(0);
      expect(
        (await run(direct, ["--as", "bob@example.com", "person", "list", "--json"])).json().people,
      ).toHaveLength(1);
      const wrong = await run({ HOME: home }, ["login", serverUrl, "--email", "bob@example.com"], "wrong\n");
      expect(wrong.code).toBe(4);
      expect(wrong.stderr).toContain("wrong email or password");
      const badToken = await run(
        { HOME: home, GOODWILL_SERVER_URL: serverUrl, GOODWILL_TOKEN: `${token}x` },
        ["today"],
      );
      expect(badToken.code).toBe(5);
      expect(badToken.stderr).toMatch(/This API token is not one this server knows/);

      // A revoked token says so, and what to do, instead of "sign in first".
      expect((await run(direct, ["token", "revoke", created.id, "--user", "ann@example.com"])).code).toBe(0);
      const revoked = await run(remote, ["today"]);
      expect(revoked.code).toBe(5);
      expect(revoked.stderr).toMatch(/This API token was revoked on \d{4}-\d{2}-\d{2} \(UTC\)/);
      const revokedJson = await run(remote, ["--json", "today"]);
      expect(JSON.parse(revokedJson.stderr).error.code).toBe("token_revoked");
    }
  });

  it("mail history imports through the API once, as the account (its email is the user's address); a folder is refused in words", async () => {
    const url = await freshStoreUrl(dialect);
    const home = mkdtempSync(join(tmpdir(), "goodwill-home-"));
    const direct = { HOME: home, GOODWILL_DATABASE_URL: url };
    expect(
      (
        await run(
          direct,
          ["user", "add", "ana@example.com", "--name", "Ana", "--password-stdin"],
          "correct horse battery\n",
        )
      ).code,
    ).toBe(0);
    const { token } = (await run(direct, ["token", "create", "--user", "ana@example.com", "--json"])).json();
    const store = await openStore(url);
    const server = await startServer({ store, host: "127.0.0.1", port: 0, log: false });
    try {
      const remote = { HOME: home, GOODWILL_SERVER_URL: server.url, GOODWILL_TOKEN: token };
      expect(
        (await run(remote, ["person", "add", "Sofía García", "--email", "sofia@example.org"])).code,
      ).toBe(0);
      const first = (await run(remote, ["import", TAKEOUT, "--json"])).json();
      expect(first).toMatchObject({ kind: "history", format: "mbox", read: 10, alreadyImported: 0 });
      expect(first.logged).toBeGreaterThan(0);
      // The account's own email is the user's address on a server.
      expect(first.myAddresses).toMatchObject({ source: "account", addresses: ["ana@example.com"] });
      const again = (await run(remote, ["import", TAKEOUT, "--json"])).json();
      // Logged and skipped messages are remembered; those with nobody known are looked at again.
      const skipped = Object.values(first.skipped as Record<string, number>).reduce((a, b) => a + b, 0);
      expect(again).toMatchObject({
        logged: 0,
        alreadyImported: first.logged + skipped,
        unmatched: first.unmatched,
      });
      expect((await run(remote, ["inbox", "--json"])).code).toBe(0);
      const folder = await run(remote, ["import", CAPTURE_FIXTURES]);
      expect(folder.code).toBe(4);
      expect(folder.stderr).toMatch(/is a folder of messages, and a server takes one file at a time/);
    } finally {
      await server.close();
      await store.close();
    }
  });
});

it("the bundled binary serves until stopped, printing a one-time local sign-in link", async () => {
  const dir = mkdtempSync(join(tmpdir(), "goodwill-serve-"));
  const child = spawn(
    process.execPath,
    ["dist/goodwill.cjs", "--db", `${dir}/g.db`, "serve", "--port", "0"],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const link =
    /Local mode: open this link to sign in \(it works once\):\n {2}http:\/\/127\.0\.0\.1:\d+\/api\/v1\/auth\/local\?token=\S{20,}/;
  try {
    // Until the link is printed (a busy machine may take seconds to start the server), not a fixed time.
    await expect.poll(() => stdout, { timeout: 30_000 }).toMatch(link);
    expect(stdout).toMatch(/Goodwill is listening on http:\/\/127\.0\.0\.1:\d+/);
  } finally {
    child.kill("SIGTERM");
  }
  expect(await exited, "SIGTERM stops the server cleanly").toBe(0);
});
