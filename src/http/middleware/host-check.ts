/** DNS rebinding: a local-mode server answers only to the host names it is bound to. */
import type { MiddlewareHandler } from "hono";
import { GoodwillError } from "../../errors.js";
import type { Env, ServerState } from "../env.js";
import { HEALTH_PATH } from "../routes/health.routes.js";

export function hostCheck(state: ServerState): MiddlewareHandler<Env> {
  const bound = state.options.boundHosts;
  return async (c, next) => {
    // The health check tells nothing but "ok", and must answer even when the store cannot (the mode is read from it).
    if (c.req.path === HEALTH_PATH) return next();
    if (bound && (await state.localOwnerId()) !== null) {
      const host = (c.req.header("host") ?? "").toLowerCase();
      if (!bound.includes(host)) {
        return c.json(
          new GoodwillError(
            "forbidden",
            `This server answers to ${bound.join(" or ")}, not to "${host}".`,
          ).toJSON(),
          403,
        );
      }
    }
    return next();
  };
}
