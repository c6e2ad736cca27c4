/**
 * The agenda's keys kept on write (issue 16 §2, migration 0020): after any sequence of writes that
 * moves them — moments, ledger entries, a person's layer, cadence, organization, ledger mode or
 * birthday, an archive, the profile's organization, a merge, a promise, an ask, an undo, an import — every person's kept
 * keys equal a fresh recomputation, and the ranking read from them equals the pass over everyone.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { today } from "../../src/app/agenda.js";
import { createAsk } from "../../src/app/asks.js";
import { createCommitment } from "../../src/app/commitments.js";
import type { AppContext } from "../../src/app/context.js";
import { importContacts } from "../../src/app/import-contacts.js";
import { mergePeople } from "../../src/app/merge.js";
import { logInteraction, recordExchange } from "../../src/app/moments.js";
import { addPerson, editPerson, initProfile } from "../../src/app/people.js";
import { agendaBoundsInput, loadMe } from "../../src/app/relationship-state.js";
import { journaled, undo } from "../../src/app/undo.js";
import { resolveCounterpart } from "../../src/app/who.js";
import { AGENDA_SIZE } from "../../src/domain/defaults.js";
import { readContacts } from "../../src/formats/read/read-contacts.js";
import { agendaReads } from "../../src/storage/agenda.repository.js";
import { refreshAgendaKeys } from "../../src/storage/agenda-keys.js";
import { keptForTheAgenda } from "../support/agenda-keys.js";
import { asTheUserWrites } from "../support/journal.js";
import { describeEachDialect, freshContext } from "../support/stores.js";

const DAY = 86_400_000;
const PEOPLE = 8;

const layerArb = fc.constantFrom(5 as const, 15 as const, 50 as const, 150 as const, 500 as const);
const placeArb = fc.constantFrom("mine", "other-dept", "outside", "none");
const placeOf = (place: string) =>
  place === "mine"
    ? { organization: "Acme", department: "IT" }
    : place === "other-dept"
      ? { organization: "Acme", department: "Legal" }
      : place === "outside"
        ? { organization: "Globex", department: null }
        : { organization: null, department: null };

const to = fc.nat({ max: 50 });
const writeArb = fc.oneof(
  fc.record({ kind: fc.constant("moment" as const), to, daysAgo: fc.integer({ min: 0, max: 400 }) }),
  fc.record({
    kind: fc.constant("ledger" as const),
    to,
    daysAgo: fc.integer({ min: 0, max: 200 }),
    received: fc.boolean(),
    thanks: fc.boolean(),
    weight: fc.constantFrom(1, 3, 8),
  }),
  fc.record({
    kind: fc.constant("edit" as const),
    to,
    layer: layerArb,
    cadenceDays: fc.option(fc.constantFrom(0, 10, 45, 200), { nil: null }),
    place: placeArb,
    communal: fc.boolean(),
    birthday: fc.option(fc.constantFrom("--11-26", "1990-11-30", "--06-01"), { nil: null }),
  }),
  fc.record({ kind: fc.constant("archive" as const), to, archived: fc.boolean() }),
  fc.record({ kind: fc.constant("profile" as const), place: placeArb }),
  fc.record({ kind: fc.constant("merge" as const), from: to, into: to }),
  fc.record({ kind: fc.constant("ask" as const), to, daysAgo: fc.integer({ min: 0, max: 60 }) }),
  fc.record({
    kind: fc.constant("promise" as const),
    to,
    days: fc.integer({ min: -30, max: 10 }),
    direction: fc.constantFrom("i_owe" as const, "they_owe" as const),
  }),
  fc.record({ kind: fc.constant("undo" as const) }),
  fc.record({ kind: fc.constant("import" as const), n: fc.nat({ max: 3 }) }),
);
type Write = typeof writeArb extends fc.Arbitrary<infer W> ? W : never;

async function* bytes(text: string) {
  yield new TextEncoder().encode(text);
}

const byId = <T extends { id: string }>(items: T[]) => [...items].sort((a, b) => (a.id < b.id ? -1 : 1));

async function apply(ctx: AppContext, ids: string[], write: Write, step: number): Promise<void> {
  const pick = (i: number) => ids[i % ids.length] as string;
  switch (write.kind) {
    case "moment":
      await logInteraction(ctx, [pick(write.to)], {
        summary: "Coffee",
        at: ctx.now - write.daysAgo * DAY - 3_600_000,
        channel: "in_person",
        initiatedBy: "me",
      });
      return;
    case "ledger": {
      const who = await resolveCounterpart(ctx, pick(write.to));
      await recordExchange(ctx, who, {
        direction: write.received ? "received" : "gave",
        kind: !write.received && write.thanks ? "thanks" : "favor",
        weight: write.weight,
        summary: "Help",
        at: ctx.now - write.daysAgo * DAY - 7_200_000,
      });
      return;
    }
    case "edit":
      await editPerson(ctx, pick(write.to), {
        layer: write.layer,
        cadenceDays: write.cadenceDays,
        ...placeOf(write.place),
        ledgerMode: write.communal ? "communal" : "track",
        birthday: write.birthday,
      });
      return;
    case "archive":
      await editPerson(ctx, pick(write.to), { archived: write.archived });
      return;
    case "profile":
      await initProfile(ctx, { name: "Me", ...placeOf(write.place) });
      return;
    case "merge": {
      const from = pick(write.from);
      const into = pick(write.into);
      if (from === into || ids.length < 3) return;
      await mergePeople(ctx, from, into);
      ids.splice(ids.indexOf(from), 1);
      return;
    }
    case "ask":
      await createAsk(ctx, await resolveCounterpart(ctx, pick(write.to)), "a", ctx.now - write.daysAgo * DAY);
      return;
    case "promise": {
      const dueOn = new Date(ctx.now + write.days * DAY).toISOString().slice(0, 10);
      const who = await resolveCounterpart(ctx, pick(write.to));
      await createCommitment(ctx, who, { summary: "p", dueOn, direction: write.direction });
      return;
    }
    case "undo":
      // Some entries cannot be undone (history logged since): the keys must hold either way.
      await undo(ctx).catch(() => undefined);
      return;
    case "import": {
      const card = `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Card ${step} ${write.n}\r\nORG:${write.n % 2 ? "Acme" : "Globex"}\r\nBDAY:1980-11-2${write.n}\r\nEND:VCARD\r\n`;
      await importContacts(ctx, readContacts(bytes(card), "vcard"), { format: "vcard" });
      return;
    }
  }
}

describeEachDialect("the agenda's keys kept on write", (dialect) => {
  it("equal a fresh recomputation after every write, and rank as the pass over everyone", async () => {
    let fromKeys = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ layer: layerArb, place: placeArb, contactDaysAgo: fc.nat({ max: 300 }) }), {
          minLength: PEOPLE,
          maxLength: PEOPLE,
        }),
        fc.array(writeArb, { minLength: 4, maxLength: 14 }),
        async (people, writes) => {
          const ctx = await freshContext(dialect);
          await initProfile(ctx, { name: "Me", organization: "Acme", department: "IT" });
          const ids: string[] = [];
          for (const [i, p] of people.entries()) {
            const person = await addPerson(ctx, { name: `Person ${i}`, layer: p.layer, ...placeOf(p.place) });
            ids.push(person.id);
            await logInteraction(ctx, [person.id], {
              summary: "Met",
              at: ctx.now - p.contactDaysAgo * DAY,
              channel: "in_person",
              initiatedBy: "me",
            });
          }
          for (const [step, write] of writes.entries()) {
            // each write an entry of the undo journal, as the CLI and the API make them, so undo undoes it
            if (write.kind === "undo") await apply(ctx, ids, write, step);
            else await journaled(ctx, asTheUserWrites(write.kind), (tx) => apply(tx, ids, write, step));
            const kept = await keptForTheAgenda(ctx);
            await refreshAgendaKeys(ctx.db, ctx.ownerId);
            expect(kept, `after ${JSON.stringify(write)}`).toEqual(await keptForTheAgenda(ctx));

            const reads = agendaReads(ctx.db, ctx.ownerId);
            for (const limit of [1, 3]) {
              const input = agendaBoundsInput(ctx.now, await loadMe(ctx), limit);
              const everyone = await reads.candidatesOfEveryone(input);
              const pool = await reads.candidatesFromKeys(input);
              if (pool) {
                fromKeys++;
                expect({ ...pool, candidates: byId(pool.candidates) }).toEqual({
                  ...everyone,
                  candidates: byId(everyone.candidates),
                });
              }
            }
          }
          const agenda = await today(ctx);
          const everything = await today(ctx, { all: true });
          expect(agenda.counts).toEqual(everything.counts);
          expect(agenda.suggestions.map((s) => [s.kind, s.personId])).toEqual(
            everything.suggestions.slice(0, AGENDA_SIZE).map((s) => [s.kind, s.personId]),
          );
          await ctx.store.close();
        },
      ),
      { numRuns: 8 },
    );
    // the ranking from the keys answered, not only the fallback
    expect(fromKeys).toBeGreaterThan(0);
  }, 240_000);
});
