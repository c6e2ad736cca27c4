import { describe, expect, it } from "vitest";
import { emptyContact } from "../formats/contact-record.js";
import { fitContact } from "./fit-contact.js";

describe("fitting an imported contact", () => {
  it("names the first ten refused values of a field and counts the rest in one warning", () => {
    const bad = Array.from({ length: 1000 }, (_, i) => ({
      value: `not an email ${i}`,
      label: null,
      pref: false,
    }));
    const good = Array.from({ length: 60 }, (_, i) => ({
      value: `p${i}@example.com`,
      label: null,
      pref: false,
    }));
    const { contact, warnings } = fitContact({ ...emptyContact("Many"), emails: [...bad, ...good] });
    expect(contact.emails).toHaveLength(50);
    const emailWarnings = warnings.filter((w) => w.field === "emails").map((w) => w.message);
    expect(emailWarnings).toHaveLength(12);
    expect(emailWarnings[0]).toBe('email "not an email 0" is not an email address: left out');
    expect(emailWarnings[10]).toBe(
      "990 more emails that cannot be kept, for reasons like those above: left out",
    );
    expect(emailWarnings[11]).toBe(
      "60 emails, more than the 50 a person can have: the first 50 kept, 10 left out",
    );
  });
});
