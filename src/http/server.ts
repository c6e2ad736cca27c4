/** `goodwill serve`: the HTTP server on a port, with its mode announced and a clean shutdown. */
import { randomBytes } from "node:crypto";
import {
  createServer as createHttpServer,
  type ServerOptions as HttpServerOptions,
  type RequestListener,
} from "node:http";
import { serve } from "@hono/node-server";
import pino from "pino";
import { hasAccounts } from "../app/accounts.js";
import { deliverForwarded, mailDomain } from "../app/capture/forwarding.js";
import type { Senders } from "../app/reminders/deliver.js";
import { reminderEnvironment } from "../app/reminders/environment.js";
import type { Store } from "../storage/store.js";
import type { ServerOptions } from "./env.js";
import { createApp } from "./hono-app.js";
import { hotPersonRead } from "./hot-read.js";
import { type ReminderScheduler, startReminderScheduler } from "./reminder-scheduler.js";
import type { Deliver, SmtpListener } from "./smtp-listener.js";

export interface RunningServer {
  url: string;
  loginUrl: string | null;
  /** the reminder scheduler: `runNow()` does a round at once */
  reminders: ReminderScheduler;
  /** the forwarding address's SMTP port, when it listens */
  smtpPort: number | null;
  close(): Promise<void>;
}

export async function startServer(options: {
  store: Store;
  host: string;
  port: number;
  log?: boolean;
  /** the environment (GOODWILL_SMTP_URL, GOODWILL_PUBLIC_URL …); the process's unless given */
  env?: Record<string, string | undefined>;
  reminders?: {
    /** the clock rounds run at (GOODWILL_NOW in tests) */
    clock?: () => number;
    senders?: Senders;
    /** false: rounds only on runNow() */
    timer?: boolean;
  };
  /** the forwarding address: its SMTP port (0 picks one), its domain, and a delivery for tests */
  smtp?: { port: number | null; mailDomain?: string; deliver?: Deliver };
}): Promise<RunningServer> {
  const logger = pino(
    { level: options.log === false ? "silent" : "info", base: undefined },
    pino.destination(2),
  );
  const team = await hasAccounts(options.store.db);
  const localLoginToken = team ? undefined : randomBytes(24).toString("base64url");
  const displayHost = options.host.includes(":") ? `[${options.host}]` : options.host;

  let port = options.port;
  // Filled in once the port is known (port 0 picks a free one), before the first request.
  const boundHosts: string[] = [];
  // On every interface there is no one name to hold requests to; the check is for loopback.
  const wildcard = options.host === "0.0.0.0" || options.host === "::";
  let url = "";
  const reminderEnv = () => reminderEnvironment(options.env ?? process.env, url);
  const domain = mailDomain(options.env ?? process.env, options.smtp?.mailDomain);
  const appOptions: ServerOptions = {
    store: options.store,
    mailDomain: domain,
    logger,
    reminders: {
      env: reminderEnv,
      ...(options.reminders?.senders ? { senders: options.reminders.senders } : {}),
    },
    ...(wildcard ? {} : { boundHosts }),
    ...(localLoginToken ? { localLoginToken } : {}),
  };
  const app = createApp(appOptions);
  // A read of a person the read cache can answer whole is answered before the app (hot-read.ts).
  const hot = hotPersonRead(appOptions);
  const withHotRead = (serverOptions: HttpServerOptions, listener: RequestListener) =>
    createHttpServer(serverOptions, (req, res) => {
      if (!hot(req, res)) listener(req, res);
    });
  // node-server calls it as (options, listener) only; its type is node's overloaded createServer.
  const createServer = withHotRead as typeof createHttpServer;
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: options.host, port, createServer }, (info) => {
      port = info.port;
      resolve(s);
    });
    s.once("error", reject);
  });
  boundHosts.push(`${displayHost}:${port}`);
  if (options.host === "127.0.0.1" || options.host === "::1") boundHosts.push(`localhost:${port}`);

  url = `http://${displayHost}:${port}`;
  const reminders = startReminderScheduler({
    store: options.store,
    clock: options.reminders?.clock ?? Date.now,
    env: reminderEnv,
    logger,
    ...(options.reminders?.senders ? { senders: options.reminders.senders } : {}),
    ...(options.reminders?.timer === false ? { timer: false } : {}),
  });
  const closeHttp = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    });
  let smtp: SmtpListener | null = null;
  const smtpPort = options.smtp?.port;
  if (smtpPort !== null && smtpPort !== undefined) {
    const clock = options.reminders?.clock ?? Date.now;
    try {
      // smtp-server loads only when the forwarding address listens.
      const { startSmtpListener } = await import("./smtp-listener.js");
      smtp = await startSmtpListener({
        store: options.store,
        host: options.host,
        port: smtpPort,
        name: domain,
        logger,
        deliver: options.smtp?.deliver ?? deliverForwarded(options.store, clock),
      });
    } catch (error) {
      await reminders.stop();
      await closeHttp();
      throw Object.assign(error as Error, { smtpPort });
    }
    logger.info({ smtp: "listening", port: smtp.port }, "smtp");
  }
  return {
    url,
    smtpPort: smtp?.port ?? null,
    loginUrl: localLoginToken ? `${url}/api/v1/auth/local?token=${localLoginToken}` : null,
    reminders,
    close: async () => {
      await reminders.stop();
      await smtp?.close();
      await closeHttp();
    },
  };
}
