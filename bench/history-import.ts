/**
 * History import (issue 18): `goodwill --db <copy of a store with 300 people> import history.mbox
 * --me ana@example.com --json`, end to end in a child process of the built CLI (start-up, the mbox
 * streamed through the mail reader, matching, moments written in batched transactions), on 100,000
 * generated messages (test/fixtures/capture/make-mbox.ts). Its peak resident memory is read from the
 * child itself (`process.resourceUsage().maxRSS`, written on exit): it must stay under 500 MB
 * whatever the mbox's size, since nothing of it is collected.
 *
 * The baseline, timed in the same loop with the order rotating, is reading the file alone through
 * `readMailbox` in-process (the reader's own cost, which the import cannot beat); a bare byte read
 * of the file is timed too, for the floor. Messages per second are given for each.
 */
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { readMailbox } from "../src/formats/read/mail/read-mailbox.js";
import { peopleCards } from "../test/capture/people-cards.js";
import { mboxChunks } from "../test/fixtures/capture/make-mbox.js";
import { type Figure, report, sampleInterleaved } from "./measure.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(ROOT, "dist", "goodwill.cjs");
const WORK = join(ROOT, ".bench");
const MESSAGES = Number(process.env.HISTORY_MESSAGES ?? 100_000);
const PEOPLE = 300;
const FILE = join(WORK, `history-${MESSAGES}.mbox`);
const TEMPLATE = join(WORK, "history-template.db");
const SUBJECT = join(WORK, "history-subject.db");
const RUNS = Number(process.env.HISTORY_RUNS ?? 3);
const MEMORY_LIMIT_MIB = 500;
/** The generated messages start 2024-01-01, one an hour: the clock is after the last of them. */
const NOW = new Date(Date.UTC(2024, 0, 1) + MESSAGES * 3_600_000).toISOString();
/** Written by the child on exit: its peak resident memory in KiB. */
const PEAK_FILE = join(WORK, "history-peak.txt");
const PEAK_PROBE = `data:text/javascript,import fs from "node:fs";process.on("exit",()=>fs.writeFileSync(${JSON.stringify(PEAK_FILE)},String(process.resourceUsage().maxRSS)))`;

const log = (text: string) => process.stderr.write(`  history-import: ${text}\n`);

function removeStore(path: string): void {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
}

function goodwill(args: string[], store: string, extra: string[] = []) {
  const result = spawnSync(process.execPath, [...extra, CLI, "--db", store, ...args], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: "1", GOODWILL_NOW: NOW },
  });
  if (result.status !== 0)
    throw new Error(`goodwill ${args.join(" ")} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

/** A store with the people the generated messages come from, made once and copied for each run. */
function makeTemplate(): void {
  removeStore(TEMPLATE);
  const cards = join(WORK, "history-people.vcf");
  writeFileSync(cards, peopleCards(PEOPLE));
  goodwill(["import", cards], TEMPLATE);
  // One file: the WAL folded in, so a copy is the whole store.
  const db = new Database(TEMPLATE);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
}

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first.`);
  mkdirSync(WORK, { recursive: true });
  if (!existsSync(FILE)) {
    log(`writing ${MESSAGES.toLocaleString("en")} messages to ${FILE}`);
    await pipeline(mboxChunks(MESSAGES, { people: PEOPLE }), createWriteStream(FILE));
  }
  const bytes = statSync(FILE).size;
  makeTemplate();
  const peaksKiB: number[] = [];
  let summary = "";

  const cli = {
    label: `goodwill import (${MESSAGES.toLocaleString("en")} messages, ${Math.round(bytes / 1024 / 1024)} MB mbox)`,
    run: () => {
      removeStore(SUBJECT);
      copyFileSync(TEMPLATE, SUBJECT);
      const out = goodwill(["import", FILE, "--me", "ana@example.com", "--json"], SUBJECT, [
        "--import",
        PEAK_PROBE,
      ]);
      const result = JSON.parse(out) as { read: number; logged: number; skipped: Record<string, number> };
      if (result.read !== MESSAGES)
        throw new Error(`goodwill import read ${result.read} of ${MESSAGES} messages`);
      summary = `read ${result.read}, logged ${result.logged}, skipped ${JSON.stringify(result.skipped)}`;
      peaksKiB.push(Number(readFileSync(PEAK_FILE, "utf8")));
    },
  };
  const reader = {
    label: "readMailbox alone, in-process",
    run: async () => {
      let n = 0;
      for await (const _ of readMailbox(createReadStream(FILE, { highWaterMark: 256 * 1024 }))) n++;
      if (n !== MESSAGES) throw new Error(`the reader gave ${n} messages`);
    },
  };
  const bare = {
    label: "bare byte read of the file",
    run: async () => {
      let n = 0;
      for await (const chunk of createReadStream(FILE, { highWaterMark: 256 * 1024 }))
        n += (chunk as Buffer).length;
      if (n !== bytes) throw new Error(`read ${n} of ${bytes} bytes`);
    },
  };
  const [subject, baseline, floor] = await sampleInterleaved([cli, reader, bare], {
    warmups: 0,
    runs: RUNS,
    onRound: (round) => log(`${round}/${RUNS} rounds`),
  });
  if (!subject || !baseline || !floor) throw new Error("missing figures");
  const perSecond = (f: Figure) => Math.round(MESSAGES / (f.medianMs / 1000)).toLocaleString("en");
  const peakMiB = Math.max(...peaksKiB) / 1024;
  report({
    name: "history-import",
    subject,
    baseline,
    ratio: subject.medianMs / baseline.medianMs,
    target: `peak RSS under ${MEMORY_LIMIT_MIB} MiB`,
    met: peakMiB < MEMORY_LIMIT_MIB,
    notes: {
      "import messages/s": perSecond(subject),
      "readMailbox messages/s": perSecond(baseline),
      "bare read": `${(floor.medianMs).toFixed(1)} ms (${Math.round(bytes / 1024 / 1024 / (floor.medianMs / 1000))} MB/s)`,
      "import peak RSS": `${peakMiB.toFixed(0)} MiB`,
      "last import": summary,
    },
  });
}

await main();
