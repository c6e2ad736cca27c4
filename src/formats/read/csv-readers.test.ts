import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type ContactRecord, isRecordError, type ReadResult } from "../contact-record.js";
import { type ContactFormat, readContacts } from "./read-contacts.js";

const FIXTURES = fileURLToPath(new URL("../../../../shared/fixtures/csv/", import.meta.url));

async function readAll(
  input: Uint8Array | string,
  format: ContactFormat,
  chunkSize = 1 << 16,
): Promise<ReadResult[]> {
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
  }
  const out: ReadResult[] = [];
  for await (const result of readContacts(chunks(), format)) out.push(result);
  return out;
}

async function contactsOf(input: Uint8Array | string, format: ContactFormat): Promise<ContactRecord[]> {
  const results = await readAll(input, format);
  expect(results.filter(isRecordError)).toEqual([]);
  return results.flatMap((r) => (isRecordError(r) ? [] : [r.contact]));
}

const fixture = (name: string) => new Uint8Array(readFileSync(FIXTURES + name));

describe("LinkedIn Connections.csv", () => {
  it("reads the fixture after its Notes: preamble, with record numbers and lines", async () => {
    const results = await readAll(fixture("linkedin-connections.csv"), "linkedin");
    expect(results.map((r) => [r.record, r.line])).toEqual([
      [1, 5],
      [2, 6],
      [3, 7],
      [4, 8],
    ]);
    const contacts = await contactsOf(fixture("linkedin-connections.csv"), "linkedin");
    expect(contacts.map((c) => c.displayName)).toEqual([
      "Ada Lovelace, Countess",
      "José Martínez",
      "李 小龙",
      "Grace Hopper",
    ]);
    const [ada, jose, , grace] = contacts;
    expect(ada).toMatchObject({
      givenName: "Ada",
      familyName: "Lovelace, Countess",
      organization: "Analytical Engines",
      title: "Programmer, Lead",
      emails: [],
      urls: [{ value: "https://www.linkedin.com/in/ada-example", label: "linkedin", pref: false }],
      metOn: "2025-12-07",
      metText: "Connected on LinkedIn",
    });
    expect(jose!.emails).toEqual([{ value: "jose@example.org", label: null, pref: false }]);
    expect(jose!.organization).toBe("Northwind Traders");
    expect(jose!.metOn).toBe("2023-03-14");
    expect(grace).toMatchObject({ organization: "US Navy", title: "Rear Admiral", metOn: "2019-09-30" });
  });

  it("reads the layout without a URL column and US dates", async () => {
    const input = [
      "Notes:",
      '"When exporting your connection data, you may notice..."',
      "",
      "First Name,Last Name,Email Address,Company,Position,Connected On",
      "Alan,Turing,alan@example.org,NPL,Researcher,01/12/2024",
      ",,,Nobody Inc,,12 Jan 2024",
    ].join("\n");
    const results = await readAll(input, "linkedin");
    expect(results[0]).toMatchObject({
      record: 1,
      line: 5,
      contact: { displayName: "Alan Turing", urls: [], metOn: "2024-01-12", organization: "NPL" },
    });
    expect(results[1]).toEqual({ record: 2, line: 6, message: "row has no name or email" });
  });

  it("says so when no LinkedIn header is found", async () => {
    const results = await readAll("Name,Email\nA,a@example.org\n", "linkedin");
    expect(results).toHaveLength(1);
    expect((results[0] as { message: string }).message).toContain("no header row found");
  });
});

