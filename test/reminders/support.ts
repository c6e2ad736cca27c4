/**
 * Local stand-ins for everything a reminder is sent to, so no test touches the outside network: a
 * real SMTP server (smtp-server) whose mail is read back with mailparser, an HTTP receiver for
 * webhooks and for Web Push (a stand-in push service), a browser's push keys to decrypt what it is
 * sent (http_ece), and a logger whose lines a test can read.
 */
import { createECDH, createPublicKey, type ECDH, randomBytes, verify } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import ece from "http_ece";
import { type ParsedMail, simpleParser } from "mailparser";
import pino, { type Logger } from "pino";
import { SMTPServer } from "smtp-server";
import { afterEach, vi } from "vitest";
import type { ReminderEnvironment } from "../../src/app/reminders/environment.js";
import { startServer } from "../../src/http/server.js";
import type { Store } from "../../src/storage/store.js";
// Loaded first, so its afterEach (closing stores) runs after this file's (closing servers on them).
import "../support/stores.js";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

/** Waits until `check` holds (polling), or fails saying what never happened. */
export async function waitUntil(what: string, check: () => boolean, timeout = 20_000): Promise<void> {
  await vi.waitFor(
    () => {
      if (!check()) throw new Error(`still waiting: ${what}`);
    },
    { timeout, interval: 20 },
  );
}

export interface CapturedMail {
  mail: ParsedMail;
  /** the envelope: who the server was told it is from and for */
  from: string;
  to: string[];
  /** the user the client signed in as, if it did */
  user: string | null;
}

/**
 * A mail server on 127.0.0.1 (plain SMTP, no STARTTLS) that keeps what it is sent. With `user` and
 * `password` it wants them (and refuses anything else with 535); without, anyone may send. `hang`
 * makes it take a message's data and never answer, as a server that stops mid-send.
 */
