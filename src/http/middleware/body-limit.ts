/** How large a request body may be: 5 MB, or 200 MB for an import. */
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { GoodwillError } from "../../errors.js";

const BODY_LIMIT = 5 * 1024 * 1024;
export const IMPORT_BODY_LIMIT = 200 * 1024 * 1024;
const IMPORT_PATH = "/api/v1/import";

function limitBody(limit: number): MiddlewareHandler {
  return bodyLimit({
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
}

export function bodyLimits(): MiddlewareHandler {
  const importLimit = limitBody(IMPORT_BODY_LIMIT);
  const defaultLimit = limitBody(BODY_LIMIT);
  return async (c, next) => {
    // A GET or HEAD carries no body; asking for one would build a whole web Request for nothing.
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    return (c.req.path === IMPORT_PATH ? importLimit : defaultLimit)(c, next);
  };
}