describe("Google Contacts CSV", () => {
  it("reads the fixture: BOM, multi-line note, ::: values, system labels dropped, year-less birthday", async () => {
    const results = await readAll(fixture("google-contacts.csv"), "google");
    expect(results.map((r) => [r.record, r.line])).toEqual([
      [1, 2],
      [2, 4],
    ]);
    const [dana, raj] = await contactsOf(fixture("google-contacts.csv"), "google");
    expect(dana).toMatchObject({
      displayName: "Dana Whitfield",
      givenName: "Dana",
      familyName: "Whitfield",
      nickname: "Dee",
      organization: "Northwind Traders",
      title: "Support Lead",
      department: "IT",
      birthday: { year: 1984, month: 5, day: 2 },
      note: "Fixed my VPN twice.\nLikes cycling.",
      tags: ["Work"],
    });
    expect(dana!.emails).toEqual([
      { value: "dana@northwind.example", label: "work", pref: true },
      { value: "dana.w@example.net", label: "home", pref: false },
    ]);
    expect(dana!.phones).toEqual([{ value: "+1 555 0100", label: "mobile", pref: false }]);
    expect(raj).toMatchObject({
      displayName: "Raj Patel",
      organization: "Northwind Traders",
      title: "Sysadmin",
      birthday: { year: null, month: 11, day: 30 },
      tags: [],
    });
    expect(raj!.emails.map((e) => e.value)).toEqual(["raj@northwind.example", "raj.patel@example.net"]);
    expect(raj!.phones.map((p) => [p.value, p.label])).toEqual([
      ["+1 555 0101", "work"],
      ["+1 555 0102", "work"],
    ]);
  });

  it("reads the legacy layout with Group Membership and typed columns", async () => {
    const input = [
      "Name,Given Name,Additional Name,Family Name,Birthday,Notes,Group Membership,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Organization 1 - Name,Organization 1 - Title,Organization 1 - Department",
      "Ann Smith,Ann,,Smith,1975-01-02,,* My Contacts ::: Friends ::: * Starred,* Home,ann@example.org,Mobile,+44 1,Acme,CEO,Board",
      "",
    ].join("\r\n");
    const [ann] = await contactsOf(input, "google");
    expect(ann).toMatchObject({
      displayName: "Ann Smith",
      givenName: "Ann",
      familyName: "Smith",
      organization: "Acme",
      title: "CEO",
      department: "Board",
      birthday: { year: 1975, month: 1, day: 2 },
      emails: [{ value: "ann@example.org", label: "home", pref: true }],
      phones: [{ value: "+44 1", label: "mobile", pref: false }],
    });
    expect(ann!.tags).toEqual(["Friends"]);
  });
});

describe("Outlook CSV", () => {
  it("reads the fixture: quoted header, 0/0/00 as no birthday, ;-separated categories", async () => {
    const results = await readAll(fixture("outlook-contacts.csv"), "outlook");
    expect(results.map((r) => [r.record, r.line])).toEqual([
      [1, 2],
      [2, 3],
    ]);
    const [concetta, tyler] = await contactsOf(fixture("outlook-contacts.csv"), "outlook");
    expect(concetta).toMatchObject({
      displayName: "Concetta Russo",
      organization: "Northwind Traders",
      department: "Marketing",
      title: "Brand Manager",
      emails: [{ value: "concetta@northwind.example", label: null, pref: false }],
      phones: [{ value: "+1 555 0200", label: "work", pref: false }],
      birthday: { year: 1990, month: 3, day: 14 },
      note: "Learns the IT quick fixes herself.",
      tags: ["Colleagues"],
    });
    expect(tyler).toMatchObject({
      displayName: "Tyler Blik",
      organization: "Blik Design",
      department: null,
      title: "Principal",
      phones: [{ value: "+1 555 0300", label: "mobile", pref: false }],
      birthday: null,
      tags: ["SMPS", "Prospects"],
    });
  });

  it("reads Windows-1252 bytes from an older Outlook", async () => {
    const input = Uint8Array.from([
      ...Buffer.from('"First Name","Last Name","E-mail Address"\r\n"Ren', "latin1"),
      0xe9,
      ...Buffer.from('","Dupr', "latin1"),
      0xe9,
      ...Buffer.from('","rene@example.fr"\r\n', "latin1"),
    ]);
    const [rene] = await contactsOf(input, "outlook");
    expect(rene!.displayName).toBe("René Dupré");
  });
});

