/**
 * Sends what is due now, once. One round looks at every account with reminders (or the ones named),
 * works out which notes are due in the account's time zone, and for each channel claims the send in
 * the delivery log before sending (see reminder.repository.ts): a restart, a second server on the
 * same PostgreSQL or `goodwill remind` beside `goodwill serve` find the row taken and leave it. A
 * failure waits and is tried again (1, 5, 15, 60 minutes) up to five times; what went wrong stays
 * on the row for Settings and goes to the log.
 */

import type { Logger } from "pino";
import type { DeliveryOutcome, ReminderNote } from "../../contract/reminders.js";
import {
  dueReminders,
  localClock,
  MAX_ATTEMPTS,
  type ReminderKind,
  retryDelayMs,
  SEND_LEASE_MS,
} from "../../domain/reminder-schedule.js";
import { invalid } from "../../errors.js";
import { noteHtml, notePush, noteText, noteWebhook } from "../../formats/write/reminder-message.js";
import {
  allReminderConfigs,
  claimDelivery,
  type DeliveryKey,
  deliveriesOf,
  dueRetries,
  markEmpty,
  markFailed,
  markSent,
  type PushSubscriptionRow,
  pushSubscriptions,
  REMINDER_SETTING,
  removePushSubscription,
} from "../../storage/reminder.repository.js";
import { readSetting } from "../../storage/settings.repository.js";
import type { Store } from "../../storage/store.js";
import { loadCalendarSettings } from "../calendar-settings.js";
import type { AppContext } from "../context.js";
import { ChannelError, sendEmail, sendPush, sendWebhook } from "./channels.js";
import type { ReminderEnvironment } from "./environment.js";
import { linkKey, unsubscribeToken } from "./links.js";
import { composeNote } from "./note.js";
import { loadReminderSettings, parseStoredSettings, type ReminderSettings, timingOf } from "./settings.js";
import { vapidKeys } from "./vapid.js";

/** Accounts a round serves at once (each holds one store connection at a time). */
const ACCOUNTS_AT_ONCE = 4;

export const CHANNEL_KINDS = ["email", "push", "webhook"] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export interface Senders {
  email: typeof sendEmail;
  push: typeof sendPush;
  webhook: typeof sendWebhook;
}

const REAL_SENDERS: Senders = { email: sendEmail, push: sendPush, webhook: sendWebhook };

export interface DeliverOptions {
  store: Store;
  now: number;
  env: ReminderEnvironment;
  /** only these accounts (the command line: the local owner) */
  ownerIds?: readonly string[];
  /** only these channels */
  channels?: readonly ChannelKind[];
  /** compose and say what would go, record and send nothing */
  dryRun?: boolean;
  logger?: Logger;
  senders?: Senders;
}

interface Channel {
  name: string;
  kind: ChannelKind;
  subscription?: PushSubscriptionRow;
}

/** The channels an account has on: email (not unsubscribed), the webhook, each subscribed browser. */
function channelsOf(settings: ReminderSettings, subscriptions: PushSubscriptionRow[]): Channel[] {
  const channels: Channel[] = [];
  if (settings.email && !settings.email.unsubscribedAt) channels.push({ name: "email", kind: "email" });
  if (settings.webhook) channels.push({ name: "webhook", kind: "webhook" });
  for (const s of subscriptions) channels.push({ name: `push:${s.id}`, kind: "push", subscription: s });
  return channels;
}

const claimable = (
  row: { status: string; next_attempt_at: string | null; lease_until: string | null },
  nowIso: string,
) =>
  (row.status === "retry" && row.next_attempt_at !== null && row.next_attempt_at <= nowIso) ||
  (row.status === "sending" && row.lease_until !== null && row.lease_until < nowIso);

/** One round: everything due now for the accounts in scope. */
export async function deliverDue(options: DeliverOptions): Promise<DeliveryOutcome[]> {
  const { store, now } = options;
  const nowIso = new Date(now).toISOString();
  const outcomes: DeliveryOutcome[] = [];
  // An account without settings has the defaults: a browser it subscribed gets the 08:00 note.
  const configs = options.ownerIds
    ? await Promise.all(
        options.ownerIds.map(async (ownerId) => ({
          ownerId,
          value: await readSetting(store.db, ownerId, REMINDER_SETTING),
        })),
      )
    : await allReminderConfigs(store.db);
  const inScope = new Set(configs.map((c) => c.ownerId));

  // A few accounts at a time: one whose webhook hangs for its 10 seconds holds up no one else's note.
  const queue = [...configs];
  const worker = async () => {
    for (let config = queue.shift(); config; config = queue.shift()) {
      try {
        outcomes.push(
          ...(await deliverForAccount(options, config.ownerId, parseStoredSettings(config.value))),
        );
      } catch (error) {
        // One account's trouble (a note that cannot be composed) must not stop the others'.
        options.logger?.error(
          { err: error, owner: config.ownerId },
          "reminders: round failed for an account",
        );
      }
    }
  };
  await Promise.all(Array.from({ length: ACCOUNTS_AT_ONCE }, worker));

  // Retries left from a day that is over are given up: a note about yesterday helps no one.
  if (!options.dryRun) {
    for (const row of await dueRetries(store.db, nowIso)) {
      if (!inScope.has(row.owner_id) || row.status === "sent") continue;
      const ctx = contextFor(store, row.owner_id, now);
      const { timeZone } = await loadCalendarSettings(ctx);
      if (row.local_date < localClock(now, timeZone).date) {
        await markFailed(
          store.db,
          keyOf(row),
          `${row.last_error ?? "Not sent."} The day it was for is over: given up.`,
          nowIso,
          null,
        );
      }
    }
  }
  return outcomes;
}

