/** /api/v1/import: an upload of contacts (vCard, CSV) or a JSON backup to restore. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { spoolUpload } from "../../app/read-file.js";
import { GoodwillError } from "../../errors.js";
import { detectFormat } from "../../formats/read/detect-format.js";
import type { Env, ServerState } from "../env.js";
import { ErrorSchema, ImportResultSchema } from "../schemas.js";
import { ERRORS, json } from "./route-kit.js";

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

export function registerImportRoutes(app: OpenAPIHono<Env>, state: ServerState): void {
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
}
