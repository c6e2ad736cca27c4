/**
 * `remind`: send what is due now and exit (a laptop's crontab or systemd timer runs it; the server
 * has a scheduler of its own), `remind settings` to see and change when and where notes go, and
 * `remind test` to check a channel.
 */
import type { Command } from "commander";
import type { DeliveryOutcome, ReminderSettingsInput, RemindersJson } from "../../contract/reminders.js";
import { GoodwillError } from "../../errors.js";
import { remoteSettings } from "../../service/remote-service.js";
import { ensureLocalOwner } from "../../storage/owner.repository.js";
import { openStore } from "../../storage/store.js";
import { plural } from "../output.js";
import { act, type CliIo, clock, type Globals, print, storeUrl } from "../runtime.js";

const CHANNELS = ["email", "push", "webhook"] as const;
type ChannelName = (typeof CHANNELS)[number];

function readChannel(value: string | undefined): ChannelName[] | undefined {
  if (value === undefined) return undefined;
  const names = value.split(",").map((v) => v.trim().toLowerCase());
  for (const name of names)
    if (!(CHANNELS as readonly string[]).includes(name))
      throw new GoodwillError("usage", `--channel "${name}" is not a channel: use email, push or webhook.`);
  return names as ChannelName[];
}

const NOTE_NAME = { daily: "daily note", weekly: "weekly plan" } as const;

function channelName(channel: string): string {
  return channel.startsWith("push:") ? `push (browser ${channel.slice(5, 13)})` : channel;
}

function outcomeLine(o: DeliveryOutcome): string {
  const what = `The ${NOTE_NAME[o.kind]} for ${o.localDate} by ${channelName(o.channel)}`;
  if (o.outcome === "sent") return `${what}: sent.`;
  if (o.outcome === "empty")
    return `${what}: nothing worth sending today (no thanks owed, promises due, occasions or people due).`;
  if (o.outcome === "would-send") return `${what}: would be sent (dry run).`;
  if (o.outcome === "retry") return `${what}: not sent: ${o.error} It is tried again on a later run.`;
  return `${what}: not sent, given up: ${o.error}`;
}

/** `on`/`off` and the like, for --daily. */
function onOff(value: string, option: string): boolean {
  const v = value.trim().toLowerCase();
  if (["on", "yes", "true", "1"].includes(v)) return true;
  if (["off", "no", "false", "0"].includes(v)) return false;
  throw new GoodwillError("usage", `${option} "${value}": say on or off.`);
}

const isOff = (value: string) => /^(off|none|no)$/i.test(value.trim());

function settingsText(r: RemindersJson, secret: string | null): string {
  const lines = [
    `Daily note: ${r.daily ? `on, at ${r.time}` : "off"} (${r.timeZone} time; change the zone with goodwill init --time-zone)`,
    `Weekly plan: ${r.weeklyDay ? `${r.weeklyDay}, at ${r.time}` : "off"}`,
    `Quiet hours: ${r.quietHours}`,
    `Email: ${r.email ? `${r.email.address}${r.email.unsubscribedAt ? ` (unsubscribed ${r.email.unsubscribedAt.slice(0, 10)}: set --email again to resume)` : ""}${r.email.smtpUrl ? `, via ${r.email.smtpUrl}` : ", via the server's GOODWILL_SMTP_URL"}` : "off"}`,
    `Webhook: ${r.webhook ? `${r.webhook.url} (${r.webhook.format})` : "off"}`,
    `Push: ${r.push.subscriptions.length === 0 ? "no browser subscribed (Settings → Reminders in the web app)" : plural(r.push.subscriptions.length, "browser")}`,
    `Links open: ${r.publicUrl ?? "the server's own address (set --public-url when it is reached by another name)"}`,
  ];
  if (r.channels.length) {
    lines.push("", "Last sends:");
    for (const c of r.channels) {
      const sent = c.lastSentAt
        ? `last sent ${c.lastSentAt.slice(0, 16).replace("T", " ")} UTC`
        : "nothing sent yet";
      lines.push(`  ${channelName(c.channel)}: ${sent}${c.lastError ? `; last error: ${c.lastError}` : ""}`);
    }
  }
  if (secret)
    lines.push("", `Webhook secret (shown once; the receiver checks Goodwill-Signature with it): ${secret}`);
  return lines.join("\n");
}

