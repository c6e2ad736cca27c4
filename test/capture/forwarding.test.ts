/**
 * The forwarding address over a real socket: `startServer` with its SMTP listener on loopback, mail
 * sent with nodemailer, moments read back through the HTTP API of the same server — on both stores.
 */
import { connect } from "node:net";
import nodemailer from "nodemailer";
import { afterEach, expect, it } from "vitest";
import { addUser, createApiToken } from "../../src/app/accounts.js";
import { newForwardingAddress } from "../../src/app/capture/forwarding.js";
import { GoodwillError } from "../../src/errors.js";
import { type RunningServer, startServer } from "../../src/http/server.js";
import type { Deliver } from "../../src/http/smtp-listener.js";
import { describeEachDialect, freshStore, NOW } from "../support/stores.js";

const DOMAIN = "log.example.com";
const running: RunningServer[] = [];
afterEach(async () => {
  while (running.length > 0) await running.pop()?.close();
});

/** A team server with Ann and Bob, each with a forwarding address and a person or two. */
async function forwardingServer(dialect: "sqlite" | "postgres", deliver?: Deliver) {
  const { store } = await freshStore(dialect);
  const server = await startServer({
    store,
    host: "127.0.0.1",
    port: 0,
    log: false,
    env: {},
    reminders: { timer: false, clock: () => NOW },
    smtp: { port: 0, mailDomain: DOMAIN, ...(deliver ? { deliver } : {}) },
  });
  running.push(server);
  const at = new Date(NOW).toISOString();
  const account = async (email: string) => {
    const user = await addUser(store.db, { email, name: null, password: "correct horse battery" }, at);
    const { token } = await createApiToken(store.db, user.ownerId, "test", at);
    const { address } = await newForwardingAddress(store.db, user.ownerId, DOMAIN, at);
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${server.url}/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      // biome-ignore lint/suspicious/noExplicitAny: tests read JSON documents of many shapes
      return { status: response.status, body: (await response.json()) as any };
    };
    const person = async (name: string, emails: string[]) =>
      (await call("POST", "/people", { name, emails })).body.id as string;
    const moments = async (personId: string) =>
      (
        (await call("GET", `/people/${personId}/timeline`)).body.items as {
          type: string;
          at: string;
          summary: string;
        }[]
      )
        .filter((item) => item.type === "moment")
        .map((item) => ({ day: item.at.slice(0, 10), summary: item.summary }));
    return { ...user, email, address, call, person, moments };
  };
  const ann = await account("ann@example.com");
  const bob = await account("bob@example.com");
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port: server.smtpPort ?? 0,
    secure: false,
    ignoreTLS: true,
  });
  /** Sends raw bytes to these recipients; resolves to the server's reply, or rejects with it. */
  const send = (to: string[], raw: string | Buffer, from = "sender@example.net") =>
    transport.sendMail({ envelope: { from, to }, raw });
  return { server, store, ann, bob, send };
}

const message = (headers: Record<string, string>, body: string) =>
  `${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join(
      "\r\n",
    )}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body.replace(/\n/g, "\r\n")}\r\n`;

/** The SMTP reply code a rejected send carried. */
async function refusal(sending: Promise<unknown>): Promise<{ code: number; text: string }> {
  try {
    await sending;
  } catch (error) {
    const failed = error as { responseCode?: number; response?: string; message: string };
    return { code: failed.responseCode ?? 0, text: failed.response ?? failed.message };
  }
  throw new Error("the message was accepted");
}

