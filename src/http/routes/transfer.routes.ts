/** Import (upload), export (each format), the demo, and the private calendar feed. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { calendarOwner, rotateCalendarKey } from "../../app/accounts.js";
import { spoolUpload } from "../../app/read-file.js";
import { GoodwillError } from "../../errors.js";
import { detectFormat } from "../../formats/read/detect-format.js";
import { localService } from "../../service/local-service.js";
import type { Env, ServerState } from "../env.js";
import { ErrorSchema, ImportResultSchema, looseObject } from "../schemas.js";
import { ERRORS, json } from "./route-kit.js";

const CONTENT_TYPES = {
  vcard: "text/vcard; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  ics: "text/calendar; charset=utf-8",
} as const;
const EXTENSIONS = { vcard: "vcf", csv: "csv", json: "json", ics: "ics" } as const;

/**
 * JSON restores that may run at once on one server. A restore reads its backup as a stream and
 * writes it in batches (src/app/restore.ts), so one no longer holds the memory or the store; a second
 * at the same time would still halve the speed of both and of every other writer, for no gain.
 */
export const MAX_CONCURRENT_RESTORES = 1;

function refuseSecondRestore(state: ServerState): void {
  if (state.restoresRunning < MAX_CONCURRENT_RESTORES) return;
  throw new GoodwillError(
    "rate_limited",
    "Another backup is being restored on this server right now, and restores run one at a time. Try again when it has finished; nothing was imported.",
  );
}

export function registerTransferRoutes(app: OpenAPIHono<Env>, state: ServerState): void {
  const tags = ["Import and export"];

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/import",
      tags,
      summary:
        "Upload an address book (vCard, LinkedIn, Google, Outlook, CSV) or a Goodwill JSON backup; up to 200 MB",
      request: {
        query: z.object({
          format: z.enum(["auto", "vcard", "linkedin", "google", "outlook", "csv", "json"]).default("auto"),
          filename: z.string().max(300).optional(),
        }),
        body: {
          content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } },
          required: true,
        },
      },
      responses: {
        200: json(ImportResultSchema, "what happened to each record, as goodwill import --json"),
        ...ERRORS,
        429: json(ErrorSchema, "another JSON backup is being restored on this server; try again later"),
      },
    }),
    async (c) => {
      const { format, filename } = c.req.valid("query");
      // An explicit restore is refused before its body is read, when another one is running.
      if (format === "json") refuseSecondRestore(state);
      const body = c.req.raw.body;
      if (!body)
        throw new GoodwillError("invalid", "The upload is empty: send the file's bytes as the request body.");
      const upload = await spoolUpload(body as ReadableStream<Uint8Array>, filename ?? "the upload");
      try {
        const { file } = upload;
        if (file.size === 0)
          throw new GoodwillError(
            "invalid",
            "The upload is empty: send the file's bytes as the request body.",
          );
        const service = c.get("service");
        if (format !== "json" && (format !== "auto" || detectFormat(file.head) !== "json"))
          return c.json(await service.importContacts(file, format), 200);
        refuseSecondRestore(state);
        state.restoresRunning++;
        try {
          return c.json(await service.importContacts(file, format), 200);
        } finally {
          state.restoresRunning--;
        }
      } finally {
        await upload.remove();
      }
    },
  );

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

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/demo",
      tags,
      summary: "Load the demo story into an empty account",
      responses: { 201: json(looseObject("DemoLoaded"), "what was loaded"), 409: ERRORS[409] },
    }),
    async (c) => c.json(await c.get("service").loadDemo(), 201),
  );

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
