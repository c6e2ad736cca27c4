/**
 * /api/v1/inbox: suggested entries from captured mail, waiting for the user's yes (accept, edit,
 * dismiss), and the people the user writes to often (add, dismiss). Every decision is one write
 * with a `Goodwill-Undo` header.
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { ENTRY_KINDS, INBOX_KINDS } from "../../contract/inbox.js";
import { EXCHANGE_KINDS } from "../../domain/model.js";
import type { Env } from "../env.js";
import { RefParam } from "../schemas.js";
import { ERRORS, json, jsonBody } from "./route-kit.js";

const InboxItemSchema = z
  .object({
    id: z.string(),
    number: z.number().int(),
    kind: z.enum(INBOX_KINDS),
    person: z.object({ id: z.string(), name: z.string() }).nullable(),
    summary: z.string(),
    exchangeKind: z.string().nullable(),
    address: z.string().nullable(),
    because: z.string(),
    occurredAt: z.string(),
    subject: z.string().nullable(),
    status: z.enum(["open", "accepted", "dismissed"]),
    recordId: z.string().nullable(),
    text: z.string(),
  })
  .openapi("InboxItem");

const CorrespondentSchema = z
  .object({
    key: z.string(),
    number: z.number().int(),
    email: z.string(),
    name: z.string().nullable(),
    messages: z.number().int(),
    lastAt: z.string().nullable(),
  })
  .openapi("Correspondent");

const InboxEditSchema = z
  .object({
    summary: z.string().max(2000).optional(),
    kind: z.enum(ENTRY_KINDS).optional(),
    exchangeKind: z.enum(EXCHANGE_KINDS).optional(),
    person: z
      .string()
      .min(1)
      .max(400)
      .optional()
      .openapi({ description: "WHO: a person's id, email or name" }),
  })
  .strict()
  .openapi("InboxEdit");

const InboxAcceptSchema = InboxEditSchema.extend({
  as: z
    .enum(["promise", "need"])
    .optional()
    .openapi({ description: "an ask: my promise (default) or their need" }),
})
  .strict()
  .openapi("InboxAccept");

const Refs = (field: "ids" | "people", what: string) =>
  z.object({ [field]: z.array(z.string().min(1).max(400)).min(1).max(500).openapi({ description: what }) });

export function registerInboxRoutes(app: OpenAPIHono<Env>): void {
  const tags = ["Inbox"];
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/inbox",
      tags,
      summary: "Suggested entries waiting for a yes, newest first",
      responses: {
        200: json(z.object({ items: z.array(InboxItemSchema), open: z.number().int() }), "the open items"),
        ...ERRORS,
      },
    }),
    async (c) => c.json(await c.get("service").inbox(), 200),
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/inbox/people",
      tags,
      summary: "People you write to often who are not people yet, the most messages first",
      responses: {
        200: json(z.object({ people: z.array(CorrespondentSchema) }), "the correspondents"),
        ...ERRORS,
      },
    }),
    async (c) => c.json(await c.get("service").inboxPeople(), 200),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/inbox/people/add",
      tags,
      summary: "Make people of correspondents (their numbers or addresses), in one write",
      request: { body: jsonBody(Refs("people", "numbers in the list, or addresses")) },
      responses: {
        200: json(
          z.object({
            added: z.array(
              z.object({ person: z.object({ id: z.string(), name: z.string() }), email: z.string() }),
            ),
            next: z.string(),
          }),
          "the people made",
        ),
        ...ERRORS,
      },
    }),
    async (c) => c.json(await c.get("service").addInboxPeople(c.req.valid("json").people as string[]), 200),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/inbox/people/dismiss",
      tags,
      summary: "Hide correspondents from the people you write to often",
      request: { body: jsonBody(Refs("people", "numbers in the list, or addresses")) },
      responses: {
        200: json(z.object({ dismissed: z.array(CorrespondentSchema) }), "those hidden"),
        ...ERRORS,
      },
    }),
    async (c) =>
      c.json(await c.get("service").dismissInboxPeople(c.req.valid("json").people as string[]), 200),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/inbox/dismiss",
      tags,
      summary: "Dismiss items (their ids or numbers): they do not come back on a re-import",
      request: { body: jsonBody(Refs("ids", "item ids or numbers")) },
      responses: {
        200: json(z.object({ dismissed: z.array(InboxItemSchema) }), "the items dismissed"),
        ...ERRORS,
      },
    }),
    async (c) => c.json(await c.get("service").dismissInboxItems(c.req.valid("json").ids as string[]), 200),
  );
  app.openapi(
    createRoute({
      method: "patch",
      path: "/api/v1/inbox/{ref}",
      tags,
      summary: "Change what an item suggests (summary, kind, exchange kind, person) without deciding it",
      request: { params: RefParam, body: jsonBody(InboxEditSchema) },
      responses: { 200: json(z.object({ item: InboxItemSchema }), "the item"), ...ERRORS },
    }),
    async (c) =>
      c.json(await c.get("service").editInboxItem(c.req.valid("param").ref, c.req.valid("json")), 200),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/inbox/{ref}/accept",
      tags,
      summary:
        "Record what an item suggests, after an optional edit: a ledger entry, a promise or need, an address",
      request: {
        params: RefParam,
        body: { content: { "application/json": { schema: InboxAcceptSchema } }, required: false },
      },
      responses: {
        200: json(
          z.object({
            item: InboxItemSchema,
            recorded: z.object({
              kind: z.enum(["exchange", "promise", "need", "email"]),
              id: z.string(),
              text: z.string(),
            }),
          }),
          "the item, accepted, and what was recorded",
        ),
        ...ERRORS,
      },
    }),
    // Without a JSON body nothing is validated, and the item is accepted as it is.
    async (c) =>
      c.json(
        await c.get("service").acceptInboxItem(c.req.valid("param").ref, c.req.valid("json") ?? {}),
        200,
      ),
  );
}
