import { z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { fieldWords, issueMessage } from "./issue-message.js";

const messages = (schema: z.ZodType, input: unknown) =>
  (schema.safeParse(input).error?.issues ?? []).map(issueMessage);

describe("validation failures in words", () => {
  it("tells a missing field from one of the wrong type", () => {
    const schema = z.object({ limit: z.coerce.number().int(), name: z.string(), tags: z.array(z.string()) });
    expect(messages(schema, { limit: "abc", tags: "x" })).toEqual([
      "Limit must be a number",
      "Name is missing: it is required",
      "Tags must be a list",
    ]);
  });

  it("says how long and how short", () => {
    const schema = z.object({ name: z.string().min(1).max(5) });
    expect(messages(schema, { name: "" })).toEqual(["Name must not be empty"]);
    expect(messages(schema, { name: "toolong" })).toEqual(["Name is too long: at most 5 characters"]);
  });

  it("names fields as a form labels them, and a list's items by their number", () => {
    expect(fieldWords(["occurredAt"])).toBe("When");
    expect(fieldWords(["givenName"])).toBe("Given name");
    expect(fieldWords(["emails", 2])).toBe("Email 3");
    expect(fieldWords([])).toBe("The request");
  });

  it("says what a pattern accepts with the schema's own words, and lists a union's values", () => {
    const schema = z.object({
      birthday: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date such as 1988-02-29"),
      code: z.string().regex(/^[a-z]+$/),
      layer: z.union([z.literal(5), z.literal(15)]),
      whole: z.number().int(),
    });
    expect(messages(schema, { birthday: "soon", code: "A1", layer: 7, whole: 1.5 })).toEqual([
      "Birthday must be a date such as 1988-02-29",
      "Code is not in a form Goodwill accepts",
      "Circle (layer) must be one of: 5, 15",
      "Whole must be a whole number",
    ]);
  });
});
