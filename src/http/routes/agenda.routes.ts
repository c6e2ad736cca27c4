/** Today, the ledger, suggestions, search, the profile, departments and resolving a WHO. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Env } from "../app.js";
import {
  BalanceSchema,
  EntrySchema,
  IdParam,
  looseObject,
  ProfileSchema,
  SuggestionSchema,
} from "../schemas.js";
import { personId } from "./people.routes.js";
import { ERRORS, json, jsonBody } from "./route-kit.js";

const flag = z
  .enum(["true", "false", "1", "0"])
  .optional()
  .transform((v) => v === "true" || v === "1");

const SubjectSchema = z.object({
  kind: z.string(),
  id: z.string().optional(),
  name: z.string(),
  organization: z.string().nullable().optional(),
});

export function registerAgendaRoutes(app: OpenAPIHono<Env>): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/today",
      tags: ["Agenda"],
      summary: "The agenda: who is due, thanks owed, promises, stale asks, occasions and suggestions",
      request: { query: z.object({ all: flag }) },
      responses: { 200: json(looseObject("Today"), "as goodwill today --json") },
    }),
    async (c) => c.json(await c.get("service").today({ all: c.req.valid("query").all }), 200),
  );

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

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/ledger",
      tags: ["Ledger"],
      summary:
        "The giving balance and entries of a person, dept:NAME, org:NAME or everyone; or balances grouped with by=",
      request: {
        query: z.object({
          subject: z
            .string()
            .max(400)
            .optional()
            .openapi({ description: "a person (id, email or name), dept:NAME, dept:ORG/NAME or org:NAME" }),
          by: z.enum(["person", "dept", "org"]).optional(),
        }),
      },
      responses: {
        200: json(
          z.union([
            z.object({ subject: SubjectSchema, balance: BalanceSchema, entries: z.array(EntrySchema) }),
            z.object({ groups: z.array(z.object({ subject: SubjectSchema, balance: BalanceSchema })) }),
          ]),
          "a ledger, or groups",
        ),
        ...ERRORS,
      },
    }),
    async (c) => {
      const service = c.get("service");
      const { subject, by } = c.req.valid("query");
      if (by) return c.json(await service.ledgerGroups(by), 200);
      if (!subject) return c.json(await service.ledger(), 200);
      const ref = /^(dept|org):/i.test(subject) ? subject : await personId(service, subject);
      return c.json(await service.ledger(ref), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/suggestions",
      tags: ["Agenda"],
      summary: "Every suggestion, in kind order then priority",
      responses: { 200: json(z.object({ suggestions: z.array(SuggestionSchema) }), "suggestions") },
    }),
    async (c) => c.json(await c.get("service").suggest(), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/search",
      tags: ["Agenda"],
      summary: "Find people, notes, ledger entries, moments, asks and promises",
      request: {
        query: z.object({
          q: z.string().min(1).max(500),
          limit: z.coerce.number().int().min(1).max(200).optional().describe("how many hits, 30 unless told"),
        }),
      },
      responses: {
        200: json(
          z.object({
            query: z.string(),
            more: z.boolean().describe("whether more hits than these were found"),
            results: z.array(
              z.object({
                kind: z.string(),
                label: z.string().describe("the kind in a word for people: Ledger, Moment, Promise…"),
                id: z.string(),
                person: z.object({ id: z.string(), name: z.string() }).nullable(),
                department: z
                  .object({ id: z.string(), name: z.string(), organization: z.string().nullable() })
                  .nullable(),
                at: z
                  .string()
                  .nullable()
                  .describe("when the record happened or was written; null for a person"),
                snippet: z.string().describe("an excerpt, each matched word in [brackets]"),
                parts: z
                  .array(z.object({ text: z.string(), match: z.boolean() }))
                  .describe("the same excerpt in pieces, matched or not: brackets in the text stay text"),
              }),
            ),
          }),
          "results, best first",
        ),
        422: ERRORS[422],
      },
    }),
    async (c) => {
      const { q, limit } = c.req.valid("query");
      return c.json(await c.get("service").search(q, limit), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/profile",
      tags: ["Profile"],
      summary: "Your profile: name, organization (colleagues are people there) and department",
      responses: { 200: json(z.object({ profile: ProfileSchema }), "the profile") },
    }),
    async (c) => c.json(await c.get("service").profile(), 200),
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/api/v1/profile",
      tags: ["Profile"],
      summary: "Set your profile",
      request: {
        body: jsonBody(
          z.object({
            name: z.string().min(1).max(200),
            organization: z.string().max(200).nullable().optional(),
            department: z.string().max(200).nullable().optional(),
            workWeek: z
              .union([z.string().max(200), z.array(z.string().max(20)).max(7)])
              .optional()
              .openapi({
                description: 'the working days: "mon-fri", "sun-thu" or ["mon","tue"]; absent: unchanged',
              }),
            timeZone: z
              .string()
              .max(100)
              .optional()
              .openapi({ description: "an IANA time zone (Europe/Berlin); absent: unchanged" }),
          }),
        ),
      },
      responses: { 200: json(z.object({ profile: ProfileSchema }), "the profile"), ...ERRORS },
    }),
    async (c) => c.json(await c.get("service").init(c.req.valid("json")), 200),
  );

  const DepartmentSchema = z
    .object({ id: z.string(), name: z.string(), organization: z.string() })
    .openapi("Department");
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/departments",
      tags: ["Profile"],
      summary: "Departments of every organization",
      responses: { 200: json(z.object({ departments: z.array(DepartmentSchema) }), "departments") },
    }),
    async (c) => c.json(await c.get("service").listDepartments(), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/departments/{id}/suggestions",
      tags: ["Agenda"],
      summary:
        "Ways to give to a department: thank-yous owed to it and its people, the person to start with, lines of its playbook",
      request: { params: IdParam },
      responses: {
        200: json(
          z.object({ department: DepartmentSchema, suggestions: z.array(SuggestionSchema) }),
          "the department's suggestions, in kind order",
        ),
        ...ERRORS,
      },
    }),
    async (c) => c.json(await c.get("service").suggestForDepartment(c.req.valid("param").id), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/departments",
      tags: ["Profile"],
      summary: "Add a department (of your organization unless another is named)",
      request: {
        body: jsonBody(
          z.object({ name: z.string().min(1).max(200), organization: z.string().min(1).max(200).optional() }),
        ),
      },
      responses: { 201: json(z.object({ department: DepartmentSchema }), "the department"), ...ERRORS },
    }),
    async (c) => {
      const body = c.req.valid("json");
      return c.json(await c.get("service").addDepartment(body.name, body.organization), 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/resolve",
      tags: ["Profile"],
      summary:
        "Whom a WHO names: an id, email, the whole name or the starts of its words, or dept:NAME (409 with candidates when ambiguous; 404 with the did-you-mean candidates in details when the text is only inside a word of a name)",
      request: { query: z.object({ who: z.string().min(1).max(400) }) },
      responses: {
        200: json(
          z.object({
            kind: z.enum(["person", "department"]),
            id: z.string(),
            name: z.string(),
            organization: z.string().nullable(),
          }),
          "the match",
        ),
        ...ERRORS,
      },
    }),
    async (c) => c.json(await c.get("service").resolve(c.req.valid("query").who), 200),
  );
}
