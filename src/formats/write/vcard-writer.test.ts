import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ContactRecord, emptyContact, isRecordError } from "../contact-record.js";
import { readVCardsFromBytes } from "../read/vcard-reader.js";
import { type VCardVersion, vcardChunks, writeVCard, writeVCards } from "./vcard-writer.js";

const ada: ContactRecord = {
  uid: "6f1c2a52-1b0e-4c55-9d57-0c4c9e1f2a10",
  displayName: "Ada Lovelace",
  givenName: "Ada",
  familyName: "Lovelace",
  nickname: "Countess",
  emails: [
    { value: "ada@work.example", label: "work", pref: true },
    { value: "ada@home.example", label: "home", pref: false },
    { value: "ada@gym.example", label: "My gym", pref: false },
  ],
  phones: [
    { value: "+44 20 7946 0018", label: "mobile", pref: false },
    { value: "+44 20 7946 0019", label: "work fax", pref: false },
    { value: "+44 20 7946 0020", label: null, pref: false },
  ],
  urls: [{ value: "https://ada.example/notes?a=1,2", label: "home page", pref: false }],
  organization: "Analytical Engines, Ltd.",
  department: "Research; Poetry",
  title: "Enchantress of Numbers",
  tags: ["friends", "mathematics"],
  birthday: { year: 1815, month: 12, day: 10 },
  dates: [
    { label: "anniversary", date: { year: 1835, month: 7, day: 8 } },
    { label: "first program", date: { year: null, month: 9, day: 1 } },
  ],
  note: "Wrote the first program.\nLikes poetry, engines; and \\ backslashes.",
  metOn: "2019-05-04",
  metText: "At Babbage's soirée",
  related: [
    { name: "William King", relation: "spouse" },
    { name: "Charles Babbage", relation: "friend" },
    { name: "Anne Isabella Milbanke", relation: "mother" },
    { name: "Mary Somerville", relation: null },
  ],
};

const encoder = new TextEncoder();

function readBack(text: string): ContactRecord[] {
  const results = readVCardsFromBytes(encoder.encode(text));
  expect(results.filter(isRecordError)).toEqual([]);
  return results.flatMap((r) => (isRecordError(r) ? [] : [r.contact]));
}

/** The logical lines of a card: unfolded, without the final empty line. */
function logicalLines(card: string): string[] {
  return card.replace(/\r\n /g, "").split("\r\n").slice(0, -1);
}

describe("vCard 3.0", () => {
  it("writes every field as the exact lines Apple, Google and ez-vcard read", () => {
    expect(logicalLines(writeVCard(ada, { version: "3.0", revision: "2024-05-01T12:00:00Z" }))).toEqual([
      "BEGIN:VCARD",
      "VERSION:3.0",
      "PRODID:-//Goodwill//Goodwill//EN",
      "UID:6f1c2a52-1b0e-4c55-9d57-0c4c9e1f2a10",
      "N:Lovelace;Ada;;;",
      "FN:Ada Lovelace",
      "NICKNAME:Countess",
      "ORG:Analytical Engines\\, Ltd.;Research\\; Poetry",
      "TITLE:Enchantress of Numbers",
      "EMAIL;TYPE=work,pref:ada@work.example",
      "EMAIL;TYPE=home:ada@home.example",
      "item1.EMAIL:ada@gym.example",
      "item1.X-ABLabel:My gym",
      "TEL;TYPE=cell:+44 20 7946 0018",
      "TEL;TYPE=work,fax:+44 20 7946 0019",
      "TEL:+44 20 7946 0020",
      "item2.URL:https://ada.example/notes?a=1\\,2",
      "item2.X-ABLabel:_$!<HomePage>!$_",
      "BDAY:1815-12-10",
      "X-ANNIVERSARY:1835-07-08",
      "item3.X-ABDATE:--09-01",
      "item3.X-ABLabel:first program",
      "item4.X-ABRELATEDNAMES:William King",
      "item4.X-ABLabel:_$!<Spouse>!$_",
      "item5.X-ABRELATEDNAMES:Charles Babbage",
      "item5.X-ABLabel:_$!<Friend>!$_",
      "item6.X-ABRELATEDNAMES:Anne Isabella Milbanke",
      "item6.X-ABLabel:_$!<Mother>!$_",
      "X-ABRELATEDNAMES:Mary Somerville",
      "CATEGORIES:friends,mathematics",
      "NOTE:Wrote the first program.\\nLikes poetry\\, engines\\; and \\\\ backslashes.",
      "X-GOODWILL-MET-ON:2019-05-04",
      "X-GOODWILL-MET:At Babbage's soirée",
      "REV:2024-05-01T12:00:00Z",
      "END:VCARD",
    ]);
  });

  it("writes a year-less birthday as --MM-DD and never as Apple's year 1604", () => {
    const contact = {
      ...emptyContact("Grace"),
      birthday: { year: null, month: 2, day: 29 },
      dates: [{ label: "anniversary", date: { year: null, month: 6, day: 1 } }],
    };
    const card = writeVCard(contact, { version: "3.0" });
    expect(logicalLines(card)).toContain("BDAY:--02-29");
    expect(logicalLines(card)).toContain("X-ANNIVERSARY:--06-01");
    expect(card).not.toContain("1604");
    expect(readBack(card)[0]?.birthday).toEqual({ year: null, month: 2, day: 29 });
  });

  it("marks a preferred value with a custom label as TYPE=pref inside its item group", () => {
    const contact = { ...emptyContact("Grace"), phones: [{ value: "555 0100", label: "boat", pref: true }] };
    expect(logicalLines(writeVCard(contact, { version: "3.0" }))).toEqual(
      expect.arrayContaining(["item1.TEL;TYPE=pref:555 0100", "item1.X-ABLabel:boat"]),
    );
    expect(readBack(writeVCard(contact, { version: "3.0" }))[0]?.phones).toEqual(contact.phones);
  });
});

