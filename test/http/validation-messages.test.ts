import { expect, it } from "vitest";
import { describeEachDialect } from "../support/stores.js";
import { api } from "./support.js";

/** What zod says when nobody told it better: none of it may reach a person. */
const ZOD_TEXT = /Invalid|regex|expected [a-z]|undefined|pattern/;

type Case = {
  method: string;
  path: string;
  body?: unknown;
  raw?: string;
  message: string | RegExp;
  field?: string;
};

const NAME = { name: "Ann" };

const CASES: Case[] = [
  {
    method: "POST",
    path: "/api/v1/people",
    body: {},
    message: "Name is missing: it is required.",
    field: "name",
  },
  {
    method: "POST",
    path: "/api/v1/people",
    body: { name: "" },
    message: "Name must not be empty.",
    field: "name",
  },
  { method: "POST", path: "/api/v1/people", body: { name: 5 }, message: "Name must be text.", field: "name" },
  {
    method: "POST",
    path: "/api/v1/people",
    body: { name: "x".repeat(201) },
    message: "Name is too long: at most 200 characters.",
    field: "name",
  },
  {
    method: "POST",
    path: "/api/v1/people",
    body: { ...NAME, birthday: "next tuesday" },
    message: "Birthday must be a date such as 1988-02-29, or --02-29 without a year.",
    field: "birthday",
  },
  {
    method: "POST",
    path: "/api/v1/people",
    body: { ...NAME, birthday: "1975-02-30" },
    message: /^Birthday "1975-02-30" is not a date: write it as a date such as 1988-02-29/,
    field: "birthday",
  },
  {
    method: "POST",
    path: "/api/v1/people",
    body: { ...NAME, emails: ["a@example.com", "b@example.com", `${"x".repeat(400)}@example.com`] },
    message: "Email 3 is too long: at most 320 characters.",
    field: "emails",
  },
  {
    method: "POST",
    path: "/api/v1/people",
    body: { ...NAME, emails: "a@example.com" },
    message: "Emails must be a list.",
    field: "emails",
  },
  {
    method: "POST",
    path: "/api/v1/people",
    body: { ...NAME, emails: ["nope"] },
    message: /^Email "nope" is not an email address/,
    field: "emails",
  },
  {
    method: "POST",
    path: "/api/v1/people",
    body: { ...NAME, phones: ["call me"] },
    message: /^Phone "call me" is not a phone number/,
    field: "phones",
  },
  {
    method: "POST",
    path: "/api/v1/people",
    body: { ...NAME, tags: Array.from({ length: 101 }, (_, i) => `t${i}`) },
    message: "Tags: at most 100 are accepted.",
    field: "tags",
  },
  {
    method: "POST",
    path: "/api/v1/people",
    body: { ...NAME, layer: 7 },
    message: "Circle (layer) must be one of: 5, 15, 50, 150, 500.",
    field: "layer",
  },
  {
    method: "POST",
    path: "/api/v1/people",
    body: { ...NAME, closeness: 9 },
    message: "Closeness must be at most 5.",
    field: "closeness",
  },
  {
    method: "POST",
    path: "/api/v1/people",
    body: { ...NAME, closeness: 2.5 },
    message: "Closeness must be a whole number.",
    field: "closeness",
  },
  {
    method: "POST",
    path: "/api/v1/people",
    body: { ...NAME, ledgerMode: "sometimes" },
    message: "Ledger must be one of: track, communal.",
    field: "ledgerMode",
  },
  {
    method: "POST",
    path: "/api/v1/people",
    body: { ...NAME, metOn: "yesterday" },
    message: "Met on must be a date such as 2026-03-14.",
    field: "metOn",
  },
  {
    method: "POST",
    path: "/api/v1/people",
    body: { ...NAME, archived: "no" },
    message: "Archived must be true or false.",
    field: "archived",
  },
  {
    method: "POST",
    path: "/api/v1/people",
    raw: "[1, 2]",
    message: "The request must be an object with fields (JSON).",
  },
  {
    method: "PATCH",
    path: "/api/v1/people/{id}",
    body: { cadenceDays: -1 },
    message: "Keep-in-touch rhythm (days) must be at least 0.",
    field: "cadenceDays",
  },
  {
    method: "POST",
    path: "/api/v1/exchanges",
    body: { summary: "Coffee" },
    message: "Direction must be one of: gave, received.",
    field: "direction",
  },
  {
    method: "POST",
    path: "/api/v1/exchanges",
    body: { personId: "{id}", direction: "sideways", summary: "Coffee" },
    message: "Direction must be one of: gave, received.",
    field: "direction",
  },
  {
    method: "POST",
    path: "/api/v1/exchanges",
    body: { personId: "{id}", direction: "gave", summary: "Coffee", weight: 100 },
    message: "Weight must be at most 8.",
    field: "weight",
  },
  {
    method: "POST",
    path: "/api/v1/exchanges",
    body: { personId: "{id}", direction: "gave", summary: "Coffee", kind: "bribe" },
    message: /^Kind must be one of: thanks, favor, /,
    field: "kind",
  },
  {
    method: "POST",
    path: "/api/v1/exchanges",
    body: { personId: "{id}", direction: "gave", summary: "Coffee", occurredAt: 5 },
    message: "When must be text.",
    field: "occurredAt",
  },
  {
    method: "POST",
    path: "/api/v1/interactions",
    body: { personIds: [], summary: "Lunch" },
    message: "People: at least one is needed.",
    field: "personIds",
  },
  {
    method: "POST",
    path: "/api/v1/interactions",
    body: { personIds: [""], summary: "Lunch" },
    message: "Person 1 must not be empty.",
    field: "personIds",
  },
  {
    method: "POST",
    path: "/api/v1/commitments",
    body: { personId: "{id}", summary: "Send the deck", dueOn: "tomorrow" },
    message: "Due date must be a date such as 2026-03-14.",
    field: "dueOn",
  },
  {
    method: "POST",
    path: "/api/v1/people/{id}/notes",
    body: { body: "x".repeat(10_001) },
    message: "Note is too long: at most 10,000 characters.",
    field: "body",
  },
  {
    method: "POST",
    path: "/api/v1/introductions",
    body: { aId: "{id}", reason: "Both into printers" },
    message: "The second person is missing: it is required.",
    field: "bId",
  },
  {
    method: "GET",
    path: "/api/v1/people?sort=height",
    message: "Sort must be one of: name, due, balance, lastContact.",
    field: "sort",
  },
  { method: "GET", path: "/api/v1/search?q=", message: "Search words must not be empty.", field: "q" },
  {
    method: "GET",
    path: "/api/v1/search?q=ann&limit=abc",
    message: "Limit must be a number.",
    field: "limit",
  },
];

