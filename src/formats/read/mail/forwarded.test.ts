import { describe, expect, it } from "vitest";
import { readAddresses, readForwardedBlock, readForwardedDate } from "./forwarded.js";

const iso = (at: number | null | undefined) => (typeof at === "number" ? new Date(at).toISOString() : at);

describe("reading the original out of a forwarded message", () => {
  it("Gmail: the block under '---------- Forwarded message ---------' gives sender, date, subject and recipients", () => {
    const text = [
      "FYI, logging this one.",
      "",
      "---------- Forwarded message ---------",
      "From: Sofía Álvarez <sofia@example.org>",
      "Date: Mon, Nov 2, 2026 at 10:15 AM",
      "Subject: Thanks for the intro",
      "To: Me Myself <me@example.com>",
      'Cc: Raj Patel <raj@example.com>, "Doe, Jane" <jane@example.com>',
      "",
      "Hi! Thanks for the intro to Raj, it went well.",
    ].join("\r\n");
    const block = readForwardedBlock(text);
    expect(block).toEqual({
      from: { address: "sofia@example.org", name: "Sofía Álvarez" },
      to: [{ address: "me@example.com", name: "Me Myself" }],
      cc: [
        { address: "raj@example.com", name: "Raj Patel" },
        { address: "jane@example.com", name: "Doe, Jane" },
      ],
      at: Date.parse("2026-11-02T10:15:00Z"),
      subject: "Thanks for the intro",
      text: "Hi! Thanks for the intro to Raj, it went well.",
    });
  });

  it("Outlook: 'From: … Sent: … To: … Subject:' under a rule, with [mailto:] addresses and semicolons", () => {
    const text = [
      "See below.",
      "",
      "________________________________",
      "From: Linda Chen [mailto:linda@corp.example]",
      "Sent: Tuesday, November 3, 2026 4:05 PM",
      "To: Me <me@example.com>; Ben Ode <ben@corp.example>",
      "Subject: RE: Could you review my deck?",
      "",
      "Could you review my deck before Friday?",
    ].join("\n");
    const block = readForwardedBlock(text);
    expect(block?.from).toEqual({ address: "linda@corp.example", name: "Linda Chen" });
    expect(block?.to.map((a) => a.address)).toEqual(["me@example.com", "ben@corp.example"]);
    expect(iso(block?.at)).toBe("2026-11-03T16:05:00.000Z");
    expect(block?.subject).toBe("RE: Could you review my deck?");
    expect(block?.text).toBe("Could you review my deck before Friday?");
  });

  it("Outlook without a rule: a From: line followed by Sent: is a forwarded header", () => {
    const block = readForwardedBlock(
      "From: Nia Okafor <nia@example.net>\nSent: 4 November 2026 09:00\nTo: me@example.com\nSubject: Lunch\n\nLunch on Friday?",
    );
    expect(block?.from?.address).toBe("nia@example.net");
    expect(iso(block?.at)).toBe("2026-11-04T09:00:00.000Z");
  });

  it("Apple Mail: 'Begin forwarded message:' with a blank line, quoted lines and a GMT offset", () => {
    const text = [
      "Begin forwarded message:",
      "",
      "> From: Raj Patel <raj@example.com>",
      "> Subject: Coffee next week",
      "> Date: 5 November 2026 at 08:30:00 GMT+1",
      "> To: Me <me@example.com>",
      ">",
      "> Shall we have coffee next week?",
    ].join("\n");
    const block = readForwardedBlock(text);
    expect(block?.from).toEqual({ address: "raj@example.com", name: "Raj Patel" });
    expect(iso(block?.at)).toBe("2026-11-05T07:30:00.000Z");
    expect(block?.subject).toBe("Coffee next week");
    expect(block?.text).toBe("Shall we have coffee next week?");
  });

  it("German and French blocks, and Gmail's narrow no-break space before PM, read the same", () => {
    const german = readForwardedBlock(
      "---------- Weitergeleitete Nachricht ---------\nVon: Jonas Weber <jonas@example.de>\nDatum: 6 November 2026 at 14:00 GMT+1\nBetreff: Danke\nAn: ich@example.com\n\nDanke!",
    );
    expect(german?.from).toEqual({ address: "jonas@example.de", name: "Jonas Weber" });
    expect(german?.to).toEqual([{ address: "ich@example.com", name: null }]);
    expect(german?.subject).toBe("Danke");
    expect(iso(german?.at)).toBe("2026-11-06T13:00:00.000Z");
    const french = readForwardedBlock(
      "De: Léa <lea@example.fr>\nEnvoyé: 7 November 2026 09:00\nObjet: Merci\n\nMerci",
    );
    expect(french?.from?.address).toBe("lea@example.fr");
    expect(iso(french?.at)).toBe("2026-11-07T09:00:00.000Z");
    expect(iso(readForwardedDate("Mon, Nov 2, 2026 at 6:02\u202fPM"))).toBe("2026-11-02T18:02:00.000Z");
  });

  it("a hostile megabyte-long header line is cut, not read for minutes", { timeout: 5_000 }, () => {
    const many = Array.from({ length: 50_000 }, (_, i) => `p${i}@example.com`).join(", ");
    const block = readForwardedBlock(
      `---------- Forwarded message ---------\nFrom: ${"a.".repeat(500_000)}\nDate: ${"<".repeat(500_000)} 2026\nTo: ${many}\n\nx`,
    );
    expect(block?.from).toBeNull();
    expect(block?.at).toBeNull();
    expect(block?.to.length).toBeGreaterThan(100);
    expect(block?.to.length).toBeLessThan(300);
  });

  it("a message that merely mentions 'From:' in a sentence, or has no block, is not a forward", () => {
    expect(readForwardedBlock("From: the team, with love.\nSee you soon.")).toBeNull();
    expect(readForwardedBlock("Hi Ann,\nthanks for the intro!\n")).toBeNull();
    expect(readForwardedBlock("")).toBeNull();
    expect(readForwardedBlock("---------- Forwarded message ---------\n\n\nno headers here")).toBeNull();
  });

  it("a forward inside a forward: the outer block is the one read", () => {
    const block = readForwardedBlock(
      "---------- Forwarded message ---------\nFrom: A <a@example.com>\nDate: Nov 1, 2026\nSubject: Fwd: x\n\n---------- Forwarded message ---------\nFrom: B <b@example.com>\nDate: Oct 1, 2026\n\nold",
    );
    expect(block?.from?.address).toBe("a@example.com");
    expect(iso(block?.at)).toBe("2026-11-01T00:00:00.000Z");
  });

  it("a sender written without an address gives no sender (nothing could match it)", () => {
    const block = readForwardedBlock(
      "-----Original Message-----\nFrom: Linda Chen\nSent: Nov 3, 2026 4:05 PM\n\nhi",
    );
    expect(block?.from).toBeNull();
    expect(iso(block?.at)).toBe("2026-11-03T16:05:00.000Z");
  });
});

