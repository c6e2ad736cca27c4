/**
 * What someone else wrote cannot drive the user's terminal: a contact from another person's vCard
 * whose name carries escape sequences (set the window title, clear the screen) or a note with a
 * right-to-left override is shown with those characters visible and inert, in lists, search,
 * a person's page and error messages; `--json` carries them exactly, escaped as JSON escapes them.
 */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect, it } from "vitest";
import { cli, tempStorePath } from "../support/cli.js";
import { describeEachDialect } from "../support/stores.js";

const ESC = "\u001b";

describeEachDialect("the terminal and what others wrote", (dialect) => {
  it("escape sequences and direction overrides in imported names and notes are shown, not obeyed", async () => {
    const { run } = cli({ dialect });
    const file = join(dirname(tempStorePath()), "evil.vcf");
    const name = `Evil${ESC}]0;pwned\u0007${ESC}[2J Guy`;
    writeFileSync(
      file,
      `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${name}\r\nEMAIL:evil@example.com\r\nNOTE:paid \u202e01$ yad\u202c back\r\nEND:VCARD\r\n`,
    );
    expect((await run("import", file)).code).toBe(0);
    for (const args of [
      ["person", "list"],
      ["search", "evil"],
      ["show", "evil@example.com"],
    ]) {
      const shown = await run(...args);
      expect(shown.code, args.join(" ")).toBe(0);
      const inert = [...shown.stdout].every((ch) => {
        const c = ch.codePointAt(0) ?? 0;
        const control = (c < 0x20 && c !== 0x0a && c !== 0x09) || (c >= 0x7f && c <= 0x9f);
        return !control && !(c >= 0x202a && c <= 0x202e);
      });
      expect(inert, args.join(" ")).toBe(true);
      expect(shown.stdout, args.join(" ")).toContain("Evil␛]0;pwned␇␛[2J Guy");
    }
    // the data itself is kept as it came, for --json and exports to carry exactly
    expect((await run("show", "evil@example.com", "--json")).json().person.name).toBe(name);
    const refused = await run("gave", `Nobody${ESC}[2J`, "Coffee");
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain("Nobody␛[2J");
    expect(refused.stderr).not.toContain(ESC);
  });
});
