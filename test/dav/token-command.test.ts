import { expect, it } from "vitest";
import { davLoginOwner } from "../../src/app/dav-passwords.js";
import { openStore } from "../../src/storage/store.js";
import { cli, runCommand } from "../support/cli.js";
import { describeEachDialect, NOW } from "../support/stores.js";

describeEachDialect("goodwill token create --dav", (dialect) => {
  it("makes an app password for the local owner, or for the account named, that opens DAV", async () => {
    const { run, db } = cli({ dialect });
    const local = await run("token", "create", "--dav", "--name", "Pixel", "--json");
    expect(local.code, local.stderr).toBe(0);
    expect(local.json()).toMatchObject({
      name: "Pixel",
      username: "goodwill",
      path: "/dav/addressbooks/goodwill/",
      password: expect.stringMatching(/^[a-z2-9]{6}-[a-z2-9]{6}-[a-z2-9]{6}-[a-z2-9]{6}$/),
    });
    const human = await run("token", "create", "--dav");
    expect(human.stdout).toMatch(
      /^App password for phone: \S+\n\(shown once; it opens the address book only\.\)/,
    );

    const store = await openStore(await db);
    try {
      expect(await davLoginOwner(store.db, "anyone", local.json().password, NOW)).not.toBeNull();
      expect(await davLoginOwner(store.db, "anyone", "wrong-wrong-wrong-wrong", NOW)).toBeNull();
    } finally {
      await store.close();
    }

    const added = await runCommand(
      ["user", "add", "ann@example.com", "--password-stdin"],
      { GOODWILL_DATABASE_URL: await db, GOODWILL_NOW: new Date(NOW).toISOString() },
      "correct horse battery\n",
    );
    expect(added.code, added.stderr).toBe(0);
    const withoutUser = await run("token", "create", "--dav");
    expect(withoutUser.code).toBe(2);
    expect(withoutUser.stderr).toContain("--user EMAIL");
    const ann = await run("token", "create", "--dav", "--user", "ann@example.com", "--json");
    expect(ann.json().username).toBe("ann@example.com");
  });

  it("token list shows app passwords beside API tokens, and token revoke --dav closes the address book to one", async () => {
    const { run, db } = cli({ dialect });
    const pixel = (await run("token", "create", "--dav", "--name", "Pixel", "--json")).json();
    const ipad = (await run("token", "create", "--dav", "--name", "iPad", "--json")).json();
    const listed = await run("token", "list", "--dav", "--json");
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.json()).toEqual({
      username: "goodwill",
      passwords: [
        {
          id: pixel.id,
          name: "Pixel",
          createdAt: "2026-11-25T12:00:00.000Z",
          lastUsedAt: null,
          revokedAt: null,
        },
        {
          id: ipad.id,
          name: "iPad",
          createdAt: "2026-11-25T12:00:00.000Z",
          lastUsedAt: null,
          revokedAt: null,
        },
      ].sort((a, b) => (a.id < b.id ? -1 : 1)),
    });

    const revoked = await run("token", "revoke", pixel.id, "--dav");
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain(`Revoked the app password ${pixel.id}`);
    expect((await run("token", "revoke", pixel.id, "--dav")).stderr).toContain(
      `No app password that still works has the id ${pixel.id}.`,
    );
    const human = (await run("token", "list", "--dav")).stdout;
    expect(human).toMatch(new RegExp(`^${pixel.id}  Pixel  created 2026-11-25  never used  revoked$`, "m"));
    expect(human).toMatch(new RegExp(`^${ipad.id}  iPad  created 2026-11-25  never used$`, "m"));
    const store = await openStore(await db);
    try {
      expect(await davLoginOwner(store.db, "goodwill", pixel.password, NOW)).toBeNull();
      expect(await davLoginOwner(store.db, "goodwill", ipad.password, NOW)).not.toBeNull();
    } finally {
      await store.close();
    }

    // With accounts: an account's list holds both kinds, and --user says whose.
    const env = { GOODWILL_DATABASE_URL: await db, GOODWILL_NOW: new Date(NOW).toISOString() };
    expect(
      (
        await runCommand(
          ["user", "add", "ann@example.com", "--password-stdin"],
          env,
          "correct horse battery\n",
        )
      ).code,
    ).toBe(0);
    const api = (await run("token", "create", "--user", "ann@example.com", "--json")).json();
    const phone = (await run("token", "create", "--dav", "--user", "ann@example.com", "--json")).json();
    const both = (await run("token", "list", "--user", "ann@example.com", "--json")).json();
    expect(both.tokens.map((t: { id: string }) => t.id)).toEqual([api.id]);
    expect(both.davPasswords.map((t: { id: string }) => t.id)).toEqual([phone.id]);
    expect((await run("token", "list", "--user", "ann@example.com")).stdout).toMatch(
      /^API tokens:\n {2}\S+ {2}cli {2}created 2026-11-25\nApp passwords \(phones; revoke with --dav\):\n {2}\S+ {2}phone {2}created 2026-11-25 {2}never used\n$/,
    );
    const unnamed = await run("token", "list", "--dav");
    expect(unnamed.code).toBe(2);
    expect(unnamed.stderr).toContain("--user EMAIL");
    expect((await run("token", "revoke", phone.id, "--dav", "--user", "ann@example.com")).code).toBe(0);
  });
});
