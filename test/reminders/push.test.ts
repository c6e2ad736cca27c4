/*
 * The daily note by Web Push, to a stand-in push service on this machine: the browser subscribes
 * through the API, the note reaches it encrypted for its keys only (decrypted here as the browser
 * would) and signed with the server's VAPID key; a push service that says the subscription is gone
 * (410) has it removed, and Settings says why that browser gets no more notes.
 */
import { expect, it } from "vitest";
import { deliverDue } from "../../src/app/reminders/deliver.js";
import { createApp } from "../../src/http/hono-app.js";
import { tokenCaller } from "../http/support.js";
import { describeEachDialect, freshStore, NOW } from "../support/stores.js";
import { danaStory, FRIDAY, THURSDAY, teamAccount } from "./story.js";
import {
  browserPushKeys,
  capturedLog,
  decryptPush,
  httpReceiver,
  reminderEnv,
  vapidClaims,
  wallClock,
} from "./support.js";

const BERLIN = "Europe/Berlin";

async function danaWithPush(dialect: Parameters<typeof freshStore>[0]) {
  const { store } = await freshStore(dialect);
  const dana = await teamAccount(store, "dana@northwind.example", "Dana Whitfield");
  await danaStory(dana.ctx);
  const push = await httpReceiver();
  const env = reminderEnv({ publicUrl: "https://goodwill.northwind.example" });
  let clock = NOW;
  const app = createApp({ store, clock: () => clock, reminders: { env: () => env } });
  const call = tokenCaller(app, dana.token);
  /** A browser subscribes from Settings: PushSubscription.toJSON() is posted as it is. */
  const subscribe = async (name: string, label: string) => {
    const keys = browserPushKeys();
    const endpoint = `${push.url}/wpush/${name}`;
    const answer = await call("POST", "/api/v1/reminders/push-subscriptions", {
      endpoint,
      keys: { p256dh: keys.p256dh, auth: keys.auth },
      label,
    });
    expect(answer.status).toBe(201);
    return { keys, endpoint, path: `/wpush/${name}`, id: answer.body.subscription.id as string };
  };
  return { store, dana, push, env, call, subscribe, setClock: (at: number) => (clock = at) };
}

