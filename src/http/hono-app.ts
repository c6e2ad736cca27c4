/**
 * The HTTP API (DESIGN §4.2): Hono routes defined with @hono/zod-openapi, so /openapi.json documents
 * every one. Each request is authenticated (local-mode session, team-mode session or API token),
 * scoped to its owner, and served by the same service the CLI uses. This file only composes: the
 * middleware in the order a request meets it, then every route file.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Env, ServerOptions } from "./env.js";
import { invalidRequest, notFound, onError } from "./error-response.js";
import { authenticate } from "./middleware/authenticate.js";
import { bodyLimits } from "./middleware/body-limit.js";
import { csrfCheck } from "./middleware/csrf.js";
import { hostCheck } from "./middleware/host-check.js";
import { idempotency } from "./middleware/idempotency.js";
import { refuseNul } from "./middleware/refuse-nul.js";
import { requestLog } from "./middleware/request-log.js";
import { securityHeaders } from "./middleware/security-headers.js";
import { registerRoutes } from "./routes.js";
import { createServerState } from "./server-state.js";

export function createApp(options: ServerOptions) {
  const state = createServerState(options);
  // Waiting for SQLite's write lock (a CLI import beside the server) must not stop the event loop.
  options.store.serveRequests();
  // The server's hot reads (credentials, profile, a person) are cached until anything is written.
  options.store.readCache
    .enable()
    .catch((error: unknown) => options.logger?.error({ err: error }, "read cache off"));

  const app = new OpenAPIHono<Env>({ defaultHook: invalidRequest });
  app.onError(onError(options.logger));
  app.notFound(notFound);

  const log = requestLog(options.logger);
  if (log) app.use("*", log);
  app.use("*", securityHeaders);
  app.use("*", hostCheck(state));
  app.use("/api/*", bodyLimits());
  app.use("/api/*", refuseNul);
  app.use("/api/v1/*", authenticate(state));
  app.use("/api/v1/*", csrfCheck);
  // After sign-in: a key belongs to the account that sent it.
  app.use("/api/v1/*", idempotency(options.store, state.now));

  registerRoutes(app, state);
  return app;
}

export type GoodwillApp = ReturnType<typeof createApp>;
