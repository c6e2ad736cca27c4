/** `/profile`: your own profile. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Env } from "../env.js";
import { ProfileSchema } from "../schemas.js";
import { ERRORS, json, jsonBody } from "./route-kit.js";

export function registerProfileRoutes(app: OpenAPIHono<Env>): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/profile",
      tags: ["Profile"],
      summary: "Your profile: name, organization (colleagues are people there) and department",
      responses: { 200: json(z.object({ profile: ProfileSchema }), "the profile") },
    }),
    async (c) => c.json(await c.get("service").profile(), 200),
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/api/v1/profile",
      tags: ["Profile"],
      summary: "Set your profile",
      request: {
        body: jsonBody(
          z.object({
            name: z.string().min(1).max(200),
            organization: z.string().max(200).nullable().optional().openapi({
              description: 'colleagues are the people there; absent: unchanged; null or "": none',
            }),
            department: z
              .string()
              .max(200)
              .nullable()
              .optional()
              .openapi({ description: 'absent: unchanged while the organization is; null or "": none' }),
            workWeek: z
              .union([z.string().max(200), z.array(z.string().max(20)).max(7)])
              .optional()
              .openapi({
                description: 'the working days: "mon-fri", "sun-thu" or ["mon","tue"]; absent: unchanged',
              }),
            timeZone: z
              .string()
              .max(100)
              .optional()
              .openapi({ description: "an IANA time zone (Europe/Berlin); absent: unchanged" }),
          }),
        ),
      },
      responses: { 200: json(z.object({ profile: ProfileSchema }), "the profile"), ...ERRORS },
    }),
    async (c) => c.json(await c.get("service").init(c.req.valid("json")), 200),
  );
}
