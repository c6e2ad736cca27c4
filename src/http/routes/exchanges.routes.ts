/** /api/v1/exchanges: the ledger, something given or received with a person or a department. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Env } from "../env.js";
import { BalanceSchema, EntrySchema, ExchangeInputSchema } from "../schemas.js";
import { counterpartRef, ERRORS, json, jsonBody } from "./route-kit.js";

export function registerExchangeRoutes(app: OpenAPIHono<Env>): void {
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
}
