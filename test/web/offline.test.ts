/**
 * The web app's offline parts that need no browser: what a kept write is called in the "Waiting to
 * send" panel, which queries the device keeps, the people it knows for the quick log's name search
 * while the server is away, and what a text shared into the app becomes.
 */
import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { knownName, learnPeople, searchKnownPeople } from "../../web/src/offline/cached-people.js";
import { describeWrite, namesInWords } from "../../web/src/offline/describe-write.js";
import { chooseKept, keptKey, PEOPLE_PAGES, RECENT_PEOPLE } from "../../web/src/offline/kept-queries.js";
import { sharedSummary } from "../../web/src/screens/share-text.js";

const NAMES: Record<string, string> = { p1: "Kevin O'Brien", p2: "Concetta Russo", p3: "Tim Keller" };
const nameOf = (id: string) => NAMES[id] ?? null;

describe("a kept write in words", () => {
  it("says what it is and with whom, from the request it will send", () => {
    expect(describeWrite("/interactions", { personIds: ["p2", "p3"], summary: "Coffee" }, nameOf)).toBe(
      "Moment with Concetta Russo and Tim Keller: “Coffee”",
    );
    expect(
      describeWrite(
        "/exchanges",
        { personId: "p1", direction: "gave", kind: "thanks", summary: "Said thanks" },
        nameOf,
      ),
    ).toBe("Thank-you to Kevin O'Brien: “Said thanks”");
    expect(
      describeWrite("/exchanges", { personId: "p3", direction: "gave", summary: "Lent a charger" }, nameOf),
    ).toBe("I gave Tim Keller: “Lent a charger”");
    expect(
      describeWrite("/exchanges", { personId: "p2", direction: "received", summary: "Proofread" }, nameOf),
    ).toBe("Concetta Russo gave: “Proofread”");
    expect(describeWrite("/people/p1/notes", { body: "Likes cycling" }, nameOf)).toBe(
      "Note on Kevin O'Brien: “Likes cycling”",
    );
  });

  it("a person the device has not shown is 'someone', and a long summary is cut", () => {
    const long = "a".repeat(200);
    const said = describeWrite("/interactions", { personIds: ["unknown"], summary: long }, nameOf);
    expect(said.startsWith("Moment with someone: “aaaa")).toBe(true);
    expect(said.endsWith("…”")).toBe(true);
    expect(said.length).toBeLessThan(120);
  });

  it("names several people the way a sentence does", () => {
    expect(namesInWords(["A"])).toBe("A");
    expect(namesInWords(["A", "B"])).toBe("A and B");
    expect(namesInWords(["A", "B", "C"])).toBe("A, B and C");
    expect(namesInWords(["A", "B", "C", "D", "E"])).toBe("A, B and 3 others");
  });
});

/** A query as dehydrate makes it, read `at` (ms). */
function query(queryKey: unknown[], data: unknown, at = 1) {
  return {
    queryKey,
    queryHash: JSON.stringify(queryKey),
    dehydratedAt: at,
    state: {
      data,
      dataUpdateCount: 1,
      dataUpdatedAt: at,
      error: null,
      errorUpdateCount: 0,
      errorUpdatedAt: 0,
      fetchFailureCount: 0,
      fetchFailureReason: null,
      fetchMeta: null,
      isInvalidated: false,
      status: "success" as const,
      fetchStatus: "idle" as const,
    },
  };
}

