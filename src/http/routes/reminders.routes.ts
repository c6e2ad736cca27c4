/**
 * /api/v1/reminders: the settings of the daily note and the weekly plan, push subscriptions, a test
 * send and a preview; and the two kinds of signed link a note carries, which work without signing
 * in: one-tap actions (GET describes, POST does it, once) and unsubscribe (GET describes, POST stops).
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { loadCalendarSettings } from "../../app/calendar-settings.js";
import type { AppContext } from "../../app/context.js";
import {
  type ActionLink,
  linkKey,
  readActionToken,
  readUnsubscribeToken,
} from "../../app/reminders/links.js";
import { loadReminderSettings, unsubscribeEmail } from "../../app/reminders/settings.js";
import { localClock } from "../../domain/reminder-schedule.js";
import { GoodwillError } from "../../errors.js";
import { journaledService } from "../../service/journaled-service.js";
import { actionNonceUsedAt, releaseActionNonce, useActionNonce } from "../../storage/reminder.repository.js";
import type { Env, ServerState } from "../env.js";
import { ErrorSchema, looseObject } from "../schemas.js";
import { ERRORS, json, jsonBody } from "./route-kit.js";

const tags = ["Reminders"];

const ChannelStatus = z.object({
  channel: z.string().openapi({ description: "email, webhook or push:<subscription id>" }),
  lastSentAt: z.string().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
});

const RemindersSchema = z
  .object({
    daily: z.boolean(),
    time: z.string().openapi({ description: "local time of the daily note and the weekly plan, HH:MM" }),
    weeklyDay: z.string().nullable().openapi({ description: "mon … sun; null: no weekly plan" }),
    quietHours: z.string().openapi({ description: '"22:00-07:00", or "off"' }),
    timeZone: z.string(),
    publicUrl: z.string().nullable(),
    email: z
      .object({
        address: z.string(),
        smtpUrl: z.string().nullable().openapi({ description: "the password is never shown" }),
        from: z.string().nullable(),
        unsubscribedAt: z.string().nullable(),
      })
      .nullable(),
    webhook: z.object({ url: z.string(), format: z.string() }).nullable(),
    push: z.object({
      publicKey: z.string().openapi({ description: "the server's VAPID key: applicationServerKey" }),
      subscriptions: z.array(
        z.object({ id: z.string(), label: z.string().nullable(), createdAt: z.string() }),
      ),
    }),
    channels: z.array(ChannelStatus),
  })
  .openapi("Reminders");

const RemindersDocument = z.object({
  reminders: RemindersSchema,
  server: z.object({
    smtp: z.boolean().openapi({ description: "the server has a mail server of its own (GOODWILL_SMTP_URL)" }),
    publicUrl: z.string().openapi({ description: "where links point when the account sets no address" }),
  }),
});

const SettingsInput = z
  .object({
    daily: z.boolean().optional(),
    time: z.string().max(20).optional(),
    weeklyDay: z.string().max(20).optional().openapi({ description: "mon … sun, or off" }),
    quietHours: z.string().max(40).optional(),
    publicUrl: z.string().max(500).nullable().optional(),
    email: z
      .object({
        address: z.string().max(320),
        smtpUrl: z.string().max(1000).nullable().optional(),
        from: z.string().max(320).nullable().optional(),
      })
      .nullable()
      .optional(),
    webhook: z
      .object({ url: z.string().max(2000), format: z.string().max(10).optional() })
      .nullable()
      .optional(),
    rotateWebhookSecret: z.boolean().optional(),
  })
  .openapi("ReminderSettingsInput");

const TokenParam = z.object({ token: z.string().min(10).max(2000) });

const ActionSchema = z
  .object({
    action: z.enum(["thanked", "touched", "kept"]),
    /** what the confirmation page asks */
    question: z.string(),
    target: z.object({ kind: z.string(), id: z.string(), name: z.string() }),
    summary: z.string().nullable(),
    expiresAt: z.string(),
    usedAt: z.string().nullable(),
    expired: z.boolean(),
  })
  .openapi("ReminderAction");

function question(link: ActionLink): string {
  if (link.a === "thanked") return `Mark that you thanked ${link.n}${link.s ? ` for “${link.s}”` : ""}?`;
  if (link.a === "kept") return `Mark your promise to ${link.n} as kept: “${link.s ?? ""}”?`;
  return `Mark that you got in touch with ${link.n}?`;
}

