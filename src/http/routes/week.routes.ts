/** `/week`: the gives planned for the coming week. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Env } from "../env.js";
import { looseObject, SuggestionSchema } from "../schemas.js";
import { json } from "./route-kit.js";

export function registerWeekRoutes(app: OpenAPIHono<Env>): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/week",
      tags: ["Agenda"],
      summary:
        "Up to seven gives for the coming week: overdue first, at most three a day, work contacts on workdays, occasions on their day",
      responses: {
        200: json(
          z.object({
            from: z.string(),
            to: z.string(),
            workWeek: z.array(z.string()),
            timeZone: z.string(),
            sessions: z.array(
              z.object({
                date: z.string(),
                gives: z.array(
                  SuggestionSchema.extend({
                    overdue: z.boolean(),
                    group: looseObject("EventGroup").optional(),
                  }),
                ),
              }),
            ),
            total: z.number(),
            goingCold: z.array(looseObject("ColdEvent")),
          }),
          "the week",
        ),
      },
    }),
    async (c) => c.json(await c.get("service").week(), 200),
  );
}
