/** /api/v1/organizations: the organizations and departments a user picks from instead of guessing a spelling. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Env } from "../env.js";
import { json } from "./route-kit.js";

const OrganizationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    mine: z.boolean().openapi({ description: "my own organization: its people are my colleagues" }),
    people: z.number().openapi({ description: "people there, not archived" }),
    withoutDepartment: z.number().openapi({ description: "people there without a department given" }),
    departments: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        people: z.number().openapi({ description: "people there, not archived" }),
        mine: z.boolean(),
      }),
    ),
  })
  .openapi("Organization");

export function registerOrganizationRoutes(app: OpenAPIHono<Env>): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/organizations",
      tags: ["People"],
      summary:
        "Every organization (mine first, then by name) with its departments and how many people each holds",
      responses: {
        200: json(z.object({ organizations: z.array(OrganizationSchema) }), "the organizations"),
      },
    }),
    async (c) => c.json(await c.get("service").listOrganizations(), 200),
  );
}
