/** /api/v1/events: moments with three or more people (and people met alike), and a rhythm for their weak ties. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Env } from "../env.js";
import { ERRORS, json, jsonBody } from "./route-kit.js";

const EventSchema = z
  .object({ id: z.string(), name: z.string(), on: z.string().openapi({ description: "YYYY-MM-DD" }) })
  .openapi("Event");

export function registerEventRoutes(app: OpenAPIHono<Env>): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/events",
      tags: ["Agenda"],
      summary:
        "Events, the newest first: people first met at each, how many have no rhythm, how many are going cold",
      responses: {
        200: json(
          z.object({
            events: z.array(
              EventSchema.extend({ people: z.number(), withoutRhythm: z.number(), goingCold: z.number() }),
            ),
          }),
          "the events",
        ),
      },
    }),
    async (c) => c.json(await c.get("service").events(), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/events/{id}/rhythm",
      tags: ["Agenda"],
      summary:
        "A keep-in-touch rhythm for everyone first met at the event who has none (every 90 days unless told, counted from the meeting)",
      request: {
        params: z.object({
          id: z.string().min(1).max(400).openapi({ description: "the event's id or name" }),
        }),
        body: jsonBody(z.object({ everyDays: z.number().int().min(1).max(3650).optional() })),
      },
      responses: {
        200: json(
          z.object({
            event: EventSchema,
            everyDays: z.number(),
            updated: z.array(z.object({ id: z.string(), name: z.string() })),
          }),
          "who has a rhythm now",
        ),
        ...ERRORS,
      },
    }),
    async (c) =>
      c.json(await c.get("service").eventRhythm(c.req.valid("param").id, c.req.valid("json").everyDays), 200),
  );
}
