/** /api/v1/calendar-key and /api/v1/calendar.ics: the private calendar feed and the link to it. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { calendarOwner, rotateCalendarKey } from "../../app/accounts.js";
import { GoodwillError } from "../../errors.js";
import { localService } from "../../service/local-service.js";
import type { Env, ServerState } from "../env.js";
import { ErrorSchema } from "../schemas.js";
import { CONTENT_TYPES } from "./export.routes.js";
import { json } from "./route-kit.js";

export function registerCalendarRoutes(app: OpenAPIHono<Env>, state: ServerState): void {
  const tags = ["Import and export"];

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/calendar-key",
      tags,
      summary: "Make a new private calendar-feed link (the old one stops working)",
      responses: {
        201: json(z.object({ url: z.string(), path: z.string() }), "the feed's address; keep it private"),
      },
    }),
    async (c) => {
      const key = await rotateCalendarKey(c.get("ctx").db, c.get("ownerId"));
      const path = `/api/v1/calendar.ics?key=${encodeURIComponent(key)}`;
      // Behind the TLS proxy of docs/deploy.md the public address is https, not the local http.
      const base = new URL(c.req.url);
      if (c.req.header("x-forwarded-proto") === "https") base.protocol = "https:";
      const host = c.req.header("x-forwarded-host") ?? c.req.header("host");
      if (host) base.host = host;
      return c.json({ url: new URL(path, base).toString(), path }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/calendar.ics",
      tags,
      summary:
        "The private calendar feed: birthdays, who is due, promises (subscribe from a phone's calendar)",
      security: [],
      request: { query: z.object({ key: z.string().min(1).max(300) }) },
      responses: {
        200: { description: "an iCalendar file", content: { "text/calendar": { schema: z.string() } } },
        404: json(ErrorSchema, "no such feed"),
      },
    }),
    async (c) => {
      const { store } = state.options;
      const ownerId = await calendarOwner(store.db, c.req.valid("query").key);
      if (!ownerId)
        throw new GoodwillError(
          "not_found",
          "There is no calendar feed at this address. Make a new link in Goodwill's settings.",
        );
      const service = localService({ store, db: store.db, ownerId, now: state.now() });
      const { text } = await service.exportData("ics", {});
      return c.body(text, 200, {
        "content-type": CONTENT_TYPES.ics,
        "cache-control": "private, max-age=300",
      }) as never;
    },
  );
}
