import { describe, expect, it } from "vitest";
import { type ContactRecord, isRecordError, type ReadResult } from "../contact-record.js";
import { readVCards, readVCardsFromBytes } from "./vcard-reader.js";

const text = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "latin1")] : p)));

/** The contacts of a file, failing the test if any card was reported as an error. */
function contacts(input: Uint8Array | string): ContactRecord[] {
  const results = readVCardsFromBytes(typeof input === "string" ? text(input) : input);
  const errors = results.filter(isRecordError);
  expect(errors).toEqual([]);
  return results.flatMap((r) => (isRecordError(r) ? [] : [r.contact]));
}

function only(input: Uint8Array | string): ContactRecord {
  const all = contacts(input);
  expect(all).toHaveLength(1);
  return all[0]!;
}

const card = (...lines: string[]) => ["BEGIN:VCARD", "VERSION:3.0", ...lines, "END:VCARD", ""].join("\r\n");

describe("line breaks and folding", () => {
  it("reads CRLF, LF, lone CR and CR CR LF files alike", () => {
    const lines = ["BEGIN:VCARD", "VERSION:3.0", "FN:Ada Lovelace", "EMAIL:ada@example.org", "END:VCARD", ""];
    for (const separator of ["\r\n", "\n", "\r", "\r\r\n"]) {
      const contact = only(lines.join(separator));
      expect(contact.displayName).toBe("Ada Lovelace");
      expect(contact.emails.map((e) => e.value)).toEqual(["ada@example.org"]);
    }
  });

  it("unfolds a line continued with a space or a tab, also with CR CR LF breaks", () => {
    const input =
      "BEGIN:VCARD\r\r\nVERSION:3.0\r\r\nFN:Ada Love\r\r\n lace\r\r\nNOTE:one\r\r\n\ttwo\r\r\nEND:VCARD\r\r\n";
    const contact = only(input);
    expect(contact.displayName).toBe("Ada Lovelace");
    expect(contact.note).toBe("onetwo");
  });

  it("counts a card's line from 1 at its BEGIN, whatever the line breaks", () => {
    const input =
      "junk before\r\r\n\r\r\nBEGIN:VCARD\r\r\nFN:A\r\r\nEND:VCARD\r\r\nBEGIN:VCARD\r\r\nFN:B\r\r\nEND:VCARD\r\r\n";
    const results = readVCardsFromBytes(text(input));
    expect(results.map((r) => [r.record, r.line])).toEqual([
      [1, 3],
      [2, 6],
    ]);
  });
});

describe("escaping", () => {
  it("unescapes commas, semicolons, colons, backslashes and line breaks", () => {
    const contact = only(card("FN:Smith\\, Jane", "NOTE:a\\;b\\:c\\\\d\\ne\\Nf", "URL:http\\://example.com"));
    expect(contact.displayName).toBe("Smith, Jane");
    expect(contact.note).toBe("a;b:c\\d\ne\nf");
    expect(contact.urls[0]?.value).toBe("http://example.com");
  });

  it("splits ORG at unescaped semicolons only: escaped commas stay in the name", () => {
    const contact = only(card("FN:X", "ORG:Smith\\, Jones & Co\\;Ltd;Tax\\, Audit"));
    expect(contact.organization).toBe("Smith, Jones & Co;Ltd");
    expect(contact.department).toBe("Tax, Audit");
  });

  it("keeps a 2.1 ORG comma and reads the department after the semicolon", () => {
    const contact = only(
      "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:X\r\nORG:Company, The;TheDepartment\r\nEND:VCARD\r\n",
    );
    expect(contact.organization).toBe("Company, The");
    expect(contact.department).toBe("TheDepartment");
  });
});