describeEachDialect("the forwarding address (SMTP)", (dialect) => {
  it("a message BCC'd to my address logs a moment with the person it was to, on its day", async () => {
    const { ann, send } = await forwardingServer(dialect);
    const sofia = await ann.person("Sofía Álvarez", ["sofia@example.org"]);
    const info = await send(
      [ann.address],
      message(
        {
          From: "Ann <ann@example.com>",
          To: "Sofía Álvarez <sofia@example.org>",
          Subject: "Lunch on Friday?",
          Date: "Tue, 17 Nov 2026 09:30:00 +0000",
          "Message-ID": "<bcc-1@example.com>",
        },
        "Shall we have lunch on Friday?",
      ),
      ann.email,
    );
    expect(info.response).toMatch(/^250 /);
    expect(await ann.moments(sofia)).toEqual([{ day: "2026-11-17", summary: "Lunch on Friday?" }]);
  });

  it("a forwarded message logs the original sender's moment on the original date", async () => {
    const { ann, send } = await forwardingServer(dialect);
    const raj = await ann.person("Raj Patel", ["raj@example.com"]);
    const forward = message(
      {
        From: "Ann <ann@example.com>",
        To: ann.address,
        Subject: "Fwd: Thanks for the intro",
        Date: "Wed, 25 Nov 2026 08:00:00 +0000",
        "Message-ID": "<fwd-1@example.com>",
      },
      [
        "",
        "---------- Forwarded message ---------",
        "From: Raj Patel <raj@example.com>",
        "Date: Mon, Nov 2, 2026 at 10:15 AM",
        "Subject: Thanks for the intro",
        "To: Ann <ann@example.com>",
        "",
        "Thanks for the intro to Linda, it went really well.",
      ].join("\n"),
    );
    await send([ann.address], forward, ann.email);
    expect(await ann.moments(raj)).toEqual([{ day: "2026-11-02", summary: "Thanks for the intro" }]);
    // Forwarded again (a new message, with an id of its own): the original is logged once.
    await send([ann.address], forward.replace("<fwd-1@example.com>", "<fwd-1-again@example.com>"), ann.email);
    expect(await ann.moments(raj)).toHaveLength(1);
  });

  it("an Outlook forward, whose header block a reply would cut, is read as the original too", async () => {
    const { ann, send } = await forwardingServer(dialect);
    const linda = await ann.person("Linda Chen", ["linda@corp.example"]);
    await send(
      [ann.address],
      message(
        {
          From: "Ann <ann@example.com>",
          To: ann.address,
          Subject: "FW: Could you review my deck?",
          Date: "Wed, 25 Nov 2026 08:00:00 +0000",
          "Message-ID": "<fwd-2@example.com>",
        },
        [
          "",
          "________________________________",
          "From: Linda Chen <linda@corp.example>",
          "Sent: Tuesday, November 3, 2026 4:05 PM",
          "To: Ann <ann@example.com>",
          "Subject: Could you review my deck?",
          "",
          "Could you review my deck before Friday?",
        ].join("\n"),
      ),
      ann.email,
    );
    expect(await ann.moments(linda)).toEqual([{ day: "2026-11-03", summary: "Could you review my deck?" }]);
  });

  it("an unknown address is refused with 550, and so is a well-formed guess", async () => {
    const { ann, send } = await forwardingServer(dialect);
    const raw = message({ From: "x@example.net", To: "x", Subject: "hi" }, "hi");
    for (const to of [
      `nobody@${DOMAIN}`,
      `log-${"a".repeat(20)}@${DOMAIN}`,
      ann.address.replace("log-", ""),
    ]) {
      const refused = await refusal(send([to], raw));
      expect(refused.code).toBe(550);
      expect(refused.text).toContain("5.1.1 No such mailbox");
    }
  });

  it("a message over 10 MB is refused with 552, and the server goes on answering", async () => {
    const { ann, send } = await forwardingServer(dialect);
    const raj = await ann.person("Raj Patel", ["raj@example.com"]);
    const big = message(
      { From: "Ann <ann@example.com>", To: "raj@example.com", Subject: "Big", "Message-ID": "<big@x>" },
      `${"x".repeat(76)}\n`.repeat(140_000),
    );
    const refused = await refusal(send([ann.address], big, ann.email));
    expect(refused.code).toBe(552);
    expect(await ann.moments(raj)).toEqual([]);
    expect((await ann.call("GET", "/profile")).status).toBe(200);
  });

  it("Ann's address never logs into Bob's account, and a message to both logs once in each", async () => {
    const { ann, bob, send } = await forwardingServer(dialect);
    const annRaj = await ann.person("Raj Patel", ["raj@example.com"]);
    const bobRaj = await bob.person("Raj Patel", ["raj@example.com"]);
    const from = (id: string, subject: string) =>
      message(
        {
          From: "Raj Patel <raj@example.com>",
          To: "ann@example.com, bob@example.com",
          Subject: subject,
          Date: "Fri, 20 Nov 2026 12:00:00 +0000",
          "Message-ID": `<${id}@example.com>`,
        },
        "Hello both",
      );
    await send([ann.address], from("only-ann", "For Ann's log"));
    expect(await ann.moments(annRaj)).toEqual([{ day: "2026-11-20", summary: "For Ann's log" }]);
    expect(await bob.moments(bobRaj)).toEqual([]);

    await send([ann.address, bob.address], from("both", "For both logs"));
    expect((await ann.moments(annRaj)).map((m) => m.summary)).toEqual(["For both logs", "For Ann's log"]);
    expect((await bob.moments(bobRaj)).map((m) => m.summary)).toEqual(["For both logs"]);
  });

  it("garbage DATA is refused with 554 and a reason; a client hanging up mid-DATA harms nothing", async () => {
    const { server, ann, send } = await forwardingServer(dialect);
    const refused = await refusal(send([ann.address], Buffer.from([0, 1, 2, 255, 254, 10, 13, 10, 7])));
    expect(refused.code).toBe(554);
    expect(refused.text).toMatch(/5\.6\.0 .+/);

    // Half a message, then the socket closes.
    await new Promise<void>((resolve, reject) => {
      const socket = connect(server.smtpPort ?? 0, "127.0.0.1");
      const lines = ["EHLO x", "MAIL FROM:<a@example.net>", `RCPT TO:<${ann.address}>`, "DATA"];
      socket.on("data", (chunk) => {
        if (/^354/m.test(chunk.toString())) {
          socket.write("Subject: half\r\n\r\nthe first words of");
          socket.destroy();
          resolve();
          return;
        }
        const next = lines.shift();
        if (next !== undefined) socket.write(`${next}\r\n`);
      });
      socket.on("error", reject);
    });
    expect((await ann.call("GET", "/profile")).status).toBe(200);
    // Still taking mail; one without a Date header is logged on the day it arrived.
    const nia = await ann.person("Nia Okafor", ["nia@example.net"]);
    const info = await send(
      [ann.address],
      message({ From: "nia@example.net", Subject: "after", "Message-ID": "<after@x>" }, "ok"),
    );
    expect(info.response).toMatch(/^250 /);
    expect(await ann.moments(nia)).toEqual([{ day: "2026-11-25", summary: "after" }]);
  });

  it("when the store cannot take the message the answer is 451, try later; the next one is logged", async () => {
    let failures = 1;
    const real: { deliver?: Deliver } = {};
    const { store, ann, send } = await forwardingServer(dialect, async (owners, bytes) => {
      if (failures-- > 0) throw new GoodwillError("store_unavailable", "The database is restarting.");
      await real.deliver?.(owners, bytes);
    });
    const { deliverForwarded } = await import("../../src/app/capture/forwarding.js");
    real.deliver = deliverForwarded(store, () => NOW);
    const raj = await ann.person("Raj Patel", ["raj@example.com"]);
    const raw = message(
      {
        From: "Raj <raj@example.com>",
        To: ann.email,
        Subject: "Retry me",
        Date: "Sat, 21 Nov 2026 10:00:00 +0000",
        "Message-ID": "<retry@x>",
      },
      "hello",
    );
    const refused = await refusal(send([ann.address], raw));
    expect(refused.code).toBe(451);
    expect(refused.text).toContain("try again later");
    expect((await send([ann.address], raw)).response).toMatch(/^250 /);
    expect((await ann.moments(raj)).map((m) => m.summary)).toEqual(["Retry me"]);
  });

  it("a new address makes the old one refused with 550; the new one is taken", async () => {
    const { store, ann, send } = await forwardingServer(dialect);
    const raw = message({ From: "a@example.net", Subject: "hi", "Message-ID": "<rotate@x>" }, "hi");
    const renewed = await newForwardingAddress(store.db, ann.ownerId, DOMAIN, new Date(NOW).toISOString());
    expect(renewed.address).not.toBe(ann.address);
    expect((await refusal(send([ann.address], raw))).code).toBe(550);
    expect((await send([renewed.address], raw)).response).toMatch(/^250 /);
  });
});
