/**
 * An account's reminder settings: when the daily note and the weekly plan go out, the quiet hours,
 * and the channels (email, webhook; push subscriptions are rows of their own). Kept as one JSON
 * value in the account's settings, never in a backup: the SMTP password and the webhook secret are
 * this server's business, not the user's data (docs/decisions.md).
 */

import { randomBytes } from "node:crypto";
import { z } from "zod";
import { readEmail } from "../../contract/input.js";
import type { ReminderSettingsInput } from "../../contract/reminders.js";
import {
  formatClockTime,
  formatQuietHours,
  parseClockTime,
  parseQuietHours,
  type ReminderTiming,
} from "../../domain/reminder-schedule.js";
import { WEEKDAY_NAMES, type WeekdayName } from "../../domain/work-week.js";
import { invalid } from "../../errors.js";
import { REMINDER_SETTING } from "../../storage/reminder.repository.js";
import { readSetting, writeSetting } from "../../storage/settings.repository.js";
import type { AppContext } from "../context.js";

export const WEBHOOK_FORMATS = ["json", "ntfy"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

const storedSchema = z.object({
  daily: z.boolean().default(true),
  time: z.string().default("08:00"),
  weeklyDay: z.enum(WEEKDAY_NAMES).nullable().default("mon"),
  quietHours: z.string().default("22:00-07:00"),
  publicUrl: z.string().nullable().default(null),
  email: z
    .object({
      address: z.string(),
      smtpUrl: z.string().nullable().default(null),
      from: z.string().nullable().default(null),
      unsubscribedAt: z.string().nullable().default(null),
    })
    .nullable()
    .default(null),
  webhook: z
    .object({ url: z.string(), secret: z.string(), format: z.enum(WEBHOOK_FORMATS).default("json") })
    .nullable()
    .default(null),
});

/** The settings as stored (with secrets). */
export type ReminderSettings = z.infer<typeof storedSchema>;

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = storedSchema.parse({});

/** Reads stored settings; a value that no longer reads falls back to the defaults. */
export function parseStoredSettings(value: string | null): ReminderSettings {
  if (value === null) return DEFAULT_REMINDER_SETTINGS;
  try {
    return storedSchema.parse(JSON.parse(value));
  } catch {
    return DEFAULT_REMINDER_SETTINGS;
  }
}

export async function loadReminderSettings(ctx: AppContext): Promise<ReminderSettings> {
  return parseStoredSettings(await readSetting(ctx.db, ctx.ownerId, REMINDER_SETTING));
}

export function timingOf(settings: ReminderSettings): ReminderTiming {
  return {
    daily: settings.daily,
    time: parseClockTime(settings.time),
    weeklyDay: settings.weeklyDay,
    quietHours: parseQuietHours(settings.quietHours),
  };
}

const FULL_DAY: Record<string, WeekdayName> = {
  sunday: "sun",
  monday: "mon",
  tuesday: "tue",
  wednesday: "wed",
  thursday: "thu",
  friday: "fri",
  saturday: "sat",
};

function readWeeklyDay(text: string): WeekdayName | null {
  const word = text.trim().toLowerCase();
  if (/^(off|none|no|never)$/.test(word)) return null;
  const day = (WEEKDAY_NAMES as readonly string[]).includes(word) ? (word as WeekdayName) : FULL_DAY[word];
  if (!day)
    throw invalid(
      `"${text}" is not a day of the week: use mon … sun (or monday), or off for no weekly plan.`,
      {
        field: "weeklyDay",
      },
    );
  return day;
}

/** An http(s) address; `what` names it in the message. */
export function readWebAddress(text: string, field: string, what: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw invalid(`"${text}" is not a web address: the ${what} must look like https://example.com/….`, {
      field,
    });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw invalid(`The ${what} must be an http:// or https:// address, not ${url.protocol}.`, { field });
  return url.toString();
}

function readSmtpUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw invalid(
      `"${maskSecret(text)}" is not an SMTP server address: write it like smtps://user:password@mail.example.com:465.`,
      { field: "smtpUrl" },
    );
  }
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:")
    throw invalid(
      `The SMTP server must be an smtp:// or smtps:// address (like smtps://user:password@mail.example.com), not ${url.protocol}.`,
      { field: "smtpUrl" },
    );
  if (!url.hostname) throw invalid("The SMTP server address names no host.", { field: "smtpUrl" });
  return text.trim();
}