describe("vCard 2.1", () => {
  it("decodes QUOTED-PRINTABLE with soft line breaks in the charset the value names", () => {
    const input = bytes(
      "BEGIN:VCARD\r\nVERSION:2.1\r\n",
      "N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=F6rg\r\n",
      "NOTE;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Caf=E9 au lait=0D=0A=\r\nsecond line=\r\n, end\r\n",
      "END:VCARD\r\n",
    );
    const contact = only(input);
    expect(contact.displayName).toBe("Jörg Müller");
    expect(contact.familyName).toBe("Müller");
    expect(contact.note).toBe("Café au lait\nsecond line, end");
  });

  it("decodes UTF-8 QUOTED-PRINTABLE split across lines (Android)", () => {
    const input =
      "BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=91o=C3=\r\n=B1o\r\nEND:VCARD\r\n";
    expect(only(input).displayName).toBe("Ñoño");
  });

  it("reads bytes that are not UTF-8 as Windows-1252", () => {
    const input = bytes("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ren", [0xe9], " ", [0x80], "\r\nEND:VCARD\r\n");
    expect(only(input).displayName).toBe("René €");
  });

  it("reads UTF-8 bytes as UTF-8 even when the card claims ISO-8859-1", () => {
    const input = bytes("BEGIN:VCARD\r\nFN;CHARSET=ISO-8859-1:Ren", [0xc3, 0xa9], "\r\nEND:VCARD\r\n");
    expect(only(input).displayName).toBe("René");
  });

  it("takes bare parameters as types: TEL;WORK;VOICE is a work phone, EMAIL;PREF is preferred", () => {
    const contact = only(
      "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:X\r\nTEL;WORK;VOICE:111\r\nTEL;CELL:222\r\nTEL;HOME;FAX:333\r\nEMAIL;PREF;INTERNET:x@example.org\r\nEND:VCARD\r\n",
    );
    expect(contact.phones).toEqual([
      { value: "111", label: "work", pref: false },
      { value: "222", label: "mobile", pref: false },
      { value: "333", label: "home fax", pref: false },
    ]);
    expect(contact.emails).toEqual([{ value: "x@example.org", label: null, pref: true }]);
  });

  it("skips a base64 PHOTO block that runs until a blank line, and reads the properties after it", () => {
    const input = [
      "BEGIN:VCARD",
      "VERSION:2.1",
      "FN:Photo Person",
      "PHOTO;ENCODING=BASE64;TYPE=JPEG:",
      "/9j/4AAQSkZJRgABAQEAYABgAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQY",
      "GBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYa",
      "",
      "EMAIL;INTERNET:photo@example.org",
      "TITLE:Model",
      "END:VCARD",
      "",
    ].join("\r\n");
    const contact = only(input);
    expect(contact.emails.map((e) => e.value)).toEqual(["photo@example.org"]);
    expect(contact.title).toBe("Model");
  });

  it("skips an indented base64 block (Outlook KEY and PHOTO)", () => {
    const input = [
      "BEGIN:VCARD",
      "VERSION:2.1",
      "FN:Key Holder",
      "KEY;X509;ENCODING=BASE64:",
      "    MIIDITCCAoqgAwIBAgIQT52W2WawmStUwpV8tBV9TTANBgkqhkiG9w0BAQUFADBMMQswCQYD",
      "    VQQGEwJaQTElMCMGA1UEChMcVGhhd3RlIENvbnN1bHRpbmcgKFB0eSkgTHRkLjEWMBQGA1UE",
      "",
      "",
      "EMAIL;PREF;INTERNET:key@example.org",
      "END:VCARD",
    ].join("\r\n");
    expect(only(input).emails).toEqual([{ value: "key@example.org", label: null, pref: true }]);
  });

  it("ignores a card embedded by AGENT instead of mixing it into its owner", () => {
    const input = [
      "BEGIN:VCARD",
      "VERSION:2.1",
      "FN:Boss",
      "AGENT:",
      "BEGIN:VCARD",
      "VERSION:2.1",
      "FN:Assistant",
      "EMAIL:assistant@example.org",
      "END:VCARD",
      "EMAIL:boss@example.org",
      "END:VCARD",
    ].join("\r\n");
    const contact = only(input);
    expect(contact.displayName).toBe("Boss");
    expect(contact.emails.map((e) => e.value)).toEqual(["boss@example.org"]);
  });
});