export function registerReminderRoutes(app: OpenAPIHono<Env>, state: ServerState): void {
  const serverDoc = () => ({
    smtp: state.reminderEnv().smtpUrl !== null,
    publicUrl: state.reminderEnv().publicUrl,
  });

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/reminders",
      tags,
      summary: "When the daily note and the weekly plan go out, their channels, and how the last sends went",
      responses: { 200: json(RemindersDocument, "the reminder settings (without secrets) and their state") },
    }),
    async (c) => c.json({ ...(await c.get("service").reminders()), server: serverDoc() }, 200),
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/api/v1/reminders",
      tags,
      summary: "Change the reminder settings (what is left out stays; null turns a channel off)",
      request: { body: jsonBody(SettingsInput) },
      responses: {
        200: json(
          RemindersDocument.extend({
            webhookSecret: z
              .string()
              .nullable()
              .openapi({ description: "a new webhook's signing secret, shown this once" }),
          }),
          "the settings now in force",
        ),
        422: ERRORS[422],
      },
    }),
    async (c) =>
      c.json({ ...(await c.get("service").setReminders(c.req.valid("json"))), server: serverDoc() }, 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/reminders/push-subscriptions",
      tags,
      summary: "Keep a browser's push subscription (PushSubscription.toJSON())",
      request: {
        body: jsonBody(
          z.object({
            endpoint: z.string().min(1).max(2000),
            keys: z.object({ p256dh: z.string().min(1).max(200), auth: z.string().min(1).max(100) }),
            label: z.string().max(200).nullable().optional(),
          }),
        ),
      },
      responses: {
        201: json(
          z.object({
            subscription: z.object({ id: z.string(), label: z.string().nullable(), createdAt: z.string() }),
          }),
          "subscribed",
        ),
        422: ERRORS[422],
      },
    }),
    async (c) => c.json(await c.get("service").addPushSubscription(c.req.valid("json")), 201),
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/api/v1/reminders/push-subscriptions/{id}",
      tags,
      summary: "Stop push notes to a browser",
      request: { params: z.object({ id: z.string().min(1).max(100) }) },
      responses: { 200: json(z.object({ removed: z.string() }), "removed"), 404: ERRORS[404] },
    }),
    async (c) => c.json(await c.get("service").removePushSubscription(c.req.valid("param").id), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/reminders/preview",
      tags,
      summary: "The daily note or the weekly plan as it would go out now (null: nothing worth sending)",
      request: { query: z.object({ kind: z.enum(["daily", "weekly"]).default("daily") }) },
      responses: {
        200: json(z.object({ note: looseObject("ReminderNote").nullable(), text: z.string() }), "the note"),
      },
    }),
    async (c) => {
      const ctx = c.get("ctx");
      const { composeNote } = await import("../../app/reminders/note.js");
      const { noteText } = await import("../../formats/write/reminder-message.js");
      const settings = await loadReminderSettings(ctx);
      const { timeZone } = await loadCalendarSettings(ctx);
      const baseUrl = settings.publicUrl ?? state.reminderEnv().publicUrl;
      const note = await composeNote(
        ctx,
        { baseUrl, key: await linkKey(ctx.db, ctx.now) },
        c.req.valid("query").kind,
        localClock(ctx.now, timeZone).date,
      );
      return c.json({ note, text: note ? noteText(note) : "" }, 200) as never;
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/reminders/test",
      tags,
      summary: "Send a short test message now through the channels that are on (not counted as a note)",
      request: {
        body: jsonBody(z.object({ channel: z.enum(["email", "push", "webhook"]).optional() })),
      },
      responses: {
        200: json(
          z.object({
            results: z.array(
              z.object({ channel: z.string(), sent: z.boolean(), error: z.string().nullable() }),
            ),
          }),
          "what each channel did",
        ),
      },
    }),
    async (c) => {
      const { sendTest } = await import("../../app/reminders/deliver.js");
      const body = c.req.valid("json");
      const results = await sendTest({
        store: state.options.store,
        ctx: c.get("ctx"),
        env: state.reminderEnv(),
        ...(body.channel ? { channels: [body.channel] } : {}),
        ...(state.options.reminders?.senders ? { senders: state.options.reminders.senders } : {}),
      });
      return c.json({ results }, 200);
    },
  );

  /** The account a signed link names, acting now: the link is its permission. */
  const contextOf = (ownerId: string): AppContext => ({
    store: state.options.store,
    db: state.options.store.db,
    ownerId,
    now: state.now(),
  });

  // The links in a note: no sign-in, the signed token is the permission (for that one thing).
  const readAction = async (token: string) => {
    const key = await linkKey(state.options.store.db, state.now());
    const link = readActionToken(key, token);
    if (!link || !(await state.mayActAs(link.o)))
      throw new GoodwillError(
        "not_found",
        "This link is not one Goodwill made, or it was cut short: open Today in Goodwill instead.",
      );
    return link;
  };
  const describe = async (link: ActionLink) => ({
    action: link.a,
    question: question(link),
    target: { kind: link.t, id: link.i, name: link.n },
    summary: link.s,
    expiresAt: new Date(link.e).toISOString(),
    usedAt: await actionNonceUsedAt(state.options.store.db, link.o, link.x),
    expired: link.e <= state.now(),
  });

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/reminders/actions/{token}",
      tags,
      summary: "What a one-tap link from a note would do (changes nothing)",
      security: [],
      request: { params: TokenParam },
      responses: { 200: json(ActionSchema, "the action"), 404: json(ErrorSchema, "no such link") },
    }),
    async (c) => c.json(await describe(await readAction(c.req.valid("param").token)), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/reminders/actions/{token}",
      tags,
      summary: "Do what a one-tap link says (once; the link expires after 7 days)",
      security: [],
      request: { params: TokenParam },
      responses: {
        200: json(
          z.object({ done: z.literal(true), message: z.string(), undo: z.string().nullable() }),
          "done (undo it from Settings → Recent changes)",
        ),
        404: json(ErrorSchema, "no such link"),
        409: json(ErrorSchema, "the link was used already, or has expired"),
      },
    }),
    async (c) => {
      const link = await readAction(c.req.valid("param").token);
      const { store } = state.options;
      const now = state.now();
      if (link.e <= now)
        throw new GoodwillError(
          "conflict",
          `This link expired on ${new Date(link.e).toISOString().slice(0, 10)}: links in a note work for 7 days. Open Today in Goodwill to do it there.`,
        );
      const nowIso = new Date(now).toISOString();
      if (!(await useActionNonce(store.db, link.o, link.x, nowIso))) {
        const usedAt = await actionNonceUsedAt(store.db, link.o, link.x);
        throw new GoodwillError(
          "conflict",
          `This link was used already${usedAt ? ` (${usedAt.slice(0, 16).replace("T", " ")} UTC)` : ""}: each link in a note works once.`,
        );
      }
      const ctx: AppContext = { store, db: store.db, ownerId: link.o, now };
      let undo: string | null = null;
      const service = journaledService(ctx, { onUndoable: (u) => (undo = u.id) });
      try {
        const message = await performAction(service, link);
        // Like every write the API answers: the id that undoes it, for the web app's Undo.
        if (undo) c.header("Goodwill-Undo", undo);
        return c.json({ done: true as const, message, undo }, 200);
      } catch (error) {
        // The link is still good for another try once whatever went wrong is put right.
        await releaseActionNonce(store.db, link.o, link.x).catch(() => {});
        throw error;
      }
    },
  );

  const readUnsubscribe = async (token: string) => {
    const key = await linkKey(state.options.store.db, state.now());
    const link = readUnsubscribeToken(key, token);
    if (!link || !(await state.mayActAs(link.o)))
      throw new GoodwillError(
        "not_found",
        "This unsubscribe link is not one Goodwill made, or it was cut short.",
      );
    return link;
  };

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/reminders/unsubscribe/{token}",
      tags,
      summary: "Whom an unsubscribe link stops emails to (changes nothing)",
      security: [],
      request: { params: TokenParam },
      responses: {
        200: json(z.object({ address: z.string(), unsubscribed: z.boolean() }), "the address"),
        404: json(ErrorSchema, "no such link"),
      },
    }),
    async (c) => {
      const link = await readUnsubscribe(c.req.valid("param").token);
      const ctx = contextOf(link.o);
      const email = (await loadReminderSettings(ctx)).email;
      const current = email !== null && email.address.toLowerCase() === link.a.toLowerCase();
      return c.json({ address: link.a, unsubscribed: !current || email.unsubscribedAt !== null }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/reminders/unsubscribe/{token}",
      tags,
      summary: "Stop reminder emails (RFC 8058 one-click unsubscribe; any body)",
      security: [],
      request: { params: TokenParam },
      responses: {
        200: json(z.object({ address: z.string(), unsubscribed: z.literal(true) }), "no more emails"),
        404: json(ErrorSchema, "no such link"),
      },
    }),
    async (c) => {
      const link = await readUnsubscribe(c.req.valid("param").token);
      const ctx = contextOf(link.o);
      await unsubscribeEmail(ctx, link.a);
      state.options.logger?.info({ owner: link.o }, "reminder emails unsubscribed");
      return c.json({ address: link.a, unsubscribed: true as const }, 200);
    },
  );
}

async function performAction(
  service: ReturnType<typeof journaledService>,
  link: ActionLink,
): Promise<string> {
  if (link.a === "thanked") {
    await service.recordExchange(link.t === "department" ? { departmentId: link.i } : { personId: link.i }, {
      direction: "gave",
      kind: "thanks",
      summary: link.s ? `Thanked them for: ${link.s}` : "Said thank you",
    });
    return `Thanked ${link.n}.`;
  }
  if (link.a === "kept") {
    await service.completePromise(link.i);
    return `Done: ${link.s ?? "the promise"}.`;
  }
  await service.logInteraction({
    personIds: [link.i],
    summary: `Got in touch with ${link.n}`,
    channel: "message",
    initiatedBy: "me",
  });
  return `Got in touch with ${link.n}.`;
}
