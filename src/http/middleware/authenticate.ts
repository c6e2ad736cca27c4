/**
 * Who a request acts for: an API token (`Authorization: Bearer`) or a session cookie, checked
 * against the store. The API's routes that establish a sign-in, the calendar feed (its key is in the
 * URL) and a note's signed links are open. A signed-in request gets its owner, how it signed in, and
 * the service that acts for that owner.
 */
import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { sessionOwner, tokenOwner } from "../../app/accounts.js";
import type { AppContext } from "../../app/context.js";
import { GoodwillError } from "../../errors.js";
import type { GoodwillService } from "../../service/goodwill-service.js";
import { journaledService } from "../../service/journaled-service.js";
import type { Env, ServerState } from "../env.js";
import { sessionCookieName } from "../session-cookie.js";

const OPEN = new Set([
  "/api/v1/auth/login",
  "/api/v1/auth/token",
  "/api/v1/auth/local",
  "/api/v1/auth/session",
  "/api/v1/calendar.ics",
  "/api/v1/mode",
]);
// A note's links (one-tap actions, unsubscribe) carry their own signed permission.
const SIGNED_LINKS = /^\/api\/v1\/reminders\/(actions|unsubscribe)\/[^/]+$/;

/**
 * A token's answer is remembered for at most this long (and only until the next write anywhere):
 * tokenOwner notes a token's last use at most hourly, and must still see the token now and then.
 */
const TOKEN_MEMORY_MS = 60_000;

export type TokenVerdict = { ownerId: string | null; revokedAt: string | null };

/** Where a bearer token's verdict is kept in the read cache (http/hot-read.ts looks there too). */
export const bearerKey = (token: string, now: number) =>
  `bearer:${Math.floor(now / TOKEN_MEMORY_MS)}:${token}`;

export function authenticate(state: ServerState): MiddlewareHandler<Env> {
  const { store } = state.options;
  const { db, readCache } = store;

  /**
   * Whom a bearer token acts for. The verdict is kept in the read cache under the token itself, so a
   * repeated request neither hashes it nor asks the store; any write (a revocation, a password
   * change, an account removed, in this process or another) clears it like every cached read.
   */
  const bearer = (token: string, now: number): Promise<TokenVerdict> =>
    readCache.read(bearerKey(token, now), async () => {
      const found = await tokenOwner(db, token, now, readCache);
      if (found?.revokedAt) return { ownerId: null, revokedAt: found.revokedAt };
      const ownerId = found?.ownerId ?? null;
      return { ownerId: ownerId && (await state.mayActAs(ownerId)) ? ownerId : null, revokedAt: null };
    });

  return async (c, next) => {
    const path = c.req.path;
    if (OPEN.has(path) || SIGNED_LINKS.test(path)) return next();
    const now = state.now();
    const authorization = c.req.header("authorization");
    let ownerId: string | null = null;
    let by: "cookie" | "token" | null = null;
    if (authorization?.toLowerCase().startsWith("bearer ")) {
      by = "token";
      const verdict = await bearer(authorization.slice(7).trim(), now);
      if (verdict.revokedAt) {
        // Only whoever holds the token's secret learns this; an unknown token is only told it is unknown.
        return c.json(
          new GoodwillError(
            "token_revoked",
            `This API token was revoked on ${verdict.revokedAt.slice(0, 10)} (UTC). Make a new one: \`goodwill login\` for the CLI, Settings → API tokens in the web app, or \`goodwill token create\` on the server.`,
          ).toJSON(),
          401,
        );
      }
      ownerId = verdict.ownerId;
    } else {
      const cookie = getCookie(c, sessionCookieName(c.req.header("host")));
      if (cookie) {
        ownerId = await sessionOwner(db, cookie, now, readCache);
        if (ownerId && !(await state.mayActAs(ownerId))) ownerId = null;
        by = "cookie";
      }
    }
    if (!ownerId || by === null) {
      // Say what was wrong with what was sent: it tells the sender nothing they did not send.
      const message =
        by === "token"
          ? "This API token is not one this server knows: check that it was copied whole, or make a new one (`goodwill login` for the CLI, Settings → API tokens in the web app, `goodwill token create` on the server)."
          : by === "cookie"
            ? "Your session has ended: sign in again."
            : "Sign in first: a session cookie or an `Authorization: Bearer` token is needed.";
      return c.json(new GoodwillError("unauthorized", message).toJSON(), 401);
    }
    const ctx: AppContext = { store, db, ownerId, now };
    c.set("ownerId", ownerId);
    c.set("ctx", ctx);
    c.set(
      "service",
      lazyService(() =>
        journaledService(ctx, {
          // The id that undoes this request's write, for the web app's Undo.
          onUndoable: (undo) => c.header("Goodwill-Undo", undo.id),
        }),
      ),
    );
    c.set("authenticatedBy", by);
    return next();
  };
}

/**
 * The service, made when a method of it is first used: making it (every method, journaled) costs
 * more than a read answered from the cache, which needs none.
 */
function lazyService(make: () => GoodwillService): GoodwillService {
  let service: GoodwillService | undefined;
  return new Proxy({} as GoodwillService, {
    get: (_target, name) => {
      service ??= make();
      return service[name as keyof GoodwillService];
    },
  });
}
