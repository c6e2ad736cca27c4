import { expect, it } from "vitest";
import { cli } from "../support/cli.js";
import { describeEachDialect } from "../support/stores.js";

describeEachDialect("a named store and a server both set", (dialect) => {
  it("uses the store, and says the server is ignored", async () => {
    const { run } = cli({
      dialect,
      env: { GOODWILL_SERVER_URL: "http://127.0.0.1:9", GOODWILL_TOKEN: "gw_x_y" },
    });
    const added = await run("person", "add", "Ann Lee");
    expect(added.code).toBe(0);
    expect(added.stderr).toContain(
      "Note: GOODWILL_SERVER_URL is ignored because GOODWILL_DATABASE_URL names a store; unset it to use the server.",
    );
    expect((await run("--json", "person", "list")).stdout).toContain("Ann Lee");
  });
});
