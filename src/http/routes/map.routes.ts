/** /api/v1/map: the departments of my organization, with the people I know there. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Env } from "../env.js";
import { BalanceSchema } from "../schemas.js";
import { ERRORS, json } from "./route-kit.js";

const DepartmentMapSchema = z
  .object({
    organization: z.string(),
    departments: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        people: z.number().openapi({ description: "how many people I know there" }),
        members: z.array(z.object({ id: z.string(), name: z.string(), strength: z.number() })),
        averageStrength: z.number().nullable(),
        balance: BalanceSchema,
        status: z.enum(["strong", "thin", "none", "overdrawn"]),
        mine: z.boolean(),
      }),
    ),
    withoutDepartment: z
      .array(z.object({ id: z.string(), name: z.string(), strength: z.number() }))
      .openapi({ description: "people of the organization with no department given, by name" }),
  })
  .openapi("DepartmentMap");

export function registerMapRoutes(app: OpenAPIHono<Env>): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/map",
      tags: ["Agenda"],
      summary:
        "Each department of my organization (or of org=): people known there, average strength, balance, status",
      request: {
        query: z.object({
          org: z
            .string()
            .min(1)
            .max(400)
            .optional()
            .openapi({ description: "another organization, by name" }),
        }),
      },
      responses: { 200: json(DepartmentMapSchema, "the map"), ...ERRORS },
    }),
    async (c) => c.json(await c.get("service").map(c.req.valid("query").org), 200),
  );
}
