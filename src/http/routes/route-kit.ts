/** Small pieces every route file uses: response descriptions, a yes/no query flag, resolving a counterpart. */
import { z } from "@hono/zod-openapi";
import { GoodwillError } from "../../errors.js";
import type { CounterpartRef, GoodwillService } from "../../service/goodwill-service.js";
import { ErrorSchema } from "../schemas.js";

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  content: { "application/json": { schema } },
  required: true,
});

/** A yes/no query parameter: true or 1 for yes; anything else given, or nothing, is no. */
export const flag = z
  .enum(["true", "false", "1", "0"])
  .optional()
  .transform((v) => v === "true" || v === "1");

export const ERRORS = {
  404: json(ErrorSchema, "not found (or not yours)"),
  409: json(ErrorSchema, "ambiguous, or in conflict with what is stored"),
  422: json(ErrorSchema, "a value is not acceptable"),
};

/** `personId`, `departmentId` or `department` (a name, "IT" or "Acme/IT"), resolved within the owner. */
export async function counterpartRef(
  service: GoodwillService,
  body: { personId?: string | undefined; departmentId?: string | undefined; department?: string | undefined },
): Promise<CounterpartRef> {
  const given = [body.personId, body.departmentId, body.department].filter((v) => v !== undefined);
  if (given.length !== 1) {
    throw new GoodwillError(
      "invalid",
      "Say whom it is with: exactly one of personId, departmentId or department.",
      { field: "personId" },
    );
  }
  if (body.personId) {
    const found = await service.resolve(body.personId);
    if (found.kind !== "person") throw new GoodwillError("not_found", `No person is ${body.personId}.`);
    return { personId: found.id };
  }
  if (body.departmentId) {
    const departments = (await service.listDepartments()).departments;
    if (!departments.some((d) => d.id === body.departmentId))
      throw new GoodwillError("not_found", `No department has the id ${body.departmentId}.`);
    return { departmentId: body.departmentId };
  }
  const found = await service.resolve(`dept:${body.department}`);
  return { departmentId: found.id };
}
