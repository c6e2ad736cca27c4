/*
 * The daily note by webhook, to a receiver on this machine that checks what a real receiver should:
 * `Goodwill-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` with the secret
 * Settings showed once. JSON for chat bridges and Home Assistant; plain text and a Title for ntfy.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { expect, it } from "vitest";
import { deliverDue } from "../../src/app/reminders/deliver.js";
import { createApp } from "../../src/http/hono-app.js";
import { tokenCaller } from "../http/support.js";
import { describeEachDialect, freshStore, NOW, type TestDialect } from "../support/stores.js";
import { danaStory, FRIDAY, THURSDAY, teamAccount } from "./story.js";
import { httpReceiver, type ReceivedRequest, reminderEnv, wallClock } from "./support.js";

const BERLIN = "Europe/Berlin";
const PUBLIC_URL = "https://goodwill.northwind.example";

/** A receiver's check, written from the documentation (not from Goodwill's code). */
function verify(request: ReceivedRequest, secret: string): { valid: boolean; timestamp: number } {
  const header = request.headers["goodwill-signature"];
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(typeof header === "string" ? header : "");
  if (!match?.[1] || !match[2]) return { valid: false, timestamp: Number.NaN };
  const expected = createHmac("sha256", secret).update(`${match[1]}.`).update(request.body).digest();
  return { valid: timingSafeEqual(expected, Buffer.from(match[2], "hex")), timestamp: Number(match[1]) };
}

async function danaWithWebhook(dialect: TestDialect) {
  const { store } = await freshStore(dialect);
  const dana = await teamAccount(store, "dana@northwind.example", "Dana Whitfield");
  await danaStory(dana.ctx);
  const receiver = await httpReceiver();
  receiver.answerWith(() => 200);
  const env = reminderEnv({ publicUrl: PUBLIC_URL });
  const app = createApp({ store, clock: () => NOW, reminders: { env: () => env } });
  return { store, dana, receiver, env, call: tokenCaller(app, dana.token) };
}

