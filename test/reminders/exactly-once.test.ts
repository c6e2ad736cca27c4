/*
 * Each note goes out once per channel, whatever happens between "due" and "sent": a server stopped
 * before 08:00 and started after it, in-process and as the built `goodwill serve`; a process that
 * died mid-send (its claim is taken over once its lease runs out); and two server processes on one
 * store running their rounds at the same moments, many times over.
 */
import { expect, it } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { deliverDue } from "../../src/app/reminders/deliver.js";
import { saveReminderSettings } from "../../src/app/reminders/settings.js";
import { SEND_LEASE_MS } from "../../src/domain/reminder-schedule.js";
import { localService } from "../../src/service/local-service.js";
import { deliveriesOf } from "../../src/storage/reminder.repository.js";
import { describeEachDialect, freshStore, openStoreAgain } from "../support/stores.js";
import { builtEnv, runBuilt, startBuilt } from "./built-cli.js";
import { danaStore, helpedBy, THURSDAY, teamAccount } from "./story.js";
import {
  httpReceiver,
  MINUTE,
  reminderEnv,
  reminderServer,
  smtpCapture,
  waitUntil,
  wallClock,
} from "./support.js";

const BERLIN = "Europe/Berlin";

const rows = async (ctx: AppContext) =>
  (await deliveriesOf(ctx.db, ctx.ownerId, "daily", THURSDAY)).map((r) => ({
    channel: r.channel,
    status: r.status,
    attempts: Number(r.attempts),
  }));

