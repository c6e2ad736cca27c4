import { readFileSync } from "node:fs";
import { join } from "node:path";
import ICAL from "ical.js";
import { expect, it } from "vitest";
import { describeEachDialect } from "../support/stores.js";
import { api } from "./support.js";

describeEachDialect("the API", (dialect) => {
  it("people: create (201), list with filters and pages, read, update, delete, merge", async () => {
    const { call, account } = await api(dialect);
    const { token } = await account("ann@example.com");
    const t = { token };
    await call("PUT", "/api/v1/profile", {
      ...t,
      body: { name: "Ann", organization: "Acme", department: "Projects" },
    });
    const raj = await call("POST", "/api/v1/people", {
      ...t,
      body: { name: "Raj Patel", department: "IT", emails: ["raj@acme.example"], layer: 50 },
    });
    expect(raj.status).toBe(201);
    expect(raj.body).toMatchObject({
      name: "Raj Patel",
      organization: "Acme",
      department: "IT",
      isColleague: true,
      layer: 50,
    });
    for (const name of ["Dana", "Eve", "Frank"])
      await call("POST", "/api/v1/people", { ...t, body: { name, tags: ["vip"] } });
    const page = (await call("GET", "/api/v1/people?limit=2&offset=1", t)).body;
    expect(page.total).toBe(4);
    expect(page.people.map((p: { person: { name: string } }) => p.person.name)).toEqual(["Eve", "Frank"]);
    expect((await call("GET", "/api/v1/people?tag=vip", t)).body.total).toBe(3);
    expect((await call("GET", "/api/v1/people?department=IT", t)).body.people[0].person.name).toBe(
      "Raj Patel",
    );
    expect((await call("GET", `/api/v1/people/${raj.body.id}`, t)).body.name).toBe("Raj Patel");
    const patched = await call("PATCH", `/api/v1/people/${raj.body.id}`, {
      ...t,
      body: { title: "Support lead", closeness: 4 },
    });
    expect(patched.body).toMatchObject({ title: "Support lead", closeness: 4, emails: ["raj@acme.example"] });
    const merged = await call("POST", "/api/v1/people/Dana/merge", { ...t, body: { into: raj.body.id } });
    expect(merged.body.into.name).toBe("Raj Patel");
    expect((await call("GET", "/api/v1/people/Dana", t)).status).toBe(404);
    expect((await call("DELETE", `/api/v1/people/${raj.body.id}`, t)).status).toBe(200);
    expect((await call("GET", `/api/v1/people/${raj.body.id}`, t)).status).toBe(404);
  });

  it("resolve: a match inside a word is 404 with the candidates; namesakes are 409 with theirs; the history counts", async () => {
    const { call, account } = await api(dialect);
    const t = { token: (await account("ann@example.com")).token };
    const jordan = (await call("POST", "/api/v1/people", { ...t, body: { name: "Jordan Lee" } })).body;
    const inside = await call("GET", "/api/v1/resolve?who=Dan", t);
    expect(inside.status).toBe(404);
    expect(inside.body.error).toMatchObject({
      code: "not_found",
      message: "No one is called Dan. Did you mean Jordan Lee?",
      details: { candidates: [expect.objectContaining({ id: jordan.id, name: "Jordan Lee", entries: 0 })] },
    });
    expect((await call("DELETE", "/api/v1/people/Dan", t)).status).toBe(404);
    expect((await call("GET", "/api/v1/resolve?who=jo%20le", t)).body).toMatchObject({ id: jordan.id });
    await call("POST", "/api/v1/people", {
      ...t,
      body: { name: "Jordan Lee", organization: "Acme", allowDuplicate: true },
    });
    const twice = await call("GET", "/api/v1/resolve?who=jordan", t);
    expect(twice.status).toBe(409);
    expect(twice.body.error.details.candidates).toHaveLength(2);
    await call("POST", "/api/v1/exchanges", {
      ...t,
      body: { personId: jordan.id, direction: "gave", summary: "Coffee" },
    });
    expect((await call("GET", `/api/v1/people/${jordan.id}/history`, t)).body).toEqual({
      person: { id: jordan.id, name: "Jordan Lee" },
      history: {
        ledgerEntries: 1,
        moments: 0,
        notes: 0,
        asks: 0,
        promises: 0,
        needs: 0,
        offers: 0,
        introductions: 0,
      },
    });
  });

  it("the ledger, asks with the pre-ask check, promises and the agenda", async () => {
    const { call, account } = await api(dialect);
    const t = { token: (await account("ann@example.com")).token };
    await call("PUT", "/api/v1/profile", { ...t, body: { name: "Ann", organization: "Acme" } });
    const raj = (await call("POST", "/api/v1/people", { ...t, body: { name: "Raj", department: "IT" } }))
      .body;
    for (let i = 0; i < 4; i++) {
      const r = await call("POST", "/api/v1/exchanges", {
        ...t,
        body: {
          department: "IT",
          direction: "received",
          summary: `Fix ${i}`,
          occurredAt: `${10 + i} days ago`,
        },
      });
      expect(r.status).toBe(201);
    }
    const ask = await call("POST", "/api/v1/asks", {
      ...t,
      body: { personId: raj.id, summary: "New laptop" },
    });
    expect(ask.status).toBe(201);
    expect(ask.body.check.warning).toMatch(
      /^You have received 4 times from IT in the last year and given nothing\./,
    );
    expect(ask.body.check.suggestions).toHaveLength(3);
    expect(
      (await call("POST", `/api/v1/asks/${ask.body.ask.number}/fulfill`, { ...t, body: { weight: 3 } })).body
        .ask.status,
    ).toBe("fulfilled");
    expect((await call("POST", `/api/v1/asks/${ask.body.ask.number}/decline`, t)).status).toBe(409);
    const promise = await call("POST", "/api/v1/commitments", {
      ...t,
      body: { personId: raj.id, summary: "Send the article", dueOn: "2026-11-20" },
    });
    expect(promise.body.commitment).toMatchObject({ late: true, direction: "i_owe" });
    expect((await call("GET", "/api/v1/today", t)).body.commitments[0].summary).toBe("Send the article");
    await call("POST", `/api/v1/commitments/${promise.body.commitment.id}/done`, t);
    const ledger = (await call("GET", "/api/v1/ledger?subject=dept:IT", t)).body;
    expect(ledger.balance.entries).toBe(6);
    expect((await call("GET", `/api/v1/ledger?subject=${raj.id}`, t)).body.subject.name).toBe("Raj");
    expect((await call("GET", "/api/v1/ledger?by=dept", t)).body.groups[0].subject.name).toBe("IT");
    expect((await call("GET", "/api/v1/search?q=laptop", t)).body.results.length).toBeGreaterThan(0);
    expect((await call("GET", "/api/v1/suggestions", t)).body.suggestions[0].kind).toBe("thank");
    const moment = await call("POST", "/api/v1/interactions", {
      ...t,
      body: { personIds: ["Raj"], summary: "Lunch", channel: "in_person" },
    });
    expect(moment.status).toBe(201);
    expect((await call("GET", `/api/v1/people/${raj.id}/overview`, t)).body.due.daysSinceContact).toBe(0);
    expect(
      (
        await call("POST", "/api/v1/exchanges", {
          ...t,
          body: { personId: raj.id, direction: "gave", summary: "x", weight: 9 },
        })
      ).status,
    ).toBe(422);
    expect(
      (await call("POST", "/api/v1/exchanges", { ...t, body: { direction: "gave", summary: "to nobody" } }))
        .status,
    ).toBe(422);
  });

  it("a person's details are checked on the way in, with messages a person can read", async () => {
    const { call, account } = await api(dialect);
    const t = { token: (await account("ann@example.com")).token };
    const blank = await call("POST", "/api/v1/people", { ...t, body: { name: "" } });
    expect(blank.status).toBe(422);
    expect(blank.body.error.message).toBe("Name must not be empty.");
    const sort = await call("GET", "/api/v1/people?sort=height", t);
    expect(sort.body.error.message).toBe("Sort must be one of: name, due, balance, lastContact.");
    const ann = (
      await call("POST", "/api/v1/people", { ...t, body: { name: "Ann", tags: ["it", "IT", "Lunch"] } })
    ).body;
    expect(ann.tags).toEqual(["it", "Lunch"]);
    const badDay = await call("PATCH", `/api/v1/people/${ann.id}`, {
      ...t,
      body: { birthday: "1984-02-31" },
    });
    expect(badDay.status).toBe(422);
    expect(badDay.body.error.message).toMatch(/^Birthday "1984-02-31" is not a date/);
    const badEmail = await call("PATCH", `/api/v1/people/${ann.id}`, {
      ...t,
      body: { emails: ["not an email"] },
    });
    expect(badEmail.status).toBe(422);
    expect(badEmail.body.error.message).toMatch(/"not an email" is not an email address/);
    const kept = (await call("GET", `/api/v1/people/${ann.id}`, t)).body;
    expect(kept).toMatchObject({ birthday: null, emails: [] });
  });

  it("for the web app: the pre-ask check alone, the balance over time, and the People list's orders", async () => {
    const { call, account } = await api(dialect);
    const t = { token: (await account("ann@example.com")).token };
    await call("PUT", "/api/v1/profile", { ...t, body: { name: "Ann", organization: "Acme" } });
    const raj = (await call("POST", "/api/v1/people", { ...t, body: { name: "Raj", department: "IT" } }))
      .body;
    await call("POST", "/api/v1/people", { ...t, body: { name: "Bea" } });
    await call("POST", "/api/v1/people", { ...t, body: { name: "Cy" } });
    for (const ago of [70, 40, 10]) {
      await call("POST", "/api/v1/exchanges", {
        ...t,
        body: { personId: raj.id, direction: "received", summary: "A fix", occurredAt: `${ago} days ago` },
      });
    }
    await call("POST", "/api/v1/exchanges", {
      ...t,
      body: { personId: "Cy", direction: "gave", summary: "Lunch", occurredAt: "3 days ago" },
    });

    const check = await call("GET", `/api/v1/asks/check?personId=${raj.id}`, t);
    expect(check.status).toBe(200);
    expect(check.body.check.warning).toMatch(/^You have received 3 times from IT/);
    expect((await call("GET", "/api/v1/asks", t)).body.asks).toHaveLength(0);
    expect((await call("GET", "/api/v1/asks/check", t)).status).toBe(422);
    expect((await call("GET", "/api/v1/asks/check?personId=Nobody", t)).status).toBe(404);

    const history = (await call("GET", `/api/v1/people/${raj.id}/balance-history`, t)).body;
    const ratios = history.points.map((p: { ratio: number }) => p.ratio);
    expect(history.points[0].entries).toBe(1);
    expect(history.points.at(-1).entries).toBe(3);
    expect(ratios).toEqual([...ratios].sort((a, b) => b - a));
    const overview = (await call("GET", `/api/v1/people/${raj.id}/overview`, t)).body;
    expect(history.points.at(-1).ratio).toBe(overview.balance.ratio);
    expect((await call("GET", "/api/v1/people/Nobody/balance-history", t)).status).toBe(404);

    const names = async (query: string) =>
      (await call("GET", `/api/v1/people?${query}`, t)).body.people.map(
        (p: { person: { name: string } }) => p.person.name,
      );
    expect(await names("sort=name")).toEqual(["Bea", "Cy", "Raj"]);
    expect(await names("sort=name&order=desc")).toEqual(["Raj", "Cy", "Bea"]);
    expect(await names("sort=balance")).toEqual(["Raj", "Bea", "Cy"]);
    expect(await names("sort=lastContact")).toEqual(["Bea", "Raj", "Cy"]);
    expect((await call("GET", "/api/v1/people?sort=height", t)).status).toBe(422);
    // a search puts names that start with what was typed first, then names with a word that does
    await call("POST", "/api/v1/people", { ...t, body: { name: "Ada Bray" } });
    await call("POST", "/api/v1/people", { ...t, body: { name: "Brandon Oduya" } });
    expect(await names("q=bra")).toEqual(["Brandon Oduya", "Ada Bray"]);
  });

  it("lists to pick from: organizations with their departments, and tags, counting people not archived", async () => {
    const { call, account } = await api(dialect);
    const t = { token: (await account("ann@example.com")).token };
    expect((await call("GET", "/api/v1/organizations", t)).body).toEqual({ organizations: [] });
    expect((await call("GET", "/api/v1/tags", t)).body).toEqual({ tags: [] });
    await call("PUT", "/api/v1/profile", {
      ...t,
      body: { name: "Ann", organization: "Zeta", department: "IT" },
    });
    const person = async (body: object) => (await call("POST", "/api/v1/people", { ...t, body })).body;
    await person({ name: "Raj", department: "IT", tags: ["helpdesk", "Lunch"] });
    const kev = await person({ name: "Kev", department: "IT", tags: ["HelpDesk"] });
    await person({ name: "Nia", organization: "Zeta", tags: ["lunch"] });
    await person({ name: "Olga", organization: "Acme", department: "Legal" });
    await call("POST", "/api/v1/departments", { ...t, body: { name: "Facilities" } });
    await call("PATCH", `/api/v1/people/${kev.id}`, { ...t, body: { archived: true } });

    const { organizations } = (await call("GET", "/api/v1/organizations", t)).body;
    expect(
      organizations.map(
        (o: {
          name: string;
          mine: boolean;
          people: number;
          withoutDepartment: number;
          departments: object[];
        }) => [
          o.name,
          o.mine,
          o.people,
          o.withoutDepartment,
          o.departments.map((d) => `${(d as { name: string }).name}:${(d as { people: number }).people}`),
        ],
      ),
    ).toEqual([
      ["Zeta", true, 2, 1, ["Facilities:0", "IT:1"]],
      ["Acme", false, 1, 0, ["Legal:1"]],
    ]);
    expect((await call("GET", "/api/v1/tags", t)).body.tags).toEqual([
      { name: "helpdesk", people: 1 },
      { name: "Lunch", people: 2 },
    ]);
    // the map of my organization lists Nia, who has no department, and not Kev, who is archived
    const map = (await call("GET", "/api/v1/map", t)).body;
    expect(map.withoutDepartment.map((p: { name: string }) => p.name)).toEqual(["Nia"]);
    expect(map.departments.find((d: { name: string }) => d.name === "IT").people).toBe(1);
  });

  it("a person's timeline in pages: next leads to the older items, a cursor that is not one is refused", async () => {
    const { call, account } = await api(dialect);
    const t = { token: (await account("ann@example.com")).token };
    const raj = (await call("POST", "/api/v1/people", { ...t, body: { name: "Raj" } })).body;
    for (let i = 1; i <= 12; i++)
      await call("POST", `/api/v1/people/${raj.id}/notes`, { ...t, body: { body: `note ${i}` } });
    const overview = (await call("GET", `/api/v1/people/${raj.id}/overview`, t)).body;
    expect(overview.timeline).toHaveLength(12);
    expect(overview.timelineNext).toBeNull();
    const seen: string[] = [];
    let path = `/api/v1/people/${raj.id}/timeline?limit=5`;
    for (;;) {
      const page = await call("GET", path, t);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((i: { summary: string }) => i.summary));
      if (!page.body.more) {
        expect(page.body.next).toBeNull();
        break;
      }
      path = `/api/v1/people/${raj.id}/timeline?limit=5&before=${encodeURIComponent(page.body.next)}`;
    }
    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => `note ${12 - i}`));
    // by name too, as every person route
    expect((await call("GET", "/api/v1/people/Raj/timeline", t)).body.items).toHaveLength(12);

    const bad = await call("GET", `/api/v1/people/${raj.id}/timeline?before=2026-11-01`, t);
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toMatch(
      /^before: "2026-11-01" is not a timeline cursor\. Pass the "next"/,
    );
    const big = await call("GET", `/api/v1/people/${raj.id}/timeline?limit=500`, t);
    expect(big.status).toBe(422);
    expect(big.body.error.message).toMatch(/^Limit must be at most 200/);
    expect((await call("GET", "/api/v1/people/Nobody/timeline", t)).status).toBe(404);
  });

  it("import an upload and export every format; the calendar feed answers only its key", async () => {
    const { call, account } = await api(dialect);
    const t = { token: (await account("ann@example.com")).token };
    const vcf = readFileSync(join(process.cwd(), "../shared/fixtures/csv/google-contacts.csv"));
    const imported = await call("POST", "/api/v1/import?filename=contacts.csv", { ...t, raw: vcf });
    expect(imported.body).toMatchObject({ format: "google", created: 2 });
    const notAnAddressBook = await call("POST", "/api/v1/import", { ...t, raw: "just some words\n" });
    expect(notAnAddressBook.status).toBe(422);
    expect(notAnAddressBook.body.error.code).toBe("not_an_address_book");
    const vcard = await call("GET", "/api/v1/export?format=vcard", t);
    expect(vcard.headers.get("content-type")).toContain("text/vcard");
    expect(vcard.body).toContain("FN:Dana Whitfield");
    expect((await call("GET", "/api/v1/export?format=csv", t)).body).toContain("Raj");
    expect((await call("GET", "/api/v1/export?format=json", t)).body.format).toBe("goodwill-backup");
    const key = await call("POST", "/api/v1/calendar-key", t);
    expect(key.status).toBe(201);
    const feed = await call("GET", key.body.path);
    expect(feed.status).toBe(200);
    const events = new ICAL.Component(ICAL.parse(feed.body)).getAllSubcomponents("vevent");
    expect(events.map((e) => e.getFirstPropertyValue("summary"))).toContain("Raj Patel's birthday");
    const rotated = await call("POST", "/api/v1/calendar-key", t);
    expect((await call("GET", key.body.path)).status).toBe(404);
    expect((await call("GET", rotated.body.path)).status).toBe(200);
  });

  it("documents every route in OpenAPI 3.1, and serves its reference page without a CDN", async () => {
    const { call } = await api(dialect);
    const doc = (await call("GET", "/openapi.json")).body;
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).length).toBeGreaterThan(25);
    const page = await call("GET", "/api/docs");
    expect(page.body).toContain("/api/docs/swagger-ui-bundle.js");
    expect(page.body).not.toMatch(/https?:\/\//);
    expect((await call("GET", "/api/docs/swagger-ui-bundle.js")).status).toBe(200);
  });
});
