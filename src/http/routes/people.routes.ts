/** /api/v1/people: list, create, read, update, delete, merge; a person's overview, score and notes. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { PersonInput } from "../../contract/person-input.js";
import { TIMELINE_MAX_PAGE_SIZE, TIMELINE_PAGE_SIZE } from "../../contract/timeline.js";
import { LIMITS } from "../../domain/limits.js";
import { GoodwillError } from "../../errors.js";
import type { GoodwillService } from "../../service/goodwill-service.js";
import { isId } from "../../storage/keys.js";
import type { Env } from "../env.js";
import { personAnswerKey } from "../hot-read.js";
import { securedJson } from "../middleware/security-headers.js";
import {
  BalanceSchema,
  DueSchema,
  ErrorSchema,
  IdParam,
  looseObject,
  PersonInputSchema,
  PersonPatchSchema,
  PersonSchema,
  StrengthSchema,
  SuggestionSchema,
} from "../schemas.js";
import { flag, json } from "./route-kit.js";

const errors = {
  404: json(ErrorSchema, "no such person (or not yours)"),
  422: json(ErrorSchema, "a value is not acceptable"),
};
const tags = ["People"];

const PeopleListSchema = z
  .object({
    people: z.array(
      z.object({
        person: PersonSchema,
        due: DueSchema,
        balance: BalanceSchema,
        lastContactAt: z.string().nullable(),
      }),
    ),
    total: z.number(),
    offset: z.number(),
  })
  .openapi("PeopleList");

const TimelinePageSchema = z
  .object({
    items: z.array(
      z.object({
        type: z.enum(["gave", "received", "moment", "ask", "promise", "note"]),
        at: z.string(),
        summary: z.string(),
        detail: z.string().nullable(),
        id: z.string(),
        fields: z
          .object({
            kind: z.string().optional(),
            weight: z.number().optional(),
            channel: z.string().optional(),
            notes: z.string().nullable().optional(),
            status: z.string().optional(),
            direction: z.string().optional(),
            dueOn: z.string().nullable().optional(),
          })
          .openapi({
            description:
              "what a correction (PATCH on the record) starts from: gave/received kind and weight, a moment's channel and notes, an ask's status, a promise's status, direction and dueOn",
          }),
      }),
    ),
    more: z.boolean().openapi({ description: "whether older items remain" }),
    next: z
      .string()
      .nullable()
      .openapi({ description: "pass as before for the next (older) page; null when there is none" }),
  })
  .openapi("TimelinePage");

const NewPersonSchema = PersonInputSchema.extend({
  allowDuplicate: z
    .boolean()
    .optional()
    .openapi({ description: "add them even if someone has the same name, email or phone" }),
}).openapi("NewPerson");

const DuplicatePersonSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    organization: z.string().nullable(),
    department: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
  })
  .openapi("DuplicatePerson");

const DuplicatePairsSchema = z
  .object({
    pairs: z.array(
      z.object({
        a: DuplicatePersonSchema.openapi({ description: "the newer record: a merge moves it into b" }),
        b: DuplicatePersonSchema.openapi({ description: "the older record, the one a merge keeps" }),
        reasons: z.array(
          z.object({
            code: z.enum(["same_email", "same_phone", "same_name", "similar_name", "same_organization"]),
            text: z.string(),
          }),
        ),
        score: z.number().openapi({ description: "0 to 1: how likely the two are one person" }),
      }),
    ),
    total: z.number().openapi({ description: "how many pairs there are in all" }),
  })
  .openapi("DuplicatePairs");

function toPersonInput<T extends Partial<z.infer<typeof PersonInputSchema>>>(body: T): PersonInput {
  // Only the fields present in the body are changed; absent ones stay as they are.
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as PersonInput;
}

export function registerPeopleRoutes(app: OpenAPIHono<Env>): void {
  // Before /people/{id}, which would take "duplicates" for a person.
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/people/duplicates",
      tags,
      summary: "Likely duplicate pairs: same email, same phone or names alike, the likeliest first",
      request: {
        query: z.object({
          limit: z.coerce
            .number()
            .int()
            .min(1)
            .max(1000)
            .default(100)
            .openapi({ description: "how many pairs" }),
        }),
      },
      responses: {
        200: json(DuplicatePairsSchema, "the pairs, each with its reasons and a score"),
        422: errors[422],
      },
    }),
    async (c) => c.json(await c.get("service").duplicates(c.req.valid("query")), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/people/bulk",
      tags,
      summary:
        "Tag, untag, put in a circle, give a rhythm — or delete — many people at once (one change: one undo)",
      request: {
        body: {
          content: {
            "application/json": {
              schema: z.object({
                ids: z.array(z.string().min(1).max(200)).min(1).max(1000),
                addTags: z.array(z.string().min(1).max(200)).max(50).optional(),
                removeTags: z.array(z.string().min(1).max(200)).max(50).optional(),
                layer: z.number().int().optional().openapi({ description: "5, 15, 50, 150 or 500" }),
                cadenceDays: z.number().int().nullable().optional(),
                delete: z.boolean().optional(),
              }),
            },
          },
          required: true,
        },
      },
      responses: {
        200: json(
          z.object({
            updated: z.array(z.object({ id: z.string(), name: z.string() })),
            deleted: z.array(z.object({ id: z.string(), name: z.string() })),
            done: z.string(),
          }),
          "who changed, and how, in words",
        ),
        ...errors,
      },
    }),
    async (c) => c.json(await c.get("service").bulkPeople(c.req.valid("json")), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/people/distinct",
      tags,
      summary: "Say two people are not one: the duplicates no longer pair them",
      request: {
        body: {
          content: {
            "application/json": {
              schema: z.object({ a: z.string().min(1).max(200), b: z.string().min(1).max(200) }),
            },
          },
          required: true,
        },
      },
      responses: {
        200: json(
          z.object({
            distinct: z.object({
              a: z.object({ id: z.string(), name: z.string() }),
              b: z.object({ id: z.string(), name: z.string() }),
            }),
          }),
          "the two people",
        ),
        ...errors,
      },
    }),
    async (c) => {
      const service = c.get("service");
      const { a, b } = c.req.valid("json");
      return c.json(await service.markDistinct(await personId(service, a), await personId(service, b)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/people",
      tags,
      summary: "List people, with their due status and balance",
      request: {
        query: z.object({
          organization: z
            .string()
            .max(200)
            .optional()
            .openapi({ description: "part of the organization's name, accents and case ignored" }),
          department: z
            .string()
            .max(200)
            .optional()
            .openapi({ description: "part of the department's name, accents and case ignored" }),
          tag: z.string().max(100).optional(),
          due: flag,
          label: z.enum(["overdrawn", "balanced", "giving", "untracked"]).optional(),
          q: z
            .string()
            .max(200)
            .optional()
            .openapi({ description: "part of a name, accents and case ignored" }),
          sort: z.enum(["name", "due", "balance", "lastContact"]).optional().openapi({
            description:
              "name A–Z, the most pressing due first, the most overdrawn first, the longest without contact first",
          }),
          order: z.enum(["asc", "desc"]).default("asc").openapi({ description: "desc reverses the sort" }),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          offset: z.coerce.number().int().min(0).default(0),
        }),
      },
      responses: {
        200: json(PeopleListSchema, "a page of people, by name (due ones by priority with due=true)"),
        422: errors[422],
      },
    }),
    async (c) => c.json(await c.get("service").listPeople(c.req.valid("query")), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/people",
      tags,
      summary: "Add a person",
      description:
        "Refused with 409 possible_duplicate (details.candidates: who it may be) when someone already has the folded name, an email or a phone; allowDuplicate adds them anyway.",
      request: { body: { content: { "application/json": { schema: NewPersonSchema } }, required: true } },
      responses: {
        201: json(PersonSchema, "the person"),
        409: json(ErrorSchema, "possible_duplicate: someone with this name, email or phone is already there"),
        ...errors,
      },
    }),
    async (c) => {
      const { allowDuplicate, ...body } = c.req.valid("json");
      return c.json(
        await c
          .get("service")
          .addPerson({ ...toPersonInput(body), name: body.name, allowDuplicate: allowDuplicate ?? false }),
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/people/{id}",
      tags,
      summary: "One person",
      request: { params: IdParam },
      responses: { 200: json(PersonSchema, "the person"), 404: errors[404] },
    }),
    async (c) => {
      const id = c.req.valid("param").id;
      const service = c.get("service");
      if (!isId(id)) return c.json(await service.getPerson(id), 200);
      // The hottest read of the API: its answer is kept as JSON bytes beside the person it was made
      // from, and dropped with it on the next write (storage/read-cache.ts); the next requests for it
      // are answered from there before the app (hot-read.ts).
      const { store, ownerId } = c.get("ctx");
      const body = await store.readCache.read(personAnswerKey(ownerId, id), async () =>
        Buffer.from(JSON.stringify(await service.getPerson(id))),
      );
      // The same document c.json would send, already serialized: the route's type cannot see that.
      return securedJson(body, 200) as never;
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/api/v1/people/{id}",
      tags,
      summary: "Change a person (lists given replace the old ones)",
      request: {
        params: IdParam,
        body: { content: { "application/json": { schema: PersonPatchSchema } }, required: true },
      },
      responses: { 200: json(PersonSchema, "the person as they are now"), ...errors },
    }),
    async (c) => {
      const service = c.get("service");
      return c.json(
        await service.editPerson(
          await personId(service, c.req.valid("param").id),
          toPersonInput(c.req.valid("json")),
        ),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/api/v1/people/{id}",
      tags,
      summary: "Remove a person with their whole history",
      request: { params: IdParam },
      responses: { 200: json(z.object({ removed: PersonSchema }), "who was removed"), 404: errors[404] },
    }),
    async (c) => {
      const service = c.get("service");
      return c.json(await service.removePerson(c.req.valid("param").id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/people/{id}/merge",
      tags,
      summary: "Merge this person into another (history and details move over; this one is removed)",
      request: {
        params: IdParam,
        body: {
          content: { "application/json": { schema: z.object({ into: z.string().min(1).max(200) }) } },
          required: true,
        },
      },
      responses: {
        200: json(
          z.object({ merged: z.object({ id: z.string(), name: z.string() }), into: PersonSchema }),
          "the person kept",
        ),
        ...errors,
      },
    }),
    async (c) => {
      const service = c.get("service");
      const from = await personId(service, c.req.valid("param").id);
      const into = await personId(service, c.req.valid("json").into);
      return c.json(await service.mergePeople(from, into), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/people/{id}/overview",
      tags,
      summary:
        "Everything about one person: profile, balance, strength, due status, open asks and promises, timeline",
      request: { params: IdParam },
      responses: { 200: json(looseObject("PersonOverview"), "as goodwill show --json"), 404: errors[404] },
    }),
    async (c) => {
      const service = c.get("service");
      return c.json(await service.show(c.req.valid("param").id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/people/{id}/timeline",
      tags,
      summary:
        "A page of the person's timeline, newest first; pass the answer's next as before for older items",
      request: {
        params: IdParam,
        query: z.object({
          before: z.string().min(1).max(1000).optional().openapi({
            description: "the next of the page before (an opaque cursor); leave it out for the newest items",
          }),
          limit: z.coerce
            .number()
            .int()
            .min(1)
            .max(TIMELINE_MAX_PAGE_SIZE)
            .default(TIMELINE_PAGE_SIZE)
            .openapi({ description: "how many items" }),
        }),
      },
      responses: {
        200: json(TimelinePageSchema, "the items, whether older ones remain, and the cursor to them"),
        ...errors,
      },
    }),
    async (c) => {
      const query = c.req.valid("query");
      return c.json(
        await c.get("service").timeline(c.req.valid("param").id, {
          limit: query.limit,
          ...(query.before !== undefined ? { before: query.before } : {}),
        }),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/people/{id}/balance-history",
      tags,
      summary: "The giving balance with this person on the first of each month (up to two years) and today",
      request: { params: IdParam },
      responses: {
        200: json(
          z.object({
            person: z.object({ id: z.string(), name: z.string() }),
            points: z.array(BalanceSchema.extend({ at: z.string() })),
            months: z.array(
              z.object({
                month: z.string().openapi({ description: "YYYY-MM (UTC)" }),
                gave: z.number(),
                received: z.number(),
                gaveEntries: z.number(),
                receivedEntries: z.number(),
              }),
            ),
          }),
          "the balance over time, oldest first; the last point is today; and what went each way month by month",
        ),
        404: errors[404],
      },
    }),
    async (c) => c.json(await c.get("service").balanceHistory(c.req.valid("param").id), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/people/{id}/history",
      tags,
      summary: "How much history hangs off this person: what removing them takes away",
      request: { params: IdParam },
      responses: {
        200: json(
          z.object({
            person: z.object({ id: z.string(), name: z.string() }),
            history: z.object({
              ledgerEntries: z.number().int(),
              moments: z.number().int(),
              notes: z.number().int(),
              asks: z.number().int(),
              promises: z.number().int(),
              needs: z.number().int(),
              offers: z.number().int(),
              introductions: z.number().int(),
            }),
          }),
          "the counts",
        ),
        404: errors[404],
      },
    }),
    async (c) => c.json(await c.get("service").personHistory(c.req.valid("param").id), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/people/{id}/score",
      tags,
      summary: "Relationship strength 0–100 with its four parts explained",
      request: { params: IdParam },
      responses: {
        200: json(
          z.object({ person: z.object({ id: z.string(), name: z.string() }), strength: StrengthSchema }),
          "the score",
        ),
        404: errors[404],
      },
    }),
    async (c) => {
      const service = c.get("service");
      return c.json(await service.score(c.req.valid("param").id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/people/{id}/notes",
      tags,
      summary: "Keep a note on a person",
      request: {
        params: IdParam,
        body: {
          content: { "application/json": { schema: z.object({ body: z.string().min(1).max(LIMITS.note) }) } },
          required: true,
        },
      },
      responses: {
        201: json(
          z.object({
            note: z.object({ id: z.string(), personId: z.string(), body: z.string(), createdAt: z.string() }),
          }),
          "the note",
        ),
        ...errors,
      },
    }),
    async (c) => {
      const service = c.get("service");
      return c.json(
        await service.addNote(await personId(service, c.req.valid("param").id), c.req.valid("json").body),
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/people/{id}/suggestions",
      tags,
      summary: "Ways to help this person first",
      request: { params: IdParam },
      responses: {
        200: json(z.object({ suggestions: z.array(SuggestionSchema) }), "suggestions, in kind order"),
        404: errors[404],
      },
    }),
    async (c) => {
      const service = c.get("service");
      return c.json(await service.suggest(await personId(service, c.req.valid("param").id)), 200);
    },
  );
}

/**
 * Routes take a person's id; a name or email works too, resolved within the owner's people. The
 * service's person methods resolve the reference themselves; this is for the ones that need an id.
 */
export async function personId(service: GoodwillService, ref: string): Promise<string> {
  const found = await service.resolve(ref);
  if (found.kind !== "person") throw new GoodwillError("not_found", `No person is ${ref}.`);
  return found.id;
}
