/**
 * Writes done once (issue 14): a write with an `Idempotency-Key` header is handled the first time
 * and its answer kept; the same key again (the web app's offline queue sending what it held, a retry
 * after an answer was lost) gets that answer back, marked `Idempotent-Replayed: true`, and writes
 * nothing. The key is claimed before the write runs, so two copies arriving together cannot both
 * write. A server-side failure (5xx: the store restarting) frees the key for the next try; a refusal
 * (4xx: the person was deleted meanwhile) is kept and given again, as it is the answer.
 */
import { createHash } from "node:crypto";
import type { Context, Next } from "hono";
import { GoodwillError } from "../../errors.js";
import {
  claimIdempotencyKey,
  forgetIdempotencyKeysBefore,
  idempotentRequest,
  keepIdempotentResponse,
  releaseIdempotencyKey,
} from "../../storage/idempotency.repository.js";
import type { Store } from "../../storage/store.js";
import type { Env } from "../env.js";

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** Uploads run as imports with an undo of their own; their bodies are too large to hash twice. */
const UNKEYED = new Set(["/api/v1/import"]);
const KEY = /^[A-Za-z0-9_.:-]{8,200}$/;
const KEPT_DAYS = 30;
/** A first request still unanswered after this long stopped with its process. */
const ABANDONED_MS = 2 * 60_000;

export function idempotency(store: Store, now: () => number) {
  return async (c: Context<Env>, next: Next) => {
    const key = c.req.header("idempotency-key");
    const ownerId = c.get("ownerId") as string | undefined;
    if (key === undefined || !ownerId || !WRITES.has(c.req.method) || UNKEYED.has(c.req.path)) return next();
    if (!KEY.test(key))
      return c.json(
        new GoodwillError(
          "invalid",
          "The Idempotency-Key header must be 8 to 200 letters, digits or - _ . : (a UUID is a good one).",
          { field: "Idempotency-Key" },
        ).toJSON(),
        422,
      );
    const url = new URL(c.req.url);
    const body = await c.req.text();
    const requestHash = createHash("sha256")
      .update(`${c.req.method} ${url.pathname}${url.search}\n${body}`)
      .digest("hex");
    const at = now();
    const claimed = await claimIdempotencyKey(store.db, {
      ownerId,
      key,
      requestHash,
      nowIso: new Date(at).toISOString(),
    });
    if (!claimed) return replay(c, ownerId, key, requestHash, at);

    await next();
    if (c.res.status >= 500) {
      await releaseIdempotencyKey(store.db, ownerId, key);
      return;
    }
    await keepIdempotentResponse(store.db, ownerId, key, {
      status: c.res.status,
      body: await c.res.clone().text(),
      undoId: c.res.headers.get("goodwill-undo"),
    });
    await forgetIdempotencyKeysBefore(store.db, ownerId, new Date(at - KEPT_DAYS * 86_400_000).toISOString());
  };

  async function replay(c: Context<Env>, ownerId: string, key: string, requestHash: string, at: number) {
    const first = await idempotentRequest(store.db, ownerId, key);
    const refuse = (code: "invalid" | "conflict", message: string, status: 409 | 422) =>
      c.json(new GoodwillError(code, message, { field: "Idempotency-Key" }).toJSON(), status);
    if (!first)
      return refuse(
        "conflict",
        "The first request with this Idempotency-Key just failed: send it again.",
        409,
      );
    if (first.request_hash !== requestHash)
      return refuse(
        "invalid",
        "This Idempotency-Key was used for another request: make a new key for each write.",
        422,
      );
    if (first.status === 0) {
      if (at - Date.parse(first.created_at) > ABANDONED_MS)
        return refuse(
          "conflict",
          "The first request with this Idempotency-Key never finished (the server stopped while handling it): check whether it was recorded, and if not, send it with a new key.",
          409,
        );
      c.header("Retry-After", "1");
      return refuse(
        "conflict",
        "The first request with this Idempotency-Key is still being handled: try again in a moment.",
        409,
      );
    }
    const headers: Record<string, string> = {
      "content-type": "application/json; charset=UTF-8",
      "idempotent-replayed": "true",
    };
    if (first.undo_id) headers["goodwill-undo"] = first.undo_id;
    return c.body(first.response ?? "", first.status as 200, headers);
  }
}
