/**
 * A big, realistic store for the `today` benchmark: 10,000 people, 700,000 ledger entries and
 * 300,000 interactions over three years, a dozen departments in three organizations, a few hundred
 * open asks and promises, birthdays. The schema and the owner come from `openStore`; the history is
 * written with raw prepared statements (fast); the aggregates are then rebuilt by the app's own
 * `recomputePersonStats` / `recomputeDepartmentStats`, which define what they must hold.
 *
 * Everything is drawn from a seeded generator, so the same version string gives the same store; the
 * file is cached under `.bench/` and made again only when the version or the schema changes.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { defaultWeight } from "../src/domain/defaults.js";
import { CHANNELS, EXCHANGE_KINDS, type ExchangeKind, INITIATORS } from "../src/domain/model.js";
import { SCHEMA_VERSION } from "../src/storage/migrations/index.js";
import { ensureLocalOwner } from "../src/storage/owner.repository.js";
import { recomputeDepartmentStats, recomputePersonStats } from "../src/storage/stats.repository.js";
import { openStore } from "../src/storage/store.js";

/** Bump when the generator changes: the cached store is then made again. */
const GENERATOR_VERSION = 1;

export const BIG_STORE = {
  people: 10_000,
  exchanges: 700_000,
  interactions: 300_000,
  organizations: 3,
  departmentsPerOrganization: 4,
  openAsks: 300,
  closedAsks: 300,
  openCommitments: 300,
  doneCommitments: 300,
  /** the end of the generated history, and the `now` the agenda is computed at */
  end: Date.UTC(2026, 5, 15, 9, 0, 0),
  years: 3,
} as const;

const DAY_MS = 86_400_000;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

export function bigStorePath(): string {
  return join(ROOT, ".bench", `today-g${GENERATOR_VERSION}-s${SCHEMA_VERSION}.db`);
}