const keyOf = (row: {
  owner_id: string;
  kind: string;
  local_date: string;
  channel: string;
}): DeliveryKey => ({
  ownerId: row.owner_id,
  kind: row.kind,
  localDate: row.local_date,
  channel: row.channel,
});

const contextFor = (store: Store, ownerId: string, now: number): AppContext => ({
  store,
  db: store.db,
  ownerId,
  now,
});

async function deliverForAccount(
  options: DeliverOptions,
  ownerId: string,
  settings: ReminderSettings,
): Promise<DeliveryOutcome[]> {
  const { store, now } = options;
  const nowIso = new Date(now).toISOString();
  const wanted = (c: Channel) => !options.channels || options.channels.includes(c.kind);
  const channels = channelsOf(settings, await pushSubscriptions(store.db, ownerId)).filter(wanted);
  if (channels.length === 0) return [];
  const ctx = contextFor(store, ownerId, now);
  const { timeZone } = await loadCalendarSettings(ctx);
  const outcomes: DeliveryOutcome[] = [];

  for (const { kind, localDate } of dueReminders(timingOf(settings), now, timeZone)) {
    const rows = new Map((await deliveriesOf(store.db, ownerId, kind, localDate)).map((r) => [r.channel, r]));
    const pending = channels.filter((c) => {
      const row = rows.get(c.name);
      return row === undefined || claimable(row, nowIso);
    });
    if (pending.length === 0) continue;

    const baseUrl = (settings.publicUrl ?? options.env.publicUrl).replace(/\/+$/, "");
    const key = await linkKey(store.db, now);
    const note = await composeNote(ctx, { baseUrl, key }, kind, localDate);
    const base = { ownerId, kind, localDate };
    if (!note) {
      if (!options.dryRun)
        for (const c of pending) await markEmpty(store.db, { ...base, channel: c.name }, nowIso);
      outcomes.push(...pending.map((c) => ({ ...base, channel: c.name, outcome: "empty" as const })));
      continue;
    }
    for (const channel of pending) {
      const deliveryKey = { ...base, channel: channel.name };
      if (options.dryRun) {
        outcomes.push({ ...deliveryKey, outcome: "would-send", subject: note.subject, text: noteText(note) });
        continue;
      }
      const leaseUntil = new Date(now + SEND_LEASE_MS).toISOString();
      if (!(await claimDelivery(store.db, deliveryKey, nowIso, leaseUntil))) continue;
      const attempts = (rows.get(channel.name)?.attempts ?? 0) + 1;
      outcomes.push(await sendOne(options, settings, channel, note, deliveryKey, { baseUrl, key, attempts }));
    }
  }
  return outcomes;
}

async function sendOne(
  options: DeliverOptions,
  settings: ReminderSettings,
  channel: Channel,
  note: ReminderNote,
  key: DeliveryKey & { kind: ReminderKind },
  context: { baseUrl: string; key: string; attempts: number },
): Promise<DeliveryOutcome> {
  const { store, now } = options;
  const nowIso = new Date(now).toISOString();
  try {
    await transmit(options, settings, channel, note, {
      ...context,
      ownerId: key.ownerId,
      delivery: `${key.kind}-${key.localDate}-${key.ownerId}`,
      topic: `${key.kind}-${key.localDate}`,
    });
    await markSent(store.db, key, nowIso);
    options.logger?.info({ owner: key.ownerId, kind: key.kind, channel: key.channel }, "reminder sent");
    return { ...key, outcome: "sent", subject: note.subject };
  } catch (error) {
    const failure = asChannelError(error);
    if (failure.gone && channel.subscription)
      await removePushSubscription(store.db, key.ownerId, { id: channel.subscription.id });
    const giveUp = failure.permanent || context.attempts >= MAX_ATTEMPTS;
    const retryAt = giveUp ? null : new Date(now + retryDelayMs(context.attempts)).toISOString();
    await markFailed(store.db, key, failure.message, nowIso, retryAt);
    options.logger?.warn(
      { owner: key.ownerId, kind: key.kind, channel: key.channel, attempt: context.attempts, retryAt },
      `reminder not sent: ${failure.message}`,
    );
    return { ...key, outcome: giveUp ? "failed" : "retry", error: failure.message };
  }
}