describeEachDialect("API validation messages", (dialect) => {
  it("name the field in words and say what is accepted, never zod's own text", async () => {
    const { call, account } = await api(dialect);
    const t = { token: (await account("ann@example.com")).token };
    const ann = (await call("POST", "/api/v1/people", { ...t, body: { name: "Ann" } })).body;
    for (const c of CASES) {
      const fill = (text: string) => text.replaceAll("{id}", ann.id);
      const body = c.body === undefined ? undefined : JSON.parse(fill(JSON.stringify(c.body)));
      const answer = await call(c.method, fill(c.path), {
        ...t,
        ...(c.raw !== undefined ? { body: c.raw } : body !== undefined ? { body } : {}),
      });
      const where = `${c.method} ${c.path} ${JSON.stringify(c.body ?? c.raw)?.slice(0, 80)}`;
      expect(answer.status, where).toBe(422);
      const { code, message, details } = answer.body.error;
      expect(code, where).toBe("invalid");
      if (typeof c.message === "string") expect(message, where).toBe(c.message);
      else expect(message, where).toMatch(c.message);
      expect(message, where).not.toMatch(ZOD_TEXT);
      expect(details?.field, where).toBe(c.field);
      for (const issue of details?.issues ?? []) expect(issue.message, where).not.toMatch(ZOD_TEXT);
    }
  });
});
