/**
 * CLI start-up: the wall time of one `goodwill gave` (the most frequent command: open the store,
 * find a person among 2,000, write an entry and its aggregates, print the balance) against a bare
 * `node -e ''` in the same loop. What is left above the baseline is Goodwill's own start-up.
 * Needs the build (dist/goodwill.cjs, or $GOODWILL_DIST/goodwill.cjs as tsdown.config.ts writes it);
 * `npm run bench` builds first. On Linux it also adds up each one's CPU time (user + sys), which
 * other processes on a shared machine move less than the wall time.
 */
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { pairedRatio, report, type Subject, sampleInterleaved } from "./measure.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = process.env.GOODWILL_DIST ?? join(ROOT, "dist");
// A build from before the CommonJS binary (a baseline in GOODWILL_DIST) has its launcher in
// goodwill.mjs, and its goodwill.cjs is the CLI without the launcher: time what its `bin` named.
const CLI = join(DIST, existsSync(join(DIST, "goodwill.mjs")) ? "goodwill.mjs" : "goodwill.cjs");
const STORE = join(ROOT, ".bench", "cli-startup.db");
const PEOPLE = 2_000;
const WARMUPS = 3;
const RUNS = 30;
const TARGET_RATIO = 1.4;

// biome-ignore format: a list of names reads best as a block
const FIRST = [
  "Ada", "Bela", "Chidi", "Dara", "Emeka", "Farah", "Goran", "Hana", "Ines", "Jonas",
  "Keiko", "Lars", "Maya", "Nuno", "Olu", "Priya", "Quinn", "Rosa", "Sami", "Tomas",
];
// biome-ignore format: a list of names reads best as a block
const LAST = [
  "Abara", "Berg", "Castro", "Dubois", "Eze", "Fischer", "Gupta", "Haddad", "Ito", "Jensen",
  "Kowalski", "Lopez", "Mensah", "Novak", "Okafor", "Petrov", "Quispe", "Rossi", "Sato", "Tan",
  "Umar", "Varga", "Weber", "Xu", "Yilmaz",
];

/** 2,000 distinct names: 20 × 25 pairs, each with one of four middle initials. */
function personName(i: number): string {
  const first = FIRST[i % FIRST.length] as string;
  const last = LAST[Math.floor(i / FIRST.length) % LAST.length] as string;
  const initial = "ABCD"[Math.floor(i / (FIRST.length * LAST.length))] as string;
  return `${first} ${initial}. ${last}`;
}