describeEachDialect("each note once", (dialect) => {
  it("a server stopped before 08:00 and started after it sends the note once; started again, still once", async () => {
    const { ctx } = await danaStore(dialect);
    const smtp = await smtpCapture();
    const env = { GOODWILL_SMTP_URL: smtp.url() };
    // Each start runs a round at once; close() waits for it.
    const start = (time: string) =>
      reminderServer(ctx.store, { clock: () => wallClock(THURSDAY, time, BERLIN), env, timer: true });

    await (await start("07:55")).close();
    expect(smtp.state.connections).toBe(0);
    expect(await rows(ctx)).toEqual([]);

    const afterEight = await start("08:20");
    await smtp.waitForMessages(1);
    await afterEight.close();
    await (await start("08:40")).close();
    expect(smtp.messages).toHaveLength(1);
    expect(await rows(ctx)).toEqual([{ channel: "email", status: "sent", attempts: 1 }]);
  });

  it("the built `goodwill serve`, stopped before 08:00 and started after it, sends one email; restarted, none", async () => {
    const { ctx, url } = await danaStore(dialect);
    const smtp = await smtpCapture();
    const serve = async (time: string) => {
      const server = startBuilt(
        ["serve", "--port", "0"],
        builtEnv(url, wallClock(THURSDAY, time, BERLIN), { GOODWILL_SMTP_URL: smtp.url() }),
      );
      await server.waitFor(/listening on http:\/\/127\.0\.0\.1:\d+/);
      return server;
    };

    const before = await serve("07:55");
    expect(await before.stop()).toBe(0);
    expect(smtp.state.connections).toBe(0);

    const after = await serve("08:20");
    await smtp.waitForMessages(1);
    expect(await after.stop()).toBe(0);

    // Stopping waits for the round under way, so a start that sends nothing has finished by its exit.
    const again = await serve("08:40");
    expect(await again.stop()).toBe(0);
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]?.mail.subject).toBe("Goodwill for Thursday: Thank Kevin Liu and 3 more things");
    expect(await rows(ctx)).toEqual([{ channel: "email", status: "sent", attempts: 1 }]);
  });

  it("a send whose process died mid-send is taken over when its lease runs out, and sent once", async () => {
    const { ctx, url } = await danaStore(dialect);
    const smtp = await smtpCapture();
    const t0 = wallClock(THURSDAY, "08:00", BERLIN);
    const remindAt = (at: number) =>
      runBuilt(["remind"], builtEnv(url, at, { GOODWILL_SMTP_URL: smtp.url() }));

    // The mail server takes the message and never answers; the process is killed meanwhile.
    smtp.state.hang = true;
    const dying = startBuilt(["remind"], builtEnv(url, t0, { GOODWILL_SMTP_URL: smtp.url() }));
    await waitUntil("the note's data to reach the mail server", () => smtp.state.dataStarted === 1);
    expect(await dying.stop("SIGKILL")).toBeNull();
    expect(await rows(ctx)).toEqual([{ channel: "email", status: "sending", attempts: 1 }]);
    smtp.state.hang = false;

    // While its lease lasts the send is still that process's: no one else sends.
    const within = await remindAt(t0 + SEND_LEASE_MS - MINUTE);
    expect(within.code).toBe(0);
    expect(within.stdout).toContain("Nothing to send now");
    expect(smtp.messages).toEqual([]);

    const taken = await remindAt(t0 + SEND_LEASE_MS + MINUTE);
    expect(taken.code).toBe(0);
    expect(taken.stdout.trim()).toBe(`The daily note for ${THURSDAY} by email: sent.`);
    await smtp.waitForMessages(1);
    // The same Message-ID as the lost attempt's: a mail program drops a copy that did arrive.
    expect(smtp.messages[0]?.mail.messageId).toBe(`<daily-${THURSDAY}-${ctx.ownerId}@goodwill.reminders>`);

    const later = await remindAt(t0 + SEND_LEASE_MS + 2 * MINUTE);
    expect(later.stdout).toContain("Nothing to send now");
    expect(smtp.messages).toHaveLength(1);
    expect(await rows(ctx)).toEqual([{ channel: "email", status: "sent", attempts: 2 }]);
  });

  it("two server processes on one store, rounds at the same moments many times, send each note once per channel", async () => {
    const { store, url } = await freshStore(dialect);
    // A second process: its own store handle (on PostgreSQL, its own pool of connections).
    const other = await openStoreAgain(url);
    const smtp = await smtpCapture();
    const hook = await httpReceiver();
    // One webhook answers 500 the first time: its retry is there for both processes to take.
    hook.answerWith((request) =>
      request.path === "/hooks/0" && hook.requests.filter((r) => r.path === "/hooks/0").length === 1
        ? 500
        : 200,
    );
    const env = reminderEnv({ smtpUrl: smtp.url() });
    const accounts = [];
    for (let i = 0; i < 4; i++) {
      const account = await teamAccount(store, `user${i}@example.org`, `User ${i}`);
      await localService(account.ctx).init({ name: `User ${i}`, timeZone: BERLIN });
      await helpedBy(account.ctx, `Helper ${i}`, "lent me a charger");
      await saveReminderSettings(account.ctx, {
        email: { address: account.email },
        webhook: { url: `${hook.url}/hooks/${i}` },
      });
      accounts.push(account);
    }

    const t0 = wallClock(THURSDAY, "08:00", BERLIN);
    const outcomes = [];
    for (let minute = -1; minute <= 4; minute++) {
      for (let repeat = 0; repeat < 3; repeat++) {
        const now = t0 + minute * MINUTE + repeat * 1000;
        const results = await Promise.all([
          deliverDue({ store, now, env }),
          deliverDue({ store: other, now, env }),
          deliverDue({ store: other, now, env }),
          deliverDue({ store, now, env }),
        ]);
        outcomes.push(...results.flat());
      }
    }

    await smtp.waitForMessages(4);
    expect(smtp.messages.map((m) => m.to[0]).sort()).toEqual(accounts.map((a) => a.email).sort());
    const answered = hook.requests.map((r) => r.path).sort();
    expect(answered).toEqual(["/hooks/0", "/hooks/0", "/hooks/1", "/hooks/2", "/hooks/3"]);
    expect(outcomes.filter((o) => o.outcome === "sent")).toHaveLength(8);
    expect(outcomes.filter((o) => o.outcome === "retry").map((o) => o.channel)).toEqual(["webhook"]);
    for (const account of accounts)
      expect((await rows(account.ctx)).sort((a, b) => a.channel.localeCompare(b.channel))).toEqual([
        { channel: "email", status: "sent", attempts: 1 },
        {
          channel: "webhook",
          status: "sent",
          attempts: account === accounts[0] ? 2 : 1,
        },
      ]);
  });
});