describeEachDialect("the daily note by Web Push", (dialect) => {
  it("reaches a subscribed browser, encrypted for its keys and signed with the server's VAPID key", async () => {
    const { store, push, env, call, subscribe } = await danaWithPush(dialect);
    // Subscribing her laptop is all Dana did in Settings: the defaults (daily, 08:00) apply.
    const laptop = await subscribe("laptop-1", "Dana's laptop");
    const { reminders } = (await call("GET", "/api/v1/reminders")).body;
    expect(reminders.push.subscriptions).toEqual([
      { id: laptop.id, label: "Dana's laptop", createdAt: new Date(NOW).toISOString() },
    ]);
    const serverKey: string = reminders.push.publicKey;
    expect(Buffer.from(serverKey, "base64url")).toHaveLength(65);

    const early = wallClock(THURSDAY, "07:45", BERLIN);
    expect(await deliverDue({ store, now: early, env })).toEqual([]);
    const at = wallClock(THURSDAY, "08:00", BERLIN);
    const outcomes = await deliverDue({ store, now: at, env });
    expect(outcomes.map((o) => [o.channel, o.outcome])).toEqual([[`push:${laptop.id}`, "sent"]]);
    await push.waitForRequests(1);
    const [request] = push.requests;
    if (!request) throw new Error("no push request");

    expect(request.method).toBe("POST");
    expect(request.path).toBe(laptop.path);
    expect(request.headers["content-encoding"]).toBe("aes128gcm");
    expect(request.headers.ttl).toBe(String(12 * 3600));
    expect(request.headers.urgency).toBe("normal");
    // One message per note and day: a resend would replace it at the push service, not add one.
    expect(request.headers.topic).toBe(`daily-${THURSDAY}`);
    expect(vapidClaims(request.headers.authorization, at)).toMatchObject({
      signed: true,
      alg: "ES256",
      publicKey: serverKey,
      aud: push.url,
      sub: expect.stringMatching(/^mailto:/),
      expired: false,
    });

    // What the browser shows: the note's first three things, and a tap opens Today.
    expect(JSON.parse(decryptPush(request.body, laptop.keys))).toEqual({
      title: "Goodwill today",
      body: [
        "Thank Kevin Liu",
        "Keep your promise to Priya Shah",
        "Marta Kowalski: birthday tomorrow",
        "… and 1 more",
      ].join("\n"),
      url: "https://goodwill.northwind.example/",
      tag: `goodwill-daily-${THURSDAY}`,
    });
    // Only that browser can read it.
    expect(() => decryptPush(request.body, browserPushKeys())).toThrow();

    // Sent once: the rest of the morning adds nothing.
    expect(await deliverDue({ store, now: at + 3_600_000, env })).toEqual([]);
    expect(push.requests).toHaveLength(1);
    const status = (await call("GET", "/api/v1/reminders")).body.reminders;
    expect(status.channels).toEqual([
      {
        channel: `push:${laptop.id}`,
        lastSentAt: new Date(at).toISOString(),
        lastError: null,
        lastErrorAt: null,
        nextAttemptAt: null,
      },
    ]);
  });

  it("removes a subscription the push service says is gone (410), and Settings says so", async () => {
    const { store, push, env, call, subscribe, setClock } = await danaWithPush(dialect);
    const laptop = await subscribe("laptop-1", "Dana's laptop");
    const phone = await subscribe("old-phone", "Dana's old phone");
    // The old phone's browser was reset: its subscription is no more.
    push.answerWith((request) => (request.path === phone.path ? 410 : 201));
    const { logger, lines } = capturedLog();

    const at = wallClock(THURSDAY, "08:00", BERLIN);
    const outcomes = await deliverDue({ store, now: at, env, logger });
    const host = new URL(push.url).host;
    const gone = `This browser's push subscription has expired (410 from ${host}): it was removed. Subscribe again in Settings → Reminders.`;
    expect(outcomes.map((o) => [o.channel, o.outcome, o.error ?? null])).toEqual([
      [`push:${laptop.id}`, "sent", null],
      [`push:${phone.id}`, "failed", gone],
    ]);
    expect(lines.filter((l) => l.msg.startsWith("reminder not sent")).map((l) => l.msg)).toEqual([
      `reminder not sent: ${gone}`,
    ]);

    const { reminders } = (await call("GET", "/api/v1/reminders")).body;
    expect(reminders.push.subscriptions.map((s: { label: string }) => s.label)).toEqual(["Dana's laptop"]);
    expect(reminders.channels).toEqual([
      {
        channel: `push:${laptop.id}`,
        lastSentAt: new Date(at).toISOString(),
        lastError: null,
        lastErrorAt: null,
        nextAttemptAt: null,
      },
      {
        channel: `push:${phone.id}`,
        lastSentAt: null,
        lastError: gone,
        lastErrorAt: new Date(at).toISOString(),
        nextAttemptAt: null,
      },
    ]);

    // Friday: the laptop gets its note; the old phone is asked nothing more.
    const friday = wallClock(FRIDAY, "08:00", BERLIN);
    expect((await deliverDue({ store, now: friday, env })).map((o) => [o.channel, o.outcome])).toEqual([
      [`push:${laptop.id}`, "sent"],
    ]);
    expect(push.requests.map((r) => r.path)).toEqual([laptop.path, phone.path, laptop.path]);

    // Subscribing that browser again answers the error: Settings no longer shows it.
    setClock(friday + 60_000);
    await subscribe("new-phone", "Dana's phone");
    const after = (await call("GET", "/api/v1/reminders")).body.reminders;
    expect(after.channels.map((c: { channel: string }) => c.channel)).not.toContain(`push:${phone.id}`);
  });
});
