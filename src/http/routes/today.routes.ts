/** `/today`: the agenda. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Env } from "../env.js";
import { looseObject } from "../schemas.js";
import { flag, json } from "./route-kit.js";

export function registerTodayRoutes(app: OpenAPIHono<Env>): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/today",
      tags: ["Agenda"],
      summary: "The agenda: who is due, thanks owed, promises, stale asks, occasions and suggestions",
      request: { query: z.object({ all: flag }) },
      responses: { 200: json(looseObject("Today"), "as goodwill today --json") },
    }),
    async (c) => c.json(await c.get("service").today({ all: c.req.valid("query").all }), 200),
  );
}
