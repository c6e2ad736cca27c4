/**
 * Signing in. Local mode (a store without accounts): the one-time link printed at start opens a
 * session. Team mode: email and password (throttled per account and address), sessions in an
 * HttpOnly SameSite=Lax cookie, and an API token for the CLI made at sign-in (tokens.routes.ts lists
 * and revokes them).
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import {
  checkPassword,
  createApiToken,
  createSession,
  deleteSession,
  isPasswordOf,
  MAX_PASSWORD,
  MIN_PASSWORD,
  sessionOwner,
  setPassword,
} from "../../app/accounts.js";
import { GoodwillError } from "../../errors.js";
import { accountEmail, accountOfOwner } from "../../storage/server.repository.js";
import type { Env, ServerState } from "../env.js";
import { ErrorSchema } from "../schemas.js";
import { sessionCookieName } from "../session-cookie.js";
import { ERRORS, json, jsonBody } from "./route-kit.js";

const tags = ["Auth"];
const Credentials = z.object({ email: z.string().min(3).max(320), password: z.string().min(1).max(1000) });

const USED_LINK_PAGE = `<!doctype html><html lang="en"><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Goodwill: sign-in link used</title>
<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5">
<h1>This sign-in link has been used</h1>
<p>Each link printed by <code>goodwill serve</code> (or <code>npm start</code>) works once. If this browser
signed in with it already, <a href="/">open Goodwill</a>. Otherwise restart the server: it prints a new link.</p>
</body></html>`;

function sessionCookie(c: Context, value: string): void {
  setCookie(c, sessionCookieName(c.req.header("host")), value, {
    httpOnly: true,
    sameSite: "Lax",
    path: "/",
    secure: new URL(c.req.url).protocol === "https:" || c.req.header("x-forwarded-proto") === "https",
    maxAge: 30 * 86_400,
  });
}

function address(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  const peer = incoming?.socket?.remoteAddress ?? "unknown";
  // X-Forwarded-For is believed only from a proxy on this machine (docs/deploy.md); from anyone
  // else it would let a client pick a fresh address for every attempt.
  const local = peer === "127.0.0.1" || peer === "::1" || peer === "::ffff:127.0.0.1";
  const forwarded = local ? c.req.header("x-forwarded-for")?.split(",").at(-1)?.trim() : undefined;
  return forwarded || peer;
}

/**
 * Where a sign-in link goes on to: `next` when it is a path of this server, else the start page;
 * never an open redirect. Read as a browser reads a Location (a backslash is a slash, tabs and
 * newlines are dropped), so "/\evil.example" and "/<tab>/evil.example" are other sites.
 */
function pathOnThisServer(next: string | undefined, origin: string): string {
  if (next === undefined) return "/";
  try {
    const url = new URL(next, origin);
    return url.origin === origin ? `${url.pathname}${url.search}${url.hash}` : "/";
  } catch {
    return "/";
  }
}

/** Refuses (429, with Retry-After) while the account or the address has too many recent failures. */
async function checkThrottle(c: Context, state: ServerState, email: string): Promise<void> {
  const wait = await state.throttle.retryAfter(email, address(c));
  if (wait > 0) {
    c.header("Retry-After", String(wait));
    throw new GoodwillError(
      "rate_limited",
      `Too many wrong passwords. Try again in ${Math.ceil(wait / 60)} minutes.`,
      { retryAfterSeconds: wait },
    );
  }
}

