import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { detectFormat } from "./detect-format.js";

const FIXTURES = fileURLToPath(new URL("../../../../shared/fixtures/", import.meta.url));
const head = (file: string) => new TextDecoder().decode(readFileSync(FIXTURES + file).subarray(0, 64 * 1024));

describe("detectFormat", () => {
  it("recognises the fixture files", () => {
    expect(detectFormat(head("csv/linkedin-connections.csv"))).toBe("linkedin");
    expect(detectFormat(head("csv/google-contacts.csv"))).toBe("google");
    expect(detectFormat(head("csv/outlook-contacts.csv"))).toBe("outlook");
    expect(detectFormat(head("vcard/ez-vcard/John_Doe_IPHONE.vcf"))).toBe("vcard");
    expect(detectFormat(head("vcard/ez-vcard/rfc2426-example.vcf"))).toBe("vcard");
  });

  it("finds a vCard after a BOM and blank lines, in any case", () => {
    expect(detectFormat("\uFEFF\r\n\r\nbegin:vcard\r\nFN:A\r\n")).toBe("vcard");
  });

  it("recognises Goodwill's JSON backup, and no other JSON", () => {
    expect(detectFormat('{"format":"goodwill-backup","version":1,"people":[]}')).toBe("json");
    expect(detectFormat('{ "format" : "goodwill-backup" }')).toBe("json");
    expect(detectFormat('{"people":[]}')).toBeNull();
  });

  it("tells LinkedIn with and without its preamble and URL column", () => {
    expect(detectFormat("First Name,Last Name,Email Address,Company,Position,Connected On\n")).toBe(
      "linkedin",
    );
    expect(
      detectFormat(
        'Notes:\n"some, text"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n',
      ),
    ).toBe("linkedin");
  });

  it("tells Google's current and legacy layouts from Outlook's", () => {
    expect(detectFormat("First Name,Middle Name,Last Name,Labels,E-mail 1 - Label,E-mail 1 - Value\n")).toBe(
      "google",
    );
    expect(
      detectFormat("Name,Given Name,Additional Name,Family Name,Group Membership,E-mail 1 - Type\n"),
    ).toBe("google");
    expect(detectFormat('"First Name","Middle Name","Last Name","E-mail Address","Business Phone"\n')).toBe(
      "outlook",
    );
    expect(detectFormat("First Name,Middle Name,Last Name,Job Title,Company\n")).toBe("outlook");
  });

  it("accepts any CSV with a name or email column, and nothing else", () => {
    expect(detectFormat("Full Name;E-Mail;Phone\nA;a@example.org;1\n")).toBe("csv");
    expect(detectFormat("email\nx@example.org\n")).toBe("csv");
    expect(detectFormat("date,amount,payee\n2024-01-01,3.50,Cafe\n")).toBeNull();
    expect(detectFormat("Dear diary, today I met nobody.")).toBeNull();
    expect(detectFormat("")).toBeNull();
  });
});
