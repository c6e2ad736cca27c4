/** /api/v1/mode: whether this server runs in local mode (no accounts) or team mode. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Env, ServerState } from "../env.js";
import { json } from "./route-kit.js";

export function registerModeRoutes(app: OpenAPIHono<Env>, state: ServerState): void {
  const tags = ["Auth"];

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/mode",
      tags,
      summary: "Whether this server runs in local mode (no accounts) or team mode",
      security: [],
      responses: { 200: json(z.object({ mode: z.enum(["local", "team"]) }), "the mode") },
    }),
    async (c) =>
      c.json({ mode: (await state.localOwnerId()) === null ? ("team" as const) : ("local" as const) }, 200),
  );
}