describe("what the device keeps of the screens", () => {
  it("keeps Today, the week, People lists (their first pages) and people's pages; not name searches, tokens or a signed-out session", () => {
    expect(keptKey(["today"], {})).toBe(true);
    expect(keptKey(["today", "all"], {})).toBe(true);
    expect(keptKey(["week"], {})).toBe(true);
    expect(keptKey(["people", "list", { layer: 2 }, 0], {})).toBe(true);
    expect(keptKey(["people", "list", {}, PEOPLE_PAGES - 1], {})).toBe(true);
    expect(keptKey(["people", "list", {}, PEOPLE_PAGES], {})).toBe(false);
    expect(keptKey(["people", "list", { q: "kev" }, 0], {})).toBe(false);
    expect(keptKey(["tags"], {})).toBe(true);
    expect(keptKey(["person", "p1"], {})).toBe(true);
    expect(keptKey(["person", "p1", "timeline"], {})).toBe(true);
    expect(keptKey(["tokens"], {})).toBe(false);
    expect(keptKey(["reminders"], {})).toBe(false);
    expect(keptKey(["me"], { signedIn: true, mode: "local" })).toBe(true);
    expect(keptKey(["me"], { signedIn: false, mode: "team" })).toBe(false);
  });

  it(`keeps the pages of the ${RECENT_PEOPLE} people read most recently, all their queries together`, () => {
    const people = Array.from({ length: RECENT_PEOPLE + 5 }, (_, i) => [
      query(["person", `p${i}`], { person: { id: `p${i}` } }, 1000 + i),
      query(["person", `p${i}`, "timeline"], { pages: [] }, 1000 + i),
    ]).flat();
    const kept = chooseKept([query(["today"], {}), query(["tokens"], {}), ...people]);
    const ids = new Set(kept.filter((q) => q.queryKey[0] === "person").map((q) => q.queryKey[1]));
    expect(ids.size).toBe(RECENT_PEOPLE);
    // the five read first are the ones left out
    for (let i = 0; i < 5; i++) expect(ids.has(`p${i}`)).toBe(false);
    expect(ids.has(`p${RECENT_PEOPLE + 4}`)).toBe(true);
    expect(kept.filter((q) => q.queryKey[1] === `p${RECENT_PEOPLE + 4}`)).toHaveLength(2);
    expect(kept.some((q) => q.queryKey[0] === "today")).toBe(true);
    expect(kept.some((q) => q.queryKey[0] === "tokens")).toBe(false);
  });
});

describe("the people the device knows", () => {
  it("learns them from the screens' data as it arrives, keeps a name a write took off the screen, and forgets them on sign-out", () => {
    const client = new QueryClient();
    learnPeople(client);
    client.setQueryData(["today"], {
      thanksOwed: [{ counterpart: { kind: "person", id: "k1", name: "Kevin O'Brien" } }],
      asks: [{ counterpart: { kind: "department", id: "d1", name: "IT" } }],
    });
    client.setQueryData(["people", {}], {
      people: [{ person: { id: "z1", name: "Zoë Ångström", organization: "Acme", department: "Legal" } }],
    });
    // the row leaves Today (a write's optimistic change): the name stays known
    client.setQueryData(["today"], { thanksOwed: [], asks: [] });
    expect(knownName("k1")).toBe("Kevin O'Brien");
    expect(knownName("d1")).toBeNull();
    expect(searchKnownPeople("zoe")).toEqual([{ id: "z1", name: "Zoë Ångström", org: "Legal, Acme" }]);
    expect(searchKnownPeople("brien").map((p) => p.name)).toEqual(["Kevin O'Brien"]);
    expect(searchKnownPeople("it")).toEqual([]);
    client.setQueryData(["me"], { signedIn: false, mode: "team", account: null });
    expect(knownName("k1")).toBeNull();
  });
});

describe("a text shared into the app", () => {
  it("becomes the moment's summary: the title or text once, then the link unless it is there already", () => {
    expect(sharedSummary({ title: "Q3 plan", text: "", url: "https://example.com/q3" })).toBe(
      "Q3 plan https://example.com/q3",
    );
    expect(sharedSummary({ text: "Great talk https://example.com/t", url: "https://example.com/t" })).toBe(
      "Great talk https://example.com/t",
    );
    expect(sharedSummary({ title: "Article", text: "Article", url: null })).toBe("Article");
    expect(sharedSummary({ title: "Article", text: "A quote  from\nit" })).toBe("Article — A quote from it");
    expect(sharedSummary({})).toBe("");
    expect(sharedSummary({ text: "x".repeat(3000) })).toHaveLength(2000);
  });
});