describe("vCard 4.0", () => {
  it("writes 4.0 forms: PREF=1, basic dates, ANNIVERSARY and RELATED with a type", () => {
    const lines = logicalLines(writeVCard(ada, { version: "4.0" }));
    expect(lines.slice(0, 2)).toEqual(["BEGIN:VCARD", "VERSION:4.0"]);
    expect(lines).toEqual(
      expect.arrayContaining([
        "EMAIL;TYPE=work;PREF=1:ada@work.example",
        "TEL;TYPE=cell:+44 20 7946 0018",
        "BDAY:18151210",
        "ANNIVERSARY:18350708",
        "item3.X-ABDATE:--0901",
        "RELATED;TYPE=spouse;VALUE=text:William King",
        "RELATED;TYPE=friend;VALUE=text:Charles Babbage",
        "item4.RELATED;VALUE=text:Anne Isabella Milbanke",
        "item4.X-ABLabel:_$!<Mother>!$_",
        "RELATED;VALUE=text:Mary Somerville",
      ]),
    );
    expect(lines.some((line) => line.startsWith("X-ABRELATEDNAMES"))).toBe(false);
  });

  it("writes a year-less birthday as --MMDD", () => {
    const contact = { ...emptyContact("Grace"), birthday: { year: null, month: 4, day: 12 } };
    expect(logicalLines(writeVCard(contact, { version: "4.0" }))).toContain("BDAY:--0412");
  });

  it("keeps phone kinds that 4.0 no longer defines as labelled item groups", () => {
    const contact = { ...emptyContact("Grace"), phones: [{ value: "555 0100", label: "car", pref: false }] };
    expect(logicalLines(writeVCard(contact, { version: "3.0" }))).toContain("TEL;TYPE=car:555 0100");
    expect(logicalLines(writeVCard(contact, { version: "4.0" }))).toEqual(
      expect.arrayContaining(["item1.TEL:555 0100", "item1.X-ABLabel:car"]),
    );
  });
});