describe("generic CSV", () => {
  it("recognises columns by name in any case, with ; as the delimiter", async () => {
    const input = [
      "Full Name;E-Mail;Mobile;Company;Job Title;Tags;Birthday;Website",
      "Mary Major;mary@example.org;+1 555;Contoso;CTO;friends, climbing;1980-02-29;https://mary.example",
    ].join("\n");
    const [mary] = await contactsOf(input, "csv");
    expect(mary).toMatchObject({
      displayName: "Mary Major",
      emails: [{ value: "mary@example.org", label: null, pref: false }],
      phones: [{ value: "+1 555", label: "mobile", pref: false }],
      organization: "Contoso",
      title: "CTO",
      tags: ["friends", "climbing"],
      birthday: { year: 1980, month: 2, day: 29 },
      urls: [{ value: "https://mary.example", label: null, pref: false }],
    });
  });

  it("uses the email as the name when there is no name, and reports rows with neither", async () => {
    const input = "first name,surname,email\n,,solo@example.org\n,,\nJo,,\n,,  \n";
    const results = await readAll(input, "csv");
    expect(results).toEqual([
      expect.objectContaining({
        record: 1,
        line: 2,
        contact: expect.objectContaining({ displayName: "solo@example.org" }),
      }),
      expect.objectContaining({
        record: 2,
        line: 4,
        contact: expect.objectContaining({ displayName: "Jo" }),
      }),
    ]);
    const noName = await readAll("name,company\n,Acme\n", "csv");
    expect(noName).toEqual([{ record: 1, line: 2, message: "row has no name or email" }]);
  });

  it("reports a quote that is never closed with the line it starts on, after the rows before it", async () => {
    const input = 'name,email\nA,a@example.org\n"B,b@example.org\nC,c@example.org\n';
    const results = await readAll(input, "csv");
    expect(results[0]).toMatchObject({ record: 1, line: 2, contact: { displayName: "A" } });
    expect(results[1]).toMatchObject({ record: 2, line: 3 });
    expect((results[1] as { message: string }).message).toContain("never closed");
    expect(results).toHaveLength(2);
  });

  it("reads rows split across chunks and multi-line cells with the right start lines", async () => {
    const input = 'name,notes\r\n"Ann","line one\r\nline two"\r\n\r\nBob,plain\r\n';
    for (const size of [1, 3, 1000]) {
      const results = await readAll(input, "csv", size);
      expect(results.map((r) => [r.record, r.line])).toEqual([
        [1, 2],
        [2, 5],
      ]);
      expect((results[0] as { contact: ContactRecord }).contact.note).toBe("line one\nline two");
    }
  });
});

describe("what a reader cannot keep is a warning on its record", () => {
  it("a date that does not exist, and a column Goodwill does not read (once, on the first row that fills it)", async () => {
    const csv = [
      "Name,Email,Birthday,Met On,Street,Fax Number",
      "Ann Able,ann@example.com,1975-02-30,2024-03-01,,",
      "Bob Baker,bob@example.com,0/0/00,,1 Main St,",
      "Cy Cole,cy@example.com,,,2 Side St,",
    ].join("\n");
    const results = await readAll(csv, "csv");
    const warnings = results.map((r) => (isRecordError(r) ? null : r.warnings));
    expect(warnings).toEqual([
      [{ field: "birthday", message: "birthday 1975-02-30 is not a date: left out" }],
      [{ field: "column", message: "column Street is not a field Goodwill keeps: left out (in every row)" }],
      [],
    ]);
    const [ann] = results;
    expect(ann && !isRecordError(ann) && ann.contact).toMatchObject({ birthday: null, metOn: "2024-03-01" });
  });

  it("Outlook: an anniversary that is not a date, while 0/0/00 is simply no date", async () => {
    const csv = ['"First Name","Last Name","Birthday","Anniversary"', "Ann,Able,0/0/00,31/31/2001"].join(
      "\r\n",
    );
    const [ann] = await readAll(csv, "outlook");
    expect(ann && !isRecordError(ann) && ann.warnings).toEqual([
      { field: "dates", message: "anniversary 31/31/2001 is not a date: left out" },
    ]);
  });
});
