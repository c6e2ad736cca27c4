import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { mboxChunks, mboxMessage } from "../../../../test/fixtures/capture/make-mbox.js";
import type { CapturedMail, CaptureProblem } from "../../../contract/capture.js";
import { readMailbox } from "./read-mailbox.js";

const FIXTURES = fileURLToPath(new URL("../../../../test/fixtures/capture/", import.meta.url));

/** A file's bytes in pieces of `size`, as a stream of a real file would hand them over. */
async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function readAll(
  file: string | Buffer,
  size = 64 * 1024,
  maxMessageBytes?: number,
): Promise<(CapturedMail | CaptureProblem)[]> {
  const bytes = typeof file === "string" ? readFileSync(FIXTURES + file) : file;
  const out: (CapturedMail | CaptureProblem)[] = [];
  for await (const item of readMailbox(
    pieces(bytes, size),
    maxMessageBytes === undefined ? {} : { maxMessageBytes },
  )) {
    out.push(item);
  }
  return out;
}

const mails = (items: (CapturedMail | CaptureProblem)[]) =>
  items.filter((item): item is CapturedMail => item.kind === "email");
const bySubject = (items: (CapturedMail | CaptureProblem)[], subject: string) => {
  const found = mails(items).find((mail) => mail.subject === subject);
  expect(found, subject).toBeDefined();
  return found!;
};

describe("reading a Google Takeout mbox", () => {
  it("reads each message once, and names the broken one instead of stopping", async () => {
    const items = await readAll("takeout.mbox");
    expect(mails(items)).toHaveLength(9);
    const problems = items.filter((item) => item.kind === "problem");
    expect(problems).toEqual([
      {
        kind: "problem",
        where: expect.stringMatching(/^message 7 \(byte \d+\)$/),
        message: expect.stringMatching(/not a mail message/),
      },
    ]);
    // The broken message's position is where its From line is in the file.
    const bytes = readFileSync(FIXTURES + "takeout.mbox");
    const offset = Number(/byte (\d+)/.exec(problems[0]!.where)![1]);
    expect(bytes.toString("latin1", offset, offset + 17)).toBe("From MAILER-DAEMO");
  });

  it("decodes UTF-8 names and subjects, and a quoted-printable body without its signature", async () => {
    const mail = bySubject(await readAll("takeout.mbox"), "Café next week?");
    expect(mail.from).toEqual({ address: "sofia@example.org", name: "Sofía García" });
    expect(mail.to).toEqual([{ address: "ana@example.com", name: "Ana Lima" }]);
    expect(mail.at).toBe(Date.parse("2025-03-03T09:15:00Z"));
    expect(mail.sourceKey).toBe("mail:CAF=sofia.1@mail.example.org");
    expect(mail.deliveredTo).toEqual(["ana@example.com"]);
    expect(mail.text).toBe("Hi Ana,\n\nCould you look at my deck before Friday? Café is on me ☕");
    expect(mail.bulk).toBeNull();
  });

  it("decodes ISO-8859-1 names and a base64 body", async () => {
    const mail = bySubject(await readAll("takeout.mbox"), "Re: the intro");
    expect(mail.from).toEqual({ address: "jose@example.net", name: "José Martínez" });
    expect(mail.cc).toEqual([{ address: "renee@example.fr", name: "Renée Dubois" }]);
    expect(mail.text).toContain(
      "thank you so much for the introduction to Marta — we are meeting next week.",
    );
  });

  it("keeps all 40 recipients of a message to many", async () => {
    const mail = bySubject(await readAll("takeout.mbox"), "Team offsite: save the date");
    expect(mail.to).toHaveLength(40);
    expect(mail.to[0]).toEqual({ address: "guest01@example.net", name: "Guest 01" });
    expect(mail.to.at(-1)).toEqual({ address: "sofia@example.org", name: "Sofia" });
  });

  it("marks the mailing list, the no-reply sender and the out-of-office reply, and only them", async () => {
    const items = await readAll("takeout.mbox");
    const skipped = mails(items)
      .filter((mail) => mail.bulk !== null)
      .map((mail) => [mail.subject, mail.bulk]);
    expect(skipped).toEqual([
      ["[rust-users] Weekly digest", "list"],
      ["[goodwill] New sign-in to your account", "no-reply"],
      ["Out of Office: Café next week?", "auto-reply"],
    ]);
  });

  it("unescapes >From lines and drops what is quoted", async () => {
    const mail = bySubject(await readAll("takeout.mbox"), "Minutes");
    expect(mail.text).toBe("The minutes are attached below.\nFrom the board: approved.");
  });

  it("remembers a message without Message-ID by a hash of its date, sender and subject", async () => {
    const first = bySubject(await readAll("takeout.mbox"), "no id here");
    const again = bySubject(await readAll("takeout.mbox", 7), "no id here");
    expect(first.sourceKey).toMatch(/^mail:sha1:[0-9a-f]{40}$/);
    expect(again.sourceKey).toBe(first.sourceKey);
  });

  it("turns an HTML reply into its own words, without Outlook's quoted header block", async () => {
    const mail = bySubject(await readAll("takeout.mbox"), "RE: budget");
    expect(mail.text).toBe("Thanks, Ana – approved.");
  });

  it("reads the same messages whatever the size of the pieces the file comes in", async () => {
    const whole = await readAll("takeout.mbox");
    for (const size of [1, 3, 17, 4096]) expect(await readAll("takeout.mbox", size)).toEqual(whole);
  });
});

