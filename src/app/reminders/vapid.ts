/**
 * The server's VAPID key pair for Web Push, made once and kept in the store as one value (two
 * processes making it at once keep the first stored, so a pair never mixes). web-push loads only
 * when the pair is made: reading Settings does not pay for it.
 */
import type { Kysely } from "kysely";
import { readServerSecret, serverSecret } from "../../storage/reminder.repository.js";
import type { Database } from "../../storage/schema.js";

const VAPID_KEY = "reminders:vapid";

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

export async function vapidKeys(db: Kysely<Database>, now: number): Promise<VapidKeys> {
  const stored = await readServerSecret(db, VAPID_KEY);
  if (stored) return JSON.parse(stored) as VapidKeys;
  const { default: webpush } = await import("web-push");
  const made = JSON.stringify(webpush.generateVAPIDKeys());
  return JSON.parse(await serverSecret(db, VAPID_KEY, () => made, new Date(now).toISOString())) as VapidKeys;
}