const asChannelError = (error: unknown) =>
  error instanceof ChannelError
    ? error
    : new ChannelError(`Sending failed: ${(error as Error).message ?? String(error)}`);

/** Sends a note through one channel; throws a ChannelError when it did not go. */
async function transmit(
  options: { store: Store; now: number; env: ReminderEnvironment; senders?: Senders | undefined },
  settings: ReminderSettings,
  channel: Channel,
  note: ReminderNote,
  context: { baseUrl: string; key: string; ownerId: string; delivery: string; topic: string },
): Promise<void> {
  const { store, now, env } = options;
  const senders = options.senders ?? REAL_SENDERS;
  if (channel.kind === "email") {
    const email = settings.email;
    const smtpUrl = email?.smtpUrl ?? env.smtpUrl;
    if (!email) throw new ChannelError("Email reminders are off.", true);
    if (!smtpUrl)
      throw new ChannelError(
        "No mail server is set: give one in Settings → Reminders (an smtp:// or smtps:// address) or start the server with GOODWILL_SMTP_URL.",
        true,
      );
    const token = unsubscribeToken(context.key, context.ownerId, email.address);
    const page = `${context.baseUrl}/unsubscribe/${token}`;
    await senders.email({
      smtpUrl,
      from: email.from ?? env.smtpFrom ?? `Goodwill <${email.address}>`,
      to: email.address,
      subject: note.subject,
      text: noteText(note, { unsubscribeUrl: page }),
      html: noteHtml(note, { unsubscribeUrl: page }),
      messageId: `<${context.delivery}@goodwill.reminders>`,
      unsubscribeUrl: `${context.baseUrl}/api/v1/reminders/unsubscribe/${token}`,
    });
  } else if (channel.kind === "webhook") {
    const hook = settings.webhook;
    if (!hook) throw new ChannelError("The webhook is off.", true);
    await senders.webhook({
      url: hook.url,
      secret: hook.secret,
      format: hook.format,
      document: noteWebhook(note, context.delivery),
      title: note.subject,
      text: noteText(note),
      click: note.todayUrl,
      delivery: context.delivery,
      now,
    });
  } else if (channel.subscription) {
    await senders.push({
      subscription: channel.subscription,
      payload: JSON.stringify(notePush(note)),
      vapid: await vapidKeys(store.db, now),
      subject: env.vapidSubject ?? `mailto:${settings.email?.address ?? "reminders@goodwill.invalid"}`,
      topic: context.topic,
    });
  }
}

/**
 * A short test message through each channel that is on (or those named), now, whatever the time:
 * how a user checks a mail server or a webhook. Not a note: the delivery log does not count it.
 */
export async function sendTest(options: {
  store: Store;
  ctx: AppContext;
  env: ReminderEnvironment;
  channels?: readonly ChannelKind[];
  senders?: Senders;
}): Promise<{ channel: string; sent: boolean; error: string | null }[]> {
  const { ctx } = options;
  const settings = await loadReminderSettings(ctx);
  const channels = channelsOf(settings, await pushSubscriptions(ctx.db, ctx.ownerId)).filter(
    (c) => !options.channels || options.channels.includes(c.kind),
  );
  if (channels.length === 0)
    throw invalid(
      options.channels
        ? `The ${options.channels.join(" and ")} channel is not on: set it up in Settings → Reminders first.`
        : "No channel is on: give an email address, a webhook or subscribe this browser first.",
      { field: "channel" },
    );
  const baseUrl = (settings.publicUrl ?? options.env.publicUrl).replace(/\/+$/, "");
  const { timeZone } = await loadCalendarSettings(ctx);
  const date = localClock(ctx.now, timeZone).date;
  const note: ReminderNote = {
    kind: "daily",
    date,
    subject: "Goodwill: a test reminder",
    intro: "A test from Goodwill: your daily note will reach you here.",
    items: [],
    idea: null,
    days: [],
    todayUrl: `${baseUrl}/`,
  };
  const results: { channel: string; sent: boolean; error: string | null }[] = [];
  for (const channel of channels) {
    try {
      await transmit({ ...options, now: ctx.now }, settings, channel, note, {
        baseUrl,
        key: await linkKey(ctx.db, ctx.now),
        ownerId: ctx.ownerId,
        delivery: `test-${ctx.now}-${ctx.ownerId}`,
        topic: "test",
      });
      results.push({ channel: channel.name, sent: true, error: null });
    } catch (error) {
      const failure = asChannelError(error);
      if (failure.gone && channel.subscription)
        await removePushSubscription(ctx.db, ctx.ownerId, { id: channel.subscription.id });
      results.push({ channel: channel.name, sent: false, error: failure.message });
    }
  }
  return results;
}
