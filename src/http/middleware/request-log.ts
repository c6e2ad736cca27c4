/**
 * The request log: method, path without the query (calendar keys live there), status and time.
 * Never a body or a header.
 */
import type { MiddlewareHandler } from "hono";
import type { Logger } from "pino";
import type { Env } from "../env.js";
import { HEALTH_PATH } from "../routes/health.routes.js";

/** The logger requests are written to, or null when nothing would be written (no logger, or info is off). */
export function requestLogger(logger: Logger | undefined): Logger | null {
  return logger?.isLevelEnabled("info") ? logger : null;
}

/** One line of the log; `started` is the request's `performance.now()`. */
export function logRequest(
  logger: Logger,
  method: string,
  path: string,
  status: number,
  started: number,
): void {
  logger.info({ method, path, status, ms: Math.round(performance.now() - started) }, "request");
}

/** null when nothing would be written: the middleware is then left out. */
export function requestLog(logger: Logger | undefined): MiddlewareHandler<Env> | null {
  const log = requestLogger(logger);
  if (!log) return null;
  return async (c, next) => {
    const started = performance.now();
    await next();
    // A balancer asks every few seconds; its "ok" would bury everything else (failures are logged).
    if (c.req.path === HEALTH_PATH && c.res.status === 200) return;
    logRequest(log, c.req.method, c.req.path, c.res.status, started);
  };
}
