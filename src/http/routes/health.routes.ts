/**
 * `GET /healthz` for a load balancer, a container runtime or a systemd check: no sign-in, no cache,
 * 200 once a trivial query on the store has answered, 503 with the reason otherwise. Answers that
 * say "ok" are not logged (a check every few seconds would drown the log); a failure is logged once
 * when it starts and once when the store answers again.
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { probeStore } from "../../storage/server.repository.js";
import { RETRY_AFTER_SECONDS } from "../../storage/store-errors.js";
import type { Env, ServerState } from "../env.js";
import { json } from "./route-kit.js";

export const HEALTH_PATH = "/healthz";

/** Beyond this a check counts as failed: a balancer wants an answer, not a hung connection. */
const STORE_TIMEOUT_MS = 2_000;

const Health = z
  .object({
    status: z.enum(["ok", "unavailable"]),
    reason: z.string().optional().openapi({ description: "why the server cannot serve, when it cannot" }),
  })
  .openapi("Health");

export function registerHealthRoutes(app: OpenAPIHono<Env>, state: ServerState): void {
  const { store, logger } = state.options;
  let failing = false;

  /** null when the store answered; else why it did not (for people, without the driver's details). */
  async function checkStore(): Promise<string | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), STORE_TIMEOUT_MS);
    });
    try {
      const answer = await Promise.race([probeStore(store.db), timeout]);
      if (answer === "timeout") {
        if (!failing) logger?.error({ path: HEALTH_PATH }, "health check: the store did not answer in time");
        return `The store did not answer within ${STORE_TIMEOUT_MS / 1000} seconds.`;
      }
      // Reads work on a full disk; writes do not, so the server cannot serve.
      if (store.condition.diskFull !== null) {
        if (!failing)
          logger?.error(
            { path: HEALTH_PATH, reason: store.condition.diskFull },
            "health check: the disk is full",
          );
        return "The disk is full: writes fail until some space is freed.";
      }
      return null;
    } catch (error) {
      if (!failing) logger?.error({ path: HEALTH_PATH, err: error }, "health check: the store failed");
      return "The store cannot be queried; the server log says why.";
    } finally {
      clearTimeout(timer);
    }
  }

  app.openapi(
    createRoute({
      method: "get",
      path: HEALTH_PATH,
      tags: ["Health"],
      summary:
        "For load balancers and service checks: 200 when the server can reach its store, 503 with the reason when it cannot (no sign-in, never cached)",
      security: [],
      responses: {
        200: json(Health, "the server and its store answer"),
        503: json(Health, "the store does not answer"),
      },
    }),
    async (c) => {
      c.header("Cache-Control", "no-store");
      const reason = await checkStore();
      if (reason === null) {
        if (failing) logger?.info({ path: HEALTH_PATH }, "health check: the store answers again");
        failing = false;
        return c.json({ status: "ok" as const }, 200);
      }
      failing = true;
      c.header("Retry-After", String(RETRY_AFTER_SECONDS));
      return c.json({ status: "unavailable" as const, reason }, 503);
    },
  );
}
