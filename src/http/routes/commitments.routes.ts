/** /api/v1/commitments: promises both ways, mine (i_owe) and theirs (they_owe). */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Env } from "../env.js";
import { CommitmentInputSchema, CommitmentSchema, RefParam } from "../schemas.js";
import { counterpartRef, ERRORS, flag, json, jsonBody } from "./route-kit.js";

export function registerCommitmentRoutes(app: OpenAPIHono<Env>): void {
  const tags = ["Asks and promises"];

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/commitments",
      tags,
      summary: "Promises both ways: open ones by due date, or all",
      request: { query: z.object({ all: flag }) },
      responses: { 200: json(z.object({ commitments: z.array(CommitmentSchema) }), "promises") },
    }),
    async (c) => c.json(await c.get("service").listPromises({ all: c.req.valid("query").all }), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/commitments",
      tags,
      summary: "Record a promise: mine (i_owe) or theirs (they_owe)",
      request: { body: jsonBody(CommitmentInputSchema) },
      responses: { 201: json(z.object({ commitment: CommitmentSchema }), "the promise"), ...ERRORS },
    }),
    async (c) => {
      const service = c.get("service");
      const body = c.req.valid("json");
      return c.json(
        await service.promise(await counterpartRef(service, body), {
          summary: body.summary,
          dueOn: body.dueOn ?? null,
          direction: body.direction,
        }),
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/commitments/{ref}/done",
      tags,
      summary: "Mark a promise done (mine is recorded as a give, theirs as received)",
      request: { params: RefParam },
      responses: { 200: json(z.object({ commitment: CommitmentSchema }), "the promise, done"), ...ERRORS },
    }),
    async (c) => c.json(await c.get("service").completePromise(c.req.valid("param").ref), 200),
  );
}
