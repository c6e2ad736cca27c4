/** /api/v1/tags: the tags a user picks from instead of guessing a spelling. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Env } from "../env.js";
import { json } from "./route-kit.js";

const TagSchema = z
  .object({
    name: z.string().openapi({ description: "spelled as most people carrying it have it" }),
    people: z.number().openapi({ description: "how many people, not archived, carry it" }),
  })
  .openapi("Tag");

export function registerTagRoutes(app: OpenAPIHono<Env>): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/tags",
      tags: ["People"],
      summary:
        "Every tag, by name, with how many people carry it (case and accents ignored: 'IT' and 'it' are one)",
      responses: { 200: json(z.object({ tags: z.array(TagSchema) }), "the tags") },
    }),
    async (c) => c.json(await c.get("service").listTags(), 200),
  );
}
