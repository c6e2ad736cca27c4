/** /api/v1/asks: the requests you make, with the check to run before one. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Env } from "../env.js";
import { AskInputSchema, AskSchema, PreAskCheckSchema, RefParam } from "../schemas.js";
import { counterpartRef, ERRORS, flag, json, jsonBody } from "./route-kit.js";

export function registerAskRoutes(app: OpenAPIHono<Env>): void {
  const tags = ["Asks and promises"];

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/asks",
      tags,
      summary: "The requests you made, newest first",
      request: { query: z.object({ open: flag }) },
      responses: { 200: json(z.object({ asks: z.array(AskSchema) }), "asks") },
    }),
    async (c) => c.json(await c.get("service").listAsks({ open: c.req.valid("query").open }), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/asks/check",
      tags,
      summary:
        "The pre-ask check alone, before asking: the balance with them (and their department), a warning when overdrawn, ways to give first",
      request: {
        query: z.object({
          personId: z.string().max(200).optional().openapi({ description: "a person's id, email or name" }),
          departmentId: z.string().max(200).optional(),
          department: z.string().max(200).optional().openapi({ description: "a department's name" }),
        }),
      },
      responses: {
        200: json(z.object({ check: PreAskCheckSchema }), "the check; nothing is recorded"),
        ...ERRORS,
      },
    }),
    async (c) => {
      const service = c.get("service");
      return c.json(await service.checkAsk(await counterpartRef(service, c.req.valid("query"))), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/asks",
      tags,
      summary: "Record an ask; the response carries the pre-ask check (balance, warning, ways to give first)",
      request: { body: jsonBody(AskInputSchema) },
      responses: {
        201: json(z.object({ ask: AskSchema, check: PreAskCheckSchema }), "the ask and the check"),
        ...ERRORS,
      },
    }),
    async (c) => {
      const service = c.get("service");
      const body = c.req.valid("json");
      return c.json(
        await service.ask(await counterpartRef(service, body), {
          summary: body.summary,
          ...(body.askedAt ? { askedAt: body.askedAt } : {}),
        }),
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/asks/{ref}/fulfill",
      tags,
      summary: "They did it: close the ask and record what was received",
      request: {
        params: RefParam,
        body: {
          content: {
            "application/json": { schema: z.object({ weight: z.number().min(0.25).max(8).optional() }) },
          },
          required: false,
        },
      },
      responses: {
        200: json(z.object({ ask: AskSchema, exchangeId: z.string() }), "the ask, fulfilled"),
        ...ERRORS,
      },
    }),
    async (c) => {
      const body = (await c.req.json().catch(() => ({}))) as { weight?: number };
      return c.json(await c.get("service").fulfillAsk(c.req.valid("param").ref, body.weight), 200);
    },
  );

  for (const [verb, status] of [
    ["decline", "declined"],
    ["withdraw", "withdrawn"],
  ] as const) {
    app.openapi(
      createRoute({
        method: "post",
        path: `/api/v1/asks/{ref}/${verb}`,
        tags,
        summary: verb === "decline" ? "They said no: close the ask" : "You no longer need it: close the ask",
        request: { params: RefParam },
        responses: { 200: json(z.object({ ask: AskSchema }), `the ask, ${status}`), ...ERRORS },
      }),
      async (c) => c.json(await c.get("service").closeAsk(c.req.valid("param").ref, status), 200),
    );
  }
}
