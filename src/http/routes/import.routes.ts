/**
 * /api/v1/import: an upload of contacts (vCard, CSV), a JSON backup to restore, or mail and
 * calendar history (mbox, .eml, .ics; issue 18).
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { historyFile, spoolUpload } from "../../app/read-file.js";
import { BODY_POLICIES } from "../../contract/capture.js";
import { GoodwillError } from "../../errors.js";
import { detectFormat } from "../../formats/read/detect-format.js";
import { detectCaptureFormat } from "../../formats/read/mail/detect-capture-format.js";
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

const counts = (description: string) => z.number().int().openapi({ description });

/** What an import of mail or calendar history did (`CaptureResult`, as goodwill import --json). */
const CaptureResultSchema = z
  .object({
    kind: z.literal("history"),
    format: z.string(),
    read: counts("messages and meetings read, problems included"),
    logged: counts("new moments"),
    people: counts("distinct people on the new moments"),
    alreadyImported: counts("seen by an earlier import: nothing added"),
    unmatched: counts("with nobody you know on them (a later import looks again)"),
    skipped: z.object({
      list: z.number(),
      "no-reply": z.number(),
      "auto-reply": z.number(),
      cancelled: z.number(),
      future: z.number(),
    }),
    problems: z.object({
      count: z.number(),
      first: z.array(z.object({ kind: z.literal("problem"), where: z.string(), message: z.string() })),
    }),
    suggested: counts("suggested entries waiting in the Inbox"),
    bodies: z.enum(BODY_POLICIES),
    myAddresses: z.object({
      addresses: z.array(z.string()),
      source: z.enum(["setting", "account", "inferred", "none"]),
    }),
    frequent: z.array(
      z.object({
        email: z.string(),
        name: z.string().nullable(),
        messages: z.number(),
        lastAt: z.string().nullable(),
      }),
    ),
  })
  .openapi("CaptureResult");

export function registerImportRoutes(app: OpenAPIHono<Env>, state: ServerState): void {
  const tags = ["Import and export"];

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/import",
      tags,
      summary:
        "Upload an address book (vCard, LinkedIn, Google, Outlook, CSV), a Goodwill JSON backup, or mail and calendar history (mbox, .eml, .ics); up to 200 MB",
      request: {
        query: z.object({
          format: z.enum(["auto", "vcard", "linkedin", "google", "outlook", "csv", "json"]).default("auto"),
          filename: z.string().max(300).optional(),
          bodies: z.enum(BODY_POLICIES).optional().openapi({
            description: "mail and calendars: how much of each body to keep (saved as the setting)",
          }),
          me: z
            .string()
            .max(2000)
            .optional()
            .openapi({ description: "mail and calendars: your own addresses, separated by commas (saved)" }),
        }),
        body: {
          content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } },
          required: true,
        },
      },
      responses: {
        200: json(
          z.union([ImportResultSchema, CaptureResultSchema]),
          "what happened to each record or message, as goodwill import --json",
        ),
        ...ERRORS,
        429: json(ErrorSchema, "another JSON backup is being restored on this server; try again later"),
      },
    }),
    async (c) => {
      const { format, filename, bodies, me } = c.req.valid("query");
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
        const history = format === "auto" ? detectCaptureFormat(file.head, filename ?? "") : null;
        if (history) {
          const options = { bodies, me: me?.split(",").filter((a) => a.trim() !== "") };
          return c.json(await service.importHistory(historyFile(file, history), options), 200);
        }
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
