/** What reminders read from the environment of the process that sends them (server or command line). */

export interface ReminderEnvironment {
  /** GOODWILL_SMTP_URL: the mail server when an account sets none */
  smtpUrl: string | null;
  /** GOODWILL_SMTP_FROM */
  smtpFrom: string | null;
  /** GOODWILL_PUBLIC_URL, else the server's own address: where links point when the account set none */
  publicUrl: string;
  /** GOODWILL_VAPID_SUBJECT: a mailto: or https: contact for push services */
  vapidSubject: string | null;
}

const given = (value: string | undefined) =>
  value === undefined || value.trim() === "" ? null : value.trim();

export function reminderEnvironment(
  env: Record<string, string | undefined>,
  serverUrl: string,
): ReminderEnvironment {
  return {
    smtpUrl: given(env.GOODWILL_SMTP_URL),
    smtpFrom: given(env.GOODWILL_SMTP_FROM),
    publicUrl: (given(env.GOODWILL_PUBLIC_URL) ?? serverUrl).replace(/\/+$/, ""),
    vapidSubject: given(env.GOODWILL_VAPID_SUBJECT),
  };
}
