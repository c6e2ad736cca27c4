/**
 * Import: `goodwill --db <fresh file> import contacts-100k.vcf --json`, end to end in a child
 * process (start-up, reading and parsing the vCards, matching, batched transactions, the search
 * index), against a bare better-sqlite3 loop that inserts the same rows — people, person_emails,
 * person_phones, person_stats, and the organizations and departments they point to — with prepared
 * statements in transactions of 5,000, with the import's pragmas, into a store made by the real
 * schema. Both are timed in the same loop, their order rotating. Needs the build
 * (dist/goodwill.cjs); `npm run bench` builds first.
 *
 * The physical floor is timed in the same loop: a bare loop writing the same people, emails and
 * phones into the *minimal* schema merging needs — integer row keys, an index on the source UID and
 * on each email and phone key, nothing else — with the import's pragmas (WAL, synchronous=NORMAL, a
 * 128 MiB cache) and transactions of 5,000. PostgreSQL: the same command against a fresh database of
 * a throwaway cluster (as http-read.ts starts it), once per round, after the loop; `--sqlite-only`
 * leaves it out (SQLite work measured on a busy machine, where the cluster's runs add minutes).
 *
 * For information, two more are timed once after the loop: the bare loop writing *every* row the
 * import writes (adding notes and the search documents with their FTS5 index), and the vCard reader
 * alone, in-process, so that the gap between the CLI and its baseline can be split into parsing,
 * the search index and the rest. CPU time (user + system) is reported next to wall time: on a
 * shared machine it moves less.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { openImportFile } from "../src/app/read-file.js";
import { readContacts } from "../src/formats/read/read-contacts.js";
import { emailKey, foldText, newId, phoneKey } from "../src/storage/keys.js";
import { IMPORT_CACHE_KIB, IMPORT_CHECKPOINT_PAGES } from "../src/storage/sqlite/import-pragmas.js";
import { contactAt, ensureContactsFile } from "./contacts-file.js";
import { startBenchPostgres } from "./http-load.js";
import { type Figure, ms, report, sampleInterleaved } from "./measure.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(ROOT, "dist", "goodwill.cjs");
const WORK = join(ROOT, ".bench");
const CONTACTS = 100_000;
const FILE = join(WORK, "contacts-100k.vcf");
const TEMPLATE = join(WORK, "import-template.db");
const RUNS = 3;
const BATCH = 5_000;
const TARGET_PER_SECOND = 25_000;
const PG_TARGET_PER_SECOND = 15_000;
const AIM_PER_SECOND = 50_000;
const MEMORY_LIMIT_MIB = 1024;
const GNU_TIME = "/usr/bin/time";

/**
 * `GOODWILL_BENCH_IMPORT=postgres` runs only the PostgreSQL import; `sqlite` (or `--sqlite-only`, as
 * bench/today.ts has it) everything else.
 */
const ONLY = process.argv.includes("--sqlite-only") ? "sqlite" : process.env.GOODWILL_BENCH_IMPORT;

const log = (text: string) => process.stderr.write(`  import: ${text}\n`);

function removeStore(path: string): void {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
}

/** An empty store with the real schema and the local owner, made by the CLI as a first run makes it. */
function makeTemplate(): string {
  removeStore(TEMPLATE);
  const first = spawnSync(process.execPath, [CLI, "--db", TEMPLATE, "person", "list"], { encoding: "utf8" });
  if (first.status !== 0) throw new Error(`goodwill person list failed: ${first.stderr}`);
  const db = new Database(TEMPLATE);
  // The copies must be whole in one file: fold the WAL in and leave rollback-journal mode off.
  db.pragma("wal_checkpoint(TRUNCATE)");
  const owner = db.prepare("select id from owners").get() as { id: string } | undefined;
  db.close();
  if (!owner) throw new Error("the new store has no owner");
  return owner.id;
}

/**
 * Peak resident memory (KiB) and CPU time (s) of a child: GNU time's %M %U %S where it is installed,
 * otherwise the child's own `process.resourceUsage()` written on exit by a preloaded script.
 */
