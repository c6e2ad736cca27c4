/**
 * The forwarding address's SMTP listener (`goodwill serve --smtp-port`): accepts mail for the
 * accounts' `log-<secret>@…` addresses and hands each message to the capture pipeline once per
 * account it was addressed to. No AUTH, no STARTTLS: it is meant to sit behind a real mail server
 * (docs/deploy.md), which does TLS, spam filtering and retries. Nothing a client sends ends it.
 */
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import { recipientOwner } from "../app/capture/forwarding.js";
import { GoodwillError } from "../errors.js";
import type { Store } from "../storage/store.js";

/** The most a message may weigh: advertised (SIZE) and enforced. */
export const SMTP_MAX_BYTES = 10 * 1024 * 1024;
const MAX_CLIENTS = 20;
/** A client idle this long is disconnected (RFC 5321 asks servers for minutes; a relay is quick). */
const SOCKET_TIMEOUT_MS = 60_000;

/** Logs one message for these owners; throws an `invalid` GoodwillError when it cannot be read. */
export type Deliver = (ownerIds: readonly string[], message: Uint8Array) => Promise<void>;

export interface SmtpListener {
  port: number;
  close(): Promise<void>;
}

/** An SMTP reply as smtp-server sends it: the code on the error. */
function reply(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

export async function startSmtpListener(options: {
  store: Store;
  host: string;
  port: number;
  /** the name in the greeting: the mail domain */
  name: string;
  logger: Logger;
  deliver: Deliver;
}): Promise<SmtpListener> {
  const { store, logger, deliver } = options;
  // Recipients are looked up at RCPT and remembered per connection for DATA (the secret is never logged).
  const owners = new Map<string, Set<string>>();

  const server = new SMTPServer({
    name: options.name,
    banner: "Goodwill forwarding address",
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    size: SMTP_MAX_BYTES,
    maxClients: MAX_CLIENTS,
    socketTimeout: SOCKET_TIMEOUT_MS,
    closeTimeout: 5_000,
    disableReverseLookup: true,
    logger: false,
    onConnect(_session, callback) {
      callback();
    },
    onRcptTo(address, session, callback) {
      recipientOwner(store.db, address.address).then(
        (ownerId) => {
          if (!ownerId) {
            // Said without the address: a near miss of a real one would show most of its secret.
            logger.info({ smtp: "recipient", status: 550 }, "smtp");
            return callback(reply(550, "5.1.1 No such mailbox"));
          }
          ownersOf(session).add(ownerId);
          callback();
        },
        (error: unknown) => {
          logger.error({ smtp: "rcpt", err: String(error) }, "smtp");
          callback(reply(451, "4.3.0 Goodwill cannot read its store now; try again later"));
        },
      );
    },
    onMailFrom(_address, session, callback) {
      // A new transaction on the same connection starts with no recipients.
      owners.delete(session.id);
      callback();
    },
    onData(stream, session, callback) {
      const started = performance.now();
      const recipients = [...ownersOf(session)];
      readAll(stream).then(
        async (bytes) => {
          const status = await logMessage(recipients, bytes, stream);
          logger.info(
            {
              smtp: "message",
              accounts: recipients.length,
              bytes: bytes?.byteLength ?? SMTP_MAX_BYTES,
              status: status.code,
              ms: Math.round(performance.now() - started),
            },
            "smtp",
          );
          if (status.code === 250) callback(null, status.message);
          else callback(reply(status.code, status.message));
        },
        (error: unknown) => callback(reply(451, `4.3.0 The message did not arrive whole: ${String(error)}`)),
      );
    },
    onClose(session) {
      owners.delete(session.id);
    },
  });

  function ownersOf(session: SMTPServerSession): Set<string> {
    const set = owners.get(session.id) ?? new Set<string>();
    owners.set(session.id, set);
    return set;
  }

  async function logMessage(
    recipients: readonly string[],
    bytes: Uint8Array | null,
    stream: SMTPServerDataStream,
  ): Promise<{ code: number; message: string }> {
    if (bytes === null || stream.sizeExceeded)
      return { code: 552, message: `5.3.4 The message is over the limit of ${SMTP_MAX_BYTES} bytes` };
    try {
      await deliver(recipients, bytes);
      return { code: 250, message: "2.0.0 Logged" };
    } catch (error) {
      if (error instanceof GoodwillError && (error.code === "invalid" || error.code === "usage"))
        return { code: 554, message: `5.6.0 ${error.message}` };
      logger.error({ smtp: "deliver", err: String(error) }, "smtp");
      return { code: 451, message: "4.3.0 Goodwill could not store the message now; try again later" };
    }
  }

  // A socket error (a client gone mid-DATA) is the connection's, not the server's: noted, not thrown.
  server.on("error", (error) => logger.warn({ smtp: "error", err: String(error) }, "smtp"));

  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.server.off("error", reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The message's bytes, or null once it is over the limit (the rest is read and dropped). */
async function readAll(stream: SMTPServerDataStream): Promise<Uint8Array | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= SMTP_MAX_BYTES) chunks.push(chunk);
  }
  return size > SMTP_MAX_BYTES || stream.sizeExceeded ? null : Buffer.concat(chunks);
}
