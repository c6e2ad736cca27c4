/**
 * Reads a V8 .cpuprofile (from `node --cpu-prof`) and prints where the time went, per function:
 * self time (the function's own code) and total time (with what it called), as shares of the run.
 *
 *   node --cpu-prof --cpu-prof-dir=.bench/prof --cpu-prof-interval 100 --import tsx bench/today.ts
 *   node --import tsx bench/cpu-profile.ts .bench/prof [filter]
 *
 * Given a folder, every profile in it is read and the figures are the mean per profile (per
 * process), e.g. over several `node --cpu-prof dist/goodwill.cjs …` runs. `filter` keeps only the
 * functions whose file contains it (default "src/") in the second list.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function profilesIn(target: string): string[] {
  if (!statSync(target).isDirectory()) return [target];
  const files = readdirSync(target)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => join(target, f));
  if (files.length === 0) throw new Error(`no .cpuprofile in ${target}`);
  return files;
}

function main(): void {
  const [target = ".bench/prof", filter = "src/"] = process.argv.slice(2);
  const files = profilesIn(target);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  for (const file of files) {
    all += addProfile(JSON.parse(readFileSync(file, "utf8")) as CpuProfile, self, total);
  }
  const top = (map: Map<string, number>, onlyFiltered: boolean) =>
    [...map]
      .filter(([name]) => !onlyFiltered || name.includes(filter))
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25);
  const per = (value: number) => (value / files.length).toFixed(1).padStart(8);
  console.log(`${files.length} profile(s) in ${target}: ${per(all).trim()} ms sampled per profile`);
  console.log("\nself time, any code (ms per profile):");
  for (const [name, ms] of top(self, false)) console.log(`  ${per(ms)}  ${name}`);
  console.log(`\ntotal time with callees, functions in "${filter}" (ms per profile):`);
  for (const [name, ms] of top(total, true)) console.log(`  ${per(ms)}  ${name}`);
}

/** Adds one profile's self and total time per function to the maps; returns its sampled time. */
function addProfile(profile: CpuProfile, self: Map<string, number>, total: Map<string, number>): number {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const nameOf = (n: ProfileNode) => {
    const where = n.callFrame.url ? relative(process.cwd(), n.callFrame.url.replace(/^file:\/\//, "")) : "";
    return `${n.callFrame.functionName || "(anonymous)"} ${where}:${n.callFrame.lineNumber + 1}`;
  };

  let all = 0;
  for (const [id, ms] of selfMs) {
    all += ms;
    const node = byId.get(id);
    if (!node) continue;
    const name = nameOf(node);
    self.set(name, (self.get(name) ?? 0) + ms);
    // Each sample counts once towards every distinct function on its stack.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at);
      if (!frame) break;
      const frameName = nameOf(frame);
      if (seen.has(frameName)) continue;
      seen.add(frameName);
      total.set(frameName, (total.get(frameName) ?? 0) + ms);
    }
  }
  return all;
}

main();
