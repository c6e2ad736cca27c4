/**
 * The three ways a note leaves Goodwill: email over SMTP (nodemailer), Web Push (web-push builds the
 * encrypted, VAPID-signed request; it is sent with fetch, like the webhook), and a webhook POST
 * signed with HMAC-SHA256. Each send either returns or throws a ChannelError whose message is the
 * one line shown in Settings and the log; `permanent` ones are not retried.
 */
import { createHmac } from "node:crypto";
import { createTransport } from "nodemailer";
import webpush from "web-push";
import type { VapidKeys } from "./vapid.js";

/** Every send gives up after this long (a hanging webhook, a mail server that never answers). */
export const SEND_TIMEOUT_MS = 10_000;

export class ChannelError extends Error {
  override readonly name = "ChannelError";
  constructor(
    message: string,
    /** retrying cannot help (a refused password, an expired push subscription) */
    readonly permanent = false,
    /** the push subscription is gone: remove it */
    readonly gone = false,
  ) {
    super(message);
  }
}

export interface EmailMessage {
  smtpUrl: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** stable per note: a resend after a crash carries the same id, so mail programs can drop it */
  messageId: string;
  unsubscribeUrl: string;
}

const hostOf = (url: string) => {
  try {
    const u = new URL(url);
    return u.port ? `${u.hostname}:${u.port}` : u.hostname;
  } catch {
    return url;
  }
};

export async function sendEmail(message: EmailMessage): Promise<void> {
  const transport = createTransport({
    url: message.smtpUrl,
    connectionTimeout: SEND_TIMEOUT_MS,
    greetingTimeout: SEND_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
  });
  try {
    await transport.sendMail({
      from: message.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId: message.messageId,
      headers: {
        "List-Unsubscribe": `<${message.unsubscribeUrl}>`,
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
      },
    });
  } catch (error) {
    throw smtpError(error, hostOf(message.smtpUrl));
  } finally {
    transport.close();
  }
}

function smtpError(error: unknown, host: string): ChannelError {
  const e = error as { code?: string; responseCode?: number; response?: string; message?: string };
  const said = e.response ? ` (it said: ${e.response.trim().slice(0, 200)})` : "";
  if (e.code === "EAUTH")
    return new ChannelError(
      `The mail server ${host} refused the user name or password${said}: correct them in the SMTP address (Settings → Reminders, or GOODWILL_SMTP_URL).`,
      true,
    );
  if (e.code === "ETIMEDOUT" || e.code === "ESOCKET" || e.code === "ECONNECTION" || e.code === "EDNS") {
    const why = /ECONNREFUSED/.test(e.message ?? "")
      ? "the connection was refused"
      : /ENOTFOUND|EAI_AGAIN/.test(e.message ?? "")
        ? "no such host"
        : e.code === "ETIMEDOUT"
          ? `no answer within ${SEND_TIMEOUT_MS / 1000} seconds`
          : (e.message ?? "the connection failed");
    return new ChannelError(`Cannot reach the mail server ${host}: ${why}. Goodwill will try again.`);
  }
  if (e.code === "EENVELOPE")
    return new ChannelError(`The mail server ${host} refused the address${said}.`, true);
  if (e.responseCode !== undefined)
    return new ChannelError(
      `The mail server ${host} did not take the message${said}.`,
      e.responseCode >= 500,
    );
  return new ChannelError(`Sending mail through ${host} failed: ${e.message ?? String(error)}.`);
}

export interface PushMessage {
  subscription: { endpoint: string; p256dh: string; auth: string };
  payload: string;
  vapid: VapidKeys;
  /** `mailto:` or `https:` (push services contact it about abuse) */
  subject: string;
  /** a push service keeps one undelivered message per topic: a resend replaces, never doubles */
  topic: string;
}

export async function sendPush(message: PushMessage): Promise<void> {
  const details = webpush.generateRequestDetails(
    {
      endpoint: message.subscription.endpoint,
      keys: { p256dh: message.subscription.p256dh, auth: message.subscription.auth },
    },
    message.payload,
    {
      vapidDetails: { subject: message.subject, ...message.vapid },
      TTL: 12 * 3600,
      topic: message.topic,
      urgency: "normal",
    },
  );
  const host = hostOf(details.endpoint);
  let response: Response;
  try {
    response = await fetch(details.endpoint, {
      method: "POST",
      headers: details.headers as Record<string, string>,
      ...(details.body ? { body: new Uint8Array(details.body) } : {}),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch (error) {
    throw networkError(error, `the push service ${host}`);
  }
  await response.body?.cancel();
  if (response.status === 404 || response.status === 410)
    throw new ChannelError(
      `This browser's push subscription has expired (${response.status} from ${host}): it was removed. Subscribe again in Settings → Reminders.`,
      true,
      true,
    );
  if (!response.ok)
    throw new ChannelError(
      `The push service ${host} answered ${response.status} ${response.statusText}.`,
      response.status === 400 ||
        response.status === 401 ||
        response.status === 403 ||
        response.status === 413,
    );
}

export interface WebhookMessage {
  url: string;
  secret: string;
  format: "json" | "ntfy";
  /** the JSON document (format json) */
  document: unknown;
  /** ntfy: the title, the text and where a tap goes */
  title: string;
  text: string;
  click: string;
  delivery: string;
  now: number;
}

/**
 * Signs `<timestamp>.<body>` with the webhook's secret: `Goodwill-Signature: t=<unix seconds>,v1=<hex>`
 * (docs/deploy.md shows how a receiver checks it).
 */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  const v1 = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${v1}`;
}

export async function sendWebhook(message: WebhookMessage): Promise<void> {
  const body = message.format === "ntfy" ? message.text : JSON.stringify(message.document);
  const timestamp = Math.floor(message.now / 1000);
  const headers: Record<string, string> = {
    "content-type": message.format === "ntfy" ? "text/plain; charset=utf-8" : "application/json",
    "user-agent": "Goodwill reminders",
    "goodwill-delivery": message.delivery,
    "goodwill-timestamp": String(timestamp),
    "goodwill-signature": webhookSignature(message.secret, timestamp, body),
  };
  if (message.format === "ntfy") {
    // ntfy reads these headers; the title goes through RFC 2047 so accents survive.
    headers.title = `=?UTF-8?B?${Buffer.from(message.title).toString("base64")}?=`;
    headers.click = message.click;
    headers.tags = "handshake";
  }
  const host = hostOf(message.url);
  let response: Response;
  try {
    response = await fetch(message.url, {
      method: "POST",
      headers,
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch (error) {
    throw networkError(error, `the webhook ${host}`);
  }
  await response.body?.cancel();
  if (response.status < 200 || response.status > 299)
    throw new ChannelError(
      `The webhook ${host} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ""}.`,
      response.status === 404 || response.status === 410,
    );
}

function networkError(error: unknown, what: string): ChannelError {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === "TimeoutError" || e.name === "AbortError")
    return new ChannelError(`${capitalise(what)} did not answer within ${SEND_TIMEOUT_MS / 1000} seconds.`);
  const code = e.cause?.code;
  const why =
    code === "ECONNREFUSED"
      ? "the connection was refused"
      : code === "ENOTFOUND" || code === "EAI_AGAIN"
        ? "no such host"
        : (e.cause?.message ?? e.message ?? String(error));
  return new ChannelError(`Cannot reach ${what}: ${why}.`);
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
