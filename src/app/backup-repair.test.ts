import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { repairBackup } from "./backup-repair.js";

/** A backup's text as Goodwill writes it, with `n` people whose layer needs mending. */
function backupText(n: number): string {
  const people = Array.from({ length: n }, (_, i) => ({
    id: `person-${i}`,
    name: `Person ${i}`,
    layer: 7,
    createdAt: "2026-01-01T00:00:00Z",
  }));
  return `${JSON.stringify({ format: "goodwill-backup", version: 1, people }, null, 2)}\n`;
}

function timedRepair(n: number): { ms: number; lines: number[] } {
  const text = backupText(n);
  const started = performance.now();
  const warnings = repairBackup(JSON.parse(text), text);
  return { ms: performance.now() - started, lines: warnings.map((w) => w.line) };
}

describe("mending a hand-edited backup", () => {
  it("says on which line each mended person starts", () => {
    const { lines } = timedRepair(3);
    // "{", format, version, "people": [, then each person is 6 lines from its "{".
    expect(lines).toEqual([6, 12, 18]);
  });

  it("finds the lines of thousands of mended people in one pass over the text", () => {
    timedRepair(2000); // warm-up
    const small = Math.min(timedRepair(4000).ms, timedRepair(4000).ms);
    const large = Math.min(timedRepair(8000).ms, timedRepair(8000).ms);
    // Linear is about 2; searching the text from its start for each person made it about 4.
    expect(large).toBeLessThan(3 * small + 20);
  });
});