function resourceProbe(): { command: string[]; read(): { maxRssKiB: number; cpuS: number }; how: string } {
  const out = join(WORK, "import-resources.txt");
  const read = () => {
    const [rss = 0, user = 0, system = 0] = (readFileSync(out, "utf8").trim().split("\n").at(-1) ?? "")
      .split(" ")
      .map(Number);
    return { maxRssKiB: rss, cpuS: user + system };
  };
  if (existsSync(GNU_TIME)) {
    return { command: [GNU_TIME, "-f", "%M %U %S", "-o", out, process.execPath], read, how: "GNU time %M" };
  }
  const preload = join(WORK, "resources-on-exit.cjs");
  writeFileSync(
    preload,
    `process.on("exit", () => { const u = process.resourceUsage(); require("node:fs").writeFileSync(${JSON.stringify(out)}, u.maxRSS + " " + u.userCPUTime / 1e6 + " " + u.systemCPUTime / 1e6); });\n`,
  );
  return {
    command: [process.execPath, "--require", preload],
    read,
    how: "process.resourceUsage().maxRSS",
  };
}

interface ContactRows {
  people: unknown[][];
  emails: unknown[][];
  phones: unknown[][];
  /** per contact: its note, if any */
  notes: (unknown[] | null)[];
  /** per contact: its search documents (the person's, and its note's) */
  search: unknown[][][];
  /** organization (and organization + department) keys in first-seen order, with their rows */
  places: { org: string; dept: string; orgRow: unknown[] | null; deptRow: unknown[] | null }[];
}

/**
 * The rows the import writes for the generated contacts, made before the clock starts: the
 * baseline times the inserts only. Column values follow import-contacts.ts (layer 500, closeness 3,
 * labels as the vCard reader gives them, keys from storage/keys.ts).
 */
function rowsFor(ownerId: string): ContactRows {
  const now = new Date().toISOString();
  const rows: ContactRows = { people: [], emails: [], phones: [], notes: [], search: [], places: [] };
  const orgIds = new Map<string, string>();
  const deptIds = new Map<string, string>();
  for (let i = 0; i < CONTACTS; i++) {
    const c = contactAt(i);
    const orgKey = foldText(c.organization);
    let orgId = orgIds.get(orgKey);
    let orgRow: unknown[] | null = null;
    if (!orgId) {
      orgId = newId();
      orgIds.set(orgKey, orgId);
      orgRow = [ownerId, orgId, c.organization, orgKey, now];
    }
    const deptKey = `${orgId}:${foldText(c.department)}`;
    let deptId = deptIds.get(deptKey);
    let deptRow: unknown[] | null = null;
    if (!deptId) {
      deptId = newId();
      deptIds.set(deptKey, deptId);
      deptRow = [ownerId, deptId, orgId, c.department, foldText(c.department), now];
    }
    rows.places.push({ org: orgKey, dept: deptKey, orgRow, deptRow });
    const id = newId();
    rows.people.push([
      ownerId,
      id,
      c.displayName,
      c.givenName,
      c.familyName,
      foldText(c.displayName),
      orgId,
      deptId,
      c.title,
      c.birthday,
      c.uid,
      now,
      now,
    ]);
    rows.emails.push([ownerId, id, c.email, emailKey(c.email)]);
    rows.phones.push([ownerId, id, c.phone, phoneKey(c.phone)]);
    const documents: unknown[][] = [
      [ownerId, "person", id, id, [c.displayName, c.organization, c.department, c.title, c.email].join(" ")],
    ];
    if (c.note) {
      const noteId = newId();
      rows.notes.push([ownerId, noteId, id, c.note, now]);
      documents.push([ownerId, "note", noteId, id, c.note]);
    } else {
      rows.notes.push(null);
    }
    rows.search.push(documents);
  }
  return rows;
}

