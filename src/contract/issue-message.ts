/**
 * A validation failure in words a person reads, whoever sent the request: "Birthday must be a date
 * such as 1988-02-29, or --02-29 without a year", "Email 3 is too long: at most 320 characters" —
 * never zod's own text ("Invalid input", "expected string, received undefined", a regex). The
 * field leads, named as a form would label it.
 */
import type { z } from "@hono/zod-openapi";

type Issue = z.core.$ZodIssue;

/** Request fields as a person calls them, where splitting the camelCase name would not do. */
const FIELD_WORDS: Record<string, string> = {
  aId: "The first person",
  bId: "The second person",
  askedAt: "When you asked",
  cadenceDays: "Keep-in-touch rhythm (days)",
  currentPassword: "Current password",
  departmentId: "Department",
  dueOn: "Due date",
  initiatedBy: "Who started it",
  layer: "Circle (layer)",
  ledgerMode: "Ledger",
  metOn: "Met on",
  metText: "How you met",
  metThrough: "Met through",
  newPassword: "New password",
  occurredAt: "When",
  personId: "Person",
  personIds: "People",
  q: "Search words",
  vcardVersion: "vCard version",
  body: "Note",
};

/** A list's items by name: "emails.2" is "Email 3". */
const ITEM_WORDS: Record<string, string> = {
  emails: "Email",
  phones: "Phone",
  urls: "Link",
  tags: "Tag",
  personIds: "Person",
  participants: "Person",
  dates: "Date",
};

/** "givenName" → "Given name". */
function words(key: string): string {
  const spaced = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** The field a path names, in words: "name" → "Name", "emails.2" → "Email 3", "" → "The request". */
export function fieldWords(path: readonly PropertyKey[]): string {
  const last = path.at(-1);
  if (last === undefined) return "The request";
  if (typeof last === "number") {
    const list = path.at(-2);
    const item = typeof list === "string" ? (ITEM_WORDS[list] ?? `${words(list)} item`) : "Item";
    return `${item} ${last + 1}`;
  }
  const key = String(last);
  return FIELD_WORDS[key] ?? words(key);
}

const TYPE_WORDS: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  bigint: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object with fields (JSON)",
  date: "a date",
  null: "empty (null)",
};

const count = (n: number) => n.toLocaleString("en");

/** zod's own message, when a schema gave none: never shown. */
const ZOD_TEXT = /^Invalid|expected|received|regex|pattern/i;

/** Every value a union of literals accepts ("5, 15, 50, 150, 500"), or null for another union. */
function unionValues(issue: Extract<Issue, { code: "invalid_union" }>): string[] | null {
  const values: string[] = [];
  for (const option of issue.errors) {
    for (const inner of option) {
      if (inner.code !== "invalid_value") return null;
      values.push(...inner.values.map(String));
    }
  }
  return values.length > 0 ? values : null;
}

function predicate(issue: Issue): string {
  switch (issue.code) {
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string")
        return min <= 1 ? "must not be empty" : `must have at least ${count(min)} characters`;
      if (issue.origin === "array" || issue.origin === "set")
        return min <= 1 ? ": at least one is needed" : `: at least ${count(min)} are needed`;
      return issue.inclusive === false ? `must be more than ${min}` : `must be at least ${min}`;
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return `is too long: at most ${count(max)} characters`;
      if (issue.origin === "array" || issue.origin === "set") return `: at most ${count(max)} are accepted`;
      return issue.inclusive === false ? `must be less than ${max}` : `must be at most ${max}`;
    }
    case "invalid_type":
      // zod leaves the input out of its issues; its message still says what it received
      if (/received undefined$/.test(issue.message)) return "is missing: it is required";
      return `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case "invalid_value":
      return issue.values.length === 1
        ? `must be ${String(issue.values[0])}`
        : `must be one of: ${issue.values.map(String).join(", ")}`;
    case "invalid_union": {
      const values = unionValues(issue);
      return values ? `must be one of: ${values.join(", ")}` : "is not in a form Goodwill accepts";
    }
    case "invalid_format":
      // A pattern check in our schemas carries its own words ("must be a date such as …").
      if (!ZOD_TEXT.test(issue.message)) return issue.message;
      if (issue.format === "email") return "is not an email address: write it like name@example.com";
      if (issue.format === "url") return "is not a web address: write it like https://example.com";
      if (issue.format === "datetime") return "must be a date and time such as 2026-03-14T09:30:00Z";
      if (issue.format === "date") return "must be a date such as 2026-03-14";
      return "is not in a form Goodwill accepts";
    case "unrecognized_keys":
      return `has fields Goodwill does not know: ${issue.keys.join(", ")}`;
    case "not_multiple_of":
      return `must be a multiple of ${String(issue.divisor)}`;
    default:
      return ZOD_TEXT.test(issue.message) ? "is not accepted" : issue.message;
  }
}

/** "Name must not be empty"; a failure of the whole body reads "The request …". */
export function issueMessage(issue: Issue): string {
  const says = predicate(issue);
  return says.startsWith(":") ? `${fieldWords(issue.path)}${says}` : `${fieldWords(issue.path)} ${says}`;
}

/** The top-level field an issue is about, as the request names it ("emails" for "emails.2"). */
export function issueField(issue: Issue): string | null {
  const first = issue.path[0];
  return first === undefined ? null : String(first);
}