/** mulberry32: small, fast and good enough to spread benchmark data. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const log = (text: string) => process.stderr.write(`  today: ${text}\n`);

/** Returns the cached store's path, generating it first if needed. */
export async function ensureBigStore(): Promise<string> {
  const path = bigStorePath();
  if (existsSync(path)) {
    log(`using the cached store ${path}`);
    return path;
  }
  mkdirSync(dirname(path), { recursive: true });
  // Stores of other versions are stale and large (~850 MB each).
  for (const file of readdirSync(dirname(path))) {
    if (/^today-.*\.db/.test(file)) rmSync(join(dirname(path), file), { force: true });
  }
  // Written under a temporary name and renamed at the end: a half-made store is never reused.
  const partial = `${path}.partial`;
  for (const suffix of ["", "-wal", "-shm"]) rmSync(partial + suffix, { force: true });
  const started = performance.now();
  log(`generating ${path} (once; later runs reuse it)`);
  const ownerId = await createSchemaAndOwner(partial);
  writeHistory(partial, ownerId);
  await recomputeAggregates(partial, ownerId);
  renameSync(partial, path);
  log(`store ready in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return path;
}

async function createSchemaAndOwner(path: string): Promise<string> {
  const store = await openStore(path);
  try {
    const owner = await ensureLocalOwner(
      store.db,
      new Date(BIG_STORE.end - BIG_STORE.years * 365 * DAY_MS).toISOString(),
    );
    return owner.id;
  } finally {
    await store.close();
  }
}

// biome-ignore format: a list of names reads best as a block
const FIRST = [
  "Ada", "Bela", "Chidi", "Dara", "Emeka", "Farah", "Goran", "Hana", "Ines", "Jonas", "Keiko", "Lars",
  "Maya", "Nuno", "Olu", "Priya", "Quinn", "Rosa", "Sami", "Tomas", "Uma", "Vera", "Wen", "Yara", "Zeno",
];
// biome-ignore format: a list of names reads best as a block
const LAST = [
  "Abara", "Berg", "Castro", "Dubois", "Eze", "Fischer", "Gupta", "Haddad", "Ito", "Jensen", "Kowalski",
  "Lopez", "Mensah", "Novak", "Okafor", "Petrov", "Quispe", "Rossi", "Sato", "Tan", "Umar", "Varga",
  "Weber", "Xu", "Yilmaz", "Zhou", "Almeida", "Brennan", "Costa", "Diallo", "Engel", "Ferreira", "Grant",
  "Horvat", "Iqbal", "Jovanovic", "Kim", "Lindqvist", "Moreau", "Nakamura",
];
const ORGANIZATIONS = ["Northwind", "Globex", "Initech"];
const DEPARTMENTS = ["Platform", "Design", "Sales", "Finance"];
const GAVE_SUMMARIES = [
  "Reviewed the deck",
  "Introduced to a recruiter",
  "Covered the on-call shift",
  "Lent the book",
];
const RECEIVED_SUMMARIES = [
  "Helped with the migration",
  "Shared the contract template",
  "Walked me through the budget",
  "Sent a referral",
];
const MOMENTS = ["Coffee", "Lunch", "Quick call", "Catch-up at the conference", "Messages about the launch"];

function writeHistory(path: string, ownerId: string): void {
  const random = seeded(20_260_615);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const hex = (digits: number) => {
    let text = "";
    for (let i = 0; i < digits; i++) text += "0123456789abcdef"[Math.floor(random() * 16)];
    return text;
  };
  // UUIDv7 as the app makes them: the instant first, so ids of one period sit together.
  const idAt = (ms: number) => {
    const time = ms.toString(16).padStart(12, "0");
    return `${time.slice(0, 8)}-${time.slice(8)}-7${hex(3)}-${"89ab"[Math.floor(random() * 4)]}${hex(3)}-${hex(12)}`;
  };
  const iso = (ms: number) => new Date(ms).toISOString();
  const start = BIG_STORE.end - BIG_STORE.years * 365 * DAY_MS;

  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -524288");
  db.pragma("temp_store = MEMORY");

  // Organizations and departments; the owner works in the first organization's first department.
  const organizations: string[] = [];
  const departments: { id: string; organizationId: string }[] = [];
  const insertOrganization = db.prepare(
    "insert into organizations (owner_id, id, name, name_key, created_at) values (?, ?, ?, ?, ?)",
  );
  const insertDepartment = db.prepare(
    `insert into departments (owner_id, id, organization_id, name, name_key, created_at)
     values (?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (const name of ORGANIZATIONS.slice(0, BIG_STORE.organizations)) {
      const id = idAt(start);
      organizations.push(id);
      insertOrganization.run(ownerId, id, name, name.toLowerCase(), iso(start));
      for (const department of DEPARTMENTS.slice(0, BIG_STORE.departmentsPerOrganization)) {
        const departmentId = idAt(start);
        departments.push({ id: departmentId, organizationId: id });
        insertDepartment.run(ownerId, departmentId, id, department, department.toLowerCase(), iso(start));
      }
    }
  })();
  const mine = departments[0] as { id: string; organizationId: string };

  // People: a Dunbar-shaped mix of layers, a third of them at one of the organizations.
  const people: string[] = [];
  const insertPerson = db.prepare(
    `insert into people (owner_id, id, display_name, given_name, family_name, name_key, organization_id,
       department_id, tags, birthday, layer, closeness, cadence_days, ledger_mode, archived, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, ?, ?, 0, ?, ?)`,
  );
  const insertSearch = db.prepare(
    "insert into search_documents (owner_id, kind, ref_id, person_id, body) values (?, 'person', ?, ?, ?)",
  );
  const layerOf = (i: number) => (i < 10 ? 5 : i < 50 ? 15 : i < 200 ? 50 : i < 1_500 ? 150 : 500);
  const pad = (n: number) => String(n).padStart(2, "0");
  db.transaction(() => {
    for (let i = 0; i < BIG_STORE.people; i++) {
      const created = start - Math.floor(random() * 365 * DAY_MS);
      const id = idAt(created);
      people.push(id);
      const given = FIRST[i % FIRST.length] as string;
      const family = LAST[Math.floor(i / FIRST.length) % LAST.length] as string;
      const name = `${given} ${family} ${Math.floor(i / (FIRST.length * LAST.length)) + 1}`;
      const department = random() < 0.35 ? pick(departments) : null;
      const birthdayRoll = random();
      const month = 1 + Math.floor(random() * 12);
      const day = 1 + Math.floor(random() * 28);
      const birthday =
        birthdayRoll < 0.25
          ? `${1960 + Math.floor(random() * 40)}-${pad(month)}-${pad(day)}`
          : birthdayRoll < 0.4
            ? `--${pad(month)}-${pad(day)}`
            : null;
      const cadence = random() < 0.05 ? pick([14, 30, 60, 90]) : null;
      insertPerson.run(
        ownerId,
        id,
        name,
        given,
        family,
        name.toLowerCase(),
        department?.organizationId ?? null,
        department?.id ?? null,
        birthday,
        layerOf(i),
        1 + Math.floor(random() * 5),
        cadence,
        random() < 0.05 ? "communal" : "track",
        iso(created),
        iso(created),
      );
      insertSearch.run(ownerId, id, id, name);
    }
  })();
  log(`${people.length.toLocaleString("en")} people, ${departments.length} departments`);

  // Who a moment is with: a few people see a lot of you, most rarely. The order is shuffled apart
  // from the layers, so some close people have gone quiet and are due.
  const order = [...people];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as string, order[i] as string];
  }
  const somebody = () => order[Math.floor(order.length * random() ** 1.5)] as string;
  const instants = (count: number) => {
    const at = new Float64Array(count);
    for (let i = 0; i < count; i++)
      at[i] = start + Math.floor(random() * (BIG_STORE.end - start - 3_600_000));
    return at.sort();
  };

  const insertExchange = db.prepare(
    `insert into exchanges (owner_id, id, person_id, department_id, direction, kind, weight, summary,
       occurred_at, channel, initiated_by, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const gaveKinds: ExchangeKind[] = ["thanks", "thanks", "thanks", ...EXCHANGE_KINDS];
  const receivedKinds = EXCHANGE_KINDS.filter((k) => k !== "thanks");
  const exchangeTimes = instants(BIG_STORE.exchanges);
  const BATCH = 100_000;
  for (let from = 0; from < exchangeTimes.length; from += BATCH) {
    db.transaction(() => {
      for (let i = from; i < Math.min(from + BATCH, exchangeTimes.length); i++) {
        const at = exchangeTimes[i] as number;
        const gave = random() < 0.55;
        const kind = gave ? pick(gaveKinds) : pick(receivedKinds);
        const toDepartment = random() < 0.02;
        const when = iso(at);
        insertExchange.run(
          ownerId,
          idAt(at),
          toDepartment ? null : somebody(),
          toDepartment ? pick(departments).id : null,
          gave ? "gave" : "received",
          kind,
          defaultWeight(kind),
          kind === "thanks" ? "Thank-you" : gave ? pick(GAVE_SUMMARIES) : pick(RECEIVED_SUMMARIES),
          when,
          pick(CHANNELS),
          pick(INITIATORS),
          when,
        );
      }
    })();
    log(
      `exchanges ${Math.min(from + BATCH, exchangeTimes.length).toLocaleString("en")}/${exchangeTimes.length.toLocaleString("en")}`,
    );
  }

  const insertInteraction = db.prepare(
    `insert into interactions (owner_id, id, occurred_at, channel, initiated_by, summary, created_at)
     values (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertParticipant = db.prepare(
    "insert into interaction_participants (owner_id, interaction_id, person_id) values (?, ?, ?)",
  );
  const interactionTimes = instants(BIG_STORE.interactions);
  for (let from = 0; from < interactionTimes.length; from += BATCH) {
    db.transaction(() => {
      for (let i = from; i < Math.min(from + BATCH, interactionTimes.length); i++) {
        const at = interactionTimes[i] as number;
        const id = idAt(at);
        const when = iso(at);
        insertInteraction.run(ownerId, id, when, pick(CHANNELS), pick(INITIATORS), pick(MOMENTS), when);
        const roll = random();
        const participants = new Set([somebody()]);
        for (let k = roll < 0.8 ? 1 : roll < 0.95 ? 2 : 3; participants.size < k; )
          participants.add(somebody());
        for (const personId of participants) insertParticipant.run(ownerId, id, personId);
      }
    })();
    log(
      `interactions ${Math.min(from + BATCH, interactionTimes.length).toLocaleString("en")}/${interactionTimes.length.toLocaleString("en")}`,
    );
  }

  // Asks and promises: the open ones spread over the last months (some stale, some late), a tenth of
  // them with a department.
  const insertAsk = db.prepare(
    `insert into asks (owner_id, id, number, person_id, department_id, summary, asked_at, status, resolved_at, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertCommitment = db.prepare(
    `insert into commitments (owner_id, id, number, person_id, department_id, direction, summary, due_on, status,
       created_at, resolved_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    const askCount = BIG_STORE.openAsks + BIG_STORE.closedAsks;
    for (let n = 1; n <= askCount; n++) {
      const open = n > BIG_STORE.closedAsks;
      const at = BIG_STORE.end - Math.floor(random() * (open ? 120 : 700) * DAY_MS);
      const toDepartment = random() < 0.1;
      insertAsk.run(
        ownerId,
        idAt(at),
        n,
        toDepartment ? null : somebody(),
        toDepartment ? pick(departments).id : null,
        "Review my proposal",
        iso(at),
        open ? "open" : pick(["fulfilled", "declined", "withdrawn"]),
        open ? null : iso(Math.min(BIG_STORE.end - 1, at + 10 * DAY_MS)),
        iso(at),
      );
    }
    const commitmentCount = BIG_STORE.openCommitments + BIG_STORE.doneCommitments;
    for (let n = 1; n <= commitmentCount; n++) {
      const open = n > BIG_STORE.doneCommitments;
      const created = BIG_STORE.end - Math.floor(random() * 90 * DAY_MS);
      const due = random() < 0.2 ? null : iso(created + Math.floor(random() * 120 * DAY_MS)).slice(0, 10);
      const toDepartment = random() < 0.1;
      insertCommitment.run(
        ownerId,
        idAt(created),
        n,
        toDepartment ? null : somebody(),
        toDepartment ? pick(departments).id : null,
        random() < 0.6 ? "i_owe" : "they_owe",
        "Send the draft",
        due,
        open ? "open" : "done",
        iso(created),
        open ? null : iso(Math.min(BIG_STORE.end - 1, created + 5 * DAY_MS)),
      );
    }
  })();
  db.prepare("update owners set organization_id = ?, department_id = ? where id = ?").run(
    mine.organizationId,
    mine.id,
    ownerId,
  );
  db.close();
}

async function recomputeAggregates(path: string, ownerId: string): Promise<void> {
  // Without statistics SQLite answers recomputePersonStats's interactions query by walking every
  // interaction in time order (interactions_at_idx, to skip a sort): ~190 ms a person here, half an
  // hour for the store. ANALYZE makes it start from the person's participations (~1 ms). The
  // statistics are dropped afterwards: the app never runs ANALYZE, so `today` is timed without them.
  const raw = new Database(path);
  raw.exec("analyze");
  raw.close();
  try {
    await recomputeWithTheApp(path, ownerId);
  } finally {
    const db = new Database(path);
    db.exec("drop table if exists sqlite_stat1; drop table if exists sqlite_stat4");
    db.close();
  }
}

async function recomputeWithTheApp(path: string, ownerId: string): Promise<void> {
  const store = await openStore(path);
  try {
    const people = await store.db.selectFrom("people").select("id").where("owner_id", "=", ownerId).execute();
    const BATCH = 500;
    for (let from = 0; from < people.length; from += BATCH) {
      await store.dialect.writeTransaction(store.db, ownerId, async (trx) => {
        for (const { id } of people.slice(from, from + BATCH)) await recomputePersonStats(trx, ownerId, id);
      });
      if ((from + BATCH) % 2_000 === 0 || from + BATCH >= people.length) {
        log(
          `aggregates ${Math.min(from + BATCH, people.length).toLocaleString("en")}/${people.length.toLocaleString("en")} people`,
        );
      }
    }
    const departments = await store.db
      .selectFrom("departments")
      .select("id")
      .where("owner_id", "=", ownerId)
      .execute();
    await store.dialect.writeTransaction(store.db, ownerId, async (trx) => {
      for (const { id } of departments) await recomputeDepartmentStats(trx, ownerId, id);
    });
    log(`aggregates of ${departments.length} departments`);
  } finally {
    await store.close();
  }
}
