/**
 * The keys an import writes with a new person's aggregates (`keysOfNewPerson`, computed in
 * JavaScript) equal what `refreshAgendaKeys` computes in SQL, on both stores, for every layer, own
 * cadence, place relative to the profile, archive and birthday text.
 */
import { expect, it } from "vitest";
import { addPerson, initProfile } from "../../src/app/people.js";
import { keysOfNewPerson, refreshAgendaKeys, rulesOf } from "../../src/storage/agenda-keys.js";
import { keptForTheAgenda } from "../support/agenda-keys.js";
import { describeEachDialect, freshContext } from "../support/stores.js";

const PLACES = [
  { organization: "Acme", department: "IT" },
  { organization: "Acme", department: "Legal" },
  { organization: "Acme", department: null },
  { organization: "Globex", department: null },
  { organization: null, department: null },
];

describeEachDialect("an added person's agenda keys", (dialect) => {
  for (const profile of [
    { organization: "Acme", department: "IT" },
    { organization: "Acme", department: null },
    { organization: null, department: null },
  ]) {
    it(`are the same in JavaScript and in SQL (profile ${profile.organization}/${profile.department})`, async () => {
      const ctx = await freshContext(dialect);
      await initProfile(ctx, { name: "Me", ...profile });
      let n = 0;
      for (const layer of [5, 15, 50, 150, 500] as const)
        for (const cadenceDays of [null, 0, 30])
          for (const place of PLACES)
            for (const birthday of [null, "--02-29", "1980-11-23"])
              await addPerson(ctx, { name: `P${n++}`, layer, cadenceDays, birthday, ...place });
      const archived = await addPerson(ctx, { name: "Archived", layer: 5, ...PLACES[0] });
      await ctx.db.updateTable("people").set({ archived: 1 }).where("id", "=", archived.id).execute();
      await refreshAgendaKeys(ctx.db, ctx.ownerId);

      const rules = await rulesOf(ctx.db, ctx.ownerId);
      const people = await ctx.db
        .selectFrom("people")
        .selectAll()
        .where("owner_id", "=", ctx.ownerId)
        .execute();
      const stored = new Map(
        (await keptForTheAgenda(ctx)).map(({ person_id, first_event_id: _, ...keys }) => [person_id, keys]),
      );
      expect(people.length).toBe(n + 1);
      let withCadence = 0;
      for (const person of people) {
        const kept = stored.get(person.id);
        const computed = keysOfNewPerson(rules, person);
        expect(computed, person.display_name).toBeDefined();
        expect(computed, person.display_name).toEqual(kept);
        if (computed?.agenda_cadence != null) withCadence++;
      }
      expect(withCadence).toBeGreaterThan(0);
    });
  }
});
