/**
 * The request log: method, path without the query (calendar keys live there), status and time.
 * Never a body or a header.
 */
import type { MiddlewareHandler } from "hono";
import type { Logger } from "pino";
import type { Env } from "../env.js";
import { HEALTH_PATH } from "../routes/health.routes.js";

/** null when nothing would be written (no logger, or info is off): the middleware is then left out. */
export function requestLog(logger: Logger | undefined): MiddlewareHandler<Env> | null {
  if (!logger?.isLevelEnabled("info")) return null;
  return async (c, next) => {
    const started = performance.now();
    await next();
    // A balancer asks every few seconds; its "ok" would bury everything else (failures are logged).
    if (c.req.path === HEALTH_PATH && c.res.status === 200) return;
    logger.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      "request",
    );
  };
}
