/**
 * Dates sent to the API are days of the calendar, checked as the command line checks them: an
 * impossible one is refused naming the request's field, never stored (where it broke the calendar
 * feed for good), never moved to another day; and one stored before this check leaves the feed whole.
 */
import ICAL from "ical.js";
import { expect, it } from "vitest";
import { describeEachDialect } from "../support/stores.js";
import { api } from "./support.js";

describeEachDialect("impossible dates through the API", (dialect) => {
  it("are refused with the request's field and its words, and nothing is written", async () => {
    const { call, account } = await api(dialect);
    const { token } = await account("ann@example.com");
    const t = { token };
    const raj = (await call("POST", "/api/v1/people", { ...t, body: { name: "Raj Patel" } })).body;
    const refusals: [string, string, Record<string, unknown>, string, string][] = [
      [
        "POST",
        "/api/v1/commitments",
        { personId: raj.id, summary: "Send the slides", dueOn: "2026-02-31" },
        "dueOn",
        'Due date "2026-02-31" does not exist in the calendar.',
      ],
      [
        "POST",
        "/api/v1/people",
        { name: "Ola", metOn: "2026-02-31" },
        "metOn",
        'Met on "2026-02-31" does not exist in the calendar.',
      ],
      [
        "PATCH",
        `/api/v1/people/${raj.id}`,
        { metOn: "2026-13-01" },
        "metOn",
        'Met on "2026-13-01" does not exist in the calendar.',
      ],
      [
        "POST",
        "/api/v1/exchanges",
        {
          personId: raj.id,
          direction: "received",
          summary: "Fixed my laptop",
          occurredAt: "2026-02-30T10:00:00Z",
        },
        "occurredAt",
        'When "2026-02-30" does not exist in the calendar.',
      ],
      [
        "POST",
        "/api/v1/interactions",
        { personIds: [raj.id], summary: "Lunch", occurredAt: "2026-02-30" },
        "occurredAt",
        'When "2026-02-30" does not exist in the calendar.',
      ],
      [
        "POST",
        "/api/v1/asks",
        { personId: raj.id, summary: "A review of my deck", askedAt: "2026-02-30" },
        "askedAt",
        'When you asked "2026-02-30" does not exist in the calendar.',
      ],
    ];
    for (const [method, path, body, field, message] of refusals) {
      const answer = await call(method, path, { ...t, body });
      expect(answer.status, `${method} ${path}`).toBe(422);
      expect(answer.body.error.details.field, `${method} ${path}`).toBe(field);
      expect(answer.body.error.message, `${method} ${path}`).toBe(message);
    }
    const people = (await call("GET", "/api/v1/people", t)).body;
    expect(people.total).toBe(1);
    expect((await call("GET", `/api/v1/people/${raj.id}`, t)).body.met.on).toBeNull();
    expect((await call("GET", "/api/v1/commitments", t)).body.commitments).toEqual([]);
    expect((await call("GET", `/api/v1/ledger?subject=${raj.id}`, t)).body.balance.entries).toBe(0);
  });

  it("a promise stored with an impossible day before the check leaves the calendar feed whole", async () => {
    const { call, account, store } = await api(dialect);
    const { token } = await account("ann@example.com");
    const t = { token };
    const raj = (await call("POST", "/api/v1/people", { ...t, body: { name: "Raj Patel" } })).body;
    for (const [summary, dueOn] of [
      ["Send the slides", "2026-12-01"],
      ["Return the drill", "2026-12-02"],
    ])
      await call("POST", "/api/v1/commitments", { ...t, body: { personId: raj.id, summary, dueOn } });
    await store.db
      .updateTable("commitments")
      .set({ due_on: "2026-02-31" })
      .where("summary", "=", "Return the drill")
      .execute();
    const key = await call("POST", "/api/v1/calendar-key", t);
    const feed = await call("GET", key.body.path);
    expect(feed.status).toBe(200);
    const summaries = new ICAL.Component(ICAL.parse(feed.body))
      .getAllSubcomponents("vevent")
      .map((e) => String(e.getFirstPropertyValue("summary")));
    expect(summaries).toContain("Promised Raj Patel: Send the slides");
    expect(summaries.some((s) => s.includes("Return the drill"))).toBe(false);
  });
});