/** Inserts the rows into a copy of the template, 5,000 contacts per transaction. */
function bareInsert(path: string, rows: ContactRows, everything: boolean): void {
  removeStore(path);
  copyFileSync(TEMPLATE, path);
  const db = new Database(path);
  // The pragmas the app opens every store with (sqlite-dialect.ts), and those an import adds
  // (import-pragmas.ts). Without the last three the loop spilled every statement journal of an
  // insert that fires a trigger to a temporary file: half its time, which the import does not spend.
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  db.pragma("synchronous = NORMAL");
  db.pragma(`cache_size = ${-IMPORT_CACHE_KIB}`);
  db.pragma(`wal_autocheckpoint = ${IMPORT_CHECKPOINT_PAGES}`);
  db.pragma("temp_store = memory");
  const org = db.prepare(
    "insert into organizations (owner_id, id, name, name_key, created_at) values (?, ?, ?, ?, ?)",
  );
  const dept = db.prepare(
    "insert into departments (owner_id, id, organization_id, name, name_key, created_at) values (?, ?, ?, ?, ?, ?)",
  );
  const person = db.prepare(
    `insert into people (owner_id, id, display_name, given_name, family_name, nickname, name_key,
       organization_id, department_id, title, tags, met_text, met_on, met_through_id, birthday, layer,
       closeness, cadence_days, ledger_mode, archived, uid, created_at, updated_at)
     values (?, ?, ?, ?, ?, null, ?, ?, ?, ?, '[]', null, null, null, ?, 500, 3, null, 'track', 0, ?, ?, ?)`,
  );
  const stats = db.prepare("insert into person_stats (owner_id, person_id) values (?, ?)");
  const email = db.prepare(
    `insert into person_emails (owner_id, person_id, position, value, value_key, label, pref)
     values (?, ?, 0, ?, ?, 'work', 0)`,
  );
  const phone = db.prepare(
    `insert into person_phones (owner_id, person_id, position, value, value_key, label, pref)
     values (?, ?, 0, ?, ?, 'mobile', 0)`,
  );
  const note = db.prepare(
    "insert into notes (owner_id, id, person_id, body, created_at) values (?, ?, ?, ?, ?)",
  );
  const search = db.prepare(
    "insert into search_documents (owner_id, kind, ref_id, person_id, body) values (?, ?, ?, ?, ?)",
  );
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const place = rows.places[i];
      if (place?.orgRow) org.run(place.orgRow);
      if (place?.deptRow) dept.run(place.deptRow);
      const p = rows.people[i] as unknown[];
      person.run(p);
      stats.run(p[0], p[1]);
      email.run(rows.emails[i] as unknown[]);
      phone.run(rows.phones[i] as unknown[]);
      if (!everything) continue;
      const body = rows.notes[i];
      if (body) note.run(body);
      for (const document of rows.search[i] ?? []) search.run(document);
    }
  });
  for (let from = 0; from < CONTACTS; from += BATCH) batch(from, Math.min(CONTACTS, from + BATCH));
  db.close();
}

/**
 * The floor: the same people, emails and phones in the least schema an import that merges by UID,
 * email and phone needs (integer row keys, three indexes), with the import's pragmas.
 */
