/**
 * `goodwill today` shows seven of each section; a section with more says how many more and where
 * to see them, so nine asks gone stale are never read as seven.
 */
import { expect, it } from "vitest";
import { cli } from "../support/cli.js";

it("says how many more promises, stale asks and occasions there are than the seven shown", async () => {
  const { run } = cli({ dialect: "sqlite", now: "2026-12-04T12:00:00.000Z" });
  for (let i = 1; i <= 9; i++) {
    // birthdays from tomorrow on, within the week an occasion is shown in
    const day = String(4 + Math.ceil(i / 2)).padStart(2, "0");
    expect((await run("person", "add", `Guest ${i}`, "--birthday", `--12-${day}`)).code).toBe(0);
    expect((await run("promise", `Guest ${i}`, `Send the slides (${i})`, "--due", "2026-12-06")).code).toBe(
      0,
    );
    expect(
      (await run("ask", `Guest ${i}`, `An intro to a printer (${i})`, "--on", `2026-10-0${i}`)).code,
    ).toBe(0);
  }
  const today = await run("today");
  expect(today.code).toBe(0);
  const section = (title: string) => {
    const lines = today.stdout.split("\n");
    const start = lines.indexOf(title);
    expect(start, `the section "${title}"`).toBeGreaterThanOrEqual(0);
    const end = lines.indexOf("", start);
    return lines.slice(start + 1, end === -1 ? undefined : end);
  };
  for (const title of ["Promises", "Asks waiting 30 days or more", "Occasions"])
    expect(section(title).at(-1)).toBe("  … and 2 more (goodwill today --all)");
  const all = await run("today", "--all");
  expect(all.stdout).not.toContain("more (goodwill today --all)");
  expect(all.stdout.match(/An intro to a printer/g)).toHaveLength(9);
});
