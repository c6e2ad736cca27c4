/** `/suggestions`: every way to give first. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Env } from "../env.js";
import { SuggestionSchema } from "../schemas.js";
import { json } from "./route-kit.js";

export function registerSuggestionRoutes(app: OpenAPIHono<Env>): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/suggestions",
      tags: ["Agenda"],
      summary: "Every suggestion, in kind order then priority",
      responses: { 200: json(z.object({ suggestions: z.array(SuggestionSchema) }), "suggestions") },
    }),
    async (c) => c.json(await c.get("service").suggest(), 200),
  );
}