function minimalInsert(path: string, rows: ContactRows): void {
  removeStore(path);
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma(`cache_size = ${-IMPORT_CACHE_KIB}`);
  db.exec(`create table people (
      person integer primary key, owner_id text not null, id text not null, display_name text not null,
      given_name text, family_name text, name_key text not null, organization_id text,
      department_id text, title text, birthday text, uid text, created_at text not null,
      updated_at text not null);
    create unique index people_uid on people (uid);
    create table person_emails (person integer not null, value text not null, value_key text not null);
    create index person_emails_key on person_emails (value_key);
    create table person_phones (person integer not null, value text not null, value_key text not null);
    create index person_phones_key on person_phones (value_key);`);
  const person = db.prepare(
    `insert into people (owner_id, id, display_name, given_name, family_name, name_key, organization_id,
       department_id, title, birthday, uid, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const email = db.prepare("insert into person_emails (person, value, value_key) values (?, ?, ?)");
  const phone = db.prepare("insert into person_phones (person, value, value_key) values (?, ?, ?)");
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const key = person.run(rows.people[i] as unknown[]).lastInsertRowid;
      const e = rows.emails[i] as unknown[];
      const p = rows.phones[i] as unknown[];
      email.run(key, e[2], e[3]);
      phone.run(key, p[2], p[3]);
    }
  });
  for (let from = 0; from < CONTACTS; from += BATCH) batch(from, Math.min(CONTACTS, from + BATCH));
  db.close();
}

/** The same import into fresh databases of a throwaway PostgreSQL cluster: ms per run, or why not. */
async function importOnPostgres(runs: number): Promise<{ ms: number[] } | { skipped: string }> {
  const cluster = await startBenchPostgres();
  if ("skipped" in cluster) return cluster;
  try {
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const url = await cluster.createDatabase(`bench_import_${run}`);
      const made = spawnSync(process.execPath, [CLI, "--db", url, "person", "list"], { encoding: "utf8" });
      if (made.status !== 0) throw new Error(`goodwill person list on PostgreSQL failed: ${made.stderr}`);
      const started = performance.now();
      const result = spawnSync(process.execPath, [CLI, "--db", url, "import", FILE, "--json"], {
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, NO_COLOR: "1", GOODWILL_NOW: "" },
      });
      times.push(performance.now() - started);
      if (result.status !== 0) throw new Error(`goodwill import on PostgreSQL failed: ${result.stderr}`);
      const summary = JSON.parse(result.stdout) as { created: number };
      if (summary.created !== CONTACTS) throw new Error(`PostgreSQL import created ${summary.created}`);
      log(`PostgreSQL ${run + 1}/${runs}`);
    }
    return { ms: times };
  } finally {
    await cluster.stop();
  }
}

function countRows(path: string): { people: number; emails: number; phones: number; search: number } {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare(
        `select (select count(*) from people) as people, (select count(*) from person_emails) as emails,
           (select count(*) from person_phones) as phones, (select count(*) from search_documents) as search`,
      )
      .get() as { people: number; emails: number; phones: number; search: number };
  } finally {
    db.close();
  }
}

const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const perSecond = (f: Figure) => CONTACTS / (f.medianMs / 1000);
const rate = (value: number) => `${Math.round(value).toLocaleString("en")} contacts/s`;

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first.`);
  mkdirSync(WORK, { recursive: true });
  const started = performance.now();
  const made = await ensureContactsFile(FILE, CONTACTS);
  log(`${made === "cached" ? "using the cached" : "wrote"} ${FILE} (${ms(performance.now() - started)})`);
  if (ONLY !== undefined && ONLY !== "postgres" && ONLY !== "sqlite") {
    throw new Error(`GOODWILL_BENCH_IMPORT must be postgres or sqlite, not ${ONLY}`);
  }
  if (ONLY === "postgres") {
    const postgres = await importOnPostgres(RUNS);
    if ("skipped" in postgres) throw new Error(`PostgreSQL import skipped: ${postgres.skipped}`);
    console.log(
      `\n  PostgreSQL import ${rate(CONTACTS / (median(postgres.ms) / 1000))} (target ≥ ${rate(PG_TARGET_PER_SECOND)}); runs ${postgres.ms.map((t) => `${(t / 1000).toFixed(1)} s`).join(", ")}`,
    );
    return;
  }

  const ownerId = makeTemplate();
  const rows = rowsFor(ownerId);
  const probe = resourceProbe();
  const subjectStore = join(WORK, "import-subject.db");
  const bareStore = join(WORK, "import-bare.db");
  const fullStore = join(WORK, "import-bare-full.db");
  const floorStore = join(WORK, "import-floor.db");
  const peaksKiB: number[] = [];
  const cpuSeconds = { cli: [] as number[], bare: [] as number[] };
  let lastSummary = "";

  const cli = {
    label: `goodwill import (${CONTACTS.toLocaleString("en")} vCards, fresh store)`,
    run: () => {
      removeStore(subjectStore);
      const [command, ...prefix] = probe.command as [string, ...string[]];
      const result = spawnSync(command, [...prefix, CLI, "--db", subjectStore, "import", FILE, "--json"], {
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, NO_COLOR: "1", GOODWILL_NOW: "" },
      });
      if (result.status !== 0) throw new Error(`goodwill import failed (${result.status}): ${result.stderr}`);
      const summary = JSON.parse(result.stdout) as { created: number; skipped: number; errors: unknown[] };
      if (summary.created !== CONTACTS || summary.skipped !== 0) {
        throw new Error(`goodwill import created ${summary.created} and skipped ${summary.skipped}`);
      }
      const used = probe.read();
      peaksKiB.push(used.maxRssKiB);
      cpuSeconds.cli.push(used.cpuS);
      lastSummary = `created ${summary.created}, skipped ${summary.skipped}, errors ${summary.errors.length}`;
    },
  };
  const bare = {
    label: "better-sqlite3 loop: people, emails, phones, stats",
    run: () => {
      const before = process.cpuUsage();
      bareInsert(bareStore, rows, false);
      const used = process.cpuUsage(before);
      cpuSeconds.bare.push((used.user + used.system) / 1e6);
    },
  };
  const floor = {
    label: "better-sqlite3 loop, minimal schema (the floor): people, emails, phones",
    run: () => minimalInsert(floorStore, rows),
  };
  const bareFull = {
    label: "better-sqlite3 loop: every row, with notes and search index",
    run: () => bareInsert(fullStore, rows, true),
  };
  const parse = {
    label: "vCard reader alone, in-process",
    run: async () => {
      let n = 0;
      for await (const _ of readContacts((await openImportFile(FILE)).stream(), "vcard")) n++;
      if (n !== CONTACTS) throw new Error(`the reader gave ${n} records`);
    },
  };

  const [subject, baseline, floorFigure] = await sampleInterleaved([cli, bare, floor], {
    warmups: 0,
    runs: RUNS,
    onRound: (round) => log(`${round}/${RUNS} rounds`),
  });
  if (!subject || !baseline || !floorFigure) throw new Error("missing figures");
  // For information only, once each: they split the gap, they are not the comparison.
  const [full, reader] = await sampleInterleaved([bareFull, parse], { warmups: 0, runs: 1 });
  if (!full || !reader) throw new Error("missing figures");

  const postgres =
    ONLY === "sqlite"
      ? { skipped: "SQLite only (--sqlite-only or GOODWILL_BENCH_IMPORT=sqlite)" }
      : await importOnPostgres(RUNS);
  const stored = countRows(subjectStore);
  if (stored.people !== CONTACTS || stored.emails !== CONTACTS || stored.phones !== CONTACTS) {
    throw new Error(`the imported store has ${JSON.stringify(stored)}, expected ${CONTACTS} of each`);
  }
  const bareRows = countRows(bareStore);
  if (bareRows.people !== CONTACTS) throw new Error(`the baseline store has ${bareRows.people} people`);
  const fullRows = countRows(fullStore);
  if (fullRows.search !== stored.search) {
    throw new Error(`the full baseline wrote ${fullRows.search} search rows, the import ${stored.search}`);
  }

  const peakMiB = Math.max(...peaksKiB) / 1024;
  const subjectRate = perSecond(subject);
  const ratio = subject.medianMs / baseline.medianMs;
  for (const store of [subjectStore, bareStore, fullStore, floorStore, TEMPLATE]) removeStore(store);
  const floorRate = perSecond(floorFigure);
  const pgRate = "ms" in postgres ? CONTACTS / (median(postgres.ms) / 1000) : null;
  console.log(
    `\n  import ${rate(subjectRate)} vs baseline ${rate(perSecond(baseline))}: ${(subjectRate / perSecond(baseline)).toFixed(2)}× the baseline's rate; ${(subjectRate / floorRate).toFixed(2)}× the floor's ${rate(floorRate)}; peak memory ${peakMiB.toFixed(0)} MiB`,
  );
  console.log(
    pgRate === null
      ? `  PostgreSQL import skipped: ${"skipped" in postgres ? postgres.skipped : ""}`
      : `  PostgreSQL import ${rate(pgRate)} (target ≥ ${rate(PG_TARGET_PER_SECOND)})`,
  );
  report({
    name: "import",
    subject,
    baseline,
    ratio,
    target: `≥ ${TARGET_PER_SECOND.toLocaleString("en")} contacts/s (aim ${AIM_PER_SECOND.toLocaleString("en")}), peak < 1 GiB; PostgreSQL ≥ ${PG_TARGET_PER_SECOND.toLocaleString("en")}`,
    met:
      subjectRate >= TARGET_PER_SECOND &&
      peakMiB < MEMORY_LIMIT_MIB &&
      (pgRate === null || pgRate >= PG_TARGET_PER_SECOND),
    notes: {
      "goodwill import contacts/s (median)": Math.round(subjectRate),
      "baseline contacts/s (median)": Math.round(perSecond(baseline)),
      "import rate / baseline rate": Number((subjectRate / perSecond(baseline)).toFixed(2)),
      "floor (minimal schema) contacts/s (median)": Math.round(floorRate),
      "import rate / floor rate": Number((subjectRate / floorRate).toFixed(2)),
      "PostgreSQL goodwill import contacts/s (median)":
        pgRate === null ? `skipped: ${"skipped" in postgres ? postgres.skipped : ""}` : Math.round(pgRate),
      ...("ms" in postgres
        ? { "PostgreSQL import ms per run": postgres.ms.map((t) => t.toFixed(0)).join(", ") }
        : {}),
      [`peak memory MiB (max of ${peaksKiB.length}, ${probe.how})`]: Number(peakMiB.toFixed(0)),
      "peak memory MiB per run": peaksKiB.map((k) => (k / 1024).toFixed(0)).join(", "),
      "CPU s, import / baseline (median)": `${median(cpuSeconds.cli).toFixed(1)} / ${median(cpuSeconds.bare).toFixed(1)}`,
      "every row, with search index (once): ms": Number(full.medianMs.toFixed(0)),
      "vCard reader alone, in-process (once): ms": Number(reader.medianMs.toFixed(0)),
      "store after import": `${stored.people} people, ${stored.emails} emails, ${stored.phones} phones, ${stored.search} search rows (${lastSummary})`,
    },
  });
}

await main();
