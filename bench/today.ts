/**
 * `today` over a big store: the app's `today(ctx)` over 10,000 people and a million entries, against
 * the least any agenda must do, reading every person with their aggregates in one raw query. Runs
 * in-process (no CLI start-up in the figure) with the clock fixed at the end of the history.
 *
 * `--profile` then adds the time of each SQL statement `today` runs through the query builder (a
 * Kysely plugin sees each query leave and its rows come back; the two reads of everyone, sent
 * compiled by `readRows`, are timed among the phases instead) and the phases of `today` timed alone.
 */
import Database from "better-sqlite3";
import { SqliteQueryCompiler } from "kysely";
import { today } from "../src/app/agenda.js";
import type { AppContext } from "../src/app/context.js";
import { loadRelationships } from "../src/app/relationship-state.js";
import { suggestionsForStates } from "../src/app/suggest.js";
import { AGENDA_SIZE } from "../src/domain/defaults.js";
import { isDue } from "../src/domain/due.js";
import { fromInstant } from "../src/storage/keys.js";
import type { PersonStatsRow } from "../src/storage/schema.js";
import { openStore } from "../src/storage/store.js";
import { BIG_STORE, ensureBigStore } from "./big-store.js";
import { ms, percentile, report, sampleInterleaved } from "./measure.js";
import { measureOnPostgres, timeStatements } from "./today-postgres.js";

const WARMUPS = 3;
const RUNS = 25;
const TARGET_MS = 20;

async function main(): Promise<void> {
  const path = await ensureBigStore();
  const store = await openStore(path);
  const raw = new Database(path, { readonly: true });
  try {
    const owner = raw.prepare("select id from owners").get() as { id: string };
    const ctx: AppContext = { store, db: store.db, ownerId: owner.id, now: BIG_STORE.end };
    const sizes = raw
      .prepare(
        `select (select count(*) from people) as people, (select count(*) from exchanges) as exchanges,
           (select count(*) from interactions) as interactions,
           (select count(*) from interaction_participants) as participants,
           (select count(*) from contact_days) as contactDays`,
      )
      .get() as Record<string, number>;

    const everyone = raw.prepare(
      `select * from person_stats s
       join people p on p.owner_id = s.owner_id and p.id = s.person_id
       where s.owner_id = ?`,
    );
    const rowsRead = everyone.all(owner.id).length;
    const agenda = await today(ctx);
    const [subject, baseline] = await sampleInterleaved(
      [
        { label: "today(ctx)", run: () => today(ctx) },
        { label: "raw select of person_stats ⋈ people", run: () => everyone.all(owner.id) },
      ],
      { warmups: WARMUPS, runs: RUNS },
    );
    if (!subject || !baseline) throw new Error("missing figures");
    // The process's own CPU time per run: on a machine other work shares, the wall clock counts the
    // time the process waited for a core; this does not (it still counts the caches other work spoils).
    const todayCpu = await cpuMedian(() => today(ctx));
    const baselineCpu = await cpuMedian(() => everyone.all(owner.id));

    report({
      name: "today",
      subject,
      baseline,
      ratio: subject.medianMs / baseline.medianMs,
      target: `today median ≤ ${TARGET_MS} ms (aim 10 ms)`,
      met: subject.medianMs <= TARGET_MS,
      notes: {
        "CPU time per run, median": `today ${ms(todayCpu)}, baseline ${ms(baselineCpu)}, ratio ${(todayCpu / baselineCpu).toFixed(2)}`,
        store: `${sizes.people} people, ${sizes.exchanges} exchanges, ${sizes.interactions} interactions (${sizes.participants} participants), ${sizes.contactDays} contact-days`,
        "baseline rows read": rowsRead,
        "agenda counts": Object.entries(agenda.counts)
          .map(([k, v]) => `${k} ${v}`)
          .join(", "),
        "agenda shown": `due ${agenda.due.length}, thanks ${agenda.thanksOwed.length}, commitments ${agenda.commitments.length}, asks ${agenda.asks.length}, occasions ${agenda.occasions.length}, suggestions ${agenda.suggestions.length}`,
      },
    });
    if (agenda.counts.due === 0 || agenda.counts.thanksOwed === 0) {
      throw new Error("the agenda is trivial: the store no longer exercises today()");
    }
    if (process.argv.includes("--profile")) await profile(ctx, raw);
    if (!process.argv.includes("--sqlite-only"))
      await measureOnPostgres(raw, owner.id, BIG_STORE.end, { warmups: WARMUPS, runs: RUNS });
  } finally {
    raw.close();
    await store.close();
  }
}