function runCli(
  args: string[],
  env: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", GOODWILL_NOW: "", ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function buildStore(): void {
  mkdirSync(dirname(STORE), { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) rmSync(STORE + suffix, { force: true });
  // The schema and the owner come from the CLI itself, exactly as a first run makes them.
  const first = runCli(["--db", STORE, "person", "list"]);
  if (first.status !== 0) throw new Error(`goodwill person list failed: ${first.stderr}`);

  const db = new Database(STORE);
  db.pragma("journal_mode = WAL");
  const owners = db.prepare("select id from owners").all() as { id: string }[];
  if (owners.length !== 1 || !owners[0]) throw new Error(`expected one owner, found ${owners.length}`);
  const ownerId = owners[0].id;
  const now = new Date().toISOString();
  const person = db.prepare(
    `insert into people (owner_id, id, display_name, name_key, tags, layer, closeness, ledger_mode,
       archived, created_at, updated_at)
     values (?, ?, ?, ?, '[]', 150, 3, 'track', 0, ?, ?)`,
  );
  const stats = db.prepare("insert into person_stats (owner_id, person_id) values (?, ?)");
  const search = db.prepare(
    "insert into search_documents (owner_id, kind, ref_id, person_id, body) values (?, 'person', ?, ?, ?)",
  );
  db.transaction(() => {
    for (let i = 0; i < PEOPLE; i++) {
      const id = randomUUID();
      const name = personName(i);
      person.run(ownerId, id, name, name.toLowerCase(), now, now);
      stats.run(ownerId, id);
      search.run(ownerId, id, id, name);
    }
  })();
  db.close();
}

/** The chunks node must load before any command runs: the entry and its static imports, transitively. */
function loadedAtStart(): { files: string[]; bytes: number } {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, "utf8");
    // Minified static imports: import{…}from"./chunk.mjs" (dynamic import() has a parenthesis);
    // the launcher's require of the CommonJS entry (by its path; an ES module launcher's through
    // createRequire), and the chunks' top-level require()s (a command's, loaded when it runs, is in
    // an arrow function: `=>require(…)`).
    const patterns = [
      /(?:^|[;\s}])(?:import|export)\s*(?:[^"'()]*?from\s*)?["'](\.\/[^"']+)["']/g,
      /\)\(["'`](\.\/[^"'`]+\.cjs)["'`]\)/g,
      /require\(`\$\{__dirname\}\/([^`]+\.cjs)`\)/g,
      /(?:^|[;\s}=,])require\(["'`](\.\/[^"'`]+)["'`]\)/g,
    ];
    for (const pattern of patterns) {
      for (const m of code.matchAll(pattern)) if (m[1]) visit(join(dirname(file), m[1]));
    }
  };
  visit(CLI);
  const files = [...seen];
  return { files, bytes: files.reduce((sum, f) => sum + statSync(f).size, 0) };
}

/**
 * The CPU time (user + sys, ms) of the children this process has waited for, from /proc/self/stat
 * (its cutime and cstime, in clock ticks); null where there is no /proc.
 */
function childrenCpuReader(): (() => number) | null {
  if (!existsSync("/proc/self/stat")) return null;
  const ticks = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim());
  if (!(ticks > 0)) return null;
  return () => {
    // The fields after the command's name, which is in parentheses and may hold spaces.
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]?.split(" ") ?? [];
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / ticks;
  };
}

/** The subject with its children's CPU time added up as it runs (a spawnSync waits for its child). */
function withCpu(subject: Subject, cpu: (() => number) | null, totals: Map<string, number[]>): Subject {
  if (!cpu) return subject;
  const samples: number[] = [];
  totals.set(subject.label, samples);
  return {
    label: subject.label,
    run: () => {
      const before = cpu();
      subject.run();
      samples.push(cpu() - before);
    },
  };
}

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first.`);
  buildStore();
  const who = personName(1_234);
  const check = runCli(["--db", STORE, "gave", who, "Brought coffee"]);
  if (check.status !== 0 || !check.stdout.includes(who)) {
    throw new Error(`goodwill gave did not record: status ${check.status}\n${check.stdout}${check.stderr}`);
  }

  const gave = {
    label: `goodwill gave "${who}" (${PEOPLE.toLocaleString("en")} people)`,
    run: () => {
      const r = runCli(["--db", STORE, "gave", who, "Brought coffee"]);
      if (r.status !== 0) throw new Error(`goodwill gave failed: ${r.stderr}`);
    },
  };
  const bare = { label: "node -e ''", run: () => spawnSync(process.execPath, ["-e", ""]) };
  const version = {
    label: "goodwill --version",
    run: () => {
      if (runCli(["--version"]).status !== 0) throw new Error("goodwill --version failed");
    },
  };
  // The first run after a build (or an upgrade of Node): its V8 code cache is empty and written
  // as it exits (src/cli/compile-cache.ts). Each run gets a cache folder of its own.
  const coldCaches = join(ROOT, ".bench", "cli-startup-cold-caches");
  rmSync(coldCaches, { recursive: true, force: true });
  let coldRuns = 0;
  const cold = {
    label: "goodwill gave, empty code cache",
    run: () => {
      const cache = join(coldCaches, String(coldRuns++));
      const r = runCli(["--db", STORE, "gave", who, "Brought coffee"], { XDG_CACHE_HOME: cache });
      if (r.status !== 0) throw new Error(`goodwill gave failed: ${r.stderr}`);
    },
  };
  const cpu = childrenCpuReader();
  const cpuTotals = new Map<string, number[]>();
  const subjects = [gave, bare, version, cold].map((s) => withCpu(s, cpu, cpuTotals));
  const [subject, baseline, versionFigure, coldFigure] = await sampleInterleaved(subjects, {
    warmups: WARMUPS,
    runs: RUNS,
    onRound: (round) => {
      if (round % 10 === 0) process.stderr.write(`  cli-startup: ${round}/${RUNS} rounds\n`);
    },
  });
  rmSync(coldCaches, { recursive: true, force: true });
  if (!subject || !baseline || !versionFigure || !coldFigure) throw new Error("missing figures");
  const start = loadedAtStart();
  const ratio = subject.medianMs / baseline.medianMs;
  // Means, not medians: one run's CPU time is counted in whole clock ticks (10 ms at 100 Hz).
  const cpuMean = (label: string) => {
    const samples = cpuTotals.get(label) ?? [];
    return samples.reduce((sum, v) => sum + v, 0) / samples.length;
  };
  // Set here (a proxy's CA bundle): OpenSSL then parses it at every Node start, which lengthens the
  // baseline by more than half and makes every ratio look better than on a machine without it.
  const caNote: Record<string, string> = process.env.NODE_EXTRA_CA_CERTS
    ? {
        "NODE_EXTRA_CA_CERTS is set":
          "every node start parses that CA bundle, baseline included; run with it unset for the ratio of a machine without it",
      }
    : {};
  const cpuNotes: Record<string, string | number> = cpu
    ? {
        "CPU (user+sys) per run, mean ms: gave / node -e '' / --version / gave, empty cache": [
          gave,
          bare,
          version,
          cold,
        ]
          .map((s) => cpuMean(s.label).toFixed(1))
          .join(" / "),
        "CPU ratio gave / node -e ''": Number((cpuMean(gave.label) / cpuMean(bare.label)).toFixed(2)),
      }
    : {};
  report({
    name: "cli-startup",
    subject,
    baseline,
    ratio,
    target: `ratio ≤ ${TARGET_RATIO.toFixed(1)} (aim 1.25)`,
    met: ratio <= TARGET_RATIO,
    notes: {
      "ratio of each round, median (gave and node -e '' moments apart)": Number(
        pairedRatio(subject, baseline).toFixed(2),
      ),
      "goodwill --version median ms": Number(versionFigure.medianMs.toFixed(1)),
      "goodwill --version ratio": Number((versionFigure.medianMs / baseline.medianMs).toFixed(2)),
      "gave minus node, median ms": Number((subject.medianMs - baseline.medianMs).toFixed(1)),
      "gave with an empty code cache (first run after a build), median ms": Number(
        coldFigure.medianMs.toFixed(1),
      ),
      "loaded before any command": `${(start.bytes / 1024).toFixed(0)} kB in ${start.files.map((f) => basename(f)).join(", ")}`,
      ...cpuNotes,
      ...caNote,
    },
  });
}

await main();
