/** `/departments`: the departments of every organization, and ways to give to one. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Env } from "../env.js";
import { IdParam, SuggestionSchema } from "../schemas.js";
import { ERRORS, json, jsonBody } from "./route-kit.js";

const DepartmentSchema = z
  .object({ id: z.string(), name: z.string(), organization: z.string() })
  .openapi("Department");

export function registerDepartmentRoutes(app: OpenAPIHono<Env>): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/departments",
      tags: ["Profile"],
      summary: "Departments of every organization",
      responses: { 200: json(z.object({ departments: z.array(DepartmentSchema) }), "departments") },
    }),
    async (c) => c.json(await c.get("service").listDepartments(), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/departments/{id}/suggestions",
      tags: ["Agenda"],
      summary:
        "Ways to give to a department: thank-yous owed to it and its people, the person to start with, lines of its playbook",
      request: { params: IdParam },
      responses: {
        200: json(
          z.object({ department: DepartmentSchema, suggestions: z.array(SuggestionSchema) }),
          "the department's suggestions, in kind order",
        ),
        ...ERRORS,
      },
    }),
    async (c) => c.json(await c.get("service").suggestForDepartment(c.req.valid("param").id), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/departments",
      tags: ["Profile"],
      summary: "Add a department (of your organization unless another is named)",
      request: {
        body: jsonBody(
          z.object({ name: z.string().min(1).max(200), organization: z.string().min(1).max(200).optional() }),
        ),
      },
      responses: { 201: json(z.object({ department: DepartmentSchema }), "the department"), ...ERRORS },
    }),
    async (c) => {
      const body = c.req.valid("json");
      return c.json(await c.get("service").addDepartment(body.name, body.organization), 201);
    },
  );
}
