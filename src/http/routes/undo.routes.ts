/**
 * /api/v1/undo: the journal of writes (`GET`), undoing the newest (`POST /api/v1/undo`) or one by
 * its id (`POST /api/v1/undo/{id}`). Every write answered by the API carries a `Goodwill-Undo`
 * header with the id that undoes it.
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Env } from "../env.js";
import { RefParam } from "../schemas.js";
import { ERRORS, json } from "./route-kit.js";

const UndoEntrySchema = z
  .object({
    id: z.string(),
    kind: z.enum(["write", "import"]),
    action: z.string(),
    description: z.string(),
    createdAt: z.string(),
    undoneAt: z.string().nullable(),
    undoSummary: z.string().nullable(),
    import: z
      .object({
        file: z.string(),
        format: z.string(),
        created: z.number(),
        updated: z.number(),
        unchanged: z.number(),
      })
      .optional(),
  })
  .openapi("UndoEntry");

export function registerUndoRoutes(app: OpenAPIHono<Env>): void {
  const tags = ["Corrections and undo"];

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/undo",
      tags,
      summary: "The journal of writes of the last 30 days, newest first (kind=import: the imports)",
      request: {
        query: z.object({
          limit: z.coerce.number().int().min(1).max(200).optional(),
          kind: z.enum(["write", "import"]).optional(),
        }),
      },
      responses: { 200: json(z.object({ entries: z.array(UndoEntrySchema) }), "journal entries"), ...ERRORS },
    }),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(
        await c.get("service").listUndo({
          ...(q.limit !== undefined ? { limit: q.limit } : {}),
          ...(q.kind ? { kind: q.kind } : {}),
        }),
        200,
      );
    },
  );
  const UndoResult = z.object({ undone: UndoEntrySchema, summary: z.string() });
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/undo",
      tags,
      summary: "Undo the newest write still in force",
      responses: { 200: json(UndoResult, "what was undone"), ...ERRORS },
    }),
    async (c) => c.json(await c.get("service").undo(), 200),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/undo/{ref}",
      tags,
      summary: "Undo one write (or a whole import) by its journal id",
      request: { params: RefParam },
      responses: { 200: json(UndoResult, "what was undone"), ...ERRORS },
    }),
    async (c) => c.json(await c.get("service").undo(c.req.valid("param").ref), 200),
  );
}
