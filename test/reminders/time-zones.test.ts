/*
 * Notes go out at each account's own local time: a team with Aroha in Auckland and Luis in Los
 * Angeles, both at 08:00, watched over two days with the clock stepped five minutes at a time; quiet
 * hours hold a note until they end; the weekly plan goes on its day, in the account's zone.
 */
import { expect, it } from "vitest";
import { saveCalendarSettings } from "../../src/app/calendar-settings.js";
import { deliverDue } from "../../src/app/reminders/deliver.js";
import { saveReminderSettings } from "../../src/app/reminders/settings.js";
import type { Store } from "../../src/storage/store.js";
import { describeEachDialect, freshStore, NOW, type TestDialect } from "../support/stores.js";
import { helpedBy, teamAccount } from "./story.js";
import { HOUR, MINUTE, reminderEnv, type SmtpCapture, smtpCapture, wallClock } from "./support.js";

const AUCKLAND = "Pacific/Auckland";
const LOS_ANGELES = "America/Los_Angeles";
const STEP = 5 * MINUTE;

/** A team account in `timeZone`, owing someone thanks, with its notes by email. */
async function member(store: Store, email: string, name: string, timeZone: string, helper: string) {
  const account = await teamAccount(store, email, name);
  await saveCalendarSettings(account.ctx, { timeZone });
  await helpedBy(account.ctx, helper, "covered my on-call shift");
  await saveReminderSettings(account.ctx, { email: { address: email } });
  return account;
}

/**
 * Runs a round every five minutes from `from` to `to` and says what went out when: one line per
 * email, "<UTC time> <to>: <subject>".
 */
async function watch(store: Store, smtp: SmtpCapture, from: number, to: number) {
  const env = reminderEnv({ smtpUrl: smtp.url() });
  const seen: string[] = [];
  for (let now = from; now <= to; now += STEP) {
    const before = smtp.messages.length;
    const outcomes = await deliverDue({ store, now, env });
    const sent = outcomes.filter((o) => o.outcome === "sent").length;
    await smtp.waitForMessages(before + sent);
    for (const m of smtp.messages.slice(before))
      seen.push(`${new Date(now).toISOString().slice(0, 16)} ${m.to[0]}: ${m.mail.subject}`);
  }
  return seen;
}

const utc = (ms: number) => new Date(ms).toISOString().slice(0, 16);

async function team(dialect: TestDialect) {
  const { store } = await freshStore(dialect);
  const smtp = await smtpCapture();
  const aroha = await member(store, "aroha@team.example", "Aroha", AUCKLAND, "Hemi Walker");
  const luis = await member(store, "luis@team.example", "Luis", LOS_ANGELES, "Rosa Díaz");
  return { store, smtp, aroha, luis };
}

describeEachDialect("notes at each account's own local time", (dialect) => {
  it("Auckland and Los Angeles each get the daily note at their own 08:00, and not before", async () => {
    const { store, smtp, aroha, luis } = await team(dialect);
    // Both chose the default 08:00; no weekly plan in these two days (it is on Mondays).
    const seen = await watch(store, smtp, NOW, NOW + 48 * HOUR);
    expect(seen).toEqual([
      // Wednesday 08:00 in Los Angeles is 16:00 UTC.
      `${utc(wallClock("2026-11-25", "08:00", LOS_ANGELES))} ${luis.email}: Goodwill for Wednesday: Thank Rosa Díaz`,
      // Thursday 08:00 in Auckland is still Wednesday in UTC.
      `${utc(wallClock("2026-11-26", "08:00", AUCKLAND))} ${aroha.email}: Goodwill for Thursday: Thank Hemi Walker`,
      `${utc(wallClock("2026-11-26", "08:00", LOS_ANGELES))} ${luis.email}: Goodwill for Thursday: Thank Rosa Díaz`,
      `${utc(wallClock("2026-11-27", "08:00", AUCKLAND))} ${aroha.email}: Goodwill for Friday: Thank Hemi Walker`,
    ]);
    expect(utc(wallClock("2026-11-26", "08:00", AUCKLAND))).toBe("2026-11-25T19:00");
    expect(utc(wallClock("2026-11-25", "08:00", LOS_ANGELES))).toBe("2026-11-25T16:00");
    // Each note speaks of days as its reader lives them: Rosa helped Luis on his Wednesday.
    const luisNotes = smtp.messages.filter((m) => m.to[0] === luis.email).map((m) => m.mail.text ?? "");
    expect(luisNotes.map((text) => /For “covered my on-call shift”, (\w+)\./.exec(text)?.[1])).toEqual([
      "today",
      "yesterday",
    ]);
  });

  it("holds a note whose time falls in the quiet hours until they end", async () => {
    const { store, smtp, luis } = await team(dialect);
    // Luis wants the note at 06:30, but nothing before 07:15.
    await saveReminderSettings(luis.ctx, { time: "6:30", quietHours: "22:00-07:15", weeklyDay: "off" });
    const from = wallClock("2026-11-26", "05:00", LOS_ANGELES);
    const seen = (await watch(store, smtp, from, from + 4 * HOUR)).filter((line) =>
      line.includes(luis.email),
    );
    expect(seen).toEqual([
      `${utc(wallClock("2026-11-26", "07:15", LOS_ANGELES))} ${luis.email}: Goodwill for Thursday: Thank Rosa Díaz`,
    ]);
  });

  it("sends the weekly plan on its day, at the note's time, in the account's zone", async () => {
    const { store, smtp, aroha, luis } = await team(dialect);
    // Aroha plans her week on Fridays, Luis on Thursdays.
    await saveReminderSettings(aroha.ctx, { weeklyDay: "friday" });
    await saveReminderSettings(luis.ctx, { weeklyDay: "thu" });
    const seen = await watch(store, smtp, NOW, NOW + 48 * HOUR);
    const weekly = seen.filter((line) => line.includes("your week"));
    expect(weekly.map((line) => line.replace(/: Goodwill: your week, .*$/, ""))).toEqual([
      `${utc(wallClock("2026-11-26", "08:00", LOS_ANGELES))} ${luis.email}`,
      `${utc(wallClock("2026-11-27", "08:00", AUCKLAND))} ${aroha.email}`,
    ]);
    for (const line of weekly)
      expect(line).toMatch(/your week, \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2} \(\d+ gives?\)$/);
    // The daily notes still go, each once a day.
    expect(seen.filter((line) => line.includes("Goodwill for"))).toHaveLength(4);
  });
});