describe("dates and addresses of forward blocks", () => {
  it("reads the usual date forms; a zone written is honoured, none means UTC; no year is no date", () => {
    expect(iso(readForwardedDate("Mon, 2 Nov 2026 10:15:00 +0100"))).toBe("2026-11-02T09:15:00.000Z");
    expect(iso(readForwardedDate("November 2, 2026 at 10:15:43 AM PST"))).toBe("2026-11-02T18:15:43.000Z");
    expect(iso(readForwardedDate("Monday, November 2, 2026 10:15 AM"))).toBe("2026-11-02T10:15:00.000Z");
    expect(iso(readForwardedDate("2 November 2026 at 10:15 GMT-05:00"))).toBe("2026-11-02T15:15:00.000Z");
    expect(readForwardedDate("yesterday at noon")).toBeNull();
    expect(readForwardedDate("2026 is the year of nothing")).toBeNull();
  });

  it("reads names and addresses however they are written", () => {
    expect(readAddresses("ann@example.com")).toEqual([{ address: "ann@example.com", name: null }]);
    expect(readAddresses("'Ann' <mailto:ann@example.com>, Bob <bob@example.com>; Carl")).toEqual([
      { address: "ann@example.com", name: "Ann" },
      { address: "bob@example.com", name: "Bob" },
    ]);
  });
});