/** An address with its password replaced, for showing: smtps://me:•••@mail.example.com. */
export function maskSecret(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, "$1:•••@");
}

const newWebhookSecret = () => `whsec_${randomBytes(24).toString("base64url")}`;

/**
 * Checks a change and stores it. Returns the settings now in force and, when one was made, the new
 * webhook secret (shown once: the receiver needs it to verify the signature).
 */
export async function saveReminderSettings(
  ctx: AppContext,
  input: ReminderSettingsInput,
): Promise<{ settings: ReminderSettings; webhookSecret: string | null }> {
  const current = await loadReminderSettings(ctx);
  const next: ReminderSettings = { ...current };
  if (input.daily !== undefined) next.daily = input.daily;
  if (input.time !== undefined) next.time = formatClockTime(parseClockTime(input.time));
  if (input.weeklyDay !== undefined) next.weeklyDay = readWeeklyDay(input.weeklyDay);
  if (input.quietHours !== undefined) next.quietHours = formatQuietHours(parseQuietHours(input.quietHours));
  if (input.publicUrl !== undefined)
    next.publicUrl =
      input.publicUrl === null || input.publicUrl.trim() === ""
        ? null
        : readWebAddress(input.publicUrl, "publicUrl", "address of the web app").replace(/\/+$/, "");
  if (input.email !== undefined) {
    if (input.email === null) next.email = null;
    else {
      const address = readEmail(input.email.address);
      const before = current.email;
      next.email = {
        address,
        smtpUrl:
          input.email.smtpUrl === undefined
            ? (before?.smtpUrl ?? null)
            : input.email.smtpUrl === null || input.email.smtpUrl.trim() === ""
              ? null
              : readSmtpUrl(input.email.smtpUrl),
        from:
          input.email.from === undefined
            ? (before?.from ?? null)
            : input.email.from === null || input.email.from.trim() === ""
              ? null
              : input.email.from.trim(),
        // Setting the address again is asking for the notes again.
        unsubscribedAt: null,
      };
    }
  }
  let webhookSecret: string | null = null;
  if (input.webhook !== undefined) {
    if (input.webhook === null) next.webhook = null;
    else {
      const format = (input.webhook.format ?? current.webhook?.format ?? "json").trim().toLowerCase();
      if (!(WEBHOOK_FORMATS as readonly string[]).includes(format))
        throw invalid(
          `The webhook format "${input.webhook.format}" is not one Goodwill sends: use json or ntfy.`,
          {
            field: "format",
          },
        );
      const secret = current.webhook?.secret ?? newWebhookSecret();
      if (!current.webhook) webhookSecret = secret;
      next.webhook = {
        url: readWebAddress(input.webhook.url, "url", "webhook"),
        secret,
        format: format as WebhookFormat,
      };
    }
  }
  if (input.rotateWebhookSecret) {
    if (!next.webhook)
      throw invalid("There is no webhook to give a new secret: set its address first.", { field: "webhook" });
    webhookSecret = newWebhookSecret();
    next.webhook = { ...next.webhook, secret: webhookSecret };
  }
  // The daily note's time inside the quiet hours would wait until they end: allowed, and said in Settings.
  await writeSetting(ctx.db, ctx.ownerId, REMINDER_SETTING, JSON.stringify(next));
  return { settings: next, webhookSecret };
}

/** Stops email notes (the unsubscribe link); the address stays, so Settings can offer to resume. */
export async function unsubscribeEmail(ctx: AppContext, address: string): Promise<boolean> {
  const current = await loadReminderSettings(ctx);
  if (!current.email || current.email.address.toLowerCase() !== address.toLowerCase()) return false;
  if (current.email.unsubscribedAt) return true;
  const next = { ...current, email: { ...current.email, unsubscribedAt: new Date(ctx.now).toISOString() } };
  await writeSetting(ctx.db, ctx.ownerId, REMINDER_SETTING, JSON.stringify(next));
  return true;
}
