/** /api/v1/needs: what people need. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Env } from "../env.js";
import { NeedSchema, RefParam } from "../schemas.js";
import { ListQuery, listFilter, NewInput, patchOf } from "./needs-offers-input.js";
import { ERRORS, json, jsonBody } from "./route-kit.js";

const NeedPatch = patchOf(["open", "met", "dropped"]);

export function registerNeedRoutes(app: OpenAPIHono<Env>): void {
  const tags = ["Needs and offers"];

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/needs",
      tags,
      summary: "Open needs (or all), of everyone or one person",
      request: { query: ListQuery },
      responses: { 200: json(z.object({ needs: z.array(NeedSchema) }), "needs"), ...ERRORS },
    }),
    async (c) => c.json(await c.get("service").listNeeds(listFilter(c.req.valid("query"))), 200),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/needs",
      tags,
      summary: "Note what a person needs or is working on",
      request: { body: jsonBody(NewInput) },
      responses: { 201: json(z.object({ need: NeedSchema }), "the need"), ...ERRORS },
    }),
    async (c) => {
      const body = c.req.valid("json");
      return c.json(await c.get("service").addNeed(body.personId, body.text), 201);
    },
  );
  app.openapi(
    createRoute({
      method: "patch",
      path: "/api/v1/needs/{ref}",
      tags,
      summary: "Reword a need, or correct its status",
      request: { params: RefParam, body: jsonBody(NeedPatch) },
      responses: { 200: json(z.object({ need: NeedSchema }), "the need"), ...ERRORS },
    }),
    async (c) =>
      c.json(
        await c.get("service").editRecord("need", c.req.valid("param").ref, c.req.valid("json")),
        200,
      ) as never,
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/needs/{ref}/met",
      tags,
      summary: 'The need was met; `by` says who met it (a person id, or "me": recorded as a give)',
      request: {
        params: RefParam,
        body: {
          content: {
            "application/json": { schema: z.object({ by: z.string().min(1).max(200).optional() }) },
          },
          required: false,
        },
      },
      responses: { 200: json(z.object({ need: NeedSchema }), "the need, met"), ...ERRORS },
    }),
    async (c) => {
      const body = (await c.req.json().catch(() => ({}))) as { by?: unknown };
      const by = typeof body.by === "string" ? body.by : undefined;
      return c.json(
        await c.get("service").closeNeed(c.req.valid("param").ref, { status: "met", ...(by ? { by } : {}) }),
        200,
      );
    },
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/needs/{ref}/drop",
      tags,
      summary: "The need no longer stands",
      request: { params: RefParam },
      responses: { 200: json(z.object({ need: NeedSchema }), "the need, dropped"), ...ERRORS },
    }),
    async (c) =>
      c.json(await c.get("service").closeNeed(c.req.valid("param").ref, { status: "dropped" }), 200),
  );
}
