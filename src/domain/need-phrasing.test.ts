import { describe, expect, it } from "vitest";
import { asSentence, phraseNeed, phraseOffer, quotation } from "./need-phrasing.js";

// Needs as people type them on a card, with the sentence a reader expects about Omar.
const NEEDS: [typed: string, aboutOmar: string][] = [
  ["Needs a good accountant for the firm", "Omar needs a good accountant for the firm"],
  [
    "fewer expense reports sent back incomplete",
    "Omar would like fewer expense reports sent back incomplete",
  ],
  ["Looking for a photographer for the launch", "Omar is looking for a photographer for the launch"],
  ["Hiring a designer for the spring campaign", "Omar is hiring a designer for the spring campaign"],
  ["We're hiring two backend engineers", "Omar is hiring two backend engineers"],
  ["Someone who knows payroll rules", "Omar is looking for someone who knows payroll rules"],
  ["wants to learn Python", "Omar wants to learn Python"],
  ["Would like to speak at a conference", "Omar would like to speak at a conference"],
  ["help with the website redesign", "Omar would like help with the website redesign"],
  ["Needs feedback on his pitch deck", "Omar needs feedback on his pitch deck"],
  ["Tired of chasing late invoices", "Omar is tired of chasing late invoices"],
  ["struggling with the new CRM", "Omar is struggling with the new CRM"],
  ["Too many meetings", "Omar has too many meetings"],
  ["Not enough budget for training", "Omar does not have enough budget for training"],
  ["Moving to Berlin in May", "Omar is moving to Berlin in May"],
  ["Launching a podcast about architecture", "Omar is launching a podcast about architecture"],
  ["Working on a grant application", "Omar is working on a grant application"],
  ["A mentor in product management", "Omar is looking for a mentor in product management"],
  [
    "Guest writers for a series on hospital design",
    "Omar is looking for guest writers for a series on hospital design",
  ],
  ["Photographer", "Omar is looking for a photographer"],
  ["I need a lawyer for my lease", "Omar needs a lawyer for their lease"],
  ["She is looking for a new job", "Omar is looking for a new job"],
  ["Intro to a venture capitalist", "Omar is looking for an intro to a venture capitalist"],
  ["More time with the leadership team", "Omar would like more time with the leadership team"],
  ["Less noise in the open office", "Omar would like less noise in the open office"],
  ["Problems with the VPN at home", "Omar has trouble with the VPN at home"],
  ["Trying to get into public speaking", "Omar is trying to get into public speaking"],
  ["Hoping to move into marketing", "Omar is hoping to move into marketing"],
  ['"a good accountant"', "Omar is looking for a good accountant"],
  ["hiring!!! a junior designer", "Omar is hiring a junior designer"],
  // urgency and please typed after the need are the user's tone, not part of what is needed
  ["looking for an accountant for her startup, asap!!", "Omar is looking for an accountant for her startup"],
  ["Needs a plumber ASAP please", "Omar needs a plumber"],
  ["a ride to the airport - urgently", "Omar is looking for a ride to the airport"],
  ["Need: a good accountant", "Omar is looking for a good accountant"],
  [
    "wants more people to know about the new zoning rules",
    "Omar mentioned a need: “wants more people to know about the new zoning rules”",
  ],
  ["Seeking a co-founder", "Omar is looking for a co-founder"],
  ["Complains about the slow laptop", "Omar is unhappy about the slow laptop"],
  ["Wants an introduction to the CFO", "Omar would like an introduction to the CFO"],
  ["No time for the newsletter", "Omar has no time for the newsletter"],
  ["Faster approvals from legal", "Omar would like faster approvals from legal"],
  ["looking for a flat near the station.", "Omar is looking for a flat near the station"],
  ["Recruiting a paralegal", "Omar is recruiting a paralegal"],
  ["Advice on pricing consulting work", "Omar would like advice on pricing consulting work"],
  ["Planning to open a second office", "Omar is planning to open a second office"],
  // Not a form Goodwill knows: quoted whole, never bent into a template.
  ["Budget approval for Q3", "Omar mentioned a need: “Budget approval for Q3”"],
  ["Printer on floor 3 broken", "Omar mentioned a need: “Printer on floor 3 broken”"],
  ["The printer is always jammed", "Omar mentioned a need: “The printer is always jammed”"],
  ["How do I get a Canadian visa?", "Omar mentioned a question: “How do I get a Canadian visa?”"],
  ['Book "Deep Work" for the team', "Omar mentioned a need: “Book ‘Deep Work’ for the team”"],
];

