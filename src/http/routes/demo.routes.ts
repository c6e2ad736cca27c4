/** /api/v1/demo: the demo story, loaded into an empty account. */
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Env } from "../env.js";
import { looseObject } from "../schemas.js";
import { ERRORS, json } from "./route-kit.js";

export function registerDemoRoutes(app: OpenAPIHono<Env>): void {
  const tags = ["Import and export"];

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/demo",
      tags,
      summary: "Load the demo story into an empty account",
      responses: { 201: json(looseObject("DemoLoaded"), "what was loaded"), 409: ERRORS[409] },
    }),
    async (c) => c.json(await c.get("service").loadDemo(), 201),
  );
}
