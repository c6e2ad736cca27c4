/**
 * Cross-site request forgery: a session cookie travels with cross-site requests too, so a change
 * made with one needs an Origin of this server. Tokens are not sent by browsers on their own.
 */
import type { MiddlewareHandler } from "hono";
import { GoodwillError } from "../../errors.js";
import type { Env } from "../env.js";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

export const csrfCheck: MiddlewareHandler<Env> = async (c, next) => {
  if (c.get("authenticatedBy") !== "cookie" || SAFE.has(c.req.method)) return next();
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
  return next();
};

/** The host of an Origin header; `null` (a sandboxed or privacy-sensitive page) or nonsense has none. */
function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