// Offers as people type them, with the sentence a reader expects about Ben.
const OFFERS: [typed: string, aboutBen: string][] = [
  ["Knows payroll rules", "Ben knows payroll rules"],
  ["Offers: intro to the city planning office", "Ben offers intro to the city planning office"],
  ["Designs logos and campaign brochures", "Ben designs logos and campaign brochures"],
  [
    "Writes about learning IT's quick fixes; happy to be a guest on a series",
    "Ben writes about learning IT's quick fixes and is happy to be a guest on a series",
  ],
  [
    "Brochure and proposal graphics for engineering firms",
    "Ben offers brochure and proposal graphics for engineering firms",
  ],
  ["Photographer", "Ben is a photographer"],
  ["Freelance photographer", "Ben is a freelance photographer"],
  ["Can review contracts", "Ben can review contracts"],
  ["Happy to review CVs", "Ben is happy to review CVs"],
  ["Fluent in Spanish", "Ben is fluent in Spanish"],
  ["Expert in tax law", "Ben is an expert in tax law"],
  ["Access to the board", "Ben has access to the board"],
  ["I know everyone at the chamber of commerce", "Ben knows everyone at the chamber of commerce"],
  ["I'm a notary", "Ben is a notary"],
  ["Review contracts", "Ben can review contracts"],
  ["Teaches Excel to beginners", "Ben teaches Excel to beginners"],
  ["Runs her own print shop", "Ben runs her own print shop"],
  ["Payroll advice", "Ben offers payroll advice"],
  ["Reviewing pitch decks", "Ben can help with reviewing pitch decks"],
  ["Experience with grant writing", "Ben has experience with grant writing"],
  ["Has a van for moving", "Ben has a van for moving"],
  ["A tax accountant in Lyon", "Ben is a tax accountant in Lyon"],
  ["Speaks Japanese", "Ben speaks Japanese"],
  ["Coaches first-time managers", "Ben coaches first-time managers"],
  ["Good at negotiating leases", "Ben is good at negotiating leases"],
  ["Photography for events", "Ben offers photography for events"],
  ["Proofreads English texts", "Ben proofreads English texts"],
  ["Fixes bikes", "Ben fixes bikes"],
  ["Mentors junior designers", "Ben mentors junior designers"],
  ["Accounting help for small firms", "Ben offers accounting help for small firms"],
  ["Organizes the SMPS chapter lunch", "Ben organizes the SMPS chapter lunch"],
  ["Free IT audits", "Ben offers free IT audits"],
  ["Carries a spare laptop charger", "Ben carries a spare laptop charger"],
  ["Willing to host a workshop", "Ben is willing to host a workshop"],
  ["Could lend a projector", "Ben could lend a projector"],
  ["Contacts at three hospitals", "Ben has contacts at three hospitals"],
  ["Tutor for maths", "Ben is a tutor for maths"],
  ["Fixes printers; knows the facilities team", "Ben fixes printers and knows the facilities team"],
  ["Shoots product videos", "Ben shoots product videos"],
  ["Translates German contracts", "Ben translates German contracts"],
  // Not a form Goodwill knows: quoted whole.
  ["My brother is a lawyer", "Ben offered “My brother is a lawyer”"],
  ["What does she offer?", "Ben offered “What does she offer?”"],
];

