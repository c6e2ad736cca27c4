/*
 * When a channel fails: a refused SMTP password is said plainly and not retried; an unreachable
 * mail server and a webhook answering 500 are retried after 1, 5, 15 and 60 minutes and given up
 * after the fifth attempt; a webhook that hangs times out after 10 seconds while the server keeps
 * serving; a note about a day that is over is given up, not sent late; one account's trouble never
 * holds up another's note; and whatever happens, nothing is sent twice.
 */
import { describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { SEND_TIMEOUT_MS } from "../../src/app/reminders/channels.js";
import { deliverDue } from "../../src/app/reminders/deliver.js";
import { saveReminderSettings } from "../../src/app/reminders/settings.js";
import { remindersJson } from "../../src/app/reminders/status.js";
import { MAX_ATTEMPTS } from "../../src/domain/reminder-schedule.js";
import { localService } from "../../src/service/local-service.js";
import { deliveriesOf, REMINDER_SETTING } from "../../src/storage/reminder.repository.js";
import { writeSetting } from "../../src/storage/settings.repository.js";
import { describeEachDialect, freshContext, freshStore } from "../support/stores.js";
import { danaStory, FRIDAY, helpedBy, THURSDAY, teamAccount } from "./story.js";
import {
  capturedLog,
  HOUR,
  httpReceiver,
  MINUTE,
  reminderEnv,
  reminderServer,
  smtpCapture,
  wallClock,
} from "./support.js";

const BERLIN = "Europe/Berlin";
const DANA = "dana@northwind.example";
const iso = (ms: number) => new Date(ms).toISOString();

/** The delivery log's row for Thursday's note on one channel, as Settings reads it. */
async function thursdayRow(ctx: AppContext, channel: string) {
  const rows = await deliveriesOf(ctx.db, ctx.ownerId, "daily", THURSDAY);
  const row = rows.find((r) => r.channel === channel);
  return row
    ? {
        status: row.status,
        attempts: Number(row.attempts),
        nextAttemptAt: row.next_attempt_at,
        lastError: row.last_error,
      }
    : null;
}

describeEachDialect("reminders when a channel fails", (dialect) => {
  it("a wrong SMTP password fails with a clear line, is not retried, and works again once corrected", async () => {
    const ctx = await freshContext(dialect);
    await danaStory(ctx);
    const smtp = await smtpCapture({ user: "dana", password: "right horse battery" });
    await saveReminderSettings(ctx, {
      email: { address: DANA, smtpUrl: smtp.url({ user: "dana", password: "wrong-password" }) },
    });
    const { logger, lines } = capturedLog();
    const at = wallClock(THURSDAY, "08:00", BERLIN);

    const outcomes = await deliverDue({ store: ctx.store, now: at, env: reminderEnv(), logger });
    const error = outcomes[0]?.error ?? "";
    expect(outcomes.map((o) => [o.channel, o.outcome])).toEqual([["email", "failed"]]);
    expect(error).toMatch(
      new RegExp(
        `^The mail server 127\\.0\\.0\\.1:${smtp.port} refused the user name or password \\(it said: 535 `,
      ),
    );
    expect(error).toContain("correct them in the SMTP address (Settings → Reminders, or GOODWILL_SMTP_URL)");
    const warned = lines.filter((l) => l.level === 40);
    expect(warned.map((l) => l.msg)).toEqual([`reminder not sent: ${error}`]);
    expect(JSON.stringify(lines)).not.toContain("wrong-password");
    expect(await thursdayRow(ctx, "email")).toEqual({
      status: "failed",
      attempts: 1,
      nextAttemptAt: null,
      lastError: error,
    });

    // Not retried: a password does not correct itself.
    for (const later of [1, 5, 15, 60, 180]) {
      expect(await deliverDue({ store: ctx.store, now: at + later * MINUTE, env: reminderEnv() })).toEqual(
        [],
      );
    }
    expect(smtp.state.authAttempts).toBe(1);
    expect(smtp.messages).toEqual([]);
    const [shown] = (await remindersJson({ ...ctx, now: at + 3 * HOUR })).channels;
    expect(shown).toEqual({
      channel: "email",
      lastSentAt: null,
      lastError: error,
      lastErrorAt: iso(at),
      nextAttemptAt: null,
    });
    // The address Settings shows hides the password.
    expect(JSON.stringify(await remindersJson(ctx))).not.toContain("wrong-password");

    // Corrected, Friday's note goes through.
    await saveReminderSettings(ctx, {
      email: { address: DANA, smtpUrl: smtp.url({ user: "dana", password: "right horse battery" }) },
    });
    const friday = wallClock(FRIDAY, "08:00", BERLIN);
    expect(
      (await deliverDue({ store: ctx.store, now: friday, env: reminderEnv() })).map((o) => o.outcome),
    ).toEqual(["sent"]);
    await smtp.waitForMessages(1);
    expect(smtp.messages[0]?.user).toBe("dana");
    const [after] = (await remindersJson({ ...ctx, now: friday })).channels;
    expect(after).toMatchObject({ lastSentAt: iso(friday), lastError: null });
  });

  it("an unreachable mail server is retried after 1, then 5 minutes, and the note goes once it is back", async () => {
    const ctx = await freshContext(dialect);
    await danaStory(ctx);
    const smtp = await smtpCapture();
    await smtp.stop();
    await saveReminderSettings(ctx, { email: { address: DANA, smtpUrl: smtp.url() } });
    const env = reminderEnv();
    const round = (at: number) => deliverDue({ store: ctx.store, now: at, env });
    const t0 = wallClock(THURSDAY, "08:00", BERLIN);
    const refused = `Cannot reach the mail server 127.0.0.1:${smtp.port}: the connection was refused. Goodwill will try again.`;

    expect((await round(t0)).map((o) => [o.outcome, o.error])).toEqual([["retry", refused]]);
    expect(await thursdayRow(ctx, "email")).toEqual({
      status: "retry",
      attempts: 1,
      nextAttemptAt: iso(t0 + MINUTE),
      lastError: refused,
    });
    expect(await round(t0 + 30_000)).toEqual([]);
    expect((await thursdayRow(ctx, "email"))?.attempts).toBe(1);

    expect((await round(t0 + MINUTE)).map((o) => o.outcome)).toEqual(["retry"]);
    expect(await thursdayRow(ctx, "email")).toEqual({
      status: "retry",
      attempts: 2,
      nextAttemptAt: iso(t0 + 6 * MINUTE),
      lastError: refused,
    });
    const [waiting] = (await remindersJson({ ...ctx, now: t0 + 2 * MINUTE })).channels;
    expect(waiting).toMatchObject({ lastError: refused, nextAttemptAt: iso(t0 + 6 * MINUTE) });

    await smtp.restart();
    expect(await round(t0 + 5 * MINUTE)).toEqual([]);
    expect(smtp.messages).toEqual([]);
    expect((await round(t0 + 6 * MINUTE)).map((o) => o.outcome)).toEqual(["sent"]);
    await smtp.waitForMessages(1);
    for (const later of [7, 30, 120]) expect(await round(t0 + later * MINUTE)).toEqual([]);
    expect(smtp.messages).toHaveLength(1);
    expect(await thursdayRow(ctx, "email")).toMatchObject({ status: "sent", attempts: 3 });
    const [sent] = (await remindersJson({ ...ctx, now: t0 + 2 * HOUR })).channels;
    expect(sent).toEqual({
      channel: "email",
      lastSentAt: iso(t0 + 6 * MINUTE),
      lastError: null,
      lastErrorAt: null,
      nextAttemptAt: null,
    });
  });

  it(`a webhook answering 500 is retried after 1, 5, 15 and 60 minutes, and given up after ${MAX_ATTEMPTS} attempts`, async () => {
    const ctx = await freshContext(dialect);
    await danaStory(ctx);
    const hook = await httpReceiver();
    hook.answerWith(() => 500);
    await saveReminderSettings(ctx, { webhook: { url: `${hook.url}/in` } });
    const env = reminderEnv();
    const answered500 = `The webhook 127.0.0.1:${new URL(hook.url).port} answered 500 Internal Server Error.`;

    let at = wallClock(THURSDAY, "08:00", BERLIN);
    const waits: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      // A second early is too early: nothing is tried.
      if (attempt > 1) expect(await deliverDue({ store: ctx.store, now: at - 1000, env })).toEqual([]);
      const outcomes = await deliverDue({ store: ctx.store, now: at, env });
      expect(outcomes.map((o) => [o.outcome, o.error])).toEqual([
        [attempt < MAX_ATTEMPTS ? "retry" : "failed", answered500],
      ]);
      expect(hook.requests).toHaveLength(attempt);
      const row = await thursdayRow(ctx, "webhook");
      expect(row?.attempts).toBe(attempt);
      if (row?.nextAttemptAt) {
        waits.push((Date.parse(row.nextAttemptAt) - at) / MINUTE);
        at = Date.parse(row.nextAttemptAt);
      }
    }
    expect(waits).toEqual([1, 5, 15, 60]);
    expect(await thursdayRow(ctx, "webhook")).toEqual({
      status: "failed",
      attempts: MAX_ATTEMPTS,
      nextAttemptAt: null,
      lastError: answered500,
    });
    // Every attempt carried the same delivery id, so a receiver can tell a retry from a new note.
    expect(new Set(hook.requests.map((r) => r.headers["goodwill-delivery"])).size).toBe(1);

    // Given up: the rest of the day asks nothing more, even once the receiver is fixed.
    hook.answerWith(() => 200);
    for (const later of [1, 60, 600]) {
      expect(await deliverDue({ store: ctx.store, now: at + later * MINUTE, env })).toEqual([]);
    }
    expect(hook.requests).toHaveLength(MAX_ATTEMPTS);
  });

  it("a webhook that answers 500 once is sent on the retry, and never again", async () => {
    const ctx = await freshContext(dialect);
    await danaStory(ctx);
    const hook = await httpReceiver();
    hook.answerWith(() => (hook.requests.length === 1 ? 500 : 204));
    await saveReminderSettings(ctx, { webhook: { url: `${hook.url}/in` } });
    const env = reminderEnv();
    const t0 = wallClock(THURSDAY, "08:00", BERLIN);
    const outcomes: string[] = [];
    for (let minute = 0; minute <= 90; minute += 1) {
      for (const o of await deliverDue({ store: ctx.store, now: t0 + minute * MINUTE, env }))
        outcomes.push(`${minute}: ${o.outcome}`);
    }
    expect(outcomes).toEqual(["0: retry", "1: sent"]);
    expect(hook.requests).toHaveLength(2);
    expect(await thursdayRow(ctx, "webhook")).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("a note about a day that is over is given up, not sent late", async () => {
    const ctx = await freshContext(dialect);
    await danaStory(ctx);
    const smtp = await smtpCapture();
    await smtp.stop();
    await saveReminderSettings(ctx, { email: { address: DANA, smtpUrl: smtp.url() } });
    const env = reminderEnv();
    const t0 = wallClock(THURSDAY, "08:00", BERLIN);
    expect((await deliverDue({ store: ctx.store, now: t0, env })).map((o) => o.outcome)).toEqual(["retry"]);

    // The laptop slept from 08:00 to Friday 07:30; the mail server is back.
    await smtp.restart();
    const friday = wallClock(FRIDAY, "07:30", BERLIN);
    expect(await deliverDue({ store: ctx.store, now: friday, env })).toEqual([]);
    expect(await thursdayRow(ctx, "email")).toMatchObject({
      status: "failed",
      attempts: 1,
      nextAttemptAt: null,
      lastError: expect.stringMatching(
        /the connection was refused\. .*The day it was for is over: given up\.$/,
      ),
    });
    expect(smtp.messages).toEqual([]);

    expect(
      (await deliverDue({ store: ctx.store, now: wallClock(FRIDAY, "08:00", BERLIN), env })).map((o) => [
        o.localDate,
        o.outcome,
      ]),
    ).toEqual([[FRIDAY, "sent"]]);
    await smtp.waitForMessages(1);
    expect(smtp.messages.map((m) => m.mail.subject)).toEqual([
      "Goodwill for Friday: Thank Kevin Liu and 3 more things",
    ]);
  });

  it("a retry whose note has nothing left to say is closed: not composed all day, not shown as given up", async () => {
    const ctx = await freshContext(dialect);
    await localService(ctx).init({ name: "Dana Whitfield", timeZone: BERLIN });
    const kevin = await helpedBy(ctx, "Kevin Liu", "fixed my laptop");
    const smtp = await smtpCapture();
    await smtp.stop();
    await saveReminderSettings(ctx, { email: { address: DANA, smtpUrl: smtp.url() } });
    const env = reminderEnv();
    const t0 = wallClock(THURSDAY, "08:00", BERLIN);
    expect((await deliverDue({ store: ctx.store, now: t0, env })).map((o) => o.outcome)).toEqual(["retry"]);

    // Before the retry, Dana thanks Kevin in the web app: the note has nothing left to say.
    await localService({ ...ctx, now: t0 + 30_000 }).recordExchange(
      { personId: kevin.id },
      { direction: "gave", kind: "thanks", summary: "Thanked him for the laptop" },
    );
    await smtp.restart();
    expect((await deliverDue({ store: ctx.store, now: t0 + MINUTE, env })).map((o) => o.outcome)).toEqual([
      "empty",
    ]);
    for (const later of [2, 3, 60]) {
      expect(await deliverDue({ store: ctx.store, now: t0 + later * MINUTE, env })).toEqual([]);
    }
    const nextMorning = wallClock(FRIDAY, "07:30", BERLIN);
    expect(await deliverDue({ store: ctx.store, now: nextMorning, env })).toEqual([]);
    expect(await thursdayRow(ctx, "email")).toMatchObject({ status: "empty", nextAttemptAt: null });
    expect((await remindersJson({ ...ctx, now: nextMorning })).channels).toEqual([
      { channel: "email", lastSentAt: null, lastError: null, lastErrorAt: null, nextAttemptAt: null },
    ]);
    expect(smtp.messages).toEqual([]);
  });

  it("one account's failing channels and broken settings do not hold up another account's note", async () => {
    const { store } = await freshStore(dialect);
    const smtp = await smtpCapture();
    const down = await smtpCapture();
    await down.stop();
    const hook = await httpReceiver();
    hook.answerWith(() => 500);
    const env = reminderEnv({ smtpUrl: smtp.url() });

    const ann = await teamAccount(store, "ann@example.org", "Ann");
    const ben = await teamAccount(store, "ben@example.org", "Ben");
    const cy = await teamAccount(store, "cy@example.org", "Cy");
    const dee = await teamAccount(store, "dee@example.org", "Dee");
    for (const [account, helper] of [
      [ann, "Ari"],
      [ben, "Bea"],
      [cy, "Cal"],
      [dee, "Dov"],
    ] as const) {
      await localService(account.ctx).init({ name: account.name ?? "", timeZone: BERLIN });
      await helpedBy(account.ctx, helper, "covered my shift");
    }
    await saveReminderSettings(ann.ctx, { email: { address: ann.email, smtpUrl: down.url() } });
    await saveReminderSettings(ben.ctx, { webhook: { url: `${hook.url}/ben` } });
    await saveReminderSettings(cy.ctx, { email: { address: cy.email } });
    // Dee's settings were edited by hand into something that does not read.
    await writeSetting(
      store.db,
      dee.ownerId,
      REMINDER_SETTING,
      JSON.stringify({ time: "25:61", email: { address: dee.email } }),
    );
    const { logger, lines } = capturedLog();

    const at = wallClock(THURSDAY, "08:00", BERLIN);
    const outcomes = await deliverDue({ store, now: at, env, logger });
    const byOwner = new Map(outcomes.map((o) => [o.ownerId, `${o.channel}: ${o.outcome}`]));
    expect(byOwner).toEqual(
      new Map([
        [ann.ownerId, "email: retry"],
        [ben.ownerId, "webhook: retry"],
        [cy.ownerId, "email: sent"],
      ]),
    );
    await smtp.waitForMessages(1);
    expect(smtp.messages.map((m) => m.to)).toEqual([[cy.email]]);
    expect(lines.filter((l) => l.level === 50).map((l) => [l.msg, l.owner])).toEqual([
      ["reminders: round failed for an account", dee.ownerId],
    ]);
  });
});

// The real 10-second timeout, once (SQLite: the store is not what this is about).
describe("a webhook that hangs", () => {
  it("times out after 10 seconds while the server keeps serving, and is sent on the retry", async () => {
    const ctx = await freshContext("sqlite");
    await danaStory(ctx);
    const hook = await httpReceiver();
    hook.answerWith(() => "hang");
    await saveReminderSettings(ctx, { webhook: { url: `${hook.url}/in` } });
    const t0 = wallClock(THURSDAY, "08:00", BERLIN);
    let clock = t0;
    const server = await reminderServer(ctx.store, { clock: () => clock });

    const started = performance.now();
    const round = server.reminders.runNow();
    await hook.waitForRequests(1);
    // The round waits on the webhook; the server answers meanwhile.
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    const outcomes = await round;
    const took = performance.now() - started;
    const answeredNothing = `The webhook 127.0.0.1:${new URL(hook.url).port} did not answer within ${SEND_TIMEOUT_MS / 1000} seconds.`;
    expect(outcomes.map((o) => [o.outcome, o.error])).toEqual([["retry", answeredNothing]]);
    expect(took).toBeGreaterThanOrEqual(SEND_TIMEOUT_MS - 100);
    expect(await thursdayRow(ctx, "webhook")).toMatchObject({
      status: "retry",
      nextAttemptAt: iso(t0 + MINUTE),
    });

    hook.answerWith(() => 200);
    clock = t0 + MINUTE;
    expect((await server.reminders.runNow()).map((o) => o.outcome)).toEqual(["sent"]);
    clock = t0 + 10 * MINUTE;
    expect(await server.reminders.runNow()).toEqual([]);
    expect(hook.requests).toHaveLength(2);
  }, 60_000);
});
