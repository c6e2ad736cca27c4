/** What reaches the forwarding address becomes the message to log: a forward's original, or the message itself. */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isForwardingAddress, mailDomain, messageToLog } from "../../src/app/capture/forwarding.js";
import type { CapturedMail } from "../../src/contract/capture.js";

const LOG = "log-abcdefghijklmnopqrst@log.example.com";
const mail = (over: Partial<CapturedMail>): CapturedMail => ({
  kind: "email",
  sourceKey: "mail:m1@example.com",
  at: Date.parse("2026-11-25T08:00:00Z"),
  from: { address: "me@example.com", name: "Me" },
  to: [{ address: LOG, name: null }],
  cc: [],
  deliveredTo: [LOG],
  subject: "Fwd: Coffee",
  text: "",
  bulk: null,
  ...over,
});
const FORWARD = [
  "see below",
  "",
  "---------- Forwarded message ---------",
  "From: Raj Patel <raj@example.com>",
  "Date: Mon, Nov 2, 2026 at 10:15 AM",
  "Subject: Coffee",
  "To: Me <me@example.com>",
  "",
  "Coffee next week?",
].join("\n");

describe("the message logged for one sent to the forwarding address", () => {
  it("my forward is logged as the original: its sender, recipients, date, subject and words", () => {
    const logged = messageToLog(mail({ text: FORWARD }), new Set(["me@example.com"]));
    const key = createHash("sha1").update("2026-11-02T10:15:00.000Z\nraj@example.com\nCoffee").digest("hex");
    expect(logged).toEqual({
      kind: "email",
      sourceKey: `mail:sha1:${key}`,
      at: Date.parse("2026-11-02T10:15:00Z"),
      from: { address: "raj@example.com", name: "Raj Patel" },
      to: [{ address: "me@example.com", name: "Me" }],
      cc: [],
      deliveredTo: ["me@example.com"],
      subject: "Coffee",
      text: "Coffee next week?",
      bulk: null,
    });
  });

  it("a forward block in a message someone else sent is not taken for mine: logged as it is", () => {
    const theirs = mail({ from: { address: "raj@example.com", name: null }, text: FORWARD });
    const logged = messageToLog(theirs, new Set(["me@example.com"]));
    expect(logged.from?.address).toBe("raj@example.com");
    expect(logged.subject).toBe("Fwd: Coffee");
    expect(logged.to).toEqual([]);
    expect(logged.deliveredTo).toEqual([]);
  });

  it("a BCC from me is logged as it is, without the forwarding address among its people", () => {
    const bcc = mail({
      to: [{ address: "sofia@example.org", name: "Sofía" }],
      cc: [{ address: LOG.toUpperCase(), name: null }],
      subject: "Lunch?",
      text: "Lunch on Friday?",
    });
    const logged = messageToLog(bcc, new Set(["me@example.com"]));
    expect(logged.to).toEqual([{ address: "sofia@example.org", name: "Sofía" }]);
    expect(logged.cc).toEqual([]);
    expect(logged.subject).toBe("Lunch?");
  });

  it("with none of my addresses known, the sender of a forward is taken as me", () => {
    expect(messageToLog(mail({ text: FORWARD }), new Set()).from?.address).toBe("raj@example.com");
  });

  it("a block without a date or subject keeps the forward's date and its subject without Fwd:", () => {
    const text = "---------- Forwarded message ---------\nFrom: Raj <raj@example.com>\n\nhi";
    const logged = messageToLog(mail({ text, subject: "Fwd: FW: Coffee" }), new Set(["me@example.com"]));
    expect(logged.at).toBe(Date.parse("2026-11-25T08:00:00Z"));
    expect(logged.subject).toBe("Coffee");
    expect(logged.to).toEqual([{ address: "me@example.com", name: "Me" }]);
  });
});

describe("forwarding addresses and their domain", () => {
  it("tells a forwarding address by its form, whatever its domain or case", () => {
    expect(isForwardingAddress(LOG)).toBe(true);
    expect(isForwardingAddress("LOG-ABCDEFGHIJKLMNOPQRST@other.example")).toBe(true);
    expect(isForwardingAddress("log-short@log.example.com")).toBe(false);
    expect(isForwardingAddress("ann@example.com")).toBe(false);
  });

  it("the domain: the flag, else GOODWILL_MAIL_DOMAIN, else the public URL's host, else localhost", () => {
    const env = { GOODWILL_MAIL_DOMAIN: "Log.Example.com", GOODWILL_PUBLIC_URL: "https://gw.example.com/x" };
    expect(mailDomain(env, "flag.example.com")).toBe("flag.example.com");
    expect(mailDomain(env)).toBe("log.example.com");
    expect(mailDomain({ GOODWILL_PUBLIC_URL: "https://gw.example.com/x" })).toBe("gw.example.com");
    expect(mailDomain({ GOODWILL_PUBLIC_URL: "not a url" })).toBe("localhost");
    expect(mailDomain({})).toBe("localhost");
  });
});
