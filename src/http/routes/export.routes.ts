/** /api/v1/export: people as vCard or CSV, everything as a JSON backup, reminders as ICS. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Env } from "../env.js";
import { looseObject } from "../schemas.js";

export const CONTENT_TYPES = {
  vcard: "text/vcard; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  ics: "text/calendar; charset=utf-8",
} as const;
const EXTENSIONS = { vcard: "vcf", csv: "csv", json: "json", ics: "ics" } as const;

export function registerExportRoutes(app: OpenAPIHono<Env>): void {
  const tags = ["Import and export"];

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/export",
      tags,
      summary: "Download people as vCard or CSV, everything as a JSON backup, or reminders as ICS",
      request: {
        query: z.object({
          format: z.enum(["vcard", "csv", "json", "ics"]),
          vcardVersion: z.enum(["3.0", "4.0"]).default("3.0"),
        }),
      },
      responses: {
        200: {
          description: "the file",
          content: {
            "text/vcard": { schema: z.string() },
            "text/csv": { schema: z.string() },
            "application/json": { schema: looseObject("Backup") },
            "text/calendar": { schema: z.string() },
          },
        },
      },
    }),
    async (c) => {
      const { format, vcardVersion } = c.req.valid("query");
      const { text } = await c.get("service").exportData(format, { vcardVersion });
      return c.body(text, 200, {
        "content-type": CONTENT_TYPES[format],
        "content-disposition": `attachment; filename="goodwill.${EXTENSIONS[format]}"`,
      }) as never;
    },
  );
}