describe("labels and preference", () => {
  it("takes Apple's item labels for grouped properties, built-in and custom", () => {
    const contact = only(
      card(
        "FN:X",
        "item1.EMAIL;type=INTERNET:other@example.org",
        "item1.X-ABLabel:_$!<Other>!$_",
        "item2.EMAIL;type=INTERNET:club@example.org",
        "item2.X-ABLabel:Chess Club",
        "item3.URL:http\\://example.org",
        "item3.X-ABLabel:_$!<HomePage>!$_",
        "item4.TEL:123",
        "item4.X-ABLabel:_$!<AssistantPhone>!$_",
      ),
    );
    expect(contact.emails.map((e) => e.label)).toEqual(["other", "Chess Club"]);
    expect(contact.urls[0]).toEqual({ value: "http://example.org", label: "home page", pref: false });
    expect(contact.phones[0]?.label).toBe("assistant phone");
  });

  it("marks TYPE=pref and PREF=1 as preferred, and reads 4.0 tel: URIs", () => {
    const contact = only(
      card(
        "FN:X",
        "EMAIL;type=INTERNET;type=pref:a@example.org",
        "EMAIL;PREF=1:b@example.org",
        "EMAIL;PREF=2:c@example.org",
        'TEL;VALUE=uri;PREF=1;TYPE="voice,home":tel:+1-555-555-5555;ext=5555',
      ),
    );
    expect(contact.emails.map((e) => e.pref)).toEqual([true, true, false]);
    expect(contact.phones).toEqual([{ value: "+1-555-555-5555 ext. 5555", label: "home", pref: true }]);
  });
});

describe("dates", () => {
  it("keeps year-less birthdays as month and day: --MMDD, --MM-DD and Apple's year 1604", () => {
    expect(only(card("FN:A", "BDAY:--0412")).birthday).toEqual({ year: null, month: 4, day: 12 });
    expect(only(card("FN:A", "BDAY:--04-12")).birthday).toEqual({ year: null, month: 4, day: 12 });
    expect(only(card("FN:A", "BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-12")).birthday).toEqual({
      year: null,
      month: 4,
      day: 12,
    });
    expect(only(card("FN:A", "BDAY:19800322")).birthday).toEqual({ year: 1980, month: 3, day: 22 });
    expect(only(card("FN:A", "BDAY;VALUE=date:1980-03-22T00:00:00Z")).birthday).toEqual({
      year: 1980,
      month: 3,
      day: 22,
    });
  });

  it("drops a birthday that is no date instead of failing the card", () => {
    expect(only(card("FN:A", "BDAY;VALUE=text:circa 1800")).birthday).toBeNull();
    expect(only(card("FN:A", "BDAY:1980-02-30")).birthday).toBeNull();
  });

  it("reads anniversaries from ANNIVERSARY, X-ANNIVERSARY and Apple's labelled X-ABDATE", () => {
    const contact = only(
      card(
        "FN:A",
        "ANNIVERSARY:20090808T1430-0500",
        "X-ANNIVERSARY:1990-04-30",
        "item1.X-ABDATE:1975-03-01",
        "item1.X-ABLabel:_$!<Anniversary>!$_",
        "item2.X-ABDATE:2000-09-12",
        "item2.X-ABLabel:First climb",
      ),
    );
    expect(contact.dates).toEqual([
      { label: "anniversary", date: { year: 2009, month: 8, day: 8 } },
      { label: "anniversary", date: { year: 1990, month: 4, day: 30 } },
      { label: "anniversary", date: { year: 1975, month: 3, day: 1 } },
      { label: "First climb", date: { year: 2000, month: 9, day: 12 } },
    ]);
  });
});

describe("names", () => {
  it("builds the display name from N when FN is missing", () => {
    const contact = only(card("N:Lovelace;Ada;King;Countess;"));
    expect(contact.displayName).toBe("Countess Ada King Lovelace");
    expect(contact.givenName).toBe("Ada");
    expect(contact.familyName).toBe("Lovelace");
  });

  it("falls back to the organization, then the email, when a card has no name", () => {
    expect(only(card("ORG:Acme;Sales")).displayName).toBe("Acme");
    expect(only(card("EMAIL:someone@example.org")).displayName).toBe("someone@example.org");
  });

  it("reports a card with no name, organization or email and keeps reading", () => {
    const input = card("TEL:123") + card("FN:Next One");
    const results = readVCardsFromBytes(text(input));
    expect(results[0]).toEqual({
      record: 1,
      line: 1,
      message: "the card has no name, organization or email",
    });
    expect(results[1]).toMatchObject({ record: 2, line: 5, contact: { displayName: "Next One" } });
  });

  it("reports a card without END and still reads the next one", () => {
    const input =
      "BEGIN:VCARD\r\nFN:Cut Off\r\nBEGIN:VCARD\r\nFN:Whole\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Truncated\r\n";
    const results = readVCardsFromBytes(text(input));
    expect(results).toHaveLength(3);
    expect(results[0]).toMatchObject({ record: 1, line: 1 });
    expect((results[0] as { message: string }).message).toContain("no END:VCARD");
    expect(results[1]).toMatchObject({ record: 2, line: 3, contact: { displayName: "Whole" } });
    expect(results[2]).toMatchObject({ record: 3, line: 6 });
    expect((results[2] as { message: string }).message).toContain("the file ends inside it");
  });
});