describe("reading Thunderbird and Apple Mail exports", () => {
  it("reads Thunderbird's CRLF mbox, cutting the quoted reply and the Original Message block", async () => {
    const items = await readAll("thunderbird.mbox", 5);
    expect(mails(items).map((mail) => [mail.from?.address, mail.subject, mail.text])).toEqual([
      ["sofia@example.org", "Thanks for the intro", "Thanks for the intro to Marta!"],
      ["ana@example.com", "Re: Thanks for the intro", "Any time."],
    ]);
  });

  it("takes the From line's date when a message has no Date header", async () => {
    const items = await readAll("thunderbird.mbox");
    expect(mails(items)[1]!.at).toBe(Date.parse("2025-04-08T09:00:00Z"));
  });

  it("reads Apple Mail's export and whose mailbox it was (X-Original-To, Delivered-To)", async () => {
    const [mail] = mails(await readAll("apple-mail.mbox"));
    expect(mail).toMatchObject({
      subject: "Lunch",
      text: "Lunch on Thursday?",
      deliveredTo: ["ana@example.com"],
    });
  });
});

describe("a message over the cap", () => {
  it("becomes a problem, and the messages after it are still read", async () => {
    const big = Buffer.from(
      `From a@example.org Mon Jan 06 10:00:00 2025\nFrom: a@example.org\nSubject: big\n\n${"x".repeat(200_000)}\n\n`,
    );
    const file = Buffer.concat([mboxMessage(0), big, mboxMessage(1)]);
    const items = await readAll(file, 4096, 100_000);
    expect(items.map((item) => item.kind)).toEqual(["email", "problem", "email"]);
    expect(items[1]).toMatchObject({ where: `message 2 (byte ${mboxMessage(0).length})` });
    expect((items[1] as CaptureProblem).message).toMatch(/larger than 0\.1 MB/);
  });
});

describe("streaming", () => {
  it("reads 20,000 messages holding one at a time: what stays on the heap does not grow with the file", async () => {
    // Live heap after a full collection, not heapUsed alone (which rises with garbage until the GC runs).
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const live = () => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    const n = 20_000;
    let count = 0;
    let lists = 0;
    let keyless = 0;
    let early = 0;
    let late = 0;
    for await (const item of readMailbox(mboxChunks(n))) {
      if (item.kind !== "email") throw new Error(`${item.where}: ${item.message}`);
      count++;
      if (item.bulk === "list") lists++;
      if (item.sourceKey.startsWith("mail:sha1:")) keyless++;
      if (count === 2_000) early = live();
      if (count === n) late = live();
    }
    expect(count).toBe(n);
    expect(lists).toBe(n / 10);
    expect(keyless).toBe(n / 50);
    // The 18,000 messages read in between are about 7 MB of mbox: kept, they would be far more.
    expect(late - early).toBeLessThan(2 * 1024 * 1024);
  }, 120_000);
});
