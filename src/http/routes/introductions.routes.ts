/** /api/v1/introductions: double opt-in introductions between two people. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { INTRODUCTION_STATUSES } from "../../domain/introduction.js";
import { LIMITS } from "../../domain/limits.js";
import type { Env } from "../env.js";
import { IntroductionSchema, RefParam } from "../schemas.js";
import { ERRORS, json, jsonBody } from "./route-kit.js";

export function registerIntroductionRoutes(app: OpenAPIHono<Env>): void {
  const tags = ["Introductions"];

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/introductions",
      tags,
      summary: "Introductions by status (open ones first)",
      request: { query: z.object({ status: z.enum(INTRODUCTION_STATUSES).optional() }) },
      responses: {
        200: json(z.object({ introductions: z.array(IntroductionSchema) }), "introductions"),
        ...ERRORS,
      },
    }),
    async (c) => {
      const { status } = c.req.valid("query");
      return c.json(await c.get("service").listIntroductions(status ? { status } : {}), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/introductions",
      tags,
      summary: "Propose introducing two people; the answer carries the two opt-in messages to send",
      request: {
        body: jsonBody(
          z.object({
            aId: z.string().min(1).max(200),
            bId: z.string().min(1).max(200),
            reason: z.string().min(1).max(LIMITS.reason),
          }),
        ),
      },
      responses: { 201: json(z.object({ introduction: IntroductionSchema }), "the introduction"), ...ERRORS },
    }),
    async (c) => c.json(await c.get("service").introduce(c.req.valid("json")), 201),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/introductions/{ref}/status",
      tags,
      summary:
        "Move it on: a_agreed, b_agreed, made (only once both agreed; records a give to each) or declined; an outcome goes with made",
      request: {
        params: RefParam,
        body: jsonBody(
          z.object({
            move: z.string().min(1).max(40).openapi({ description: "a_agreed | b_agreed | made | declined" }),
            outcome: z.string().min(1).max(LIMITS.summary).optional(),
            good: z.boolean().optional().openapi({ description: "the outcome was good: the gives weigh 5" }),
            needs: z.enum(["met", "open"]).optional().openapi({
              description:
                "with made: the open needs it was made for (listed in needsToSettle) are met (closed, met by the other side) or stay open",
            }),
          }),
        ),
      },
      responses: { 200: json(z.object({ introduction: IntroductionSchema }), "the introduction"), ...ERRORS },
    }),
    async (c) => {
      const body = c.req.valid("json");
      return c.json(
        await c.get("service").moveIntroduction(c.req.valid("param").ref, {
          move: body.move,
          ...(body.outcome !== undefined ? { outcome: body.outcome } : {}),
          ...(body.good !== undefined ? { good: body.good } : {}),
          ...(body.needs !== undefined ? { needs: body.needs } : {}),
        }),
        200,
      );
    },
  );
}
