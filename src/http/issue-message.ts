/**
 * A validation failure in words a person reads, whoever sent the request: "name must not be
 * empty", not zod's "Too small: expected string to have >=1 characters". The field's path leads.
 */
import type { z } from "@hono/zod-openapi";

type Issue = z.core.$ZodIssue;

function plain(issue: Issue): string {
  switch (issue.code) {
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string")
        return min <= 1 ? "must not be empty" : `needs at least ${min} characters`;
      if (issue.origin === "array" || issue.origin === "set")
        return min <= 1 ? "needs at least one" : `needs at least ${min}`;
      return `must be at least ${min}`;
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return `is too long (at most ${max.toLocaleString("en")} characters)`;
      if (issue.origin === "array" || issue.origin === "set") return `has too many (at most ${max})`;
      return `must be at most ${max}`;
    }
    case "invalid_type":
      // zod leaves the input out of its issues; its message still says what it received
      return /received undefined$/.test(issue.message)
        ? "is missing"
        : `must be ${issue.expected === "array" ? "a list" : `a ${issue.expected}`}`;
    case "invalid_value":
      return `must be one of: ${issue.values.map(String).join(", ")}`;
    case "invalid_format":
      return issue.format === "email" ? "is not an email address" : `is not a valid ${issue.format}`;
    case "unrecognized_keys":
      return `has fields it does not know: ${issue.keys.join(", ")}`;
    default:
      return issue.message;
  }
}

/** "name must not be empty"; a failure of the whole body reads "the request …". */
export function issueMessage(issue: Issue): string {
  const path = issue.path.map(String).join(".");
  return `${path || "the request"} ${plain(issue)}`;
}
