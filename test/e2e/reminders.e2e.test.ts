/**
 * Reminders in the browser (issue 13): Settings → Reminders saves email and webhook and sends a test
 * through them, this browser subscribes to push, and the links in a note (a one-tap action, the
 * unsubscribe link) work from a browser that is not signed in. Everything stays on this machine: a
 * local SMTP server, a local webhook receiver and a local stand-in for the browser's push service.
 */
import { createECDH, randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterEach, expect, it } from "vitest";
import { webhookSignature } from "../../src/app/reminders/channels.js";
import { describeEachDialect } from "../support/stores.js";
import { goodwill, openPage, signedIn, startServer, useBrowser, withDemo } from "./support.js";

// http_ece ships no types: the one function used, typed here.
const ece = createRequire(import.meta.url)("http_ece") as {
  decrypt(
    body: Buffer,
    params: { version: "aes128gcm"; privateKey: ReturnType<typeof createECDH>; authSecret: string },
  ): Buffer;
};

useBrowser();

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await (closers.pop() as () => Promise<void>)();
});

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A local HTTP receiver: the webhook's address and the stand-in push service. */
async function receiver(): Promise<{ url: string; requests: Received[] }> {
  const requests: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      requests.push({ path: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks) });
      // a push service answers 201 Created; a webhook anything in 2xx
      response.writeHead(request.url?.startsWith("/push/") ? 201 : 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

/** A local mail server that keeps every message, parsed. */
async function mailServer(): Promise<{ url: string; mails: ParsedMail[] }> {
  const mails: ParsedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          mails.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise((resolve) => smtp.close(() => resolve())));
  return { url: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`, mails };
}

/**
 * Why a stub: playwright's browser contexts are incognito, and Chrome has no Push API there ("Chrome
 * currently does not support the Push API in incognito mode"); in a persistent profile, headless
 * chromium without network has no push service and the browser closes on subscribe. So
 * PushManager's subscribe and getSubscription are replaced by ones that hand out a subscription
 * for the test's stand-in push service, with keys the test holds, and remember the server key they
 * were asked with. Everything else is real: the permission prompt, the service worker, the request
 * to the server, web-push's encryption and VAPID signature, and the decryption below.
 */
function stubPushManager(subscription: { endpoint: string; keys: { p256dh: string; auth: string } }) {
  // A string: the tests are type-checked without the DOM's types.
  return `(() => {
    const stub = ${JSON.stringify(subscription)};
    const KEY = "test.stub-push-key";
    const bytes = (text) => Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
    const make = (key) => ({
      endpoint: stub.endpoint,
      expirationTime: null,
      options: { userVisibleOnly: true, applicationServerKey: bytes(key).buffer },
      getKey: () => null,
      toJSON: () => ({ endpoint: stub.endpoint, expirationTime: null, keys: stub.keys }),
      unsubscribe: async () => { localStorage.removeItem(KEY); return true; },
    });
    PushManager.prototype.subscribe = async function (options) {
      const key = btoa(String.fromCharCode(...new Uint8Array(options.applicationServerKey)))
        .replace(/\\+/g, "-").replace(/\\//g, "_").replace(/=+$/, "");
      localStorage.setItem(KEY, key);
      return make(key);
    };
    PushManager.prototype.getSubscription = async function () {
      const key = localStorage.getItem(KEY);
      return key ? make(key) : null;
    };
  })();`;
}

/**
 * The demo, with the daily note and the weekly plan off: the server's scheduler runs on a clock past
 * 08:00 and would otherwise send today's note beside the test messages these tests count.
 */
function withDemoUnscheduled(storeUrl: string): void {
  withDemo(storeUrl);
  goodwill(storeUrl, ["remind", "settings", "--daily", "off", "--weekly", "off"]);
}

describeEachDialect("the web app: reminders", (dialect) => {
  it("email and webhook are saved in Settings, a bad address is refused beside its field, and a test goes through both", async () => {
    const smtp = await mailServer();
    const hook = await receiver();
    const server = await startServer(dialect, { prepare: withDemoUnscheduled });
    const { page, problems } = await signedIn(server);
    await page.goto(`${server.url}/settings`);
    const region = page.getByRole("region", { name: "Reminders" });
    const form = region.getByRole("form", { name: "Reminder settings" });
    const sendTo = form.getByLabel("Send to");
    const webhookAddress = form.getByLabel("Address", { exact: true });
    const save = form.getByRole("button", { name: "Save reminders" });
    // What the field's aria-describedby points at: the message beside it.
    const messageBeside = async (field: typeof sendTo) =>
      page.locator(`[id="${await field.getAttribute("aria-describedby")}"]`).textContent();

    await sendTo.fill("ann@example");
    await save.click();
    await expect.poll(() => sendTo.getAttribute("aria-invalid")).toBe("true");
    expect(await messageBeside(sendTo)).toContain('"ann@example" is not an email address');
    // said once, beside the field, not again under the form
    expect(await form.locator(".form-error").count()).toBe(0);

    await sendTo.fill("ann@example.com");
    await form.getByLabel("Mail server (optional)").fill(smtp.url);
    await webhookAddress.fill(`${hook.url}/goodwill`);
    await form.getByLabel("Format").selectOption("json");
    await save.click();
    await form.getByText("Saved.").waitFor();
    expect(await sendTo.getAttribute("aria-invalid")).toBeNull();
    const secret = (await region.getByTestId("webhook-secret").textContent()) as string;
    expect(secret).toMatch(/^whsec_/);

    await page.reload();
    const again = page.getByRole("form", { name: "Reminder settings" });
    await expect.poll(() => again.getByLabel("Send to").inputValue()).toBe("ann@example.com");
    expect(await again.getByLabel("Mail server (optional)").inputValue()).toBe(smtp.url);
    expect(await again.getByLabel("Address", { exact: true }).inputValue()).toBe(`${hook.url}/goodwill`);
    // the secret was shown once
    expect(await region.getByTestId("webhook-secret").count()).toBe(0);
    const channels = region.getByRole("list", { name: "How the last sends went" });
    await channels.getByText("Email to ann@example.com").waitFor();
    await channels.getByText("Webhook to 127.0.0.1").waitFor();

    await region.getByRole("button", { name: "Send a test" }).click();
    const results = region.getByRole("list", { name: "Test results" });
    await expect.poll(() => results.locator("li").count()).toBe(2);
    expect(await results.locator("li").allTextContents()).toEqual([
      "Email to ann@example.com Sent",
      expect.stringMatching(/^Webhook to 127\.0\.0\.1:\d+ Sent$/),
    ]);
    // The server's scheduler may send today's note meanwhile (its clock is past 08:00): count the tests.
    const testMails = () => smtp.mails.filter((m) => m.subject === "Goodwill: a test reminder");
    const testPosts = () =>
      hook.requests.filter((r) => r.body.toString().includes('"Goodwill: a test reminder"'));
    await expect.poll(() => testMails().length).toBe(1);
    const unsubscribeHeader = testMails()[0]?.headerLines.find((h) => h.key === "list-unsubscribe");
    expect(unsubscribeHeader?.line).toMatch(`<${server.url}/api/v1/reminders/unsubscribe/`);
    await expect.poll(() => testPosts().length).toBe(1);
    const post = testPosts()[0] as Received;
    expect(post.path).toBe("/goodwill");
    // the receiver checks the signature with the secret Settings showed
    const timestamp = Number(post.headers["goodwill-timestamp"]);
    expect(post.headers["goodwill-signature"]).toBe(
      webhookSignature(secret, timestamp, post.body.toString()),
    );
    expect(JSON.parse(post.body.toString())).toMatchObject({ subject: "Goodwill: a test reminder" });

    // a webhook address that is no web address is refused beside that field
    await webhookAddress.fill("ftp://example.com/hook");
    await save.click();
    await expect.poll(() => webhookAddress.getAttribute("aria-invalid")).toBe("true");
    expect(await messageBeside(webhookAddress)).toContain("must be an http:// or https:// address");
    expect(problems).toEqual([
      expect.stringMatching(/status of 422/),
      expect.stringMatching(/status of 422/),
    ]);
  });

  it("this browser subscribes to push in Settings; a test reaches the push service encrypted for it, and the service worker shows it", async () => {
    const pushService = await receiver();
    const server = await startServer(dialect, { prepare: withDemoUnscheduled });
    const { page, problems } = await signedIn(server);
    // the browser's keys for this subscription, as a browser would make them
    const browserKey = createECDH("prime256v1");
    browserKey.generateKeys();
    const authSecret = randomBytes(16).toString("base64url");
    const endpoint = `${pushService.url}/push/this-browser`;
    await page.context().grantPermissions(["notifications"], { origin: server.url });
    await page.context().addInitScript(
      stubPushManager({
        endpoint,
        keys: { p256dh: browserKey.getPublicKey("base64url"), auth: authSecret },
      }),
    );

    await page.goto(`${server.url}/settings`);
    const region = page.getByRole("region", { name: "Reminders" });
    await region.getByRole("button", { name: "Get notes on this device" }).click();
    await region.getByText("This device gets notes.").waitFor();
    const devices = region.getByRole("list", { name: "Devices that get notes" });
    await devices.getByText("Chrome on Linux").waitFor();
    await devices.getByText("This device").waitFor();
    const { reminders } = (await (await page.request.get(`${server.url}/api/v1/reminders`)).json()) as {
      reminders: { push: { publicKey: string; subscriptions: unknown[] } };
    };
    const vapidKey = reminders.push.publicKey;
    // the browser was asked to subscribe with the server's VAPID key, through the service worker
    expect(await page.evaluate(`localStorage.getItem("test.stub-push-key")`)).toBe(vapidKey);
    expect(await page.evaluate("navigator.serviceWorker.ready.then((r) => r.active.scriptURL)")).toBe(
      `${server.url}/sw.js`,
    );

    await region.getByRole("button", { name: "Send a test" }).click();
    const results = region.getByRole("list", { name: "Test results" });
    await expect
      .poll(() => results.locator("li").allTextContents())
      .toEqual(["Push to Chrome on Linux Sent"]);
    expect(pushService.requests).toHaveLength(1);
    const pushed = pushService.requests[0] as Received;
    expect(pushed.path).toBe("/push/this-browser");
    expect(pushed.headers["content-encoding"]).toBe("aes128gcm");
    expect(pushed.headers.authorization).toMatch(new RegExp(`^vapid t=[\\w.-]+, k=${vapidKey}$`));
    const payload = ece
      .decrypt(pushed.body, { version: "aes128gcm", privateKey: browserKey, authSecret })
      .toString("utf8");
    const note = JSON.parse(payload) as { title: string; body: string; url: string; tag: string };
    expect(note).toMatchObject({ title: "Goodwill today", url: `${server.url}/` });

    // What the push service would hand the browser, given to the service worker through DevTools:
    // it shows the notification.
    const devtools = await page.context().newCDPSession(page);
    const registered = new Promise<string>((resolve) => {
      devtools.on("ServiceWorker.workerRegistrationUpdated", (event) => {
        const found = event.registrations.find((r) => r.scopeURL === `${server.url}/` && !r.isDeleted);
        if (found) resolve(found.registrationId);
      });
    });
    await devtools.send("ServiceWorker.enable");
    const registrationId = await registered;
    const shown = () =>
      page.evaluate(
        "navigator.serviceWorker.ready.then((r) => r.getNotifications()).then((all) => all.map((n) => [n.title, n.tag, n.data.url]))",
      ) as Promise<unknown[]>;
    // The service worker wakes, decrypts and shows it: on a busy machine that can take seconds, and
    // a message handed over while chromium was still starting the worker was once never shown. A
    // push service delivers again until the browser takes it: so does this, every 5 s, four times at
    // most (the note's tag makes a second delivery replace the first, not add one).
    for (let attempt = 1; attempt <= 4; attempt++) {
      await devtools.send("ServiceWorker.deliverPushMessage", {
        origin: server.url,
        registrationId,
        data: payload,
      });
      const deadline = Date.now() + 5_000;
      while ((await shown()).length === 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      if ((await shown()).length > 0) break;
    }
    expect(await shown()).toEqual([[note.title, note.tag, note.url]]);

    await devices.getByRole("button", { name: "Remove Chrome on Linux (this device)" }).click();
    await region.getByRole("button", { name: "Get notes on this device" }).waitFor();
    await expect.poll(() => devices.count()).toBe(0);
    const after = (await (
      await page.request.get(`${server.url}/api/v1/reminders`)
    ).json()) as typeof reminders;
    expect(after).toMatchObject({ reminders: { push: { subscriptions: [] } } });
    // and this browser's own subscription ended with it
    expect(await page.evaluate(`localStorage.getItem("test.stub-push-key")`)).toBeNull();
    expect(problems).toEqual([]);
  });

  it("a one-tap link from a note asks, then does it, once, without signing in; a cut link is refused in words", async () => {
    const server = await startServer(dialect, { prepare: withDemo });
    const { page } = await signedIn(server);
    const owed = async () =>
      (
        (await (await page.request.get(`${server.url}/api/v1/today`)).json()) as {
          thanksOwed: { counterpart: { name: string } }[];
        }
      ).thanksOwed.map((t) => t.counterpart.name);
    // Help received just now (the server's clock is the real one): the note's first thank-you.
    const write = { headers: { origin: server.url } };
    const added = await page.request.post(`${server.url}/api/v1/people`, {
      ...write,
      data: { name: "Mina Park" },
    });
    const mina = ((await added.json()) as { id: string }).id;
    const favor = await page.request.post(`${server.url}/api/v1/exchanges`, {
      ...write,
      data: { personId: mina, direction: "received", kind: "favor", summary: "Covered my on-call shift" },
    });
    expect(favor.status()).toBe(201);
    const { note } = (await (await page.request.get(`${server.url}/api/v1/reminders/preview`)).json()) as {
      note: { items: { person: { name: string } | null; action: { kind: string; url: string } | null }[] };
    };
    const thanks = note.items.find((i) => i.person?.name === "Mina Park" && i.action?.kind === "thanked");
    const name = "Mina Park";
    const link = thanks?.action?.url as string;
    expect(link.startsWith(`${server.url}/act/`)).toBe(true);
    expect(await owed()).toContain(name);

    // a phone's browser, not signed in
    const { page: phone, problems } = await openPage(390, 844);
    await phone.goto(link);
    await phone.getByRole("heading", { name: "From your Goodwill note" }).waitFor();
    expect(await phone.getByRole("main").textContent()).toContain(
      "Mark that you thanked Mina Park for “Covered my on-call shift”?",
    );
    expect(await phone.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    // opening the page changed nothing
    expect(await owed()).toContain(name);

    await phone.getByRole("button", { name: "Yes, I thanked them" }).click();
    await phone.getByRole("heading", { name: "Done" }).waitFor();
    await phone.getByText(`Thanked ${name}.`).waitFor();
    expect(await owed()).not.toContain(name);

    await phone.reload();
    await phone.getByRole("heading", { name: "Used already" }).waitFor();
    await phone.getByText("each link in a note works once").waitFor();
    expect(await phone.getByRole("link", { name: "Open Today in Goodwill" }).getAttribute("href")).toBe("/");

    const cut = `${link.slice(0, -4)}${link.endsWith("AAAA") ? "BBBB" : "AAAA"}`;
    await phone.goto(cut);
    await phone.getByRole("heading", { name: "Not a Goodwill link" }).waitFor();
    await phone.getByText("This link is not one Goodwill made").waitFor();
    // cut so short it is no token at all
    await phone.goto(`${server.url}/act/eyJ2`);
    await phone.getByRole("heading", { name: "Not a Goodwill link" }).waitFor();
    expect(problems).toEqual([
      expect.stringMatching(/status of 404/),
      expect.stringMatching(/status of 422/),
    ]);
  });

  it("the unsubscribe link in a reminder email stops the emails without signing in; Settings offers them again", async () => {
    const smtp = await mailServer();
    const server = await startServer(dialect, { prepare: withDemoUnscheduled });
    const { page, problems } = await signedIn(server);
    const write = { headers: { origin: server.url } };
    const saved = await page.request.patch(`${server.url}/api/v1/reminders`, {
      ...write,
      data: { email: { address: "ann@example.com", smtpUrl: smtp.url } },
    });
    expect(saved.status()).toBe(200);
    const test = await page.request.post(`${server.url}/api/v1/reminders/test`, {
      ...write,
      data: { channel: "email" },
    });
    expect((await test.json()).results).toEqual([{ channel: "email", sent: true, error: null }]);
    await expect.poll(() => smtp.mails.length).toBe(1);
    const link = /Stop them: (\S+)/.exec(smtp.mails[0]?.text ?? "")?.[1] as string;
    expect(link.startsWith(`${server.url}/unsubscribe/`)).toBe(true);
    const unsubscribedAt = async () =>
      (
        (await (await page.request.get(`${server.url}/api/v1/reminders`)).json()) as {
          reminders: { email: { unsubscribedAt: string | null } };
        }
      ).reminders.email.unsubscribedAt;

    const { page: phone, problems: phoneProblems } = await openPage(390, 844);
    await phone.goto(link);
    await phone.getByRole("heading", { name: "Stop reminder emails?" }).waitFor();
    expect(await phone.getByRole("main").textContent()).toContain("ann@example.com");
    expect(await unsubscribedAt()).toBeNull();
    await phone.getByRole("button", { name: "Stop these emails" }).click();
    await phone.getByText("Goodwill sends no more reminder emails to ann@example.com.").waitFor();
    expect(await unsubscribedAt()).not.toBeNull();
    await phone.reload();
    await phone.getByText("Goodwill already sends no reminder emails to ann@example.com.").waitFor();

    await page.goto(`${server.url}/settings`);
    const region = page.getByRole("region", { name: "Reminders" });
    await region.getByText("You stopped these emails on").waitFor();
    await region.getByRole("list", { name: "How the last sends went" }).getByText("Stopped").waitFor();
    await region.getByRole("button", { name: "Send them again" }).click();
    await region.getByText("You stopped these emails on").waitFor({ state: "detached" });
    expect(await unsubscribedAt()).toBeNull();
    expect([...problems, ...phoneProblems]).toEqual([]);
  });
});
