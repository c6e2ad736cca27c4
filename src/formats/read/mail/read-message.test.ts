import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { CapturedMail } from "../../../contract/capture.js";
import { bulkReason } from "./bulk-mail.js";
import { forwardedMail } from "./forwarded-mail.js";
import { MAX_TEXT_BYTES, ownWords } from "./own-words.js";
import { readMessage } from "./read-message.js";

const FIXTURES = fileURLToPath(new URL("../../../../test/fixtures/capture/", import.meta.url));

async function mail(file: string): Promise<CapturedMail> {
  const item = await readMessage(readFileSync(FIXTURES + file), file);
  if (item.kind !== "email") throw new Error(`${item.where}: ${item.message}`);
  return item;
}

describe("reading one .eml", () => {
  it("reads who wrote to whom, when, and what they asked", async () => {
    const plan = await mail("plain.eml");
    expect(plan.from).toEqual({ address: "marta@example.it", name: "Marta Rossi" });
    expect(plan.to.map((a) => a.address)).toEqual(["ana@example.com"]);
    expect(plan.cc.map((a) => a.name)).toEqual(["Sofia", "Liang Chen"]);
    expect(plan.at).toBe(Date.parse("2025-11-13T10:00:00Z"));
    expect(plan.subject).toBe("Could you review my plan?");
    expect(plan.text).toBe("Hi Ana, could you review my plan for the launch?\n\nThanks,\nMarta");
    expect(plan.sourceKey).toBe("mail:marta.plan@example.it");
  });

  it("keeps a Gmail forward's forwarded message, and reads the message inside it", async () => {
    const outer = await mail("gmail-forward.eml");
    expect(outer.from?.address).toBe("ana@example.com");
    expect(outer.text).toContain("thanks for the intro to Marta");
    const inner = forwardedMail(outer);
    expect(inner).toMatchObject({
      from: { address: "sofia@example.org", name: "Sofía García" },
      to: [{ address: "ana@example.com", name: "Ana Lima" }],
      cc: [{ address: "marta@example.it", name: "Marta Rossi" }],
      subject: "Thanks for the intro!",
      at: Date.parse("2025-11-10T18:02:00Z"),
      text: "Ana, thanks for the intro to Marta — we had a great call.\nCould you send me the deck from your talk?\n\nSofía",
      bulk: null,
    });
    expect(inner?.sourceKey).toMatch(/^mail:sha1:[0-9a-f]{40}$/);
  });

  it("reads an Outlook forward in Windows-1252 and the message under its rule", async () => {
    const outer = await mail("outlook-forward.eml");
    expect(outer.subject).toBe("FW: budget review");
    const inner = forwardedMail(outer);
    expect(inner?.from).toEqual({ address: "peter@example.de", name: "Peter Brandt" });
    expect(inner?.at).toBe(Date.parse("2025-11-11T17:45:00Z"));
    expect(inner?.text).toBe(
      "Hi Ana,\n\nthank you for reviewing the budget so quickly – much appreciated.\n\nPeter",
    );
  });

  it("finds no forwarded message in a message that forwards nothing", async () => {
    expect(forwardedMail(await mail("plain.eml"))).toBeNull();
  });

  it("names what it cannot read instead of throwing", async () => {
    const item = await readMessage(
      Buffer.from("\u0000\u0001 no headers at all\n\njust words\n"),
      "message.eml",
    );
    expect(item).toMatchObject({ kind: "problem", where: "message.eml" });
  });

  it("gives an unreadable Date header no date (not today's)", async () => {
    const item = await readMessage(
      Buffer.from("From: a@example.org\nDate: someday soon\nSubject: x\n\nhi\n"),
    );
    expect(item).toMatchObject({ kind: "email", at: null });
  });

  it("takes NUL out of what it keeps (PostgreSQL's text cannot hold it)", async () => {
    const item = await readMessage(
      Buffer.from("From: A\u0000B <a@example.org>\nSubject: x\u0000y\n\nhel\u0000lo\n"),
    );
    expect(item).toMatchObject({ kind: "email", subject: "xy", text: "hello", from: { name: "AB" } });
  });
});

describe("a message's own words", () => {
  it("cuts Gmail's two-line reply header, the quoted lines and the signature", () => {
    const body =
      "Sure, Tuesday works.\n\n-- \nMarta\n\nOn Mon, Mar 3, 2025 at 10:15 AM Sofía García <sofia@example.org>\nwrote:\n> Tuesday?";
    expect(ownWords(body)).toBe("Sure, Tuesday works.");
  });

  it("cuts an Outlook reply's From/Sent block and a German reply header", () => {
    expect(ownWords("Done.\n\nFrom: Ana Lima\nSent: Friday, 7 March 2025 09:00\nTo: Peter\n\nCan you?")).toBe(
      "Done.",
    );
    expect(ownWords("Gern.\n\nAm 03.03.2025 um 10:15 schrieb Sofía García <s@example.org>:\n> Hilfe?")).toBe(
      "Gern.",
    );
  });

  it("keeps a line that merely starts with From: inside a sentence's flow", () => {
    expect(ownWords("From: the team, with love.\nSee you soon.")).toBe(
      "From: the team, with love.\nSee you soon.",
    );
  });

  it("keeps at most 64 KiB, never splitting a character", () => {
    const text = ownWords("é".repeat(MAX_TEXT_BYTES));
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_TEXT_BYTES);
    expect(text).toBe("é".repeat(MAX_TEXT_BYTES / 2));
  });
});

describe("what is not a personal message", () => {
  const headers =
    (values: Record<string, string>) =>
    (name: string): string | null =>
      values[name] ?? null;
  const reason = (from: string, values: Record<string, string> = {}, subject = "Hello") =>
    bulkReason({ header: headers(values), fromAddress: from, subject });

  it("tells lists, robots and automatic replies from people", () => {
    expect(reason("sofia@example.org")).toBeNull();
    expect(reason("sofia@example.org", { precedence: "bulk" })).toBe("list");
    expect(reason("dev-request@lists.example.org")).toBe("list");
    expect(reason("do-not-reply@bank.example")).toBe("no-reply");
    expect(reason("notifications@github.com")).toBe("no-reply");
    expect(reason("MAILER-DAEMON@mx.example.org")).toBe("no-reply");
    expect(reason("postmaster@example.org")).toBe("no-reply");
    expect(reason("sofia@example.org", { "auto-submitted": "auto-generated" })).toBe("auto-reply");
    expect(reason("sofia@example.org", { "auto-submitted": "no" })).toBeNull();
    expect(reason("sofia@example.org", { "x-autoreply": "yes" })).toBe("auto-reply");
    expect(reason("sofia@example.org", {}, "Automatic reply: budget")).toBe("auto-reply");
    expect(reason("sofia@example.org", {}, "Out of Office AutoReply: budget")).toBe("auto-reply");
    expect(reason("sofia@example.org", {}, "Abwesenheitsnotiz: Budget")).toBe("auto-reply");
    expect(reason("sofia@example.org", {}, "Re: out of office party plans")).toBeNull();
  });
});
