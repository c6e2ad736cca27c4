/**
 * Signed links in a note: one-tap actions (each works once, for 7 days) and the unsubscribe link
 * (works without signing in, for good). A link carries what it does and for whom, signed with the
 * server's key (HMAC-SHA256); nothing is looked up to trust it but the signature and, for actions,
 * whether its nonce was used.
 */

import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Kysely } from "kysely";
import { z } from "zod";
import { ACTION_KINDS } from "../../contract/reminders.js";
import { DAY_MS } from "../../domain/decay.js";
import { ACTION_LINK_DAYS } from "../../domain/reminder-schedule.js";
import { serverSecret } from "../../storage/reminder.repository.js";
import type { Database } from "../../storage/schema.js";

const actionSchema = z.object({
  v: z.literal(1),
  /** the account */
  o: z.string(),
  a: z.enum(ACTION_KINDS),
  /** what it acts on: a person, a department (thanks) or a promise */
  t: z.enum(["person", "department", "commitment"]),
  i: z.string(),
  /** the name or promise shown on the confirmation page */
  n: z.string(),
  /** what they did (a thank-you says what it is for) */
  s: z.string().nullable(),
  /** expires, epoch ms */
  e: z.number(),
  /** single use */
  x: z.string(),
});
export type ActionLink = z.infer<typeof actionSchema>;

const unsubscribeSchema = z.object({ v: z.literal(1), o: z.string(), u: z.literal("email"), a: z.string() });
export type UnsubscribeLink = z.infer<typeof unsubscribeSchema>;

const LINK_KEY = "reminders:link_key";

/** The key that signs links, made once per store. */
export function linkKey(db: Kysely<Database>, now: number): Promise<string> {
  return serverSecret(db, LINK_KEY, () => randomBytes(32).toString("base64url"), new Date(now).toISOString());
}

function sign(key: string, purpose: string, payload: string): string {
  return createHmac("sha256", key).update(`${purpose}.${payload}`).digest("base64url");
}

function seal(key: string, purpose: string, body: unknown): string {
  const payload = Buffer.from(JSON.stringify(body)).toString("base64url");
  return `${payload}.${sign(key, purpose, payload)}`;
}

function open<T>(key: string, purpose: string, token: string, schema: z.ZodType<T>): T | null {
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(key, purpose, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function actionToken(key: string, link: Omit<ActionLink, "v" | "e" | "x">, now: number): string {
  return seal(key, "action", {
    v: 1,
    ...link,
    e: now + ACTION_LINK_DAYS * DAY_MS,
    x: randomBytes(9).toString("base64url"),
  } satisfies ActionLink);
}

/** The action a token names, if the signature holds (expiry and use are checked by the caller). */
export function readActionToken(key: string, token: string): ActionLink | null {
  return open(key, "action", token, actionSchema);
}

export function unsubscribeToken(key: string, ownerId: string, address: string): string {
  return seal(key, "unsubscribe", { v: 1, o: ownerId, u: "email", a: address } satisfies UnsubscribeLink);
}

export function readUnsubscribeToken(key: string, token: string): UnsubscribeLink | null {
  return open(key, "unsubscribe", token, unsubscribeSchema);
}
