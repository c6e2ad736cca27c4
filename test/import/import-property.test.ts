import fc from "fast-check";
import { expect, it } from "vitest";
import { importContacts } from "../../src/app/import-contacts.js";
import { GoodwillError } from "../../src/errors.js";
import { readContacts } from "../../src/formats/read/read-contacts.js";
import { anotherOwner, describeEachDialect, freshContext } from "../support/stores.js";

const SAMPLE_VCARD = [
  "BEGIN:VCARD",
  "VERSION:2.1",
  "N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=F6rg",
  "TEL;WORK;VOICE:+49 30 1234567",
  "EMAIL;PREF;INTERNET:joerg@example.de",
  "END:VCARD",
  "BEGIN:VCARD",
  "VERSION:3.0",
  "FN:Ann Able",
  "ORG:Acme\\, Inc.;IT",
  "item1.EMAIL:ann@example.com",
  "item1.X-ABLabel:_$!<Other>!$_",
  "BDAY:--0412",
  "CATEGORIES:friends,work",
  "END:VCARD",
].join("\r\n");

const SAMPLE_CSV =
  'Name,Email,Phone,Company\r\nAnn Able,ann@example.com,+1 555 0100,Acme\r\n"Bob, Jr.",bob@example.com,,\r\n';

function mutate(text: string) {
  return fc
    .array(
      fc.tuple(
        fc.nat(text.length),
        fc.oneof(
          fc.constant(""),
          fc.string({ maxLength: 3 }),
          fc.constantFrom("\r", "\n", ";", ":", "=", '"', ",", "\\"),
        ),
      ),
      {
        maxLength: 6,
      },
    )
    .map((edits) => {
      let out = text;
      for (const [at, insert] of edits)
        out = out.slice(0, at % (out.length + 1)) + insert + out.slice((at % (out.length + 1)) + 1);
      return out;
    });
}

async function* bytes(text: string) {
  yield new TextEncoder().encode(text);
}

describeEachDialect("importing damaged files", (dialect) => {
  for (const [format, sample] of [
    ["vcard", SAMPLE_VCARD],
    ["csv", SAMPLE_CSV],
  ] as const) {
    it(`never throws past the importer and never leaves a partial person (${format})`, async () => {
      const store = await freshContext(dialect);
      await fc.assert(
        fc.asyncProperty(fc.oneof(mutate(sample), fc.string({ maxLength: 200 })), async (text) => {
          // Each run imports for a new account of the one store: as clean as a new store, and cheaper.
          const ctx = await anotherOwner(store);
          try {
            const result = await importContacts(ctx, readContacts(bytes(text), format), { format });
            expect(result.created + result.updated + result.unchanged + result.skipped).toBeGreaterThan(0);
            expect(result.skipped).toBe(result.errors.length);
          } catch (error) {
            expect(error).toBeInstanceOf(GoodwillError);
            // Nothing in it at all, or nothing in it that could be read (each record reported).
            const { code, details } = error as GoodwillError;
            if (code === "invalid")
              expect((details as { errors: unknown[] }).errors.length).toBeGreaterThan(0);
            else expect(code).toBe("not_an_address_book");
          }
          const people = await ctx.db
            .selectFrom("people")
            .select(["id", "display_name"])
            .where("owner_id", "=", ctx.ownerId)
            .execute();
          const stats = await ctx.db
            .selectFrom("person_stats")
            .select("person_id")
            .where("owner_id", "=", ctx.ownerId)
            .execute();
          const docs = await ctx.db
            .selectFrom("search_documents")
            .select("ref_id")
            .where("owner_id", "=", ctx.ownerId)
            .where("kind", "=", "person")
            .execute();
          expect(stats.length).toBe(people.length);
          expect(docs.length).toBe(people.length);
          for (const p of people) expect(p.display_name.trim()).not.toBe("");
        }),
        { numRuns: 60 },
      );
    });
  }
});
