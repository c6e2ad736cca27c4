/**
 * Reminders as Settings shows them: the settings without their secrets, the browsers subscribed for
 * push, and per channel when a note last went out and what last went wrong.
 */
import type { ChannelStatusJson, RemindersJson } from "../../contract/reminders.js";
import { invalid, notFound } from "../../errors.js";
import { newId } from "../../storage/keys.js";
import {
  pushSubscriptions,
  recentDeliveries,
  removePushSubscription,
  savePushSubscription,
} from "../../storage/reminder.repository.js";
import { loadCalendarSettings } from "../calendar-settings.js";
import { type AppContext, nowIso } from "../context.js";
import { loadReminderSettings, maskSecret, type ReminderSettings } from "./settings.js";
import { vapidKeys } from "./vapid.js";

export async function remindersJson(ctx: AppContext, settings?: ReminderSettings): Promise<RemindersJson> {
  const s = settings ?? (await loadReminderSettings(ctx));
  const [calendar, subscriptions, deliveries, vapid] = [
    await loadCalendarSettings(ctx),
    await pushSubscriptions(ctx.db, ctx.ownerId),
    await recentDeliveries(ctx.db, ctx.ownerId, 200),
    await vapidKeys(ctx.db, ctx.now),
  ];
  const names = [
    ...(s.email ? ["email"] : []),
    ...(s.webhook ? ["webhook"] : []),
    ...subscriptions.map((p) => `push:${p.id}`),
  ];
  // A browser whose subscription a send found expired is removed by that send; until a browser
  // subscribes again, Settings keeps saying why its notes stopped (the newest row first).
  const lastSubscribed =
    subscriptions
      .map((p) => p.created_at)
      .sort()
      .at(-1) ?? "";
  for (const d of deliveries)
    if (
      d.channel.startsWith("push:") &&
      !names.includes(d.channel) &&
      d.status === "failed" &&
      d.updated_at > lastSubscribed &&
      deliveries.find((other) => other.channel === d.channel) === d
    )
      names.push(d.channel);
  const channels = names.map((channel): ChannelStatusJson => {
    const rows = deliveries.filter((d) => d.channel === channel);
    const lastSent = rows.find((d) => d.status === "sent");
    const lastFailure = rows.find((d) => d.last_error !== null && d.status !== "sent");
    const failureCounts = lastFailure && (!lastSent || lastFailure.updated_at > (lastSent.sent_at ?? ""));
    return {
      channel,
      lastSentAt: lastSent?.sent_at ?? null,
      lastError: failureCounts ? lastFailure.last_error : null,
      lastErrorAt: failureCounts ? lastFailure.updated_at : null,
      nextAttemptAt: failureCounts && lastFailure.status === "retry" ? lastFailure.next_attempt_at : null,
    };
  });
  return {
    daily: s.daily,
    time: s.time,
    weeklyDay: s.weeklyDay,
    quietHours: s.quietHours,
    timeZone: calendar.timeZone,
    publicUrl: s.publicUrl,
    email: s.email
      ? {
          address: s.email.address,
          smtpUrl: s.email.smtpUrl ? maskSecret(s.email.smtpUrl) : null,
          from: s.email.from,
          unsubscribedAt: s.email.unsubscribedAt,
        }
      : null,
    webhook: s.webhook ? { url: s.webhook.url, format: s.webhook.format } : null,
    push: {
      publicKey: vapid.publicKey,
      subscriptions: subscriptions.map((p) => ({ id: p.id, label: p.label, createdAt: p.created_at })),
    },
    channels,
  };
}

export interface PushSubscriptionInput {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  label?: string | null | undefined;
}

const BASE64URL = /^[A-Za-z0-9_-]+=*$/;

/** Keeps a browser's push subscription (the same endpoint again refreshes its keys). */
export async function addPushSubscription(ctx: AppContext, input: PushSubscriptionInput) {
  let endpoint: URL;
  try {
    endpoint = new URL(input.endpoint);
  } catch {
    throw invalid(`The push endpoint "${input.endpoint}" is not a web address.`, { field: "endpoint" });
  }
  if (endpoint.protocol !== "https:" && endpoint.protocol !== "http:")
    throw invalid("The push endpoint must be an https:// address.", { field: "endpoint" });
  for (const [field, value] of Object.entries(input.keys))
    if (!BASE64URL.test(value))
      throw invalid(`The push subscription's ${field} key is not base64url text.`, {
        field: `keys.${field}`,
      });
  const id = await savePushSubscription(ctx.db, {
    owner_id: ctx.ownerId,
    id: newId(),
    endpoint: input.endpoint,
    p256dh: input.keys.p256dh,
    auth: input.keys.auth,
    label: input.label?.trim() || null,
    created_at: nowIso(ctx),
  });
  const saved = (await pushSubscriptions(ctx.db, ctx.ownerId)).find((p) => p.id === id);
  return { subscription: { id, label: saved?.label ?? null, createdAt: saved?.created_at ?? nowIso(ctx) } };
}

export async function dropPushSubscription(ctx: AppContext, id: string) {
  if (!(await removePushSubscription(ctx.db, ctx.ownerId, { id })))
    throw notFound(
      `There is no push subscription ${id}. Settings → Reminders lists the browsers that get notes.`,
    );
  return { removed: id };
}
