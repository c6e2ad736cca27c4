/** `/ledger`: giving balances and entries. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Env } from "../env.js";
import { BalanceSchema, EntrySchema } from "../schemas.js";
import { personId } from "./people.routes.js";
import { ERRORS, json } from "./route-kit.js";

const SubjectSchema = z.object({
  kind: z.string(),
  id: z.string().optional(),
  name: z.string(),
  organization: z.string().nullable().optional(),
});

export function registerLedgerRoutes(app: OpenAPIHono<Env>): void {
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
}
