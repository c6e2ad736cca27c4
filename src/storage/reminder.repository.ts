/**
 * Reminders' rows (migration 0008): the delivery log that makes each note go out once, push
 * subscriptions, used one-tap links and the server's own keys. The delivery log's key — (account,
 * kind, local date, channel) — is the whole of "exactly once": a send is claimed by inserting its row
 * (or by taking over a retry that is due), in one statement, so two processes never both win.
 */
import type { ExpressionBuilder, Kysely } from "kysely";
import { ownedBy } from "./owned.js";
import type { Database, PushSubscriptionsTable, ReminderDeliveriesTable } from "./schema.js";

export const REMINDER_SETTING = "reminders:config";

export type DeliveryRow = ReminderDeliveriesTable;
export type PushSubscriptionRow = PushSubscriptionsTable;

export interface DeliveryKey {
  ownerId: string;
  kind: string;
  localDate: string;
  channel: string;
}

const keyed = (db: Kysely<Database>, key: DeliveryKey) =>
  ownedBy(db, key.ownerId)
    .updateTable("reminder_deliveries")
    .where("kind", "=", key.kind)
    .where("local_date", "=", key.localDate)
    .where("channel", "=", key.channel);

/** A row another process may take now: its retry is due, or its sender stopped mid-send (lease over). */
const takeable = (eb: ExpressionBuilder<Database, "reminder_deliveries">, nowIso: string) =>
  eb.or([
    eb.and([eb("status", "=", "retry"), eb("next_attempt_at", "<=", nowIso)]),
    eb.and([eb("status", "=", "sending"), eb("lease_until", "<", nowIso)]),
  ]);

/**
 * Every account with reminders, for the scheduler's round: its settings (JSON text), or null for an
 * account that subscribed a browser and never changed a setting (the defaults apply to it).
 */
export async function allReminderConfigs(
  db: Kysely<Database>,
): Promise<{ ownerId: string; value: string | null }[]> {
  const rows = await db
    .selectFrom("settings")
    .select(["owner_id", "value"])
    .where("key", "=", REMINDER_SETTING)
    .execute();
  const configured = new Set(rows.map((r) => r.owner_id));
  const subscribed = await db.selectFrom("push_subscriptions").select("owner_id").distinct().execute();
  return [
    ...rows.map((r) => ({ ownerId: r.owner_id, value: r.value })),
    ...subscribed.flatMap((r) => (configured.has(r.owner_id) ? [] : [{ ownerId: r.owner_id, value: null }])),
  ];
}

/** The account's email (team mode), for the email channel's default address. */
export async function accountEmail(db: Kysely<Database>, ownerId: string): Promise<string | null> {
  const row = await ownedBy(db, ownerId).selectFrom("users").select("email").executeTakeFirst();
  return row?.email ?? null;
}

/** The delivery rows of one note (every channel). */
export async function deliveriesOf(
  db: Kysely<Database>,
  ownerId: string,
  kind: string,
  localDate: string,
): Promise<DeliveryRow[]> {
  return ownedBy(db, ownerId)
    .selectFrom("reminder_deliveries")
    .selectAll()
    .where("kind", "=", kind)
    .where("local_date", "=", localDate)
    .execute();
}

/**
 * Claims a send for this process: inserts its row as `sending`, or takes over a row whose retry is
 * due or whose sender stopped mid-send (lease run out). True when this process now holds it.
 */