describe("needs read as sentences, whatever the user typed", () => {
  it.each(NEEDS)("%s", (typed, aboutOmar) => {
    expect(phraseNeed(typed).about("Omar")).toBe(aboutOmar);
  });

  it("has at least 40 needs and 40 offers to read", () => {
    expect(NEEDS.length).toBeGreaterThanOrEqual(40);
    expect(OFFERS.length).toBeGreaterThanOrEqual(40);
  });

  it("speaks to the person in the second person, their own words made theirs", () => {
    expect(phraseNeed("Needs feedback on his pitch deck").aboutYou()).toBe(
      "you need feedback on your pitch deck",
    );
    expect(phraseNeed("Hiring a designer").aboutYou()).toBe("you are hiring a designer");
    expect(phraseNeed("Too many meetings").aboutYou()).toBe("you have too many meetings");
    // A quotation is the user's words, untouched.
    expect(phraseNeed("My lease needs a lawyer's eye").aboutYou()).toBe(
      "you mentioned a need: “My lease needs a lawyer's eye”",
    );
  });

  it("suggests one concrete thing that fits the form", () => {
    expect(phraseNeed("Needs a good accountant for the firm").action("Omar")).toBe(
      "Ask Omar how the search for a good accountant for the firm is going, and offer one concrete thing you can do.",
    );
    // The give for a complaint about incomplete reports is to send your own complete.
    expect(phraseNeed("fewer expense reports sent back incomplete").action("Linda")).toBe(
      "Do your own part toward fewer expense reports sent back incomplete, then ask Linda what else would help.",
    );
    expect(phraseNeed("Hiring a designer").action("Ana")).toBe(
      "Ask Ana how hiring a designer is going, and offer to pass the opening on or suggest someone.",
    );
    expect(phraseNeed("wants to learn Python").action("Raj")).toBe(
      "Ask Raj what would help them learn Python, and offer one concrete thing you can do.",
    );
    expect(phraseNeed("Working on a grant application").action("Lee")).toBe(
      "Ask Lee how the grant application is going, and offer one concrete thing you can do.",
    );
    expect(phraseNeed("help with the website redesign").action("Sofía")).toBe(
      "Offer Sofía your help with the website redesign, or ask who else could help.",
    );
    expect(phraseNeed("Budget approval for Q3").action("Omar")).toBe(
      "Ask Omar about their need, “Budget approval for Q3”, and offer one concrete thing you can do.",
    );
  });

  it("never doubles a quote and never leaves the user's text in straight quotes", () => {
    for (const [typed] of NEEDS) {
      const p = phraseNeed(typed);
      for (const text of [p.about("Omar"), p.aboutYou(), p.action("Omar")]) {
        expect(text).not.toMatch(/["“”„]\s?["“”„]/);
        expect(text).not.toContain('"');
      }
    }
  });
});

describe("offers read as sentences, whatever the user typed", () => {
  it.each(OFFERS)("%s", (typed, aboutBen) => {
    expect(phraseOffer(typed).about("Ben")).toBe(aboutBen);
  });

  it("speaks to the person offering in the second person", () => {
    expect(phraseOffer("Knows payroll rules").aboutYou()).toBe("you know payroll rules");
    expect(phraseOffer("Teaches Excel to beginners").aboutYou()).toBe("you teach Excel to beginners");
    expect(phraseOffer("Carries a spare laptop charger").aboutYou()).toBe("you carry a spare laptop charger");
    expect(phraseOffer("Photographer").aboutYou()).toBe("you are a photographer");
    expect(phraseOffer("Runs her own print shop").aboutYou()).toBe("you run your own print shop");
    expect(phraseOffer("Writes about IT; happy to be a guest").aboutYou()).toBe(
      "you write about IT and are happy to be a guest",
    );
  });
});

describe("quotations", () => {
  it("use typographic quotes and turn quotes inside into single ones", () => {
    expect(quotation('"Needs a good accountant"')).toBe("“Needs a good accountant”");
    expect(quotation("Read “Deep Work” first.")).toBe("“Read ‘Deep Work’ first”");
  });

  it("end a sentence once", () => {
    expect(asSentence("Omar mentioned a question: “Why?”")).toBe("Omar mentioned a question: “Why?”");
    expect(asSentence("you know payroll rules")).toBe("You know payroll rules.");
  });
});
