import { describe, expect, it } from "vitest";
import type { Due } from "./due.js";
import type { Balance } from "./giving-balance.js";
import { PlaybookListing } from "./playbook.js";
import type { Suggestion, SuggestionSubject } from "./suggestions.js";
import { addressedTo, orderSuggestions, suggestionKindsFor, suggestionsFor } from "./suggestions.js";

const balanced: Balance = { gave: 2, received: 2, ratio: 0.5, label: "balanced", entries: 2 };
const overdrawn: Balance = { gave: 0, received: 16.8, ratio: 0.05, label: "overdrawn", entries: 12 };
const untracked: Balance = { gave: null, received: null, ratio: null, label: "untracked", entries: 12 };
const fresh: Due = {
  status: "fresh",
  daysSinceContact: 3,
  cadenceDays: 30,
  overdueRatio: 0.1,
  priority: 0.3,
};
const due: Due = { status: "due", daysSinceContact: 45, cadenceDays: 30, overdueRatio: 1.5, priority: 4.5 };

function subject(over: Partial<SuggestionSubject>): SuggestionSubject {
  return {
    personId: "p1",
    personName: "Raj Patel",
    ledgerMode: "track",
    layer: 50,
    isColleague: true,
    departmentName: "IT",
    sameDepartmentAsMe: false,
    balance: balanced,
    due: fresh,
    thanksOwed: null,
    myCommitments: [],
    occasion: null,
    givesSoFar: 0,
    openNeeds: [],
    matches: [],
    ...over,
  };
}

