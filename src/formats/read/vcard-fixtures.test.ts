import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type ContactRecord, isRecordError, type ReadResult } from "../contact-record.js";
import { readVCardsFromBytes } from "./vcard-reader.js";

/** The shared fixtures, read in place (they are not copied into the project). */
const FIXTURES = fileURLToPath(new URL("../../../../shared/fixtures/vcard/", import.meta.url));

function read(file: string): ReadResult[] {
  return readVCardsFromBytes(new Uint8Array(readFileSync(FIXTURES + file)));
}

function contactsOf(file: string): ContactRecord[] {
  const results = read(file);
  expect(results.filter(isRecordError)).toEqual([]);
  return results.flatMap((r) => (isRecordError(r) ? [] : [r.contact]));
}

function onlyContact(file: string): ContactRecord {
  const contacts = contactsOf(file);
  expect(contacts).toHaveLength(1);
  return contacts[0]!;
}

const emails = (c: ContactRecord) => c.emails.map((e) => e.value);
const phones = (c: ContactRecord) => c.phones.map((p) => p.value);

describe("vCard fixtures from real address books", () => {
  it("every file reads without a crash, each card a contact or a reported error", () => {
    const files = ["ez-vcard", "node-vcf"].flatMap((dir) =>
      readdirSync(FIXTURES + dir)
        .filter((f) => f.endsWith(".vcf"))
        .map((f) => `${dir}/${f}`),
    );
    expect(files.length).toBe(25);
    for (const file of files) {
      const results = read(file);
      expect(results.length, file).toBeGreaterThan(0);
      for (const result of results) {
        if (isRecordError(result)) expect(result.message, file).not.toBe("");
        else expect(result.contact.displayName.trim(), file).not.toBe("");
      }
    }
  });

  it("Android 2.1: UTF-8 QUOTED-PRINTABLE names over soft breaks, email-only cards, a photo", () => {
    const contacts = contactsOf("ez-vcard/John_Doe_ANDROID.vcf");
    expect(contacts.map((c) => c.displayName)).toEqual([
      "john.doe@company.com",
      "jane.doe@company.com",
      "Ñ Ñ Ñ Ñ Ñ",
      "Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ",
      "Ñ Ñ Ñ Ñ",
      "ÑÑÑÑ",
    ]);
    expect(contacts[0]!.emails).toEqual([{ value: "john.doe@company.com", label: null, pref: true }]);
    expect(contacts[0]!.tags).toEqual(["My Contacts"]);
    expect(contacts[4]!.organization).toBe("Ñ".repeat(12));
    expect(emails(contacts[4]!)[0]).toBe("bob@company.com");
    expect(contacts[5]!.organization).toBe("Ñ".repeat(44));
    expect(emails(contacts[5]!)).toEqual(["henry@company.com"]);
  });

  it("BlackBerry 2.1: an unfolded base64 photo followed by a blank line", () => {
    const contact = onlyContact("ez-vcard/John_Doe_BLACK_BERRY.vcf");
    expect(contact.displayName).toBe("John Doe");
    expect(contact.givenName).toBe("john");
    expect(contact.familyName).toBe("Doe");
    expect(contact.organization).toBe("Acme Solutions");
    expect(phones(contact)).toEqual(["+96123456789"]);
    expect(contact.note).toBeNull();
  });

  it("Evolution 3.0: folded emails, phones and URL; ORG with two units", () => {
    const contact = onlyContact("ez-vcard/John_Doe_EVOLUTION.vcf");
    expect(contact.displayName).toBe("Mr. John Richter, James Doe Sr.");
    expect(contact.uid).toBe("477343c8e6bf375a9bac1f96a5000837");
    expect(contact.nickname).toBe("Johny");
    expect(contact.organization).toBe("IBM");
    expect(contact.department).toBe("Accounting, Dungeon");
    expect(contact.title).toBe("Money Counter");
    expect(emails(contact)).toEqual(["john.doe@ibm.com"]);
    expect(phones(contact)).toEqual(["905-666-1234", "905-555-1234"]);
    expect(contact.urls.map((u) => u.value)).toEqual(["http://www.ibm.com"]);
    expect(contact.tags).toEqual(["VIP"]);
    expect(contact.birthday).toEqual({ year: 1980, month: 3, day: 22 });
    expect(contact.dates).toEqual([{ label: "anniversary", date: { year: 1980, month: 3, day: 22 } }]);
    expect(contact.related).toContainEqual({ name: "Maria", relation: "spouse" });
  });

  it("Gmail 3.0: Apple-style labels for an anniversary and a spouse", () => {
    const contact = onlyContact("ez-vcard/John_Doe_GMAIL.vcf");
    expect(contact.displayName).toBe("Mr. John Richter, James Doe Sr.");
    expect(contact.emails).toEqual([{ value: "john.doe@ibm.com", label: "home", pref: false }]);
    expect(contact.organization).toBe("IBM");
    expect(contact.title).toBe("Money Counter");
    expect(contact.birthday).toEqual({ year: 1980, month: 3, day: 22 });
    expect(contact.urls[0]?.value).toBe("http://www.ibm.com");
    expect(contact.dates).toEqual([{ label: "anniversary", date: { year: 1975, month: 3, day: 1 } }]);
    expect(contact.related).toEqual([{ name: "Jenny", relation: "spouse" }]);
    expect(contact.note).toMatch(
      /^THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"/,
    );
    expect(contact.note).toMatch(/\nFavotire Color: Blue$/);
  });

  it("iPhone 3.0 with CR CR LF line breaks and a long folded photo", () => {
    const contact = onlyContact("ez-vcard/John_Doe_IPHONE.vcf");
    expect(contact.displayName).toBe("Mr. John Richter James Doe Sr.");
    expect(contact.organization).toBe("IBM");
    expect(contact.department).toBe("Accounting");
    expect(contact.emails).toEqual([{ value: "john.doe@ibm.com", label: null, pref: true }]);
    expect(phones(contact)).toEqual([
      "905-555-1234",
      "905-666-1234",
      "905-777-1234",
      "905-888-1234",
      "905-999-1234",
      "905-111-1234",
      "905-222-1234",
    ]);
    expect(contact.phones[0]).toEqual({ value: "905-555-1234", label: "mobile", pref: true });
    expect(contact.phones[6]?.label).toBe("assistant phone");
    expect(contact.urls).toEqual([{ value: "http://www.ibm.com", label: "home page", pref: true }]);
    expect(contact.birthday).toEqual({ year: 2012, month: 6, day: 6 });
  });

  it("Lotus Notes 3.0", () => {
    const contact = onlyContact("ez-vcard/John_Doe_LOTUS_NOTES.vcf");
    expect(contact.displayName).toBe("Mr. Doe John I Johny");
    expect(contact.uid).toBe("0e7602cc-443e-4b82-b4b1-90f62f99a199");
    expect(contact.organization).toBe("IBM");
    expect(contact.department).toBe("SUN");
    expect(contact.title).toBe("Generic Accountant");
    expect(emails(contact)).toEqual(["john.doe@ibm.com", "billy_bob@gmail.com"]);
    expect(contact.birthday).toEqual({ year: 1980, month: 5, day: 21 });
  });

  it("Mac Address Book 3.0: custom labels kept as typed", () => {
    const contact = onlyContact("ez-vcard/John_Doe_MAC_ADDRESS_BOOK.vcf");
    expect(contact.displayName).toBe("Mr. John Richter,James Doe Sr.");
    expect(contact.organization).toBe("IBM");
    expect(contact.emails).toEqual([{ value: "john.doe@ibm.com", label: "work", pref: true }]);
    expect(contact.phones).toContainEqual({ value: "905-222-1234", label: "AssistantPhone", pref: false });
    expect(contact.birthday).toEqual({ year: 2012, month: 6, day: 6 });
    expect(contact.related).toEqual([{ name: "Jenny", relation: "spouse" }]);
  });

  it("MS Outlook 2.1: QUOTED-PRINTABLE labels and an indented photo", () => {
    const contact = onlyContact("ez-vcard/John_Doe_MS_OUTLOOK.vcf");
    expect(contact.displayName).toBe("Mr. John Richter James Doe Sr.");
    expect(contact.organization).toBe("IBM");
    expect(contact.department).toBe("Accounting");
    expect(contact.emails).toEqual([{ value: "john.doe@ibm.cm", label: null, pref: true }]);
    expect(contact.phones).toEqual([
      { value: "(905) 555-1234", label: "work", pref: false },
      { value: "(905) 666-1234", label: "home", pref: false },
    ]);
    expect(contact.birthday).toEqual({ year: 1980, month: 3, day: 22 });
    expect(contact.dates).toEqual([{ label: "anniversary", date: { year: 2011, month: 1, day: 13 } }]);
    expect(contact.note).toMatch(/^THIS SOFTWARE IS PROVIDED BY GEORGE EL-HADDAD/);
  });

  it("FullContact 4.0: many emails and phones, the first ORG and TITLE win", () => {
    const contact = onlyContact("ez-vcard/fullcontact.vcf");
    expect(contact.displayName).toBe("Prefix FirstName MiddleName LastName Suffix");
    expect(emails(contact)).toEqual([
      "home@example.com",
      "work@example.com",
      "school@example.com",
      "other@example.com",
      "custom@example.com",
    ]);
    expect(contact.phones).toHaveLength(9);
    expect(contact.organization).toBe("Organization1");
    expect(contact.department).toBe("Department1");
    expect(contact.title).toBe("Title1");
    expect(contact.birthday).toEqual({ year: 2016, month: 8, day: 1 });
    expect(contact.nickname).toBe("NickName");
    expect(contact.tags).toEqual(["Tag"]);
    expect(contact.note).toBe("Notes line 1\nNotes line 2");
  });

  it("Gmail list: three cards, the last END without a line break", () => {
    const results = read("ez-vcard/gmail-list.vcf");
    expect(results.map((r) => [r.record, r.line])).toEqual([
      [1, 1],
      [2, 7],
      [3, 13],
    ]);
    const contacts = contactsOf("ez-vcard/gmail-list.vcf");
    expect(contacts.map((c) => [c.displayName, emails(c)])).toEqual([
      ["Arnold Smith", ["asmithk@gmail.com"]],
      ["Chris Beatle", ["chrisy55d@yahoo.com"]],
      ["Doug White", ["dwhite@gmail.com"]],
    ]);
  });

  it("Gmail single cards: related names, custom dates and labels", () => {
    const greg = onlyContact("ez-vcard/gmail-single.vcf");
    expect(greg.displayName).toBe("Greg Dartmouth");
    expect(greg.nickname).toBe("Gman");
    expect(emails(greg)).toEqual(["gdartmouth@hotmail.com"]);
    expect(greg.organization).toBe("TheCompany");
    expect(greg.title).toBe("TheJobTitle");
    expect(greg.birthday).toEqual({ year: 1960, month: 9, day: 10 });
    expect(greg.related).toEqual([
      { name: "MySpouse", relation: "spouse" },
      { name: "MyCustom", relation: "CustomRelationship" },
    ]);

    const test = onlyContact("ez-vcard/gmail-single2.vcf");
    expect(test.displayName).toBe("VCard Test");
    expect(test.emails).toHaveLength(5);
    expect(test.emails[4]).toEqual({
      value: "customcategory@example.com",
      label: "CustomEmailCategory",
      pref: false,
    });
    expect(test.phones).toHaveLength(11);
    expect(test.birthday).toEqual({ year: 1912, month: 6, day: 23 });
    expect(test.dates).toEqual([
      { label: "anniversary", date: { year: 1930, month: 3, day: 20 } },
      { label: "other", date: { year: 1776, month: 7, day: 4 } },
      { label: "CustomDateCategory", date: { year: 2000, month: 9, day: 12 } },
    ]);
    expect(test.related).toHaveLength(16);
    expect(test.related[1]).toEqual({ name: "Name2", relation: "spouse" });
  });

  it("Outlook 2003 and 2007, 2.1: QUOTED-PRINTABLE notes, a base64 KEY, comma in the company", () => {
    const john = onlyContact("ez-vcard/outlook-2003.vcf");
    expect(john.displayName).toBe("John Doe III");
    expect(john.organization).toBe("Company, The");
    expect(john.department).toBe("TheDepartment");
    expect(john.title).toBe("The Job Title");
    expect(john.birthday).toEqual({ year: 1980, month: 3, day: 21 });
    expect(emails(john)).toEqual(["jdoe@hotmail.com"]);
    expect(john.note).toBe("This is the note field!!\nSecond line\n\nThird line is empty");

    const michael = onlyContact("ez-vcard/outlook-2007.vcf");
    expect(michael.displayName).toBe("Mr. Michael Angstadt Jr.");
    expect(michael.organization).toBe("TheCompany");
    expect(michael.department).toBe("TheDepartment");
    expect(michael.birthday).toEqual({ year: 1922, month: 3, day: 10 });
    expect(emails(michael)).toEqual(["mike.angstadt@gmail.com"]);
    expect(michael.note).toMatch(/^This is the NOTE field\s*\nI assume it encodes this text/);
  });

  it("RFC 2426 and RFC 6350 examples", () => {
    const results = read("ez-vcard/rfc2426-example.vcf");
    expect(results.map((r) => [r.record, r.line])).toEqual([
      [1, 1],
      [2, 13],
    ]);
    const [frank, tim] = contactsOf("ez-vcard/rfc2426-example.vcf");
    expect(frank!.displayName).toBe("Frank Dawson");
    expect(frank!.organization).toBe("Lotus Development Corporation");
    expect(frank!.emails).toEqual([
      { value: "Frank_Dawson@Lotus.com", label: null, pref: true },
      { value: "fdawson@earthlink.net", label: null, pref: false },
    ]);
    expect(tim!.displayName).toBe("Tim Howes");
    expect(emails(tim!)).toEqual(["howes@netscape.com"]);

    const simon = onlyContact("ez-vcard/rfc6350-example.vcf");
    expect(simon.displayName).toBe("Simon Perreault");
    expect(simon.birthday).toEqual({ year: null, month: 2, day: 3 });
    expect(simon.dates).toEqual([{ label: "anniversary", date: { year: 2009, month: 8, day: 8 } }]);
    expect(simon.organization).toBe("Viagenie");
    expect(emails(simon)).toEqual(["simon.perreault@viagenie.ca"]);
    expect(simon.phones[0]).toEqual({ value: "+1-418-656-9254 ext. 102", label: "work", pref: true });
  });

  it("Thunderbird 3.0: LF folds inside a CRLF file, escaped category commas", () => {
    const contact = onlyContact("ez-vcard/thunderbird-MoreFunctionsForAddressBook-extension.vcf");
    expect(contact.displayName).toBe("John Doe");
    expect(contact.organization).toBe("TheOrganization");
    expect(contact.department).toBe("TheDepartment");
    expect(contact.nickname).toBe("Johnny");
    expect(contact.title).toBe("TheTitle");
    expect(contact.emails[0]).toEqual({ value: "doe.john@hotmail.com", label: null, pref: true });
    expect(contact.emails).toHaveLength(5);
    expect(contact.birthday).toEqual({ year: 1970, month: 9, day: 21 });
    expect(contact.dates).toEqual([{ label: "anniversary", date: { year: 1990, month: 4, day: 30 } }]);
    expect(contact.tags).toEqual(["category1", "category2", "category3"]);
    expect(contact.note).toContain('the "note" field; even curse words.');
  });

  it("node-vcf: Forrest Gump in 2.1, 3.0 and 4.0 reads the same", () => {
    for (const file of ["vcard-2.1.vcf", "vcard-3.0.vcf", "vcard-4.0.vcf"]) {
      const contact = onlyContact(`node-vcf/${file}`);
      expect(contact.displayName, file).toBe("Forrest Gump");
      expect(contact.givenName, file).toBe("Forrest");
      expect(contact.familyName, file).toBe("Gump");
      expect(contact.organization, file).toBe("Bubba Gump Shrimp Co.");
      expect(contact.title, file).toBe("Shrimp Man");
      expect(emails(contact), file).toEqual(["forrestgump@example.com"]);
      expect(
        contact.phones.map((p) => p.label),
        file,
      ).toEqual(file === "vcard-4.0.vcf" ? ["work", "home", "home"] : ["work", "home"]);
    }
  });

  it("node-vcf: multiple versions in one file, blank lines inside a card, Xing's ISO-8859-1", () => {
    const erikas = contactsOf("node-vcf/multiple.vcf");
    expect(erikas.map((c) => c.displayName)).toEqual(Array(3).fill("Dr. Erika Mustermann"));
    expect(read("node-vcf/multiple.vcf").map((r) => r.line)).toEqual([1, 16, 30]);
    expect(erikas.every((c) => c.organization === "Wikimedia" && c.title === "Redaktion & Gestaltung")).toBe(
      true,
    );

    const erika = onlyContact("node-vcf/empty-lines.vcf");
    expect(erika.emails).toEqual([{ value: "erika@mustermann.de", label: null, pref: true }]);
    expect(erika.phones).toHaveLength(2);

    const hans = onlyContact("node-vcf/xing.vcf");
    expect(hans.displayName).toBe("Hans-Peter Mustermann");
    expect(hans.organization).toBe("Example GmbH");
    expect(hans.title).toBe("CTO");
    expect(hans.tags).toEqual(["Consulting"]);
    expect(hans.uid).toBe("XING-UID-XXXXXXXX");
  });

  it("node-vcf: cards with only a photo or only a phone are reported, not imported nameless", () => {
    for (const file of ["node-vcf/photo-base64.vcf", "node-vcf/quoted-list.vcf"]) {
      expect(read(file)).toEqual([
        { record: 1, line: 1, message: "the card has no name, organization or email" },
      ]);
    }
  });
});