describe("lines", () => {
  const note = `${"Grüße aus Köln — 日本語のメモ 🎉👩‍👩‍👧, ".repeat(12)}Ende.`;
  const contact = { ...emptyContact("Jürgen Ünal"), note };

  for (const version of ["3.0", "4.0"] as const) {
    it(`folds ${version} lines at 75 octets without splitting a character`, () => {
      const card = writeVCard(contact, { version });
      const physical = card.split("\r\n").slice(0, -1);
      const strict = new TextDecoder("utf-8", { fatal: true });
      for (const line of physical) {
        const bytes = encoder.encode(line);
        expect(bytes.length).toBeLessThanOrEqual(75);
        // Each physical line is whole UTF-8 on its own: no character was cut in two.
        expect(strict.decode(bytes)).toBe(line);
      }
      expect(physical.filter((line) => line.startsWith(" ")).length).toBeGreaterThan(5);
      expect(logicalLines(card)).toContain(`NOTE:${note.replaceAll(",", "\\,")}`);
      expect(readBack(card)[0]?.note).toBe(note);
    });
  }

  it("ends every line with CRLF and has no bare LF or CR", () => {
    const card = writeVCard(ada, { version: "3.0" });
    expect(card.endsWith("END:VCARD\r\n")).toBe(true);
    expect(card.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("escapes backslashes, commas, semicolons and every kind of line break in text values", () => {
    const contact = {
      ...emptyContact("Smith, Jane; \\ Jr."),
      note: "one\r\ntwo\rthree\nfour",
      tags: ["a, b", "c;d"],
    };
    const lines = logicalLines(writeVCard(contact, { version: "4.0" }));
    expect(lines).toContain("FN:Smith\\, Jane\\; \\\\ Jr.");
    expect(lines).toContain("NOTE:one\\ntwo\\nthree\\nfour");
    expect(lines).toContain("CATEGORIES:a\\, b,c\\;d");
  });

  it("always writes N and FN, even for a contact known by one name", () => {
    const lines = logicalLines(writeVCard(emptyContact("Cher"), { version: "3.0" }));
    expect(lines).toContain("N:;;;;");
    expect(lines).toContain("FN:Cher");
    expect(lines.some((line) => line.startsWith("UID"))).toBe(false);
  });

  it("writes many cards as one file, or one chunk per card for streaming", () => {
    const grace = { ...emptyContact("Grace Hopper"), uid: "grace" };
    const file = writeVCards([ada, grace], { version: "3.0" });
    expect([...vcardChunks([ada, grace], { version: "3.0" })].join("")).toBe(file);
    expect(readBack(file).map((c) => c.displayName)).toEqual(["Ada Lovelace", "Grace Hopper"]);
  });
});

describe("round trips through our vCard reader", () => {
  for (const version of ["3.0", "4.0"] as const) {
    it(`reads back every field of a ${version} card unchanged`, () => {
      expect(readBack(writeVCard(ada, { version }))).toEqual([ada]);
    });
  }

  // Control characters other than tab and line breaks are not allowed in a vCard and are dropped.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the same characters the writer drops
  const printable = (text: string) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "");
  /** Text as a reader can give it back: fields on one line collapse their white space. */
  const oneLine = (text: string) => printable(text).replace(/\s+/g, " ").trim();
  /** Text that keeps its line breaks, as `\n`. */
  const lines = (text: string | null) => {
    const kept = text === null ? "" : printable(text).replace(/\r\n?/g, "\n").trim();
    return kept === "" ? null : kept;
  };
  const meaningful = (text: string) => oneLine(text) !== "";
  // Full Unicode with the characters vCard escapes, line breaks and emoji made likely.
  const piece = fc.oneof(
    fc.string({ unit: "grapheme", maxLength: 6 }),
    fc.constantFrom(
      ",",
      ";",
      "\\",
      "\n",
      "\r\n",
      "\t",
      "\u0007",
      ":",
      '"',
      "\\n",
      "🎉",
      "👩‍👩‍👧",
      "é",
      "日本",
    ),
  );
  const text = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(""));
  const oneLineText = text.filter(meaningful);
  const optional = fc.option(oneLineText, { nil: null });

  const contact = fc.record({
    displayName: oneLineText,
    givenName: optional,
    familyName: optional,
    nickname: optional,
    organization: optional,
    department: optional,
    title: optional,
    // Our reader splits categories at every comma and semicolon, escaped or not, so tags have none.
    tags: fc.uniqueArray(oneLineText.filter((t) => !/[,;]/.test(t)).map(oneLine), {
      maxLength: 4,
      selector: (t) => t.toLowerCase(),
    }),
    note: fc.option(
      text.filter((t) => t.trim() !== ""),
      { nil: null },
    ),
    metText: optional,
    related: fc.array(
      fc.record({
        name: oneLineText.filter((t) => !/^\s*(urn|https?|mailto|tel|sip|xmpp):/i.test(t)),
        relation: fc.option(fc.constantFrom("spouse", "friend", "mother", "Gym buddy"), { nil: null }),
      }),
      { maxLength: 3 },
    ),
  });

  for (const version of ["3.0", "4.0"] as VCardVersion[]) {
    it(`keeps random Unicode text fields through a ${version} round trip`, () => {
      fc.assert(
        fc.property(contact, (generated) => {
          const written: ContactRecord = { ...emptyContact(""), ...generated };
          const [read] = readBack(writeVCard(written, { version }));
          const line = (value: string | null) => (value === null ? null : oneLine(value));
          expect(read?.displayName).toBe(oneLine(written.displayName));
          expect(read?.givenName).toBe(line(written.givenName));
          expect(read?.familyName).toBe(line(written.familyName));
          expect(read?.nickname).toBe(line(written.nickname));
          expect(read?.organization).toBe(line(written.organization));
          expect(read?.department).toBe(lines(written.department));
          expect(read?.title).toBe(line(written.title));
          expect(read?.tags).toEqual(written.tags);
          expect(read?.note).toBe(lines(written.note));
          expect(read?.metText).toBe(lines(written.metText));
          expect(read?.related).toEqual(
            written.related.map((r) => ({ name: oneLine(r.name), relation: r.relation })),
          );
        }),
        { numRuns: 300 },
      );
    });
  }
});
