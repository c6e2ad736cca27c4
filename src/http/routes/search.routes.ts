/** `/search`: every word written down, found. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Env } from "../env.js";
import { ERRORS, json } from "./route-kit.js";

export function registerSearchRoutes(app: OpenAPIHono<Env>): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/search",
      tags: ["Agenda"],
      summary: "Find people, notes, ledger entries, moments, asks and promises",
      request: {
        query: z.object({
          q: z.string().min(1).max(500),
          limit: z.coerce.number().int().min(1).max(200).optional().describe("how many hits, 30 unless told"),
        }),
      },
      responses: {
        200: json(
          z.object({
            query: z.string(),
            more: z.boolean().describe("whether more hits than these were found"),
            results: z.array(
              z.object({
                kind: z.string(),
                label: z.string().describe("the kind in a word for people: Ledger, Moment, Promise…"),
                id: z.string(),
                person: z.object({ id: z.string(), name: z.string() }).nullable(),
                department: z
                  .object({ id: z.string(), name: z.string(), organization: z.string().nullable() })
                  .nullable(),
                at: z
                  .string()
                  .nullable()
                  .describe("when the record happened or was written; null for a person"),
                snippet: z.string().describe("an excerpt, each matched word in [brackets]"),
                parts: z
                  .array(z.object({ text: z.string(), match: z.boolean() }))
                  .describe("the same excerpt in pieces, matched or not: brackets in the text stay text"),
              }),
            ),
          }),
          "results, best first",
        ),
        422: ERRORS[422],
      },
    }),
    async (c) => {
      const { q, limit } = c.req.valid("query");
      return c.json(await c.get("service").search(q, limit), 200);
    },
  );
}