export async function claimDelivery(
  db: Kysely<Database>,
  key: DeliveryKey,
  nowIso: string,
  leaseUntil: string,
): Promise<boolean> {
  const inserted = await db
    .insertInto("reminder_deliveries")
    .values({
      owner_id: key.ownerId,
      kind: key.kind,
      local_date: key.localDate,
      channel: key.channel,
      status: "sending",
      attempts: 1,
      lease_until: leaseUntil,
      next_attempt_at: null,
      last_error: null,
      sent_at: null,
      created_at: nowIso,
      updated_at: nowIso,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return true;
  const taken = await keyed(db, key)
    .set((eb) => ({
      status: "sending",
      attempts: eb("attempts", "+", 1),
      lease_until: leaseUntil,
      updated_at: nowIso,
    }))
    .where((eb) => takeable(eb, nowIso))
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) > 0;
}

/**
 * Records that there was nothing worth sending (so the day is not composed again every minute). A
 * retry due now (or a send whose sender stopped) is closed the same way: what failed to go earlier
 * has nothing left to say, so it is neither tried all day nor given up as an error at its end.
 */
export async function markEmpty(db: Kysely<Database>, key: DeliveryKey, nowIso: string): Promise<void> {
  await keyed(db, key)
    .set({ status: "empty", next_attempt_at: null, lease_until: null, updated_at: nowIso })
    .where((eb) => takeable(eb, nowIso))
    .execute();
  await db
    .insertInto("reminder_deliveries")
    .values({
      owner_id: key.ownerId,
      kind: key.kind,
      local_date: key.localDate,
      channel: key.channel,
      status: "empty",
      attempts: 0,
      lease_until: null,
      next_attempt_at: null,
      last_error: null,
      sent_at: null,
      created_at: nowIso,
      updated_at: nowIso,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function markSent(db: Kysely<Database>, key: DeliveryKey, nowIso: string): Promise<void> {
  await keyed(db, key)
    .set({ status: "sent", sent_at: nowIso, lease_until: null, next_attempt_at: null, updated_at: nowIso })
    .execute();
}

/** A failed attempt: `retryAt` null gives it up (status failed), else it waits until then. */
export async function markFailed(
  db: Kysely<Database>,
  key: DeliveryKey,
  error: string,
  nowIso: string,
  retryAt: string | null,
): Promise<void> {
  await keyed(db, key)
    .set({
      status: retryAt === null ? "failed" : "retry",
      last_error: error,
      next_attempt_at: retryAt,
      lease_until: null,
      updated_at: nowIso,
    })
    .execute();
}

/** Retries that are due now, across accounts (the scheduler's round picks them up). */
export async function dueRetries(db: Kysely<Database>, nowIso: string): Promise<DeliveryRow[]> {
  return db
    .selectFrom("reminder_deliveries")
    .selectAll()
    .where((eb) => takeable(eb, nowIso))
    .limit(500)
    .execute();
}

/** An account's latest deliveries, newest first. */
export async function recentDeliveries(
  db: Kysely<Database>,
  ownerId: string,
  limit: number,
): Promise<DeliveryRow[]> {
  return ownedBy(db, ownerId)
    .selectFrom("reminder_deliveries")
    .selectAll()
    .where("status", "!=", "empty")
    .orderBy("updated_at", "desc")
    .limit(limit)
    .execute();
}

export async function pushSubscriptions(
  db: Kysely<Database>,
  ownerId: string,
): Promise<PushSubscriptionRow[]> {
  return ownedBy(db, ownerId)
    .selectFrom("push_subscriptions")
    .selectAll()
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** Adds a subscription, or refreshes the keys of one already there for that endpoint. */
export async function savePushSubscription(db: Kysely<Database>, row: PushSubscriptionRow): Promise<string> {
  await db
    .insertInto("push_subscriptions")
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(["owner_id", "endpoint"])
        .doUpdateSet({ p256dh: row.p256dh, auth: row.auth, label: row.label }),
    )
    .execute();
  const saved = await ownedBy(db, row.owner_id)
    .selectFrom("push_subscriptions")
    .select("id")
    .where("endpoint", "=", row.endpoint)
    .executeTakeFirstOrThrow();
  return saved.id;
}

/** Removes a subscription by id or endpoint; true when there was one. */
export async function removePushSubscription(
  db: Kysely<Database>,
  ownerId: string,
  by: { id: string } | { endpoint: string },
): Promise<boolean> {
  const query = ownedBy(db, ownerId).deleteFrom("push_subscriptions");
  const result = await ("id" in by
    ? query.where("id", "=", by.id)
    : query.where("endpoint", "=", by.endpoint)
  ).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Marks a one-tap link's nonce used; false when it was used before. */
export async function useActionNonce(
  db: Kysely<Database>,
  ownerId: string,
  nonce: string,
  nowIso: string,
): Promise<boolean> {
  const result = await db
    .insertInto("reminder_action_uses")
    .values({ owner_id: ownerId, nonce, used_at: nowIso })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Gives a nonce back (the action it was used for failed, so the link should still work). */
export async function releaseActionNonce(
  db: Kysely<Database>,
  ownerId: string,
  nonce: string,
): Promise<void> {
  await ownedBy(db, ownerId).deleteFrom("reminder_action_uses").where("nonce", "=", nonce).execute();
}

export async function actionNonceUsedAt(
  db: Kysely<Database>,
  ownerId: string,
  nonce: string,
): Promise<string | null> {
  const row = await ownedBy(db, ownerId)
    .selectFrom("reminder_action_uses")
    .select("used_at")
    .where("nonce", "=", nonce)
    .executeTakeFirst();
  return row?.used_at ?? null;
}

/** Links older than their week are no use: their nonces can go. */
export async function forgetActionNoncesBefore(db: Kysely<Database>, beforeIso: string): Promise<void> {
  await db.deleteFrom("reminder_action_uses").where("used_at", "<", beforeIso).execute();
}

export async function readServerSecret(db: Kysely<Database>, key: string): Promise<string | null> {
  const row = await db.selectFrom("server_secrets").select("value").where("key", "=", key).executeTakeFirst();
  return row?.value ?? null;
}

/**
 * A server secret, made on first use. Two processes making it at once both keep the one stored
 * first (insert-or-nothing, then read back).
 */
export async function serverSecret(
  db: Kysely<Database>,
  key: string,
  make: () => string,
  nowIso: string,
): Promise<string> {
  const existing = await readServerSecret(db, key);
  if (existing !== null) return existing;
  await db
    .insertInto("server_secrets")
    .values({ key, value: make(), created_at: nowIso })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return (
    await db.selectFrom("server_secrets").select("value").where("key", "=", key).executeTakeFirstOrThrow()
  ).value;
}
