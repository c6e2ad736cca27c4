import { expect, it } from "vitest";
import { cli } from "../support/cli.js";
import { describeEachDialect } from "../support/stores.js";

describeEachDialect("the same limits on the command line as over the API", (dialect) => {
  it("refuses an organization, title or tag too long and a phone that is not one, naming the field", async () => {
    const { run } = cli({ dialect });
    const long = "x".repeat(201);
    const cases: [string[], RegExp, string][] = [
      [["--org", long], /^The organization is too long: at most 200 characters\.$/, "organization"],
      [["--title", long], /^The title is too long: at most 200 characters\.$/, "title"],
      [
        ["--tag", "y".repeat(101)],
        /^The tag is too long: at most 100 characters, and it has 101\. Shorten it\.$/,
        "tag",
      ],
      [["--phone", "call me"], /^--phone "call me" is not a phone number/, "phone"],
    ];
    for (const [flags, message, field] of cases) {
      const result = await run("person", "add", "Ann Able", ...flags, "--json");
      expect(result.code, flags.join(" ")).toBe(4);
      const { error } = JSON.parse(result.stderr);
      expect(error.message, flags.join(" ")).toMatch(message);
      expect(error.details.field).toBe(field);
    }
    const nameless = await run("person", "add", "  ");
    expect(nameless.stderr).toBe("goodwill: The name is empty: write the name as you would say it.\n");
    // a zero-width space and a joiner show as a blank row: no name either
    const invisible = await run("person", "add", "\u200b\u200d ");
    expect(invisible.stderr).toBe("goodwill: The name is empty: write the name as you would say it.\n");
    expect((await run("person", "list", "--json")).json().people).toEqual([]);
    const fits = await run("person", "add", "Ann Able", "--org", "x".repeat(200), "--json");
    expect(fits.code, fits.stderr).toBe(0);
  });
});
