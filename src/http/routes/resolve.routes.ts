/** `/resolve`: whom a WHO names. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Env } from "../env.js";
import { ERRORS, json } from "./route-kit.js";

export function registerResolveRoutes(app: OpenAPIHono<Env>): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/resolve",
      tags: ["Profile"],
      summary:
        "Whom a WHO names: an id, email, the whole name or the starts of its words, or dept:NAME (409 with candidates when ambiguous; 404 with the did-you-mean candidates in details when the text is only inside a word of a name)",
      request: { query: z.object({ who: z.string().min(1).max(400) }) },
      responses: {
        200: json(
          z.object({
            kind: z.enum(["person", "department"]),
            id: z.string(),
            name: z.string(),
            organization: z.string().nullable(),
          }),
          "the match",
        ),
        ...ERRORS,
      },
    }),
    async (c) => c.json(await c.get("service").resolve(c.req.valid("query").who), 200),
  );
}
