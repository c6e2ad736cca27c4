import { z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { issueMessage } from "./issue-message.js";

const messages = (schema: z.ZodType, input: unknown) =>
  (schema.safeParse(input).error?.issues ?? []).map(issueMessage);

describe("validation failures in words", () => {
  it("tells a missing field from one of the wrong type", () => {
    const schema = z.object({ limit: z.coerce.number().int(), name: z.string(), tags: z.array(z.string()) });
    expect(messages(schema, { limit: "abc", tags: "x" })).toEqual([
      "limit must be a number",
      "name is missing",
      "tags must be a list",
    ]);
  });

  it("says how long and how short", () => {
    const schema = z.object({ name: z.string().min(1).max(5) });
    expect(messages(schema, { name: "" })).toEqual(["name must not be empty"]);
    expect(messages(schema, { name: "toolong" })).toEqual(["name is too long (at most 5 characters)"]);
  });
});
