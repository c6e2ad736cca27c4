import { expect, it } from "vitest";
import { cli } from "../support/cli.js";
import { describeEachDialect } from "../support/stores.js";

describeEachDialect("goodwill remind and remind settings", (dialect) => {
  it("shows the settings, changes what is named, and refuses what it cannot read, saying how to write it", async () => {
    const { run } = cli({ dialect });
    const shown = await run("remind", "settings");
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^Daily note: on, at 08:00 \(UTC time/);
    expect(shown.stdout).toMatch(/Email: off/);

    const saved = await run(
      "remind",
      "settings",
      "--time",
      "7:30am",
      "--weekly",
      "Friday",
      "--quiet",
      "21:00-06:30",
      "--email",
      "me@example.com",
      "--smtp",
      "smtps://me%40example.com:hunter22@mail.example.com:465",
      "--json",
    );
    expect(saved.code).toBe(0);
    const reminders = saved.json().reminders;
    expect(reminders).toMatchObject({ time: "07:30", weeklyDay: "fri", quietHours: "21:00-06:30" });
    // the password is never shown back
    expect(reminders.email).toEqual({
      address: "me@example.com",
      smtpUrl: "smtps://me%40example.com:•••@mail.example.com:465",
      from: null,
      unsubscribedAt: null,
    });
    expect(saved.stdout).not.toMatch(/hunter22/);

    const hook = await run("remind", "settings", "--webhook", "https://hooks.example.com/goodwill");
    expect(hook.code).toBe(0);
    const secret = /Webhook secret \(shown once.*\): (whsec_\S+)/.exec(hook.stdout)?.[1];
    expect(secret).toBeDefined();
    // shown once: not in the settings afterwards
    expect((await run("remind", "settings")).stdout).not.toContain(secret as string);

    const refusals: [string[], RegExp][] = [
      [["--time", "25:00"], /"25:00" is not a time of day: write it like 08:00, 8:30 or 6pm/],
      [["--weekly", "funday"], /"funday" is not a day of the week: use mon … sun/],
      [["--quiet", "22:00"], /"22:00" is not a span of quiet hours: write it like 22:00-07:00, or off/],
      [["--email", "me at example"], /"me at example" is not an email address/],
      [["--smtp", "http://mail.example.com"], /must be an smtp:\/\/ or smtps:\/\/ address/],
      [["--webhook", "ftp://example.com/x"], /must be an http:\/\/ or https:\/\/ address, not ftp:/],
      [["--webhook-format", "xml"], /"xml" is not one Goodwill sends: use json or ntfy/],
    ];
    for (const [args, message] of refusals) {
      const refused = await run("remind", "settings", ...args);
      expect({ args, code: refused.code }).toEqual({ args, code: 4 });
      expect(refused.stderr).toMatch(message);
    }
    // nothing of a refused change was kept
    expect((await run("remind", "settings", "--json")).json().reminders).toMatchObject({
      time: "07:30",
      weeklyDay: "fri",
      webhook: { url: "https://hooks.example.com/goodwill", format: "json" },
    });
    expect((await run("remind", "--channel", "sms")).code).toBe(2);
  });

  it("a dry run shows the note that is due and records nothing; with no channel on there is nothing to send", async () => {
    const { run } = cli({ dialect });
    await run("demo");
    const none = await run("remind");
    expect(none.code).toBe(0);
    expect(none.stdout).toMatch(/^Nothing to send now/);

    await run("remind", "settings", "--email", "mark@example.com");
    const dry = await run("remind", "--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^The daily note for 2026-11-25 by email: would be sent \(dry run\)\./);
    // the demo's thank-yous owed lead the note, each with a one-tap link
    expect(dry.stdout).toMatch(/Subject: Goodwill for Wednesday: Thank Kevin O'Brien and 4 more things/);
    expect(dry.stdout).toMatch(/1\. Thank Kevin O'Brien\n {2}For “Swapped the failing hard drive/);
    expect(dry.stdout).toMatch(/ {2}I thanked them: http:\/\/127\.0\.0\.1:4321\/act\/[\w-]+\.[\w-]+/);
    expect(dry.stdout).toMatch(/One way to help first:/);
    expect((await run("remind", "settings", "--json")).json().reminders.channels).toEqual([
      { channel: "email", lastSentAt: null, lastError: null, lastErrorAt: null, nextAttemptAt: null },
    ]);
  });

  it("with email on and no mail server anywhere, says so on stderr, records the failure and does not retry it", async () => {
    const { run } = cli({ dialect });
    await run("demo");
    await run("remind", "settings", "--email", "mark@example.com");
    const sent = await run("remind");
    expect(sent.code).toBe(0);
    expect(sent.stderr).toMatch(
      /goodwill: The daily note for 2026-11-25 by email: not sent, given up: No mail server is set: give one in Settings → Reminders .* or start the server with GOODWILL_SMTP_URL\./,
    );
    const status = (await run("remind", "settings", "--json")).json().reminders.channels[0];
    expect(status).toMatchObject({ channel: "email", lastSentAt: null, nextAttemptAt: null });
    expect(status.lastError).toMatch(/^No mail server is set/);
    // given up for the day: a second run sends nothing and says nothing on stderr
    const again = await run("remind");
    expect(again.stderr).toBe("");
    expect(again.stdout).toMatch(/^Nothing to send now/);
  });
});
