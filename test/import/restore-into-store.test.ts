/**
 * A backup restored into a store that has records already: numbers and references follow what is
 * there, and a record the restore cannot place is refused with what it is and what it names.
 */
import { expect, it } from "vitest";
import { type Backup, exportBackup } from "../../src/app/backup.js";
import { addPerson } from "../../src/app/people.js";
import { restoreBackup } from "../../src/app/restore.js";
import { GoodwillError } from "../../src/errors.js";
import { describeEachDialect, freshContext } from "../support/stores.js";

const at = "2026-10-01T09:00:00.000Z";
const ask = (id: string, number: number, personId: string): Backup["asks"][number] => ({
  id,
  number,
  personId,
  departmentId: null,
  summary: `Ask ${id}`,
  askedAt: at,
  status: "open",
  resolvedAt: null,
  exchangeId: null,
  createdAt: at,
});
const offer = { text: "Knows payroll rules", status: "open" as const, createdAt: at, resolvedAt: null };

describeEachDialect("restoring into a store that has records", (dialect) => {
  it("a number taken here goes to the next free one; my offers and others' share one sequence", async () => {
    const source = await freshContext(dialect);
    const ana = await addPerson(source, { name: "Ana Lima" });
    const empty = await exportBackup(source);
    const first: Backup = {
      ...empty,
      asks: [ask("ask-a1", 1, ana.id), ask("ask-a2", 2, ana.id)],
      offers: [{ id: "offer-a1", number: 1, personId: ana.id, ...offer }],
    };
    const second: Backup = {
      ...empty,
      asks: [ask("ask-b1", 1, ana.id), ask("ask-b2", 2, ana.id), ask("ask-b3", 3, ana.id)],
      ownOffers: [{ id: "own-b1", number: 1, ...offer }],
    };

    const target = await freshContext(dialect);
    await restoreBackup(target, first);
    const result = await restoreBackup(target, second);
    expect(result).toMatchObject({ created: 4, unchanged: 1 });
    const restored = await exportBackup(target);
    expect(restored.asks.map((a) => [a.id, a.number])).toEqual([
      ["ask-a1", 1],
      ["ask-a2", 2],
      ["ask-b1", 3],
      ["ask-b2", 4],
      ["ask-b3", 5],
    ]);
    expect(restored.ownOffers.map((o) => o.number)).toEqual([2]);
    expect(restored.people.map((p) => p.name)).toEqual(["Ana Lima"]);
  });

  it("a note of nobody in the backup is refused, naming the note and the person, and nothing is kept", async () => {
    const source = await freshContext(dialect);
    await addPerson(source, { name: "Ana Lima" });
    const backup: Backup = {
      ...(await exportBackup(source)),
      notes: [{ id: "note-1", personId: "nobody", body: "Lost", createdAt: at }],
    };
    const target = await freshContext(dialect);
    const error = await restoreBackup(target, backup).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GoodwillError);
    expect((error as GoodwillError).message).toMatch(
      /^The backup's note note-1: its person \(nobody\) is not in the backup\.\n/,
    );
    expect((await exportBackup(target)).people).toEqual([]);
  });

  it("a ledger entry with both a person and a department is refused, saying it must be with one", async () => {
    const source = await freshContext(dialect);
    const ana = await addPerson(source, { name: "Ana Lima", organization: "Brightline", department: "IT" });
    const exported = await exportBackup(source);
    const backup: Backup = {
      ...exported,
      exchanges: [
        {
          id: "exchange-1",
          personId: ana.id,
          departmentId: exported.departments[0]?.id ?? null,
          direction: "gave",
          kind: "favor",
          weight: 2,
          summary: "Helped",
          occurredAt: at,
          channel: "in_person",
          initiatedBy: "me",
          askId: null,
          commitmentId: null,
          createdAt: at,
        },
      ],
    };
    const target = await freshContext(dialect);
    await expect(restoreBackup(target, backup)).rejects.toThrow(
      "The backup's ledger entry exchange-1: it must be with one person or one department of the backup.",
    );
  });
});