describeEachDialect("the daily note by webhook", (dialect) => {
  it("posts the note as JSON, signed with the secret shown once when the webhook was set", async () => {
    const { store, dana, receiver, env, call } = await danaWithWebhook(dialect);
    const hook = `${receiver.url}/hooks/goodwill`;
    const set = await call("PATCH", "/api/v1/reminders", { webhook: { url: hook } });
    expect(set.status).toBe(200);
    const secret: string = set.body.webhookSecret;
    expect(secret).toMatch(/^whsec_[\w-]{20,}$/);
    expect(set.body.reminders.webhook).toEqual({ url: hook, format: "json" });
    // Shown once: never again, not in Settings, not when something else changes.
    const shown = await call("GET", "/api/v1/reminders");
    expect(JSON.stringify(shown.body)).not.toContain(secret);
    const changed = await call("PATCH", "/api/v1/reminders", { time: "8:00", webhook: { url: hook } });
    expect(changed.body.webhookSecret).toBeNull();
    expect(JSON.stringify(changed.body)).not.toContain(secret);

    const at = wallClock(THURSDAY, "08:00", BERLIN);
    expect((await deliverDue({ store, now: at, env })).map((o) => [o.channel, o.outcome])).toEqual([
      ["webhook", "sent"],
    ]);
    await receiver.waitForRequests(1);
    const [request] = receiver.requests;
    if (!request) throw new Error("no request");
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/hooks/goodwill");
    expect(request.headers["content-type"]).toBe("application/json");

    // The receiver's checks: the signature holds for this secret and this body, and is fresh.
    expect(verify(request, secret)).toEqual({ valid: true, timestamp: Math.floor(at / 1000) });
    expect(request.headers["goodwill-timestamp"]).toBe(String(Math.floor(at / 1000)));
    expect(verify(request, `${secret}x`).valid).toBe(false);
    expect(
      verify({ ...request, body: Buffer.from(request.text.replace("Kevin", "Kevan")) }, secret).valid,
    ).toBe(false);

    const document = JSON.parse(request.text);
    expect(document).toMatchObject({
      type: "goodwill.reminder.daily",
      delivery: `daily-${THURSDAY}-${dana.ownerId}`,
      date: THURSDAY,
      subject: "Goodwill for Thursday: Thank Kevin Liu and 3 more things",
      url: `${PUBLIC_URL}/`,
      days: [],
    });
    expect(request.headers["goodwill-delivery"]).toBe(document.delivery);
    expect(document.items.map((i: { title: string }) => i.title)).toEqual([
      "Thank Kevin Liu",
      "Keep your promise to Priya Shah",
      "Marta Kowalski: birthday tomorrow",
      "Get in touch with Tom Becker",
    ]);
    expect(document.items[0].link).toMatch(new RegExp(`^${PUBLIC_URL}/people/[\\w-]+$`));
    expect(document.items[0].action).toMatchObject({ kind: "thanked", label: "I thanked them" });
    expect(document.text).toContain("For “fixed my laptop”, yesterday.");

    // Once a day.
    expect(await deliverDue({ store, now: at + 2 * 3_600_000, env })).toEqual([]);
    expect(receiver.requests).toHaveLength(1);
  });

  it("sends ntfy plain text with a Title header, signed the same way", async () => {
    const { store, receiver, env, call } = await danaWithWebhook(dialect);
    const set = await call("PATCH", "/api/v1/reminders", {
      webhook: { url: `${receiver.url}/goodwill-dana`, format: "ntfy" },
    });
    expect(set.body.reminders.webhook.format).toBe("ntfy");
    const secret: string = set.body.webhookSecret;

    const at = wallClock(THURSDAY, "08:00", BERLIN);
    await deliverDue({ store, now: at, env });
    await receiver.waitForRequests(1);
    const [request] = receiver.requests;
    if (!request) throw new Error("no request");
    expect(request.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(request.text.startsWith("4 things worth doing today.\n\n1. Thank Kevin Liu\n")).toBe(true);
    expect(request.text).toContain("Everything for today: https://goodwill.northwind.example/");
    expect(() => JSON.parse(request.text)).toThrow();
    // ntfy's Title header, RFC 2047 so that any name survives the trip.
    const title = /^=\?UTF-8\?B\?([A-Za-z0-9+/=]+)\?=$/.exec(String(request.headers.title))?.[1];
    expect(Buffer.from(title ?? "", "base64").toString("utf8")).toBe(
      "Goodwill for Thursday: Thank Kevin Liu and 3 more things",
    );
    expect(request.headers.click).toBe(`${PUBLIC_URL}/`);
    expect(verify(request, secret)).toEqual({ valid: true, timestamp: Math.floor(at / 1000) });
  });

  it("signs with a new secret once it is rotated: the old one no longer verifies", async () => {
    const { store, receiver, env, call } = await danaWithWebhook(dialect);
    const first = (await call("PATCH", "/api/v1/reminders", { webhook: { url: `${receiver.url}/in` } })).body
      .webhookSecret as string;
    await deliverDue({ store, now: wallClock(THURSDAY, "08:00", BERLIN), env });
    const rotated = await call("PATCH", "/api/v1/reminders", { rotateWebhookSecret: true });
    const second = rotated.body.webhookSecret as string;
    expect(second).toMatch(/^whsec_/);
    expect(second).not.toBe(first);

    await deliverDue({ store, now: wallClock(FRIDAY, "08:00", BERLIN), env });
    await receiver.waitForRequests(2);
    const [thursday, friday] = receiver.requests as [ReceivedRequest, ReceivedRequest];
    expect(verify(thursday, first).valid).toBe(true);
    expect(verify(friday, second).valid).toBe(true);
    expect(verify(friday, first).valid).toBe(false);
  });
});
