/**
 * The types every part of the HTTP server shares: what createApp is given, what lives for the
 * server's lifetime (ServerState), and what a request carries once signed in (Env). Route files and
 * middleware import them from here, not from hono-app.ts, which imports them all.
 */
import type { Logger } from "pino";
import type { AppContext } from "../app/context.js";
import type { Senders } from "../app/reminders/deliver.js";
import type { ReminderEnvironment } from "../app/reminders/environment.js";
import type { GoodwillService } from "../service/goodwill-service.js";
import type { Store } from "../storage/store.js";
import type { LoginThrottle } from "./login-throttle.js";

export interface ServerOptions {
  store: Store;
  logger?: Logger;
  /** host:port the server is bound to; in local mode other Host headers are refused (DNS rebinding) */
  boundHosts?: string[];
  /** the one-time login token printed at start in local mode */
  localLoginToken?: string;
  /** the domain of forwarding addresses (src/app/capture/forwarding.ts) */
  mailDomain?: string;
  /** the clock, for tests */
  clock?: () => number;
  /** reminders: the environment they are sent with (read when needed), and senders for tests */
  reminders?: { env?: () => ReminderEnvironment; senders?: Senders };
}

export type Env = {
  Variables: {
    ownerId: string;
    service: GoodwillService;
    ctx: AppContext;
    authenticatedBy: "cookie" | "token";
  };
};

export interface ServerState {
  options: ServerOptions;
  now(): number;
  /** the local owner's id, when the store has no accounts */
  localOwnerId(): Promise<string | null>;
  /**
   * Whether a session or token of this owner may be used now: in team mode only an account's. A
   * browser signed in (or a token made) in local mode loses the local owner once the first account
   * exists, as deploy.md promises: nobody signs in to the local owner on a team server.
   */
  mayActAs(ownerId: string): Promise<boolean>;
  throttle: LoginThrottle;
  /** the one-time local login token, until it is used */
  consumeLocalLoginToken(token: string): boolean;
  /** JSON restores running now (see import.routes.ts: they are capped per server) */
  restoresRunning: number;
  /** the mail server, public address and push contact reminders use */
  reminderEnv(): ReminderEnvironment;
}
