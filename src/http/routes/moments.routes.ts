/** /api/v1/exchanges and /api/v1/interactions: the ledger and moments of contact. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Env } from "../env.js";
import { BalanceSchema, EntrySchema, ExchangeInputSchema, InteractionInputSchema } from "../schemas.js";
import { personId } from "./people.routes.js";
import { counterpartRef, ERRORS, json, jsonBody } from "./route-kit.js";

export function registerMomentRoutes(app: OpenAPIHono<Env>): void {
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/exchanges",
      tags: ["Ledger"],
      summary: "Record something given or received, with a person or a department",
      request: { body: jsonBody(ExchangeInputSchema) },
      responses: {
        201: json(z.object({ entry: EntrySchema, balance: BalanceSchema }), "the entry and the balance now"),
        ...ERRORS,
      },
    }),
    async (c) => {
      const service = c.get("service");
      const body = c.req.valid("json");
      const { personId: _p, departmentId: _d, department: _n, ...input } = body;
      return c.json(await service.recordExchange(await counterpartRef(service, body), input), 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/interactions",
      tags: ["Ledger"],
      summary: "Log a moment of contact with one or more people",
      request: { body: jsonBody(InteractionInputSchema) },
      responses: {
        201: json(
          z.object({
            interaction: z.object({
              id: z.string(),
              occurredAt: z.string(),
              channel: z.string(),
              initiatedBy: z.string(),
              summary: z.string(),
              notes: z.string().nullable(),
              participants: z.array(z.object({ id: z.string(), name: z.string() })),
            }),
          }),
          "the moment",
        ),
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