/** The median CPU time (user and system) of `RUNS` runs of `run`, in ms. */
async function cpuMedian(run: () => unknown): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const before = process.cpuUsage();
    await run();
    const spent = process.cpuUsage(before);
    samples.push((spent.user + spent.system) / 1000);
  }
  return percentile(samples, 0.5);
}

/** Times each statement `today` runs and each of its phases alone. */
async function profile(ctx: AppContext, raw: Database.Database): Promise<void> {
  const runs = 10;
  await timeStatements(ctx, new SqliteQueryCompiler(), runs, raw);

  // The phases of today(), each timed alone with the same inputs: loading everyone (its two reads
  // of every row, as objects and as arrays, and its instants), then the suggestions.
  const people = raw.prepare(
    `select id, display_name, name_key, organization_id, department_id, tags, birthday, layer, closeness,
       cadence_days, ledger_mode, archived, met_on, created_at from people where owner_id = ? and archived = 0`,
  );
  const stats = raw.prepare(
    `select person_id, gave_sum, received_sum, entries, gaves, last_received_at, last_thanks_at, last_contact_at
     from person_stats where owner_id = ?`,
  );
  const peopleArrays = raw.prepare(people.source).raw(true);
  const statsArrays = raw.prepare(stats.source).raw(true);
  const states = await loadRelationships(ctx);
  const dueFirst = states
    .filter((s) => isDue(s.due.status))
    .sort((a, b) => b.due.priority - a.due.priority)
    .slice(0, AGENDA_SIZE)
    .map((s) => s.person.id);
  const instants = (stats.all(ctx.ownerId) as PersonStatsRow[]).flatMap((r) =>
    [r.last_received_at, r.last_thanks_at, r.last_contact_at].filter((x) => x !== null),
  );
  const phases = await sampleInterleaved(
    [
      { label: "today(ctx), all of it", run: () => today(ctx) },
      { label: "  loadRelationships(ctx)", run: () => loadRelationships(ctx) },
      { label: "    people, raw better-sqlite3, rows as objects", run: () => people.all(ctx.ownerId) },
      { label: "    people, raw, rows as arrays (what it reads)", run: () => peopleArrays.all(ctx.ownerId) },
      { label: "    person_stats, raw, rows as objects", run: () => stats.all(ctx.ownerId) },
      {
        label: "    person_stats, raw, rows as arrays (what it reads)",
        run: () => statsArrays.all(ctx.ownerId),
      },
      {
        label: `    fromInstant × ${instants.length} stored instants`,
        run: () => instants.map((t) => fromInstant(t)),
      },
      {
        label: `    Date.parse × ${instants.length} stored instants`,
        run: () => instants.map((t) => Date.parse(t)),
      },
      {
        label: "  suggestionsForStates(…, limit 7)",
        run: () => suggestionsForStates(ctx, states, { limit: AGENDA_SIZE, alsoFirstFor: dueFirst }),
      },
    ],
    { warmups: 2, runs },
  );
  console.log(`\ntoday: its phases, each timed alone, interleaved (median of ${runs} runs)`);
  for (const f of phases)
    console.log(`  ${ms(f.medianMs).padStart(9)}  (p90 ${ms(f.p90Ms).padStart(9)})  ${f.label}`);
}

await main();