export async function smtpCapture(options: { user?: string; password?: string } = {}) {
  const messages: CapturedMail[] = [];
  const state = { authAttempts: 0, dataStarted: 0, connections: 0, hang: false };
  let server: SMTPServer | null = null;
  let port = 0;

  const listen = async (at: number) => {
    const s = new SMTPServer({
      secure: false,
      // A client would try STARTTLS when offered, and no test certificate is trusted.
      disabledCommands: ["STARTTLS"],
      authOptional: options.user === undefined,
      allowInsecureAuth: true,
      logger: false,
      closeTimeout: 200,
      onConnect(_session, callback) {
        state.connections++;
        callback();
      },
      onAuth(auth, _session, callback) {
        state.authAttempts++;
        if (auth.username === options.user && auth.password === options.password)
          return callback(null, { user: auth.username });
        const refused = new Error("Authentication credentials invalid") as Error & { responseCode: number };
        refused.responseCode = 535;
        return callback(refused);
      },
      onData(stream, session, callback) {
        state.dataStarted++;
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        // A client killed mid-message cuts the stream: that is what some tests do on purpose.
        stream.on("error", () => {});
        if (state.hang) return;
        stream.on("end", () => {
          simpleParser(Buffer.concat(chunks)).then(
            (mail) => {
              messages.push({
                mail,
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
                to: session.envelope.rcptTo.map((r) => r.address),
                user: typeof session.user === "string" ? session.user : null,
              });
              callback();
            },
            (error: Error) => callback(error),
          );
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      s.once("error", reject);
      s.listen(at, "127.0.0.1", () => resolve());
    });
    s.on("error", () => {});
    port = (s.server.address() as AddressInfo).port;
    server = s;
  };
  const stop = async () => {
    const s = server;
    server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  await listen(0);
  closers.push(stop);

  return {
    messages,
    state,
    get port() {
      return port;
    },
    /** smtp://[user:password@]127.0.0.1:port */
    url(credentials?: { user: string; password: string }) {
      const auth = credentials
        ? `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@`
        : "";
      return `smtp://${auth}127.0.0.1:${port}`;
    },
    /** Stops answering: the port is closed (connections to it are refused). */
    stop,
    /** Listens again on the same port. */
    restart: () => listen(port),
    /** Waits until `count` messages have arrived. */
    waitForMessages: (count: number) =>
      waitUntil(`${count} message(s) at the mail server`, () => messages.length >= count),
  };
}

export type SmtpCapture = Awaited<ReturnType<typeof smtpCapture>>;

/** A header of a received mail as its line said it (mailparser restructures some, like List-*). */
export function headerLine(mail: ParsedMail, name: string): string | null {
  const line = mail.headerLines.find((h) => h.key === name.toLowerCase())?.line;
  return line === undefined ? null : line.slice(line.indexOf(":") + 1).trim();
}

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

/**
 * An HTTP server on 127.0.0.1 that keeps every request and answers as `answer` says: a status, or
 * "hang" (it never answers). A webhook's receiver, or a push service.
 */
export async function httpReceiver() {
  const requests: ReceivedRequest[] = [];
  let answer: (request: ReceivedRequest) => number | "hang" = () => 201;
  const hanging: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const request = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body,
        text: body.toString("utf8"),
      };
      requests.push(request);
      const reply = answer(request);
      if (reply === "hang") hanging.push(res);
      else res.writeHead(reply).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return {
    url,
    requests,
    /** How the next requests are answered. */
    answerWith(next: (request: ReceivedRequest) => number | "hang") {
      answer = next;
    },
    waitForRequests: (count: number) =>
      waitUntil(`${count} request(s) at ${url}`, () => requests.length >= count),
  };
}

/** A browser's push subscription keys (P-256 and a 16-byte auth secret), as PushSubscription.toJSON() has them. */
export function browserPushKeys(): { ecdh: ECDH; p256dh: string; auth: string } {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  return {
    ecdh,
    p256dh: ecdh.getPublicKey().toString("base64url"),
    auth: randomBytes(16).toString("base64url"),
  };
}

/** What the browser reads from a push message: decrypted with its own keys (RFC 8291, aes128gcm). */
export function decryptPush(body: Buffer, keys: { ecdh: ECDH; auth: string }): string {
  return ece
    .decrypt(body, { version: "aes128gcm", privateKey: keys.ecdh, authSecret: keys.auth })
    .toString("utf8");
}

/**
 * Checks a push request's VAPID authorization (RFC 8292) as a push service does: `vapid t=<JWT>,
 * k=<key>`, the JWT signed (ES256) by that key, for this push service's origin and not expired.
 */
export function vapidClaims(authorization: string | undefined, now: number) {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+),\s*k=([\w-]+)$/.exec(authorization ?? "");
  if (!match?.[1] || !match[2]) throw new Error(`not a VAPID authorization: ${authorization}`);
  const [header, payload, signature] = match[1].split(".") as [string, string, string];
  const raw = Buffer.from(match[2], "base64url");
  const key = createPublicKey({
    key: {
      kty: "EC",
      crv: "P-256",
      x: raw.subarray(1, 33).toString("base64url"),
      y: raw.subarray(33, 65).toString("base64url"),
    },
    format: "jwk",
  });
  const signed = verify(
    "sha256",
    Buffer.from(`${header}.${payload}`),
    { key, dsaEncoding: "ieee-p1363" },
    Buffer.from(signature, "base64url"),
  );
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as {
    aud: string;
    exp: number;
    sub: string;
  };
  return {
    signed,
    publicKey: match[2],
    alg: (JSON.parse(Buffer.from(header, "base64url").toString("utf8")) as { alg: string }).alg,
    ...claims,
    expired: claims.exp * 1000 <= now,
  };
}

/** The environment a server or `goodwill remind` would read: a mail server and where links point. */
export function reminderEnv(options: { smtpUrl?: string; publicUrl?: string } = {}): ReminderEnvironment {
  return {
    smtpUrl: options.smtpUrl ?? null,
    smtpFrom: null,
    publicUrl: options.publicUrl ?? "http://goodwill.test",
    vapidSubject: null,
  };
}

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** A logger whose lines (JSON, as a server writes them) a test can read. */
export function capturedLog(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = pino(
    { level: "info", base: undefined },
    { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) },
  );
  return { logger, lines };
}

/**
 * The instant a wall clock in `timeZone` shows `time` on `day` ("2026-11-26", "08:00"), worked out
 * with the zone's offset at that moment (Intl), independently of the code under test.
 */
export function wallClock(day: string, time: string, timeZone: string): number {
  const wall = Date.parse(`${day}T${time}:00Z`);
  const offsetAt = (ms: number) => {
    const name =
      new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
        .formatToParts(new Date(ms))
        .find((p) => p.type === "timeZoneName")?.value ?? "GMT";
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
    return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000 : 0;
  };
  const first = wall - offsetAt(wall);
  return wall - offsetAt(first);
}

/**
 * `goodwill serve` in-process on a port of its own, over `store`, with the reminder clock given and
 * no timer: a round runs when the test calls `server.reminders.runNow()` (or at start, with `timer`).
 */
export async function reminderServer(
  store: Store,
  options: { clock: () => number; env?: Record<string, string>; timer?: boolean },
) {
  const server = await startServer({
    store,
    host: "127.0.0.1",
    port: 0,
    log: false,
    env: options.env ?? {},
    reminders: { clock: options.clock, ...(options.timer ? {} : { timer: false }) },
  });
  closers.push(() => server.close());
  return server;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
