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
});