describe("the other properties", () => {
  it("reads title, categories as tags, note, nickname, uid, social profiles and related people", () => {
    const contact = only(
      card(
        "FN:Ada",
        "TITLE:Analyst",
        "CATEGORIES:Friends,Work\\, London",
        "NICKNAME:Countess",
        "UID:urn:uuid:1234",
        "X-SOCIALPROFILE;type=twitter:https://twitter.com/ada",
        "RELATED;TYPE=spouse;VALUE=text:William King",
        "RELATED;TYPE=friend:urn:uuid:5678",
        "item1.X-ABRELATEDNAMES:Charles",
        "item1.X-ABLabel:_$!<Friend>!$_",
        "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQ",
        " AAAQABAAD/2wBDAAIBAQEBAQIBAQE",
        "NOTE:Met at the Analytical Society",
      ),
    );
    expect(contact.title).toBe("Analyst");
    expect(contact.tags).toEqual(["Friends", "Work", "London"]);
    expect(contact.nickname).toBe("Countess");
    expect(contact.uid).toBe("urn:uuid:1234");
    expect(contact.urls).toEqual([{ value: "https://twitter.com/ada", label: "twitter", pref: false }]);
    expect(contact.related).toEqual([
      { name: "William King", relation: "spouse" },
      { name: "Charles", relation: "friend" },
    ]);
    expect(contact.note).toBe("Met at the Analytical Society");
  });
});

describe("streaming", () => {
  it("gives the same results whatever the chunk sizes, even one byte at a time", async () => {
    const input = text(
      card("FN:Érika Ñoño", "EMAIL:e@example.org") +
        "\r\n" +
        card("FN:Second", "BDAY:--0203") +
        card("TEL:1"),
    );
    const whole = readVCardsFromBytes(input);
    for (const size of [1, 2, 3, 7, 64]) {
      async function* chunks() {
        for (let i = 0; i < input.length; i += size) yield input.subarray(i, i + size);
      }
      const streamed: ReadResult[] = [];
      for await (const result of readVCards(chunks())) streamed.push(result);
      expect(streamed).toEqual(whole);
    }
  });

  it("reads a UTF-16 file with a byte order mark", () => {
    const utf16 = Buffer.from(`\uFEFF${card("FN:Zoë")}`, "utf16le");
    expect(only(new Uint8Array(utf16)).displayName).toBe("Zoë");
  });
});

describe("what a card says that a person cannot keep is a warning", () => {
  it("an impossible birthday, a second organization or title, a related card given by link", () => {
    const [result] = readVCardsFromBytes(
      text(
        card(
          "FN:Ann Able",
          "BDAY:1975-02-30",
          "ORG:Northwind;Sales",
          "ORG:Contoso",
          "TITLE:Buyer",
          "TITLE:buyer",
          "RELATED;TYPE=friend:urn:uuid:03a0e51f-d1aa-4385-8a53-e29025acd8af",
          "X-ANNIVERSARY:someday",
        ),
      ),
    );
    expect(result && !isRecordError(result) && result.warnings).toEqual([
      { field: "birthday", message: "birthday 1975-02-30 is not a date: left out" },
      { field: "organization", message: "second organization Contoso (a person has one): left out" },
      {
        field: "related",
        message:
          "friend urn:uuid:03a0e51f-d1aa-4385-8a53-e29025acd8af is a link to another card, not a name: left out",
      },
      { field: "dates", message: "anniversary someday is not a date: left out" },
    ]);
    expect(result && !isRecordError(result) && result.contact).toMatchObject({
      birthday: null,
      organization: "Northwind",
      department: "Sales",
      title: "Buyer",
    });
  });
});
