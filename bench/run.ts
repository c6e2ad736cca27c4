/**
 * `npm run bench`: runs each benchmark in its own process (so one's heap and caches do not weigh on
 * the next), prints one table of the figures and writes them to bench/results.json. A missed target
 * is reported, not failed: benchmarks are not timed tests.
 *
 *   npm run bench                 every benchmark (builds first)
 *   npm run bench -- today        only those named
 */
import { fork } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchResult, Figure } from "./measure.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const BENCHMARKS = [
  "cli-startup",
  "today",
  "import",
  "hostile-files",
  "restore",
  "history-import",
  "http-read",
  "http-mixed",
  "web-first-screen",
  "web-people-scroll",
] as const;

/** A benchmark may report several results, one per store: "http-read/sqlite", "http-read/postgres". */
const benchmarkOf = (resultName: string) => resultName.split("/")[0] ?? resultName;

function runOne(name: string): Promise<BenchResult[]> {
  return new Promise((resolve, reject) => {
    const results: BenchResult[] = [];
    const child = fork(join(HERE, `${name}.ts`), [], { execArgv: ["--import", "tsx"], stdio: "inherit" });
    child.on("message", (message) => {
      results.push(message as BenchResult);
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0 && results.length > 0) resolve(results);
      else reject(new Error(`benchmark ${name} failed (exit code ${code})`));
    });
  });
}

const cell = (f: Figure) => `${f.medianMs.toFixed(1)} / ${f.p90Ms.toFixed(1)}`;

function table(results: BenchResult[]): string {
  const header = [
    "benchmark",
    "subject",
    "median / p90 ms",
    "baseline",
    "median / p90 ms",
    "ratio",
    "target",
    "",
  ];
  const rows = results.map((r) => [
    r.name,
    r.subject.label,
    cell(r.subject),
    r.baseline.label,
    cell(r.baseline),
    r.ratio.toFixed(2),
    r.target,
    r.met ? "met" : "MISSED",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !(BENCHMARKS as readonly string[]).includes(w));
  if (unknown.length > 0)
    throw new Error(`unknown benchmark ${unknown.join(", ")}; there are ${BENCHMARKS.join(", ")}`);
  const names = wanted.length > 0 ? wanted : [...BENCHMARKS];
  const results: BenchResult[] = [];
  for (const name of names) results.push(...(await runOne(name)));

  console.log(`\n${table(results)}`);
  for (const r of results) {
    for (const [key, value] of Object.entries(r.notes)) console.log(`  ${r.name}: ${key}: ${value}`);
  }
  // A benchmark run alone replaces its own entry and keeps the others'.
  const file = join(HERE, "results.json");
  const earlier = existsSync(file)
    ? (JSON.parse(readFileSync(file, "utf8")) as { results?: BenchResult[] })
    : {};
  const kept = (earlier.results ?? []).filter((r) => !names.includes(benchmarkOf(r.name)));
  const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? "unknown" };
  const order = (r: BenchResult) => (BENCHMARKS as readonly string[]).indexOf(benchmarkOf(r.name));
  const all = [...kept, ...results].sort((a, b) => order(a) - order(b));
  writeFileSync(
    file,
    `${JSON.stringify({ at: new Date().toISOString(), machine, results: all }, null, 2)}\n`,
  );
  console.log(`\nFigures written to bench/results.json.`);
}

await main();
