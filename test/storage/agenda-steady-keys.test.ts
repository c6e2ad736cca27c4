/**
 * The agenda's ranges by keys that do not move with time (migration 0025). The bound on the kept
 * sums' quotient (gave over received) that the ranking reads the people who may be overdrawn under:
 * everyone the domain calls overdrawn is under it, at any date, and it is no looser than the rule's
 * ratio allows. And SQLite reads both ranges from their indexes alone; the pool's facts are the keys
 * kept beside the aggregates (migration 0026), so neither store reads a person's row for them.
 */
import fc from "fast-check";
import { CompiledQuery, type KyselyPlugin, SqliteQueryCompiler, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { today } from "../../src/app/agenda.js";
import { recordExchange } from "../../src/app/moments.js";
import { addPerson } from "../../src/app/people.js";
import { agendaBoundsInput, type Me } from "../../src/app/relationship-state.js";
import { resolveCounterpart } from "../../src/app/who.js";
import { DAY_MS } from "../../src/domain/decay.js";
import { AGENDA_SIZE } from "../../src/domain/defaults.js";
import { balanceAt, OVERDRAWN_BELOW } from "../../src/domain/giving-balance.js";
import { agendaReads } from "../../src/storage/agenda.repository.js";
import { GIVE_RATIO_KEY, giveRatioBound } from "../../src/storage/agenda-ranking.js";
import { GIVE_RATIO_KEY as KEY_OF_MIGRATION } from "../../src/storage/migrations/0025-agenda-steady-keys.js";
import { describeEachDialect, freshContext } from "../support/stores.js";

const ME: Me = { id: "me", name: null, organizationId: null, departmentId: null };
const NOW = Date.UTC(2026, 11, 4, 9);

describe("the bound on gave over received", () => {
  it("holds everyone overdrawn, whatever the sums and the date", () => {
    fc.assert(
      fc.property(
        // decayed sums as the ledger shows them, and a date up to two years on
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.double({ min: 0.01, max: 200, noNaN: true }),
        fc.integer({ min: 0, max: 730 }),
        (gave, received, days) => {
          const now = NOW + days * DAY_MS;
          const input = agendaBoundsInput(now, ME, AGENDA_SIZE);
          // the sums kept: what decays to `gave` and `received` at `now`
          const sums = {
            gave: gave / input.gaveFactor,
            received: received / input.receivedFactor,
            entries: 1,
          };
          const bound = giveRatioBound(input);
          expect(bound).not.toBeNull();
          if (balanceAt(sums, now).label === "overdrawn")
            expect(sums.gave / sums.received).toBeLessThan(bound ?? 0);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("holds the overdrawn at the edge of the rule, where the two sums' prior matters least", () => {
    const input = agendaBoundsInput(NOW, ME, AGENDA_SIZE);
    const bound = giveRatioBound(input) ?? 0;
    // received 1,000: overdrawn up to gave (0.35 · 1,002 − 1) / 0.65 ≈ 538.0, a quotient of 0.538
    const received = 1000 / input.receivedFactor;
    const edge = 537.9 / input.gaveFactor;
    expect(balanceAt({ gave: edge, received, entries: 2 }, NOW).label).toBe("overdrawn");
    expect(edge / received).toBeLessThan(bound);
    // and the bound is the rule's ratio, loosened as the ranking loosens it, not more
    const limit =
      ((OVERDRAWN_BELOW + 0.0001) / (1 - OVERDRAWN_BELOW - 0.0001)) *
      (input.receivedFactor / input.gaveFactor);
    expect(bound / limit).toBeGreaterThan(1);
    expect(bound / limit).toBeLessThan(1 + 1e-8);
  });

  it("is none for a rule whose ratio would let the prior loosen it", () => {
    const input = { ...agendaBoundsInput(NOW, ME, AGENDA_SIZE), overdrawnRatio: 0.6 };
    expect(giveRatioBound(input)).toBeNull();
  });
});

describe("the agenda's ranges by steady keys", () => {
  it("are read from their indexes alone on SQLite: each condition written as its index has it", async () => {
    const ctx = await freshContext("sqlite");
    const compiler = new SqliteQueryCompiler();
    const queries: CompiledQuery[] = [];
    const capture: KyselyPlugin = {
      transformQuery: (args) => {
        queries.push(compiler.compileQuery(args.node, args.queryId));
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const input = agendaBoundsInput(ctx.now, ME, AGENDA_SIZE);
    expect(
      await agendaReads(ctx.db.withPlugin(capture), ctx.ownerId).candidatesFromKeys(input),
    ).not.toBeNull();
    const ranking = queries.find((q) => q.sql.startsWith("with overdrawn"));
    if (!ranking) throw new Error("the ranking ran no statement with the overdrawn range");
    const plan = await ctx.db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${ranking.sql}`, [...ranking.parameters]),
    );
    const steps = plan.rows.map((row) => row.detail);
    expect(steps).toContainEqual(
      expect.stringContaining(
        "USING COVERING INDEX person_stats_agenda_give_ratio_idx (owner_id=? AND <expr><?)",
      ),
    );
    expect(steps).toContainEqual(
      expect.stringContaining(
        "USING COVERING INDEX person_stats_owed_idx (owner_id=? AND last_received_ms>?)",
      ),
    );
    // The pool's facts are the kept keys beside the aggregates: no person is read from `people` by id.
    expect(steps.filter((step) => /\bpeople.*[( ]id=\?/.test(step))).toEqual([]);
    await ctx.store.close();
  });
});

describeEachDialect("the quotient's index", (dialect) => {
  it("has the key the ranking reads it by", () => {
    expect(GIVE_RATIO_KEY).toBe(KEY_OF_MIGRATION);
  });

  it("takes sums centuries away, which a backup may hold, and the ranking stays the full evaluation's", async () => {
    const ctx = await freshContext(dialect);
    const ids: string[] = [];
    for (const name of ["Ada", "Ben", "Cy"]) {
      // close colleagues (an inner layer): the ranking's pool then vouches for its answer
      const person = await addPerson(ctx, { name, organization: "Acme", layer: 15 });
      ids.push(person.id);
      const who = await resolveCounterpart(ctx, person.id);
      for (const direction of ["received", "received", "gave"] as const)
        await recordExchange(ctx, who, {
          direction,
          kind: "favor",
          weight: 3,
          summary: "Helped",
          at: ctx.now - 3_600_000,
        });
    }
    // Sums whose quotient is past a double's range (Ada: 2.7e16 over 7.85e-302) or below its least
    // value (Ben: 1e-200 over 1e200): PostgreSQL's division fails on both, and a key made of it would
    // fail every write of these rows.
    const extremes: [string, number, number][] = [
      [ids[0] as string, 2.7e16, 7.85e-302],
      [ids[1] as string, 1e-200, 1e200],
    ];
    for (const [id, gave, received] of extremes)
      await sql`update person_stats set gave_sum = ${gave}, received_sum = ${received}, agenda_received = ${received}
        where owner_id = ${ctx.ownerId} and person_id = ${id}`.execute(ctx.db);
    const input = agendaBoundsInput(ctx.now, ME, AGENDA_SIZE);
    const reads = agendaReads(ctx.db, ctx.ownerId);
    const fromKeys = await reads.candidatesFromKeys(input);
    expect(fromKeys).not.toBeNull();
    const everyone = await reads.candidatesOfEveryone(input);
    const byId = (r: { candidates: { id: string }[] }) =>
      [...r.candidates].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect({ ...fromKeys, candidates: byId(fromKeys ?? { candidates: [] }) }).toEqual({
      ...everyone,
      candidates: byId(everyone),
    });
    expect((await today(ctx)).counts).toEqual((await today(ctx, { all: true })).counts);
    await ctx.store.close();
  });

  if (dialect === "postgres")
    it("is the index PostgreSQL reads the range from, and the pool needs no person's row", async () => {
      const ctx = await freshContext(dialect);
      const compiled: CompiledQuery[] = [];
      const capture: KyselyPlugin = {
        transformQuery: (args) => {
          compiled.push(ctx.db.getExecutor().compileQuery(args.node, args.queryId));
          return args.node;
        },
        transformResult: async (args) => args.result,
      };
      await agendaReads(ctx.db.withPlugin(capture), ctx.ownerId).candidatesFromKeys(
        agendaBoundsInput(ctx.now, ME, AGENDA_SIZE),
      );
      const ranking = compiled.find((q) => q.sql.startsWith("with overdrawn"));
      if (!ranking) throw new Error("the ranking ran no statement with the overdrawn range");
      // An empty table is read whole however it is indexed: without that way, the plan shows
      // whether the range can be read from the index at all.
      const plan = await ctx.store.dialect.writeTransaction(ctx.db, ctx.ownerId, async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        return trx.executeQuery<{ "QUERY PLAN": string }>(
          CompiledQuery.raw(`explain ${ranking.sql}`, [...ranking.parameters]),
        );
      });
      const text = plan.rows.map((row) => row["QUERY PLAN"]).join("\n");
      expect(text).toContain("person_stats_agenda_give_ratio_idx");
      // The pool's facts are the kept keys beside the aggregates: `people` is read only to count
      // everyone and the archived (by owner), never a person by id. (Which index of person_stats
      // serves them is the planner's to choose from its figures: on the bench's 10,000 people, the
      // covering person_stats_agenda_idx of migration 0026.)
      expect(text).not.toMatch(/on people\b[^\n]*\n\s*Index Cond: [^\n]*\((id = |archived = 0\))/);
      expect(text).not.toMatch(/Seq Scan on people\b/);
      await ctx.store.close();
    });
});
