/** /api/v1/interactions: moments of contact with one or more people. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Env } from "../env.js";
import { InteractionInputSchema, MomentSchema } from "../schemas.js";
import { personId } from "./people.routes.js";
import { ERRORS, json, jsonBody } from "./route-kit.js";

export function registerInteractionRoutes(app: OpenAPIHono<Env>): void {
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/interactions",
      tags: ["Ledger"],
      summary: "Log a moment of contact with one or more people",
      request: { body: jsonBody(InteractionInputSchema) },
      responses: {
        201: json(z.object({ interaction: MomentSchema }), "the moment"),
        ...ERRORS,
      },
    }),
    async (c) => {
      const service = c.get("service");
      const body = c.req.valid("json");
      const personIds = [];
      for (const ref of body.personIds) personIds.push(await personId(service, ref));
      return c.json(await service.logInteraction({ ...body, personIds }), 201);
    },
  );
}
