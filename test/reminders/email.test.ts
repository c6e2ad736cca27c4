/*
 * The daily note by email, through a real SMTP server on this machine: Dana's Thursday note arrives
 * at 08:00 Berlin time with the four things her week left her, each linking to the person and with
 * a one-tap link; a quiet store sends nothing; the unsubscribe link stops the next day's note.
 */
import { expect, it } from "vitest";
import { saveReminderSettings } from "../../src/app/reminders/settings.js";
import { remindersJson } from "../../src/app/reminders/status.js";
import { describeEachDialect, freshContext } from "../support/stores.js";
import { danaStory, FRIDAY, quietStory, THURSDAY } from "./story.js";
import { headerLine, MINUTE, reminderServer, smtpCapture, wallClock } from "./support.js";

const BERLIN = "Europe/Berlin";
const DANA = "dana@northwind.example";

/** The one-tap links of a note's text, by their label. */
function oneTapLinks(text: string): { label: string; url: string }[] {
  return [...text.matchAll(/^ {2}(I thanked them|Done|I got in touch): (\S+)$/gm)].map((m) => ({
    label: m[1] as string,
    url: m[2] as string,
  }));
}

describeEachDialect("the daily note by email", (dialect) => {
  it("arrives at 08:00 Berlin time with Dana's four things, linked, one tap each, and an unsubscribe header", async () => {
    const ctx = await freshContext(dialect);
    const { kevin, priya, marta, tom } = await danaStory(ctx);
    const smtp = await smtpCapture();
    await saveReminderSettings(ctx, { email: { address: DANA } });
    let clock = wallClock(THURSDAY, "07:59", BERLIN);
    const server = await reminderServer(ctx.store, {
      clock: () => clock,
      env: { GOODWILL_SMTP_URL: smtp.url() },
    });

    expect(await server.reminders.runNow()).toEqual([]);
    expect(smtp.state.connections).toBe(0);

    clock = wallClock(THURSDAY, "08:00", BERLIN);
    const outcomes = await server.reminders.runNow();
    expect(outcomes.map((o) => [o.kind, o.localDate, o.channel, o.outcome])).toEqual([
      ["daily", THURSDAY, "email", "sent"],
    ]);
    await smtp.waitForMessages(1);
    const [received] = smtp.messages;
    if (!received) throw new Error("no message");
    const { mail } = received;
    expect(received.to).toEqual([DANA]);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : null).toBe(DANA);
    expect(mail.subject).toBe("Goodwill for Thursday: Thank Kevin Liu and 3 more things");
    expect(mail.messageId).toBe(`<daily-${THURSDAY}-${ctx.ownerId}@goodwill.reminders>`);

    // The plain text: the four things in the order she should do them, thanks first.
    const text = mail.text ?? "";
    expect(text.startsWith("4 things worth doing today.")).toBe(true);
    const titles = [
      "1. Thank Kevin Liu",
      "2. Keep your promise to Priya Shah",
      "3. Marta Kowalski: birthday tomorrow",
      "4. Get in touch with Tom Becker",
    ];
    for (const title of titles) expect(text).toContain(title);
    expect(text).toContain("For “fixed my laptop”, yesterday.");
    expect(text).toContain("send Priya the onboarding deck — due today.");
    expect(text).toMatch(/Last contact \d+ days ago\./);
    for (const person of [kevin, priya, marta, tom])
      expect(text).toContain(`Open: ${server.url}/people/${person.id}`);

    // One tap per item, each to a confirmation page of this server that says what it would do.
    const taps = oneTapLinks(text);
    expect(taps.map((t) => t.label)).toEqual(["I thanked them", "Done", "I got in touch", "I got in touch"]);
    const questions: string[] = [];
    for (const tap of taps) {
      expect(tap.url.startsWith(`${server.url}/act/`)).toBe(true);
      const token = tap.url.slice(`${server.url}/act/`.length);
      const described = await fetch(`${server.url}/api/v1/reminders/actions/${token}`);
      expect(described.status).toBe(200);
      questions.push(((await described.json()) as { question: string }).question);
    }
    expect(questions).toEqual([
      "Mark that you thanked Kevin Liu for “fixed my laptop”?",
      "Mark your promise to Priya Shah as kept: “send Priya the onboarding deck”?",
      "Mark that you got in touch with Marta Kowalski?",
      "Mark that you got in touch with Tom Becker?",
    ]);

    // The HTML part: the same things, each title a link to the person, each tap a button.
    const html = typeof mail.html === "string" ? mail.html : "";
    for (const [person, title] of [
      [kevin, "Thank Kevin Liu"],
      [priya, "Keep your promise to Priya Shah"],
      [marta, "Marta Kowalski: birthday tomorrow"],
      [tom, "Get in touch with Tom Becker"],
    ] as const)
      expect(html).toMatch(
        new RegExp(`<a href="${server.url}/people/${person.id}"[^>]*>${title}</a>`.replaceAll("/", "\\/")),
      );
    for (const tap of taps) expect(html).toContain(`href="${tap.url}"`);
    expect(html).toContain("For “fixed my laptop”, yesterday.");

    // One-click unsubscribe (RFC 8058): a POST to this server, and the page in the text.
    const unsubscribe = headerLine(mail, "List-Unsubscribe");
    const token = /^<http:\/\/127\.0\.0\.1:\d+\/api\/v1\/reminders\/unsubscribe\/([\w.-]+)>$/.exec(
      unsubscribe ?? "",
    )?.[1];
    expect(token, `List-Unsubscribe: ${unsubscribe}`).toBeDefined();
    expect(unsubscribe).toBe(`<${server.url}/api/v1/reminders/unsubscribe/${token}>`);
    expect(headerLine(mail, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    expect(text).toContain(`Stop them: ${server.url}/unsubscribe/${token}`);

    // The day's note went: later rounds that morning send nothing more.
    clock = wallClock(THURSDAY, "08:30", BERLIN);
    expect(await server.reminders.runNow()).toEqual([]);
    clock = wallClock(THURSDAY, "17:00", BERLIN);
    expect(await server.reminders.runNow()).toEqual([]);
    expect(smtp.messages).toHaveLength(1);
    const status = await remindersJson({ ...ctx, now: clock });
    expect(status.channels).toEqual([
      {
        channel: "email",
        lastSentAt: new Date(wallClock(THURSDAY, "08:00", BERLIN)).toISOString(),
        lastError: null,
        lastErrorAt: null,
        nextAttemptAt: null,
      },
    ]);
  });

  it("is not sent when there is nothing worth doing, and the day is not composed again", async () => {
    const ctx = await freshContext(dialect);
    await quietStory(ctx);
    const smtp = await smtpCapture();
    await saveReminderSettings(ctx, { email: { address: "sam@quiet.example" } });
    let clock = wallClock(THURSDAY, "08:00", BERLIN);
    const server = await reminderServer(ctx.store, {
      clock: () => clock,
      env: { GOODWILL_SMTP_URL: smtp.url() },
    });

    expect((await server.reminders.runNow()).map((o) => [o.kind, o.localDate, o.channel, o.outcome])).toEqual(
      [["daily", THURSDAY, "email", "empty"]],
    );
    clock += 30 * MINUTE;
    expect(await server.reminders.runNow()).toEqual([]);
    expect(smtp.state.connections).toBe(0);
    expect(smtp.messages).toEqual([]);
    const [email] = (await remindersJson({ ...ctx, now: clock })).channels;
    expect(email).toMatchObject({ channel: "email", lastSentAt: null, lastError: null });
  });

  it("stops after the unsubscribe link is posted: Friday's note is not emailed", async () => {
    const ctx = await freshContext(dialect);
    await danaStory(ctx);
    const smtp = await smtpCapture();
    await saveReminderSettings(ctx, { email: { address: DANA } });
    let clock = wallClock(THURSDAY, "08:00", BERLIN);
    const server = await reminderServer(ctx.store, {
      clock: () => clock,
      env: { GOODWILL_SMTP_URL: smtp.url() },
    });
    await server.reminders.runNow();
    await smtp.waitForMessages(1);
    const link = /^<(.+)>$/.exec(headerLine(smtp.messages[0]?.mail as never, "List-Unsubscribe") ?? "")?.[1];
    if (!link) throw new Error("no List-Unsubscribe link");

    // Opening it (a mail program's preview, a scanner) changes nothing; no sign-in is asked.
    const looked = await fetch(link);
    expect(looked.status).toBe(200);
    expect(await looked.json()).toEqual({ address: DANA, unsubscribed: false });

    // A link that was tampered with is not one Goodwill made: it stops nothing.
    const tampered = link.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    expect((await fetch(tampered, { method: "POST" })).status).toBe(404);
    expect(await fetch(link).then((r) => r.json())).toEqual({ address: DANA, unsubscribed: false });

    // The one-click POST a mail program sends.
    const posted = await fetch(link, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(posted.status).toBe(200);
    expect(await posted.json()).toEqual({ address: DANA, unsubscribed: true });
    expect(await fetch(link).then((r) => r.json())).toEqual({ address: DANA, unsubscribed: true });

    clock = wallClock(FRIDAY, "08:00", BERLIN);
    expect(await server.reminders.runNow()).toEqual([]);
    clock = wallClock(FRIDAY, "12:00", BERLIN);
    expect(await server.reminders.runNow()).toEqual([]);
    expect(smtp.messages).toHaveLength(1);
    const status = await remindersJson({ ...ctx, now: clock });
    expect(status.email).toMatchObject({ address: DANA, unsubscribedAt: expect.any(String) });
  });
});