/** Checks a password with the throttle in front; a failure counts against account and address. */
async function signIn(c: Context, state: ServerState, email: string, password: string) {
  if ((await state.localOwnerId()) !== null) {
    throw new GoodwillError(
      "invalid",
      "This server is in local mode (no accounts yet): use the sign-in link it printed at start.",
    );
  }
  await checkThrottle(c, state, email);
  const account = await checkPassword(state.options.store.db, email, password);
  if (!account) {
    await state.throttle.fail(email, address(c));
    throw new GoodwillError("unauthorized", "That email and password do not match an account.");
  }
  await state.throttle.succeed(email);
  return account;
}
export function registerAuthRoutes(app: OpenAPIHono<Env>, state: ServerState): void {
  const db = state.options.store.db;

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/auth/local",
      tags,
      summary: "Local mode: the one-time sign-in link printed at start; sets the session cookie",
      security: [],
      request: {
        query: z.object({ token: z.string().min(1).max(200), next: z.string().max(200).optional() }),
      },
      responses: {
        302: { description: "signed in; on to the app" },
        401: json(ErrorSchema, "the link was used already or is wrong"),
      },
    }),
    async (c) => {
      const ownerId = await state.localOwnerId();
      const { token, next } = c.req.valid("query");
      if (ownerId === null || !state.consumeLocalLoginToken(token)) {
        // A browser gets a page to read; a script the error document.
        if (c.req.header("accept")?.includes("text/html")) return c.html(USED_LINK_PAGE, 401) as never;
        throw new GoodwillError(
          "unauthorized",
          "This sign-in link has been used already or is not this server's. Restart goodwill serve for a new one.",
        );
      }
      sessionCookie(c, await createSession(db, ownerId, state.now()));
      return c.redirect(pathOnThisServer(next, new URL(c.req.url).origin), 302) as never;
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/auth/login",
      tags,
      summary: "Team mode: sign in with email and password; sets the session cookie",
      security: [],
      request: { body: jsonBody(Credentials) },
      responses: {
        200: json(
          z.object({ account: z.object({ email: z.string(), name: z.string().nullable() }) }),
          "signed in",
        ),
        401: json(ErrorSchema, "wrong email or password"),
        429: json(ErrorSchema, "too many attempts; see Retry-After"),
        422: ERRORS[422],
      },
    }),
    async (c) => {
      const { email, password } = c.req.valid("json");
      const account = await signIn(c, state, email, password);
      sessionCookie(c, await createSession(db, account.ownerId, state.now()));
      return c.json({ account: { email: account.email, name: account.name } }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/auth/token",
      tags,
      summary: "Team mode: exchange email and password for a new API token (what `goodwill login` does)",
      security: [],
      request: {
        body: jsonBody(Credentials.extend({ name: z.string().min(1).max(100).default("goodwill login") })),
      },
      responses: {
        201: json(z.object({ id: z.string(), name: z.string(), token: z.string() }), "the token, shown once"),
        401: json(ErrorSchema, "wrong email or password"),
        429: json(ErrorSchema, "too many attempts"),
        422: ERRORS[422],
      },
    }),
    async (c) => {
      const { email, password, name } = c.req.valid("json");
      const account = await signIn(c, state, email, password);
      return c.json(
        await createApiToken(db, account.ownerId, name, new Date(state.now()).toISOString()),
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/auth/logout",
      tags,
      summary: "End this session",
      responses: { 200: json(z.object({ signedOut: z.boolean() }), "signed out") },
    }),
    async (c) => {
      const name = sessionCookieName(c.req.header("host"));
      const cookie = getCookie(c, name);
      if (cookie) await deleteSession(db, cookie);
      deleteCookie(c, name, { path: "/" });
      return c.json({ signedOut: true }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/auth/session",
      tags,
      summary:
        "Whether this browser is signed in (by its session cookie), and the mode: answers 200 either way, so a sign-in page loads without an error",
      security: [],
      responses: {
        200: json(
          z.object({
            mode: z.enum(["local", "team"]),
            signedIn: z.boolean(),
            account: z.object({ email: z.string(), name: z.string().nullable() }).nullable(),
          }),
          "the session",
        ),
      },
    }),
    async (c) => {
      const mode = (await state.localOwnerId()) === null ? ("team" as const) : ("local" as const);
      const cookie = getCookie(c, sessionCookieName(c.req.header("host")));
      const ownerId = cookie ? await sessionOwner(db, cookie, state.now()) : null;
      if (!ownerId || !(await state.mayActAs(ownerId)))
        return c.json({ mode, signedIn: false, account: null }, 200);
      const row = await accountOfOwner(db, ownerId);
      return c.json(
        { mode, signedIn: true, account: row ? { email: row.email, name: row.name } : null },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/auth/me",
      tags,
      summary: "Who is signed in, and how",
      responses: {
        200: json(
          z.object({
            mode: z.enum(["local", "team"]),
            account: z.object({ email: z.string(), name: z.string().nullable() }).nullable(),
            via: z.enum(["cookie", "token"]),
          }),
          "the signed-in account",
        ),
      },
    }),
    async (c) => {
      const row = await accountOfOwner(db, c.get("ownerId"));
      return c.json(
        {
          mode: row ? ("team" as const) : ("local" as const),
          account: row ? { email: row.email, name: row.name } : null,
          via: c.get("authenticatedBy"),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/auth/password",
      tags,
      summary:
        "Team mode: change your own password. Needs the current one (wrong ones count towards the sign-in throttle); ends your other sessions, keeps this one and your API tokens",
      request: {
        body: jsonBody(
          z
            .object({
              currentPassword: z.string().min(1).max(MAX_PASSWORD),
              newPassword: z
                .string()
                .min(MIN_PASSWORD)
                .max(MAX_PASSWORD)
                .openapi({ description: `at least ${MIN_PASSWORD} characters, not the current password` }),
            })
            .openapi("PasswordChange"),
        ),
      },
      responses: {
        200: json(
          z.object({
            changed: z.literal(true),
            otherSessionsEnded: z
              .number()
              .int()
              .openapi({ description: "sessions signed out by the change" }),
          }),
          "changed",
        ),
        409: json(ErrorSchema, "local mode: there is no password to change"),
        422: json(ErrorSchema, "the current password is wrong, or the new one is not acceptable"),
        429: json(ErrorSchema, "too many wrong passwords; see Retry-After"),
      },
    }),
    async (c) => {
      const { currentPassword, newPassword } = c.req.valid("json");
      const ownerId = c.get("ownerId");
      const email = await accountEmail(db, ownerId);
      if (email === undefined) {
        throw new GoodwillError(
          "conflict",
          "This server is in local mode: there is no password to change. Whoever opens the link goodwill serve prints signs in.",
        );
      }
      await checkThrottle(c, state, email);
      if (!(await isPasswordOf(db, ownerId, currentPassword))) {
        await state.throttle.fail(email, address(c));
        throw new GoodwillError(
          "invalid",
          "The current password is not right: type the password you use to sign in now.",
          { field: "currentPassword" },
        );
      }
      await state.throttle.succeed(email);
      if (newPassword === currentPassword) {
        throw new GoodwillError(
          "invalid",
          "The new password is the same as the current one: choose a different one.",
          { field: "newPassword" },
        );
      }
      // The browser that made the change stays signed in; a token-authenticated change keeps no session.
      const current =
        c.get("authenticatedBy") === "cookie"
          ? getCookie(c, sessionCookieName(c.req.header("host")))
          : undefined;
      const { sessionsEnded } = await setPassword(
        db,
        ownerId,
        newPassword,
        new Date(state.now()).toISOString(),
        current,
      );
      return c.json({ changed: true as const, otherSessionsEnded: sessionsEnded }, 200);
    },
  );
}
