/**
 * The HTTP API (DESIGN §4.2): Hono routes defined with @hono/zod-openapi, so /openapi.json documents
 * every one. Each request is authenticated (local-mode session, team-mode session or API token),
 * scoped to its owner, and served by the same service the CLI uses.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { getCookie } from "hono/cookie";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import type { Logger } from "pino";
import { hasAccounts, sessionOwner, tokenOwner } from "../app/accounts.js";
import type { AppContext } from "../app/context.js";
import { issueField, issueMessage } from "../app/issue-message.js";
import type { Senders } from "../app/reminders/deliver.js";
import { type ReminderEnvironment, reminderEnvironment } from "../app/reminders/environment.js";
import { createDavApp } from "../dav/dav-app.js";
import { GoodwillError } from "../errors.js";
import type { GoodwillService } from "../service/goodwill-service.js";
import { journaledService } from "../service/journaled-service.js";
import { ensureLocalOwner, getOwner } from "../storage/owner.repository.js";
import type { Store } from "../storage/store.js";
import { RETRY_AFTER_SECONDS, storeFailure } from "../storage/store-errors.js";
import { ERROR_STATUS } from "./error-status.js";
import { LoginThrottle } from "./login-throttle.js";
import { idempotency } from "./middleware/idempotency.js";
import { refuseNul } from "./refuse-nul.js";
import { registerAgendaRoutes } from "./routes/agenda.routes.js";
import { registerAskRoutes } from "./routes/asks.routes.js";
import { registerAuthRoutes } from "./routes/auth.routes.js";
import { registerDocsRoutes } from "./routes/docs.routes.js";
import { registerEventRoutes } from "./routes/events.routes.js";
import { HEALTH_PATH, registerHealthRoutes } from "./routes/health.routes.js";
import { registerIntroductionRoutes } from "./routes/introductions.routes.js";
import { registerListRoutes } from "./routes/lists.routes.js";
import { registerMapRoutes } from "./routes/map.routes.js";
import { registerMomentRoutes } from "./routes/moments.routes.js";
import { registerNeedOfferRoutes } from "./routes/needs-offers.routes.js";
import { registerPeopleRoutes } from "./routes/people.routes.js";
import { registerRecordRoutes } from "./routes/records.routes.js";
import { registerReminderRoutes } from "./routes/reminders.routes.js";
import { registerTransferRoutes } from "./routes/transfer.routes.js";
import { registerWebApp } from "./web-app.js";

export const SESSION_COOKIE = "goodwill_session";

/**
 * The session cookie's name for a request: `goodwill_session_<port>` when the Host the browser used
 * names a port, else `goodwill_session`. Browsers keep cookies per host name, not per port, so two
 * servers on one machine (4321 and 4322) would otherwise overwrite each other's session.
 */
export function sessionCookieName(host: string | undefined): string {
  const port = /:(\d{1,5})$/.exec(host ?? "")?.[1];
  return port ? `${SESSION_COOKIE}_${port}` : SESSION_COOKIE;
}
const BODY_LIMIT = 5 * 1024 * 1024;
export const IMPORT_BODY_LIMIT = 200 * 1024 * 1024;

export interface ServerOptions {
  store: Store;
  logger?: Logger;
  /** host:port the server is bound to; in local mode other Host headers are refused (DNS rebinding) */
  boundHosts?: string[];
  /** the one-time login token printed at start in local mode */
  localLoginToken?: string;
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
  /** JSON restores running now (see transfer.routes.ts: they are capped per server) */
  restoresRunning: number;
  /** the mail server, public address and push contact reminders use */
  reminderEnv(): ReminderEnvironment;
}

/**
 * The JSON error document and status for any failure. A store that is down, busy or full answers
 * 503 with Retry-After: the client may try the same request again.
 */
export function errorResponse(c: Context, error: unknown) {
  const failure =
    error instanceof GoodwillError
      ? error
      : (storeFailure(error) ??
        new GoodwillError(
          "internal",
          "Something went wrong inside Goodwill. The server log has the details.",
        ));
  if (failure.code === "store_unavailable") c.header("Retry-After", String(RETRY_AFTER_SECONDS));
  return c.json(failure.toJSON(), ERROR_STATUS[failure.code]);
}

