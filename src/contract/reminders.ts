/** Reminders as the CLI, the API and the web read them: settings, channel status, the note, a delivery. */
import type { ReminderKind } from "../domain/reminder-schedule.js";

export const ACTION_KINDS = ["thanked", "touched", "kept"] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export interface ChannelStatusJson {
  /** email | webhook | push:<subscription id> */
  channel: string;
  lastSentAt: string | null;
  /** the last failure since the last send, in words */
  lastError: string | null;
  lastErrorAt: string | null;
  /** a retry is waiting until then */
  nextAttemptAt: string | null;
}

export interface RemindersJson {
  daily: boolean;
  time: string;
  weeklyDay: string | null;
  quietHours: string;
  /** the profile's: notes go out at this zone's local time */
  timeZone: string;
  publicUrl: string | null;
  email: {
    address: string;
    /** the password is never shown */
    smtpUrl: string | null;
    from: string | null;
    unsubscribedAt: string | null;
  } | null;
  /** the secret is shown once, when it is made */
  webhook: { url: string; format: string } | null;
  push: { publicKey: string; subscriptions: { id: string; label: string | null; createdAt: string }[] };
  channels: ChannelStatusJson[];
}

/** A change to the settings; what is left out stays as it was. `null` turns a channel off. */
export interface ReminderSettingsInput {
  daily?: boolean | undefined;
  time?: string | undefined;
  /** a weekday, or "off" */
  weeklyDay?: string | undefined;
  /** "22:00-07:00", or "off" */
  quietHours?: string | undefined;
  /** where links in a note point (the web app as the user reaches it); "" or null: the server's own */
  publicUrl?: string | null | undefined;
  email?:
    | { address: string; smtpUrl?: string | null | undefined; from?: string | null | undefined }
    | null
    | undefined;
  webhook?: { url: string; format?: string | undefined } | null | undefined;
  /** a new webhook secret (the old one stops verifying) */
  rotateWebhookSecret?: boolean | undefined;
}

export interface NoteItem {
  kind: "thanks" | "promise" | "occasion" | "reach-out" | "give";
  /** "Thank Kevin Liu" */
  title: string;
  /** the suggestion: what to do, and why */
  detail: string;
  person: { id: string; name: string } | null;
  /** the person (or Today) in the web app */
  link: string;
  /** one tap settles it: a confirmation page in the web app */
  action: { kind: ActionKind; label: string; url: string } | null;
}

export interface ReminderNote {
  kind: ReminderKind;
  /** the local day it is for */
  date: string;
  subject: string;
  /** one line that leads the note */
  intro: string;
  items: NoteItem[];
  /** daily: one give-first idea */
  idea: NoteItem | null;
  /** weekly: the days of the plan, each with its items */
  days: { date: string; label: string; items: NoteItem[] }[];
  /** the web app's Today */
  todayUrl: string;
}

export interface DeliveryOutcome {
  ownerId: string;
  kind: ReminderKind;
  localDate: string;
  /** email | webhook | push:<subscription id> */
  channel: string;
  outcome: "sent" | "retry" | "failed" | "empty" | "would-send";
  error?: string;
  subject?: string;
  /** dry runs: the note as the email's text would say it */
  text?: string;
}
