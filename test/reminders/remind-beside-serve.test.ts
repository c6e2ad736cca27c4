/*
 * `goodwill remind` (the built command, as a crontab runs it) beside a server's scheduler on the same
 * store, and beside itself: whoever gets to a note first sends it, the other leaves it; one email.
 */
import { expect, it } from "vitest";
import { saveReminderSettings } from "../../src/app/reminders/settings.js";
import { localService } from "../../src/service/local-service.js";
import { describeEachDialect, freshStore } from "../support/stores.js";
import { builtEnv, runBuilt, startBuilt } from "./built-cli.js";
import { danaStore, helpedBy, THURSDAY, teamAccount } from "./story.js";
import { MINUTE, reminderServer, smtpCapture, wallClock } from "./support.js";

const BERLIN = "Europe/Berlin";
const SENT_LINE = `The daily note for ${THURSDAY} by email: sent.`;
const sentLines = (stdout: string) => stdout.split("\n").filter((line) => line === SENT_LINE).length;

describeEachDialect("goodwill remind beside goodwill serve", (dialect) => {
  it("sends one email when run while the server's scheduler runs its rounds; run again, none", async () => {
    const { ctx, url } = await danaStore(dialect);
    const smtp = await smtpCapture();
    const env = { GOODWILL_SMTP_URL: smtp.url() };
    const t0 = wallClock(THURSDAY, "08:00", BERLIN);
    const server = await reminderServer(ctx.store, { clock: () => t0, env });

    const remind = startBuilt(["remind"], builtEnv(url, t0, env));
    let finished = false;
    void remind.exited.then(() => {
      finished = true;
    });
    // The scheduler keeps going round while the command runs (each minute, in a real server).
    let serverSent = 0;
    do {
      for (const o of await server.reminders.runNow()) if (o.outcome === "sent") serverSent++;
      // On SQLite a round that sends nothing never waits on I/O: let the child's exit be seen.
      await new Promise((resolve) => setImmediate(resolve));
    } while (!finished);
    expect(await remind.exited).toBe(0);

    expect(smtp.messages).toHaveLength(1);
    expect(serverSent + sentLines(remind.output())).toBe(1);
    const again = await runBuilt(["remind"], builtEnv(url, t0 + 5 * MINUTE, env));
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Nothing to send now");
    expect(await server.reminders.runNow()).toEqual([]);
    expect(smtp.messages).toHaveLength(1);
  });

  it("sends once when run twice at the same time, and nothing when run once more", async () => {
    const { url } = await danaStore(dialect);
    const smtp = await smtpCapture();
    const env = { GOODWILL_SMTP_URL: smtp.url() };
    const t0 = wallClock(THURSDAY, "08:00", BERLIN);

    const both = await Promise.all([
      runBuilt(["remind"], builtEnv(url, t0, env)),
      runBuilt(["remind"], builtEnv(url, t0, env)),
    ]);
    expect(both.map((r) => r.code)).toEqual([0, 0]);
    expect(both.map((r) => sentLines(r.stdout)).sort()).toEqual([0, 1]);
    expect(smtp.messages).toHaveLength(1);

    const third = await runBuilt(["remind"], builtEnv(url, t0 + MINUTE, env));
    expect(third.stdout.trim()).toBe(
      "Nothing to send now: no note is due (or today's went out already). goodwill remind settings shows when they go.",
    );
    expect(smtp.messages).toHaveLength(1);
  });

  it("on a team server, remind and the scheduler racing through twelve accounts send each one email", async () => {
    const { store, url } = await freshStore(dialect);
    const smtp = await smtpCapture();
    const env = { GOODWILL_SMTP_URL: smtp.url() };
    const emails: string[] = [];
    for (let i = 0; i < 12; i++) {
      const account = await teamAccount(store, `member${i}@team.example`, `Member ${i}`);
      await localService(account.ctx).init({ name: `Member ${i}`, timeZone: BERLIN });
      await helpedBy(account.ctx, `Colleague ${i}`, "reviewed my report");
      await saveReminderSettings(account.ctx, { email: { address: account.email } });
      emails.push(account.email);
    }
    const t0 = wallClock(THURSDAY, "08:00", BERLIN);
    const server = await reminderServer(store, { clock: () => t0, env });

    const remind = startBuilt(["remind"], builtEnv(url, t0, env));
    let finished = false;
    void remind.exited.then(() => {
      finished = true;
    });
    // The scheduler joins in once the command is under way, so the two work through the accounts together.
    await smtp.waitForMessages(1);
    let serverSent = 0;
    do {
      for (const o of await server.reminders.runNow()) if (o.outcome === "sent") serverSent++;
      // On SQLite a round that sends nothing never waits on I/O: let the child's exit be seen.
      await new Promise((resolve) => setImmediate(resolve));
    } while (!finished);
    expect(await remind.exited).toBe(0);

    expect(smtp.messages.map((m) => m.to[0]).sort()).toEqual([...emails].sort());
    expect(serverSent + sentLines(remind.output())).toBe(12);
  });
});
