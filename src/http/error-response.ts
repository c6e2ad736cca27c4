/**
 * Every failure as the one JSON error document ({error: {code, message, details}}): thrown errors,
 * Hono's own refusals, requests that fail validation, and paths no route serves.
 */
import type { OpenAPIHonoOptions } from "@hono/zod-openapi";
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Logger } from "pino";
import { issueField, issueMessage } from "../contract/issue-message.js";
import { GoodwillError } from "../errors.js";
import { asGoodwillError, RETRY_AFTER_SECONDS } from "../storage/store-errors.js";
import type { Env } from "./env.js";
import { ERROR_STATUS } from "./error-status.js";

/**
 * The JSON error document and status for any failure. A store that is down, busy or full answers
 * 503 with Retry-After: the client may try the same request again.
 */
export function errorResponse(c: Context, error: unknown) {
  const failure = asGoodwillError(
    error,
    "Something went wrong inside Goodwill. The server log has the details.",
  );
  if (failure.code === "store_unavailable") c.header("Retry-After", String(RETRY_AFTER_SECONDS));
  return c.json(failure.toJSON(), ERROR_STATUS[failure.code]);
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
          : error.status === 401
            ? "unauthorized"
            : error.status < 500
              ? "malformed"
              : "internal";
      const message =
        code === "malformed" ? `The request body could not be read: ${error.message}.` : error.message;
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