export function createApp(options: ServerOptions) {
  const now = options.clock ?? Date.now;
  // The server's hot reads (credentials, profile, a person) are cached until anything is written.
  const readCache = options.store.readCache;
  // Waiting for SQLite's write lock (a CLI import beside the server) must not stop the event loop.
  options.store.serveRequests();
  readCache.enable().catch((error: unknown) => options.logger?.error({ err: error }, "read cache off"));
  let localToken = options.localLoginToken;
  let teamMode: boolean | null = null;
  const state: ServerState = {
    options,
    now,
    async localOwnerId() {
      // Accounts can be added while the server runs (goodwill user add); check until one exists.
      if (teamMode !== true) teamMode = await hasAccounts(options.store.db);
      if (teamMode) return null;
      return (await ensureLocalOwner(options.store.db, new Date(now()).toISOString())).id;
    },
    async mayActAs(ownerId) {
      if ((await state.localOwnerId()) !== null) return true;
      const owner = await readCache.read(`owner:${ownerId}`, () => getOwner(options.store.db, ownerId));
      return owner?.kind === "account";
    },
    throttle: new LoginThrottle(options.store.db, now),
    restoresRunning: 0,
    reminderEnv: options.reminders?.env ?? (() => reminderEnvironment(process.env, "http://localhost")),
    consumeLocalLoginToken(token) {
      if (!localToken || token !== localToken) return false;
      localToken = undefined;
      return true;
    },
  };

  const app = new OpenAPIHono<Env>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const issues = result.error.issues.map((i) => ({
        path: i.path.join("."),
        field: issueField(i),
        message: issueMessage(i),
      }));
      const first = issues[0];
      // details.field names the first field at fault, so a form can show the message beside it.
      return c.json(
        new GoodwillError("invalid", first ? `${first.message}.` : "The request is not valid.", {
          ...(first?.field ? { field: first.field } : {}),
          issues,
        }).toJSON(),
        422,
      );
    },
  });

  app.onError((error, c) => {
    // Hono's own refusals (a body that is not JSON, …) carry a status; they are the client's doing.
    if (error instanceof HTTPException) {
      const code =
        error.status === 413
          ? "too_large"
          : error.status === 401
            ? "unauthorized"
            : error.status < 500
              ? "malformed"
              : "internal";
      const message =
        code === "malformed" ? `The request body could not be read: ${error.message}.` : error.message;
      return c.json(new GoodwillError(code, message).toJSON(), ERROR_STATUS[code]);
    }
    if (!(error instanceof GoodwillError))
      options.logger?.error({ err: error, path: c.req.path }, "request failed");
    // The cause (the database restarting, a full disk) belongs in the log, not only the 503.
    else if (error.code === "store_unavailable")
      options.logger?.warn({ path: c.req.path, reason: error.message }, "store unavailable");
    return errorResponse(c, error);
  });
  app.notFound((c) =>
    c.json(
      new GoodwillError(
        "not_found",
        `There is no ${c.req.method} ${c.req.path}. See /openapi.json for the routes.`,
      ).toJSON(),
      404,
    ),
  );

  // Request log: method, path without the query (calendar keys live there), status, time. Never a body or header.
  app.use("*", async (c, next) => {
    const started = performance.now();
    await next();
    // A balancer asks every few seconds; its "ok" would bury everything else (failures are logged).
    if (c.req.path === HEALTH_PATH && c.res.status === 200) return;
    options.logger?.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      "request",
    );
  });

  app.use(
    "*",
    secureHeaders({
      xContentTypeOptions: "nosniff",
      xFrameOptions: "DENY",
      referrerPolicy: "no-referrer",
      contentSecurityPolicy: {
        frameAncestors: ["'none'"],
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        styleSrc: ["'self'", "'unsafe-inline'"],
      },
      crossOriginResourcePolicy: "same-origin",
      // HTTPS is the reverse proxy's business (docs/deploy.md); a local server speaks plain HTTP.
      strictTransportSecurity: false,
    }),
  );

  // DNS rebinding: a local-mode server answers only to the names it is bound to.
  app.use("*", async (c, next) => {
    // The health check tells nothing but "ok", and must answer even when the store cannot (the mode is read from it).
    if (c.req.path === HEALTH_PATH) return next();
    if (options.boundHosts && (await state.localOwnerId()) !== null) {
      const host = (c.req.header("host") ?? "").toLowerCase();
      if (!options.boundHosts.includes(host)) {
        return c.json(
          new GoodwillError(
            "forbidden",
            `This server answers to ${options.boundHosts.join(" or ")}, not to "${host}".`,
          ).toJSON(),
          403,
        );
      }
    }
    return next();
  });

  const limitBody = (limit: number) =>
    bodyLimit({
      maxSize: limit,
      onError: (ctx) =>
        ctx.json(
          new GoodwillError(
            "too_large",
            `The request body is over ${Math.round(limit / 1024 / 1024)} MB.`,
          ).toJSON(),
          413,
        ),
    });
  const importLimit = limitBody(IMPORT_BODY_LIMIT);
  const defaultLimit = limitBody(BODY_LIMIT);
  app.use("/api/*", async (c, next) => {
    // A GET or HEAD carries no body; asking for one would build a whole web Request for nothing.
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    return (c.req.path === "/api/v1/import" ? importLimit : defaultLimit)(c, next);
  });

  app.use("/api/*", refuseNul);

  // Authentication for the API, except the routes that establish it.
  const open = new Set([
    "/api/v1/auth/login",
    "/api/v1/auth/token",
    "/api/v1/auth/local",
    "/api/v1/auth/session",
    "/api/v1/calendar.ics",
    "/api/v1/mode",
  ]);
  // A note's links (one-tap actions, unsubscribe) carry their own signed permission.
  const signedLinks = /^\/api\/v1\/reminders\/(actions|unsubscribe)\/[^/]+$/;
  app.use("/api/v1/*", async (c, next) => {
    if (open.has(c.req.path) || signedLinks.test(c.req.path)) return next();
    const authorization = c.req.header("authorization");
    let ownerId: string | null = null;
    let by: "cookie" | "token" = "token";
    if (authorization?.toLowerCase().startsWith("bearer ")) {
      const token = await tokenOwner(options.store.db, authorization.slice(7).trim(), now(), readCache);
      if (token?.revokedAt) {
        // Only whoever holds the token's secret learns this; an unknown token stays "sign in first".
        return c.json(
          new GoodwillError(
            "token_revoked",
            `This API token was revoked on ${token.revokedAt.slice(0, 10)} (UTC). Make a new one: \`goodwill login\` for the CLI, Settings → API tokens in the web app, or \`goodwill token create\` on the server.`,
          ).toJSON(),
          401,
        );
      }
      ownerId = token?.ownerId ?? null;
      if (ownerId && !(await state.mayActAs(ownerId))) ownerId = null;
    } else {
      const cookie = getCookie(c, sessionCookieName(c.req.header("host")));
      if (cookie) {
        ownerId = await sessionOwner(options.store.db, cookie, now(), readCache);
        if (ownerId && !(await state.mayActAs(ownerId))) ownerId = null;
        by = "cookie";
      }
    }
    if (!ownerId) {
      return c.json(
        new GoodwillError(
          "unauthorized",
          "Sign in first: a session cookie or an `Authorization: Bearer` token is needed.",
        ).toJSON(),
        401,
      );
    }
    // CSRF: a cookie travels with cross-site requests, so a change needs a same-origin Origin.
    if (by === "cookie" && !["GET", "HEAD", "OPTIONS"].includes(c.req.method)) {
      const origin = c.req.header("origin");
      const host = c.req.header("host");
      if (!origin || !host || originHost(origin) !== host) {
        return c.json(
          new GoodwillError(
            "forbidden",
            "Cross-site request refused: the Origin header does not match this server.",
          ).toJSON(),
          403,
        );
      }
    }
    const ctx: AppContext = { store: options.store, db: options.store.db, ownerId, now: now() };
    c.set("ownerId", ownerId);
    c.set("ctx", ctx);
    c.set(
      "service",
      journaledService(ctx, {
        // The id that undoes this request's write, for the web app's Undo.
        onUndoable: (undo) => c.header("Goodwill-Undo", undo.id),
      }),
    );
    c.set("authenticatedBy", by);
    return next();
  });

  // After sign-in: a key belongs to the account that sent it.
  app.use("/api/v1/*", idempotency(options.store, now));

  registerHealthRoutes(app, state);
  registerAuthRoutes(app, state);
  registerPeopleRoutes(app);
  registerListRoutes(app);
  registerMomentRoutes(app);
  registerAskRoutes(app);
  registerNeedOfferRoutes(app);
  registerIntroductionRoutes(app);
  registerRecordRoutes(app);
  registerMapRoutes(app);
  registerEventRoutes(app);
  registerAgendaRoutes(app);
  registerTransferRoutes(app, state);
  registerReminderRoutes(app, state);
  registerDocsRoutes(app);
  app.route(
    "/",
    createDavApp({ store: options.store, now, throttle: state.throttle, logger: options.logger }),
  );
  registerWebApp(app);
  return app;
}

export type GoodwillApp = ReturnType<typeof createApp>;

/** The host of an Origin header; `null` (a sandboxed or privacy-sensitive page) or nonsense has none. */
function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
