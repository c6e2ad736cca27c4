/**
 * How long `goodwill person dupes` takes over 10,000 people (issue 10 §4): an SQLite store of
 * 10,000 people drawn from common names (so some share a name, as in a real address book), with
 * 300 planted duplicates (a typo, a shared email or phone); then the same with everyone called
 * John or Jane, the blocking's worst case. Prints the times; not part of `npm run bench`.
 *
 *   npx tsx bench/duplicates.ts
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { duplicatePairs } from "../src/app/duplicates.js";
import { findLikelyDuplicates } from "../src/domain/duplicates.js";
import { insertPeopleBatch } from "../src/storage/contact-import.repository.js";
import { foldText, newId } from "../src/storage/keys.js";
import { ensureLocalOwner } from "../src/storage/owner.repository.js";
import { NO_DETAILS } from "../src/storage/person.repository.js";
import { openStore } from "../src/storage/store.js";

const FIRST =
  "james mary john patricia robert jennifer michael linda william elizabeth david barbara richard susan joseph jessica thomas sarah charles karen christopher nancy daniel lisa matthew betty anthony margaret mark sandra donald ashley steven kimberly paul emily andrew donna joshua michelle kenneth carol kevin amanda brian melissa george deborah timothy stephanie ronald rebecca edward sharon jason laura jeffrey cynthia ryan kathleen jacob amy gary angela nicholas shirley eric anna jonathan brenda stephen pamela larry emma justin nicole scott helen brandon samantha benjamin katherine samuel christine raj priya wei mei ahmed fatima olga sven".split(
    " ",
  );
const LAST =
  "smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez wilson anderson thomas taylor moore jackson martin lee perez thompson white harris sanchez clark ramirez lewis robinson walker young allen king wright scott torres nguyen hill flores green adams nelson baker hall rivera campbell mitchell carter roberts gomez phillips evans turner diaz parker cruz edwards collins reyes stewart morris morales murphy cook rogers gutierrez ortiz morgan cooper peterson bailey reed kelly howard ramos kim cox ward richardson watson brooks chavez wood james bennett gray mendoza ruiz hughes price alvarez castillo sanders patel myers long ross foster jimenez".split(
    " ",
  );

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

const cap = (w: string) => w[0]?.toUpperCase() + w.slice(1);

function typo(name: string, random: () => number): string {
  const at = 1 + Math.floor(random() * (name.length - 1));
  return random() < 0.5
    ? name.slice(0, at) + name.slice(at + 1)
    : name.slice(0, at) + name[at - 1] + name.slice(at);
}

function people(count: number, firstNames: string[], random: () => number) {
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)] as T;
  const out: { name: string; email: string; phone: string }[] = [];
  for (let i = 0; i < count; i++) {
    const name = `${cap(pick(firstNames))} ${cap(pick(LAST))}`;
    out.push({
      name,
      email: `${name.toLowerCase().replace(" ", ".")}${i}@example.com`,
      phone: `+1 555 ${String(1_000_000 + i).slice(1)}`,
    });
  }
  // 300 planted duplicates: a third each by a typo, a shared email, a shared phone.
  for (let i = 0; i < 300; i++) {
    const of = out[Math.floor(random() * out.length)] as (typeof out)[number];
    const kind = i % 3;
    out[out.length - 1 - i] = {
      name: kind === 0 ? typo(of.name, random) : `${cap(pick(firstNames))} ${cap(pick(LAST))}`,
      email: kind === 1 ? of.email.toUpperCase() : `planted${i}@example.org`,
      phone: kind === 2 ? `(555) ${of.phone.slice(-7)}` : `+1 444 ${String(1_000_000 + i).slice(1)}`,
    };
  }
  return out;
}

async function measure(label: string, firstNames: string[]) {
  const dir = mkdtempSync(join(tmpdir(), "goodwill-dupes-bench-"));
  const store = await openStore(join(dir, "goodwill.db"));
  try {
    const at = new Date().toISOString();
    const owner = await ensureLocalOwner(store.db, at);
    const ctx = { store, db: store.db, ownerId: owner.id, now: Date.now() };
    const list = people(10_000, firstNames, seeded(42));
    await insertPeopleBatch(
      store.db,
      list.map((p) => ({
        row: {
          owner_id: owner.id,
          id: newId(),
          display_name: p.name,
          given_name: null,
          family_name: null,
          nickname: null,
          name_key: foldText(p.name),
          organization_id: null,
          department_id: null,
          title: null,
          tags: "[]",
          met_text: null,
          met_on: null,
          met_through_id: null,
          birthday: null,
          layer: 150,
          closeness: 3,
          cadence_days: null,
          ledger_mode: "track",
          archived: 0,
          uid: null,
          created_at: at,
          updated_at: at,
        },
        details: {
          ...NO_DETAILS,
          emails: [{ value: p.email, label: null, pref: false }],
          phones: [{ value: p.phone, label: null, pref: false }],
        },
      })),
    );
    const times: number[] = [];
    let pairs = 0;
    for (let run = 0; run < 5; run++) {
      const start = performance.now();
      pairs = (await duplicatePairs(ctx)).total;
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    // The comparing alone, without the reads.
    const subjects = list.map((p, i) => ({
      id: String(i),
      nameKey: foldText(p.name),
      organizationId: null,
      organization: null,
      emailKeys: [p.email.toLowerCase()],
      phoneKeys: [p.phone.replace(/\D/g, "").slice(-10)],
      createdAt: at,
    }));
    const start = performance.now();
    findLikelyDuplicates(subjects);
    const pure = performance.now() - start;
    console.log(
      `${label}: ${pairs} pairs in all (the likeliest 100 returned); person dupes (store read + compare) median ${times[2]?.toFixed(0)} ms, best ${times[0]?.toFixed(0)} ms; comparing alone ${pure.toFixed(0)} ms`,
    );
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await measure("10,000 people, common names", FIRST);
await measure("10,000 people, all John or Jane (worst case for the blocks)", ["john", "jane"]);