export function registerReminderCommands(program: Command, io: CliIo): void {
  const remind = program
    .command("remind")
    .description("send the daily note and the weekly plan that are due now, once (for a crontab or a timer)")
    .option("--dry-run", "show what would be sent, send and record nothing")
    .option("--channel <names>", "only these channels: email, push, webhook (comma-separated)")
    .action(async (flags: { dryRun?: boolean; channel?: string }, command: Command) => {
      const globals = command.optsWithGlobals<Globals>();
      const channels = readChannel(flags.channel);
      if (await remoteSettings(globals, io.env))
        throw new GoodwillError(
          "usage",
          "This command line works with a team server, which sends reminders itself. See them with goodwill remind settings.",
        );
      const now = clock(io.env);
      const store = await openStore(storeUrl(globals, io.env));
      try {
        const { deliverDue } = await import("../../app/reminders/deliver.js");
        const { reminderEnvironment } = await import("../../app/reminders/environment.js");
        // With --as, that account only; else every account of the store with reminders (a laptop has one).
        const ownerIds = globals.as ? [await accountId(store, globals.as)] : undefined;
        const outcomes = await deliverDue({
          store,
          now,
          env: reminderEnvironment(io.env, "http://127.0.0.1:4321"),
          ...(ownerIds ? { ownerIds } : {}),
          ...(channels ? { channels } : {}),
          ...(flags.dryRun ? { dryRun: true } : {}),
        });
        for (const o of outcomes)
          if (o.outcome === "retry" || o.outcome === "failed") io.err(`goodwill: ${outcomeLine(o)}\n`);
        await print(
          io,
          globals,
          {
            json: { outcomes },
            human: () => {
              if (outcomes.length === 0)
                return "Nothing to send now: no note is due (or today's went out already). goodwill remind settings shows when they go.";
              const lines = outcomes.map(outcomeLine);
              if (flags.dryRun) {
                const texts = new Map(
                  outcomes.flatMap((o) => (o.text ? [[`${o.kind}${o.localDate}`, o]] : [])),
                );
                for (const o of texts.values()) lines.push("", `Subject: ${o.subject}`, "", o.text ?? "");
              }
              return lines.join("\n");
            },
          },
          now,
        );
      } finally {
        await store.close();
      }
    });

  remind
    .command("settings")
    .description("show or change when and where reminders go (no option: show them)")
    .option("--daily <on|off>", "the daily note")
    .option("--time <HH:MM>", "when the daily note (and the weekly plan) go out, local time")
    .option("--weekly <day|off>", "the day of the weekly plan (mon … sun), or off")
    .option("--quiet <from-to|off>", "quiet hours, e.g. 22:00-07:00: nothing is sent then")
    .option("--email <address|off>", "send notes to this address (set again after unsubscribing to resume)")
    .option(
      "--smtp <url|off>",
      "the mail server, e.g. smtps://user:password@mail.example.com (else GOODWILL_SMTP_URL)",
    )
    .option("--from <address>", "the sender of reminder emails")
    .option("--webhook <url|off>", "POST notes to this address, signed (see docs/deploy.md)")
    .option("--webhook-format <json|ntfy>", "json (default) or ntfy (plain text with a title)")
    .option("--new-webhook-secret", "make a new webhook secret (the old one stops verifying)")
    .option("--public-url <url|off>", "where links in notes point: the web app as you reach it")
    .action(
      act(
        io,
        async (
          service,
          flags: {
            daily?: string;
            time?: string;
            weekly?: string;
            quiet?: string;
            email?: string;
            smtp?: string;
            from?: string;
            webhook?: string;
            webhookFormat?: string;
            newWebhookSecret?: boolean;
            publicUrl?: string;
          },
        ) => {
          const input: ReminderSettingsInput = {};
          if (flags.daily !== undefined) input.daily = onOff(flags.daily, "--daily");
          if (flags.time !== undefined) input.time = flags.time;
          if (flags.weekly !== undefined) input.weeklyDay = flags.weekly;
          if (flags.quiet !== undefined) input.quietHours = flags.quiet;
          if (flags.publicUrl !== undefined)
            input.publicUrl = isOff(flags.publicUrl) ? null : flags.publicUrl;
          const current = (await service.reminders()).reminders;
          if (flags.email !== undefined || flags.smtp !== undefined || flags.from !== undefined) {
            if (flags.email !== undefined && isOff(flags.email)) input.email = null;
            else {
              const address = flags.email ?? current.email?.address;
              if (!address)
                throw new GoodwillError("usage", "Give the address notes go to with --email first.");
              input.email = {
                address,
                ...(flags.smtp !== undefined ? { smtpUrl: isOff(flags.smtp) ? null : flags.smtp } : {}),
                ...(flags.from !== undefined ? { from: flags.from } : {}),
              };
            }
          }
          if (flags.webhook !== undefined || flags.webhookFormat !== undefined) {
            if (flags.webhook !== undefined && isOff(flags.webhook)) input.webhook = null;
            else {
              const url = flags.webhook ?? current.webhook?.url;
              if (!url) throw new GoodwillError("usage", "Give the webhook's address with --webhook first.");
              input.webhook = { url, ...(flags.webhookFormat ? { format: flags.webhookFormat } : {}) };
            }
          }
          if (flags.newWebhookSecret) input.rotateWebhookSecret = true;
          if (Object.keys(input).length === 0)
            return { json: { reminders: current }, human: () => settingsText(current, null) };
          const saved = await service.setReminders(input);
          return {
            json: saved,
            human: () => `Saved.\n\n${settingsText(saved.reminders, saved.webhookSecret)}`,
          };
        },
      ),
    );

  remind
    .command("test")
    .description("send a short test message now through the channels that are on (or --channel)")
    .option("--channel <names>", "only these channels: email, push, webhook")
    .action(async (flags: { channel?: string }, command: Command) => {
      const globals = command.optsWithGlobals<Globals>();
      const channels = readChannel(flags.channel);
      if (await remoteSettings(globals, io.env))
        throw new GoodwillError(
          "usage",
          "This command line works with a team server: send a test from Settings → Reminders in its web app.",
        );
      const now = clock(io.env);
      const store = await openStore(storeUrl(globals, io.env));
      try {
        const { sendTest } = await import("../../app/reminders/deliver.js");
        const { reminderEnvironment } = await import("../../app/reminders/environment.js");
        const ownerId = globals.as ? await accountId(store, globals.as) : await localOwnerOf(store, now);
        const results = await sendTest({
          store,
          ctx: { store, db: store.db, ownerId, now },
          env: reminderEnvironment(io.env, "http://127.0.0.1:4321"),
          ...(channels ? { channels } : {}),
        });
        await print(
          io,
          globals,
          {
            json: { results },
            human: () =>
              results
                .map((r) => `${channelName(r.channel)}: ${r.sent ? "sent" : `not sent: ${r.error}`}`)
                .join("\n"),
          },
          now,
        );
        if (results.some((r) => !r.sent))
          throw new GoodwillError(
            "invalid",
            "A test message did not go out: see the line above, correct the setting and try again.",
          );
      } finally {
        await store.close();
      }
    });
}

async function accountId(store: Awaited<ReturnType<typeof openStore>>, email: string): Promise<string> {
  const { findAccount } = await import("../../app/accounts.js");
  const account = await findAccount(store.db, email);
  if (!account) throw new GoodwillError("not_found", `There is no account for ${email} in this store.`);
  return account.ownerId;
}

/** The local owner; a team store has none, and then the account must be named. */
async function localOwnerOf(store: Awaited<ReturnType<typeof openStore>>, now: number): Promise<string> {
  const { hasAccounts } = await import("../../app/accounts.js");
  if (await hasAccounts(store.db))
    throw new GoodwillError("usage", "This store has accounts: say whose reminders to test with --as EMAIL.");
  return (await ensureLocalOwner(store.db, new Date(now).toISOString())).id;
}
