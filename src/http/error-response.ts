/**
 * Every failure as the one JSON error document ({error: {code, message, details}}): thrown errors,
 * Hono's own refusals, requests that fail validation, and paths no route serves.
 */
import type { OpenAPIHonoOptions } from "@hono/zod-openapi";
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Logger } from "pino";
import { fieldWords, issueField, issueMessage } from "../contract/issue-message.js";
import { GoodwillError } from "../errors.js";
import { asGoodwillError, RETRY_AFTER_SECONDS } from "../storage/store-errors.js";
import type { Env } from "./env.js";
import { ERROR_STATUS } from "./error-status.js";

/**
 * The JSON error document and status for any failure. A store that is down, busy or full answers
 * 503 with Retry-After: the client may try the same request again.
 */
export function errorResponse(c: Context, error: unknown) {
  const failure = asRequestFields(
    c,
    asGoodwillError(error, "Something went wrong inside Goodwill. The server log has the details."),
  );
  if (failure.code === "store_unavailable") c.header("Retry-After", String(RETRY_AFTER_SECONDS));
  return c.json(failure.toJSON(), ERROR_STATUS[failure.code]);
}

/**
 * The request's field for a command-line flag that the shared reading of dates names (`--on`,
 * `--due`, `--met-on`): `--on` is when an ask was made on the asks' routes, else when something
 * happened.
 */
function requestField(flag: string, path: string): string | undefined {
  if (flag === "--on") return /\/asks(\/|$)/.test(path) ? "askedAt" : "occurredAt";
  return { "--due": "dueOn", "--met-on": "metOn" }[flag];
}

/**
 * A refusal of a value that leads with the name of its field as code names it (the command line's
 * `--on "2026-02-30" does not exist in the calendar`, or `dueOn "…"`), as the request names it:
 * `details.field` is the request's field, so a form shows the message beside it, and the message
 * leads with the field in words ("When "2026-02-30" does not exist in the calendar").
 */
function asRequestFields(c: Context, failure: GoodwillError): GoodwillError {
  const details = failure.details as { field?: unknown } | undefined;
  const named = details?.field;
  if (failure.code !== "invalid" || typeof named !== "string") return failure;
  const field = named.startsWith("--") ? requestField(named, c.req.path) : named;
  if (field === undefined || !failure.message.startsWith(`${named} "`)) return failure;
  const message = `${fieldWords([field])}${failure.message.slice(named.length)}`;
  return new GoodwillError(failure.code, message, { ...details, field });
}

/** A request that fails its route's schema: 422, each issue said in words, the first field named. */
export const invalidRequest: NonNullable<OpenAPIHonoOptions<Env>["defaultHook"]> = (result, c) => {
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
};

export function onError(logger: Logger | undefined): ErrorHandler<Env> {
  return (error, c) => {
    // Hono's own refusals (a body that is not JSON, …) carry a status; they are the client's doing.
    if (error instanceof HTTPException) {
      const code =
        error.status === 413
          ? "too_large"
          : error.status === 415
            ? "unsupported_media_type"
            : error.status === 401
              ? "unauthorized"
              : error.status < 500
                ? "malformed"
                : "internal";
      const message =
        code === "malformed"
          ? `The request body could not be read: ${error.message}.`
          : code === "unsupported_media_type"
            ? `${error.message}: send the body with the header Content-Type: application/json.`
            : error.message;
      return c.json(new GoodwillError(code, message).toJSON(), ERROR_STATUS[code]);
    }
    if (!(error instanceof GoodwillError)) logger?.error({ err: error, path: c.req.path }, "request failed");
    // The cause (the database restarting, a full disk) belongs in the log, not only the 503.
    else if (error.code === "store_unavailable")
      logger?.warn({ path: c.req.path, reason: error.message }, "store unavailable");
    return errorResponse(c, error);
  };
}

export const notFound: NotFoundHandler<Env> = (c) =>
  c.json(
    new GoodwillError(
      "not_found",
      `There is no ${c.req.method} ${c.req.path}. See /openapi.json for the routes.`,
    ).toJSON(),
    404,
  );