describe("suggestions for one person", () => {
  it("a need one of your own offers meets keeps its one help-with-need suggestion, saying you could help", () => {
    const found = suggestionsFor(
      subject({
        openNeeds: [
          { number: 1, text: "Needs a contract lawyer", yourOffer: "I can review contracts" },
          { number: 2, text: 'Printer on "floor 3" broken', yourOffer: 'Fix "any" printer?' },
          { number: 3, text: "Hiring a designer" },
        ],
      }),
    );
    expect(found.map((s) => [s.kind, s.action])).toEqual([
      ["help-with-need", "You could help Raj: Raj needs a contract lawyer, and you can review contracts."],
      [
        "help-with-need",
        "You could help Raj: Raj mentioned a need: “Printer on ‘floor 3’ broken”, and you offered “Fix ‘any’ printer?”",
      ],
      [
        "help-with-need",
        "Ask Raj how hiring a designer is going, and offer to pass the opening on or suggest someone.",
      ],
    ]);
    expect(found[0]?.reason).toBe(
      "It is what you offered yourself, and helping with what someone is working on is the most welcome give.",
    );
    expect(suggestionKindsFor(subject({ openNeeds: [{ number: 1, text: "x", yourOffer: "x" }] }))).toEqual([
      "help-with-need",
    ]);
  });

  it("Mark's IT colleague, helped twelve times and never thanked, gets the thank-you as the give, and a give-first idea once thanked", () => {
    const found = suggestionsFor(
      subject({
        balance: overdrawn,
        due,
        thanksOwed: { lastReceivedSummary: "Fixed my laptop.", daysAgo: 3 },
      }),
    );
    // While a thank-you is owed, the thank-you is the give: no separate give-first idea on top.
    expect(found).toEqual([
      {
        kind: "thank",
        person: { id: "p1", name: "Raj Patel" },
        personId: "p1",
        personName: "Raj Patel",
        action: "Thank Raj for their help: “Fixed my laptop”.",
        reason: "Raj Patel helped you 3 days ago and has not heard a thank-you yet.",
      },
    ]);
    const thanked = suggestionsFor(subject({ balance: overdrawn, due }));
    expect(thanked.map((s) => s.kind)).toEqual(["give-first"]);
    expect(thanked[0]?.action).toBe("Tell Raj's manager, in a short note, how Raj helped you last time.");
    expect(thanked[0]?.reason).toBe(
      "The balance with Raj in IT is overdrawn: you have received much more than you gave, so here is a chance to give back.",
    );
  });

  it("a give-first line Mark acted on rests for 8 weeks, then comes back", () => {
    const now = Date.UTC(2026, 10, 25, 12);
    const day = 86_400_000;
    const told = { kind: "support" as const, summary: "Wrote to Raj's manager about the VPN fix" };
    const at = (daysAgo: number) =>
      suggestionsFor(
        subject({ balance: overdrawn, recentGives: [{ ...told, occurredAt: now - daysAgo * day }] }),
        new PlaybookListing(now),
      )[0]?.action;
    const manager = "Tell Raj's manager, in a short note, how Raj helped you last time.";
    expect(at(1)).not.toBe(manager);
    expect(at(55)).not.toBe(manager);
    expect(at(57)).toBe(manager);
  });

  it("one listing gives each playbook line once: two IT colleagues get different lines", () => {
    const listing = new PlaybookListing(Date.now());
    const [raj] = suggestionsFor(subject({ balance: overdrawn }), listing);
    const [dana] = suggestionsFor(
      subject({ personId: "p2", personName: "Dana Whitfield", balance: overdrawn }),
      listing,
    );
    expect(raj?.action).toMatch(/^Tell Raj's manager/);
    expect(dana?.action).toMatch(/Dana/);
    expect(dana?.action.replace(/Dana/g, "Raj")).not.toBe(raj?.action);
  });

  it("give-first and reconnect advice cite what Mark knows: how they met, where they work, the last moment", () => {
    const known = {
      organizationName: "Blik Design Group",
      title: "Principal",
      tags: ["SMPS"],
      metText: "SMPS chapter lunch",
      metOn: "2026-03-12",
      metThroughName: "Tim Keller",
      lastMoment: { summary: "Coffee after the hospital bid review", daysAgo: 200 },
      lastHelp: { summary: "Advice on the county's facilities team", daysAgo: 230 },
    };
    const tyler = { personName: "Tyler Blik", isColleague: false, departmentName: null, known };
    const [reconnect] = suggestionsFor(
      subject({ ...tyler, due: { ...due, status: "cooling", daysSinceContact: 200, cadenceDays: 90 } }),
    );
    expect(reconnect).toMatchObject({
      kind: "reconnect",
      action: "Call Tyler or suggest a coffee to catch up on how things are at Blik Design Group.",
      reason:
        "You met Tyler through Tim Keller in March 2026: “SMPS chapter lunch”. Your last moment together, 200 days ago: “Coffee after the hospital bid review”. You usually keep in touch every 90 days.",
    });
    const [give] = suggestionsFor(subject({ ...tyler, balance: overdrawn }));
    expect(give?.kind).toBe("give-first");
    expect(give?.reason).toBe(
      "The balance with Tyler (Blik Design Group) is overdrawn: you have received much more than you gave, so here is a chance to give back. You met Tyler through Tim Keller in March 2026: “SMPS chapter lunch”. The last thing Tyler did for you, 230 days ago: “Advice on the county's facilities team”.",
    );
    // Met at a chapter lunch: the association playbook.
    expect(give?.action).toBe(
      "Leave a thoughtful comment on Tyler's latest post or article, adding a thought of your own.",
    );
  });

  it("never nudges a communal person to give first, nor shows numbers about them", () => {
    const found = suggestionsFor(
      subject({
        ledgerMode: "communal",
        balance: untracked,
        due,
        thanksOwed: { lastReceivedSummary: "Lent me a ladder", daysAgo: 3 },
        myCommitments: [{ number: 7, summary: "Return the ladder", dueOn: "2026-02-01", late: true }],
        occasion: { label: "birthday", inDays: 4, turning: 40 },
      }),
    );
    expect(found.map((s) => s.kind)).toEqual(["thank", "follow-through", "occasion"]);
    for (const s of found) expect(s.reason).not.toMatch(/\d/);
  });

  it("lists late promises before the others", () => {
    const found = suggestionsFor(
      subject({
        myCommitments: [
          { number: 1, summary: "Send the slides", dueOn: null, late: false },
          { number: 2, summary: "Review the budget", dueOn: "2026-02-20", late: true },
        ],
      }),
    );
    expect(found.map((s) => s.action)).toEqual([
      "Do what you promised Raj: “Review the budget”.",
      "Do what you promised Raj: “Send the slides”.",
    ]);
    expect(found[0]?.reason).toBe("You promised this by 2026-02-20, and that date has passed.");
    expect(found[1]?.reason).toBe("You promised this and it is still open.");
  });

  it("a birthday within the week is an occasion; one further off is not", () => {
    const soon = suggestionsFor(subject({ occasion: { label: "birthday", inDays: 3, turning: 41 } }));
    expect(soon).toHaveLength(1);
    expect(soon[0]?.action).toBe("Wish Raj a happy birthday.");
    expect(soon[0]?.reason).toBe("Raj Patel's birthday (41st) is in 3 days.");
    expect(suggestionsFor(subject({ occasion: { label: "birthday", inDays: 8, turning: null } }))).toEqual(
      [],
    );
  });

  it("suggests reconnecting only when the person is due and nothing else applies", () => {
    const alone = suggestionsFor(subject({ due }));
    expect(alone).toEqual([
      {
        kind: "reconnect",
        person: { id: "p1", name: "Raj Patel" },
        personId: "p1",
        personName: "Raj Patel",
        action: "Send Raj a short note to catch up on how things are in IT.",
        reason: "Last contact 45 days ago; you usually keep in touch every 30 days.",
      },
    ]);
    const withThanks = suggestionsFor(subject({ due, thanksOwed: { lastReceivedSummary: "", daysAgo: 1 } }));
    expect(withThanks.map((s) => s.kind)).toEqual(["thank"]);
    expect(withThanks[0]?.action).toBe("Send Raj a short thank-you.");
  });

  it("has nothing to say about a fresh, balanced relationship", () => {
    expect(suggestionsFor(subject({}))).toEqual([]);
  });
});

describe("ordering suggestions of many people", () => {
  function s(kind: Suggestion["kind"], personName: string): Suggestion {
    return { kind, ...addressedTo({ id: personName, name: personName }), action: "", reason: "" };
  }

  it("goes by kind first, then by the person's priority", () => {
    const ordered = orderSuggestions([
      { suggestion: s("reconnect", "Ana"), priority: 9 },
      { suggestion: s("give-first", "Bo"), priority: 1 },
      { suggestion: s("thank", "Cy"), priority: 0.5 },
      { suggestion: s("give-first", "Di"), priority: 3 },
    ]);
    expect(ordered.map((x) => `${x.kind}:${x.person.name}`)).toEqual([
      "thank:Cy",
      "give-first:Di",
      "give-first:Bo",
      "reconnect:Ana",
    ]);
  });
});

describe("suggestionKindsFor", () => {
  it("names exactly the kinds suggestionsFor writes, in the same order, for every mix of circumstances", () => {
    const labels = ["overdrawn", "balanced", "giving", "untracked"] as const;
    const statuses = ["fresh", "due-soon", "due", "cooling", "dormant", "none"] as const;
    let checked = 0;
    for (const label of labels)
      for (const status of statuses)
        for (const owed of [false, true])
          for (const commitments of [0, 1, 2])
            for (const occasionIn of [null, 0, 3, 9])
              for (const needs of [0, 1, 2]) {
                const subject: SuggestionSubject = {
                  personId: "p1",
                  personName: "Raj Patel",
                  ledgerMode: label === "untracked" ? "communal" : "track",
                  layer: 50,
                  isColleague: true,
                  departmentName: "IT",
                  sameDepartmentAsMe: false,
                  balance: { gave: 0, received: 4, ratio: 0.2, label, entries: 2 },
                  due: { status, daysSinceContact: 40, cadenceDays: 30, overdueRatio: 1.3, priority: 2 },
                  thanksOwed: owed ? { lastReceivedSummary: "Fixed the VPN", daysAgo: 3 } : null,
                  myCommitments: Array.from({ length: commitments }, (_, i) => ({
                    number: i + 1,
                    summary: `Promise ${i}`,
                    dueOn: null,
                    late: false,
                  })),
                  occasion:
                    occasionIn === null ? null : { label: "birthday", inDays: occasionIn, turning: null },
                  givesSoFar: 0,
                  openNeeds: Array.from({ length: needs }, (_, i) => ({ number: i + 1, text: `Need ${i}` })),
                  matches: needs
                    ? [
                        {
                          needText: "Need 0",
                          otherPersonId: "p2",
                          otherPersonName: "Linda Okafor",
                          offerText: "Offer",
                          sharedWords: ["need"],
                        },
                      ]
                    : [],
                };
                expect(suggestionKindsFor(subject)).toEqual(suggestionsFor(subject).map((x) => x.kind));
                checked++;
              }
    expect(checked).toBe(4 * 6 * 2 * 3 * 4 * 3);
  });
});
