import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CaptureProposal } from "../contract/capture.js";
import { proposeEntries, theirWordsAsMine } from "./capture-rules.js";

interface Story {
  /** what happened, as the user would tell it */
  story: string;
  subject?: string;
  text: string;
  fromMe?: boolean;
  /** [kind, summary, exchange kind, the words quoted as the reason] */
  expect: [CaptureProposal["kind"], string, string, string][];
}

// Messages as people write them, with what a person reading each would expect Goodwill to suggest.
const STORIES: Story[] = [
  // --- Someone thanks me: I gave.
  {
    story: "Sofía thanks me for the intro in the subject line of her reply",
    subject: "Re: Thanks for the intro!",
    text: "Hi! We met on Tuesday and it went really well.\n\nSofía",
    expect: [["gave", "the intro", "intro", "Thanks for the intro"]],
  },
  {
    story: "a candidate thanks me for looking at her CV",
    subject: "CV",
    text: "Hi,\n\nthank you so much for looking at my CV! The tips on the summary were spot on.\n\nBest,\nLeila",
    expect: [["gave", "looking at their CV", "advice", "thank you so much for looking at my CV"]],
  },
  {
    story: "a colleague thanks me for lunch, with a smiley and the day",
    text: "thanks for lunch yesterday :) let's do it again soon",
    expect: [["gave", "lunch", "time", "thanks for lunch"]],
  },
  {
    story: "IT thanks me for the coffee I brought, with an emoji",
    text: "Thanks so much for the coffee ☕️ you're a lifesaver",
    expect: [["gave", "the coffee", "time", "Thanks so much for the coffee"]],
  },
  {
    story: "a thank-you note for a birthday present",
    subject: "Thank you!!",
    text: "Thank you for the lovely book, I started it on the train.\nxx Ana",
    expect: [["gave", "the lovely book", "gift", "Thank you for the lovely book"]],
  },
  {
    story: "a short thx for covering a shift, lower case and a typo",
    text: "thx for coverin my shift on sat, owe u one",
    expect: [["gave", "coverin their shift on sat", "favor", "thx for coverin my shift on sat"]],
  },
  {
    story: "a thank-you in capitals for the referral",
    text: "THANK YOU FOR THE REFERRAL!!! They called me this morning.",
    expect: [["gave", "the referral", "referral", "THANK YOU FOR THE REFERRAL"]],
  },
  {
    story: "thanks again with a name in between",
    text: "Hi Jordan,\n\nThanks again Jordan for the feedback on my pitch. I rewrote the opening.\n\nCheers,\nOmar",
    expect: [
      ["gave", "the feedback on their pitch", "advice", "Thanks again Jordan for the feedback on my pitch"],
    ],
  },
  {
    story: "an appreciation that names the time I took",
    text: "I really appreciate you taking the time to go through my business plan.",
    expect: [
      [
        "gave",
        "taking the time to go through my business plan",
        "time",
        "I really appreciate you taking the time to go through my business plan",
      ],
    ],
  },
  {
    story: "a thank-you for support during a hard month",
    text: "Just wanted to say thank you for your support during the reorg. It meant a lot.",
    expect: [["gave", "support during the reorg", "support", "thank you for your support during the reorg"]],
  },
  {
    story: "a thank-you for help with the move, signed off with thanks again",
    text: "Thank you for your help with the move on Saturday! The sofa survived.\n\nThanks again,\nPriya",
    expect: [
      [
        "gave",
        "help with the move on Saturday",
        "favor",
        "Thank you for your help with the move on Saturday",
      ],
    ],
  },
  {
    story: "gracias por la presentación, in Spanish",
    text: "¡Muchas gracias por la presentación con Marta! Ya quedamos para el jueves.",
    expect: [["gave", "la presentación con Marta", "intro", "gracias por la presentación con Marta"]],
  },
  {
    story: "danke für die Vorstellung, in German",
    text: "Hallo Ben,\nvielen Dank für die Vorstellung bei Frau Weber!\nGrüße, Jonas",
    expect: [
      ["gave", "die Vorstellung bei Frau Weber", "intro", "vielen Dank für die Vorstellung bei Frau Weber"],
    ],
  },
  {
    story: "Kevin thanks me for an intro and says what it did for him",
    subject: "Re: laptop",
    text: "Hi Mark, thanks for the intro to the Dell rep, saved me a week.\n\nKevin",
    expect: [["gave", "the intro to the Dell rep", "intro", "thanks for the intro to the Dell rep"]],
  },
  // --- Someone tells me they did something for me: I received.
  {
    story: "a colleague introduces me to someone",
    text: "Hi both,\nI've introduced you to Maria at Acme, she runs the payroll team there.",
    expect: [["received", "introduced me to Maria at Acme", "intro", "I've introduced you to Maria at Acme"]],
  },
  {
    story: "IT says they fixed my laptop",
    subject: "Ticket 4411",
    text: "I fixed your laptop, it should boot normally now. Let me know if the VPN acts up.",
    expect: [["received", "fixed my laptop", "favor", "I fixed your laptop"]],
  },
  {
    story: "accounting sends the report I asked for",
    text: "Here is the report you asked for. The Q3 numbers are on the second tab.",
    expect: [["received", "the report I asked for", "favor", "Here is the report you asked for"]],
  },
  {
    story: "a double opt-in intro in the making",
    subject: "Intro: Priya <> Sam",
    text: "Sam, let me introduce you to Priya, who is hiring for a data role.",
    expect: [["received", "introduce me to Priya", "intro", "let me introduce you to Priya"]],
  },
  {
    story: "a mentor says she put in a good word",
    text: "FYI I put in a good word for you with the hiring manager.",
    expect: [
      [
        "received",
        "put in a good word for you with the hiring manager",
        "referral",
        "I put in a good word for you with the hiring manager",
      ],
    ],
  },
  {
    story: "as promised, the slides",
    text: "As promised, here are the slides from the workshop.\n\nBest, Tom",
    expect: [
      [
        "received",
        "the slides from the workshop",
        "favor",
        "As promised, here are the slides from the workshop",
      ],
    ],
  },
  // --- Someone asks me for something.
  {
    story: "a friend asks me to review her deck",
    subject: "quick favour",
    text: "hey could you review my deck before thursday? thanks!!",
    expect: [["ask", "review my deck before thursday", "advice", "could you review my deck before thursday"]],
  },
  {
    story: "a text-speak ask with pls",
    text: "cud u send me the slides pls",
    expect: [["ask", "send me the slides", "favor", "cud u send me the slides"]],
  },
  {
    story: "pls can you, without a question mark",
    text: "pls can you forward me the contract when you get a chance",
    expect: [["ask", "forward me the contract", "favor", "can you forward me the contract"]],
  },
  {
    story: "an ask for an introduction, with a praying-hands emoji",
    text: "I was wondering if you could introduce me to your CFO 🙏",
    expect: [
      ["ask", "introduce me to your CFO", "intro", "I was wondering if you could introduce me to your CFO"],
    ],
  },
  {
    story: "would you mind, in a longer message",
    text:
      "Hi Jordan,\n\nHope the conference went well! I'm applying for the product role at Lumen and would " +
      "love a second pair of eyes. Would you mind taking a look at my cover letter? No rush at all.\n\n" +
      "Best,\nLeila",
    expect: [
      [
        "ask",
        "taking a look at my cover letter",
        "advice",
        "Would you mind taking a look at my cover letter",
      ],
    ],
  },
  {
    story: "do you know anyone who…",
    text: "random q - do you know anyone who does payroll for small charities?",
    expect: [
      [
        "ask",
        "someone who does payroll for small charities",
        "favor",
        "do you know anyone who does payroll for small charities",
      ],
    ],
  },
  {
    story: "any chance you could, lower case with a typo",
    text: "any chance you could lend me your projecter for friday",
    expect: [
      [
        "ask",
        "lend me your projecter for friday",
        "favor",
        "any chance you could lend me your projecter for friday",
      ],
    ],
  },
  {
    story: "an ask shouted in capitals",
    text: "COULD YOU SEND ME THE FILE",
    expect: [["ask", "send me the file", "favor", "COULD YOU SEND ME THE FILE"]],
  },
  {
    story: "a vague ask in the subject and the real one in the body",
    subject: "Can you help?",
    text: "Hi, could you proofread my grant application by Monday?",
    expect: [
      [
        "ask",
        "proofread my grant application by Monday",
        "advice",
        "could you proofread my grant application by Monday",
      ],
    ],
  },
  {
    story: "¿podrías…?, in Spanish",
    text: "Hola, ¿podrías revisar mi CV? Gracias",
    expect: [["ask", "revisar mi CV", "advice", "podrías revisar mi CV"]],
  },
  {
    story: "könntest du…, in German",
    text: "Könntest du dir meinen Lebenslauf ansehen?",
    expect: [["ask", "dir meinen Lebenslauf ansehen", "advice", "Könntest du dir meinen Lebenslauf ansehen"]],
  },
  {
    story: "thanks for last time, then a new ask: both",
    text: "Thanks for the intro to Ben last month! Could you also connect me with someone in procurement?",
    expect: [
      ["gave", "the intro to Ben", "intro", "Thanks for the intro to Ben"],
      [
        "ask",
        "connect me with someone in procurement",
        "intro",
        "Could you also connect me with someone in procurement",
      ],
    ],
  },
  {
    story: "an ask followed by thanks for the help still to come: only the ask",
    text: "Could you look at my deck? Thanks for your help!",
    expect: [["ask", "look at my deck", "advice", "Could you look at my deck"]],
  },
  {
    story: "Dana asks for numbers, lower case, signed off with thanks",
    subject: "Q4",
    text: "hey mark could you send me the Q4 numbers by friday\n\nthanks,\nDana",
    expect: [
      ["ask", "send me the Q4 numbers by friday", "favor", "could you send me the Q4 numbers by friday"],
    ],
  },
  // --- I thank someone: a thank-you, closing a thanks owed.
  {
    story: "I thank Sofía for the intro and sign off with many thanks",
    fromMe: true,
    text: "Hi Sofía,\n\nThanks for the intro to Maria, we're meeting next week.\n\nMany thanks,\nJo",
    expect: [["thanks", "the intro to Maria", "thanks", "Thanks for the intro to Maria"]],
  },
  {
    story: "I thank IT for their help",
    fromMe: true,
    text: "thank you for your help with the printer!",
    expect: [["thanks", "their help with the printer", "thanks", "thank you for your help with the printer"]],
  },
  {
    story: "a many thanks that is not a sign-off",
    fromMe: true,
    text: "Got the job!! Many thanks!\nJo",
    expect: [["thanks", "thanks", "thanks", "Many thanks"]],
  },
  {
    story: "much appreciated, mid-message",
    fromMe: true,
    text: "Got the files. Much appreciated. I'll send the invoice on Monday.",
    expect: [["thanks", "thanks", "thanks", "Much appreciated"]],
  },
  {
    story: "my thanks in German",
    fromMe: true,
    text: "Danke für deine Hilfe beim Umzug!",
    expect: [["thanks", "deine Hilfe beim Umzug", "thanks", "Danke für deine Hilfe beim Umzug"]],
  },
  {
    story: "a thank-you that cannot say it enough",
    text: "I can't thank you enough for the advice on the offer, I negotiated 10% more!",
    expect: [["gave", "the advice on the offer", "advice", "thank you enough for the advice on the offer"]],
  },
  {
    story: "can you guys, to a team",
    text: "Can you guys review the launch checklist before 5?",
    expect: [
      [
        "ask",
        "review the launch checklist before 5",
        "advice",
        "Can you guys review the launch checklist before 5",
      ],
    ],
  },
  {
    story: "a vague favour asked first, then the real one",
    text: "Can you do me a favor? Could you water my plants while I'm away",
    expect: [["ask", "water my plants while I'm away", "favor", "Could you water my plants while I'm away"]],
  },
  {
    story: "the body says more than the subject: the body's words",
    subject: "Could you review my plan?",
    text: "Hi Ana, could you review my plan for the launch?\n\nThanks,\nMarta",
    expect: [["ask", "review my plan for the launch", "advice", "could you review my plan for the launch"]],
  },
  {
    story: "my thanks to a team, addressed after a comma",
    fromMe: true,
    text: "Thanks for your hard work on the launch, team!",
    expect: [
      ["thanks", "their hard work on the launch", "thanks", "Thanks for your hard work on the launch"],
    ],
  },
  {
    story: "a booking made for me",
    text: "I've booked you a table at Nopi for 7pm, enjoy!",
    expect: [
      ["received", "booked you a table at Nopi for 7pm", "favor", "I've booked you a table at Nopi for 7pm"],
    ],
  },
  {
    story: "thanks in a reply to my ask: the ask was mine, their thanks are for what I did",
    subject: "Re: Could you review my deck?",
    text: "Thanks for your help, the comments were spot on.",
    expect: [["gave", "help", "favor", "Thanks for your help"]],
  },
  // --- Nothing to propose.
  {
    story: "a mistake is not a favour",
    text: "Sorry, I sent you the wrong file. Here's the right one.",
    expect: [],
  },
  {
    story: "a rejection is not a favour",
    text: "We've reviewed your application and regret to inform you that the role has been filled.",
    expect: [],
  },
  { story: "thanks for a prompt response", text: "Thank you for your prompt response.", expect: [] },
  { story: "thanks for attending a webinar", text: "Thank you for attending our webinar.", expect: [] },
  { story: "thanks for sharing, on its own", text: "Thanks for sharing!", expect: [] },
  {
    story: "my reply to their thanks is not my thank-you",
    fromMe: true,
    subject: "Re: Thanks for the intro",
    text: "Any time.",
    expect: [],
  },
  {
    story: "their answer to my thanks is not a thank-you to me",
    subject: "Re: Thanks for the intro",
    text: "You're welcome! Glad it worked out.",
    expect: [],
  },
  {
    story: "not knowing anyone is not an ask",
    text: "I don't know anyone who does payroll either.",
    expect: [],
  },
  {
    story: "thanks for reading, as a newsletter ends",
    text: "That's all for this week. Thanks for reading!",
    expect: [],
  },
  { story: "a day that suits is logistics", text: "Can you do Tuesday instead?", expect: [] },
  {
    story: "my ask with many thanks after it is thanks in advance",
    fromMe: true,
    text: "Could you send the deck? Many thanks!",
    expect: [],
  },
  {
    story: "an email about this email",
    text: "We sent you this email because you signed up at our booth.",
    expect: [],
  },
  { story: "a plain Thanks, sign-off", text: "See you at 3.\n\nThanks,\nAna", expect: [] },
  { story: "my own plain Thanks, sign-off", fromMe: true, text: "Attached.\n\nThanks,\nJo", expect: [] },
  {
    story: "my many thanks as a sign-off",
    fromMe: true,
    text: "The form is attached.\n\nMany thanks,\nJo",
    expect: [],
  },
  {
    story: "a German sign-off",
    fromMe: true,
    text: "Anbei die Unterlagen.\n\nVielen Dank und viele Grüße\nJonas",
    expect: [],
  },
  { story: "a Spanish sign-off", text: "Te mando el archivo mañana.\n\nGracias,\nMarta", expect: [] },
  {
    story: "many thanks and best regards",
    fromMe: true,
    text: "Please find the slides attached.\n\nMany thanks and best regards,\nJo",
    expect: [],
  },
  { story: "thanks in advance", text: "Thanks in advance for your help!", expect: [] },
  { story: "my own thanks in advance", fromMe: true, text: "Thanks in advance!\nJo", expect: [] },
  { story: "no thanks", text: "No thanks, I'm good for now.", expect: [] },
  { story: "thanks, but no", text: "Thanks for the offer, but I'll pass this time.", expect: [] },
  {
    story: "thanks, but a refusal of the intro",
    text: "Thanks, but I'd rather not be introduced right now.",
    expect: [],
  },
  { story: "could you not", text: "Could you not cc the whole team next time?", expect: [] },
  { story: "Can you believe…", text: "Can you believe it's been a year already?!", expect: [] },
  { story: "can u imagine, texted", text: "can u imagine the traffic lol", expect: [] },
  { story: "a quoted question", text: 'She asked "could you review my deck?" and I said yes.', expect: [] },
  {
    story: "a question in a quoted reply",
    text: "Sounds good, see you then.\n\n> Could you send me the agenda?\n> Thanks for lunch!",
    expect: [],
  },
  {
    story: "a question in the cut-off reply chain",
    text: "Sure thing.\n\nOn Tue, 3 Mar 2026 at 10:02, Omar <omar@example.com> wrote:\nCould you review the budget?",
    expect: [],
  },
  {
    story: "thanks for your email",
    text: "Thanks for your email. I'll get back to you next week.",
    expect: [],
  },
  { story: "thanks for getting back to me", text: "Thanks for getting back to me so quickly!", expect: [] },
  {
    story: "a newsletter",
    subject: "Thanks for subscribing!",
    text: "Thanks for being a reader. Can you help us reach 1,000 members? Share this post.\n\nUnsubscribe",
    expect: [],
  },
  {
    story: "an invitation is not a favour",
    text: "Would you like to join us for dinner on Friday?",
    expect: [],
  },
  { story: "logistics are not an ask", text: "Can you let me know if 3pm works?", expect: [] },
  { story: "a question about how", text: "How can you tell which plan is cheaper?", expect: [] },
  { story: "a deed still to come", text: "Once I've sent you the contract, we can talk.", expect: [] },
  { story: "a deed not done", text: "I haven't fixed your laptop yet, sorry.", expect: [] },
  { story: "a calendar invite is logistics", text: "I've sent you an invite for Thursday.", expect: [] },
  {
    story: "a forwarded subject is someone else's",
    subject: "Fwd: Thanks for the intro!",
    text: "FYI",
    expect: [],
  },
  {
    story: "a reply's subject is not their ask",
    subject: "Re: Could you review my deck?",
    text: "Done, see my comments in the doc.",
    expect: [],
  },
  { story: "someone else's bare thanks names nothing I gave", text: "Thank you so much!!", expect: [] },
  { story: "a status update", text: "The build is green again. Deploying at 5.", expect: [] },
  { story: "my own ask proposes nothing", fromMe: true, text: "Could you send me the slides?", expect: [] },
];

describe("proposeEntries: messages as people write them", () => {
  it("has enough stories, many of which propose nothing", () => {
    expect(STORIES.length).toBeGreaterThanOrEqual(40);
    expect(STORIES.filter((s) => s.expect.length === 0).length).toBeGreaterThanOrEqual(15);
  });

  for (const s of STORIES) {
    it(s.story, () => {
      const got = proposeEntries({ subject: s.subject ?? "", text: s.text, fromMe: s.fromMe ?? false });
      expect(got.map((p) => [p.kind, p.summary, p.exchangeKind, p.because])).toEqual(s.expect);
    });
  }
});

describe("proposeEntries: what a proposal promises", () => {
  it("proposes at most one entry of each kind, the first the message names", () => {
    const got = proposeEntries({
      subject: "",
      text: "Thanks for the intro! And thank you for lunch too. Could you send the deck? Can you also call Ana?",
      fromMe: false,
    });
    expect(got.map((p) => [p.kind, p.summary])).toEqual([
      ["gave", "the intro"],
      ["ask", "send the deck"],
    ]);
  });

  it("quotes at most 80 characters of the message as the reason", () => {
    const text =
      "Thank you so much for spending your whole Saturday afternoon helping me carry the boxes, the sofa and the piano up four floors";
    const [p] = proposeEntries({ subject: "", text, fromMe: false });
    expect(p?.kind).toBe("gave");
    expect(p?.because.length).toBeLessThanOrEqual(80);
    expect(text).toContain(p?.because);
    expect(p?.summary.length).toBeLessThanOrEqual(80);
  });

  it("reads a wrapped line as one sentence, and a short line as its own", () => {
    const wrapped = proposeEntries({
      subject: "",
      text: "Hi Jordan, after our chat last week I have a favour to ask: could you review\nmy deck before the board meeting?",
      fromMe: false,
    });
    expect(wrapped.map((p) => p.summary)).toEqual(["review my deck before the board meeting"]);
    const short = proposeEntries({
      subject: "",
      text: "Could you send the slides\nBest\nAna",
      fromMe: false,
    });
    expect(short.map((p) => p.summary)).toEqual(["send the slides"]);
  });
});

// Words a message may be made of, so random messages hit the rules as well as miss them.
const WORDS = [
  "thanks",
  "thank you",
  "for",
  "the",
  "intro",
  "could",
  "you",
  "can",
  "u",
  "review",
  "my",
  "deck",
  "?",
  "!",
  ",",
  ".",
  "\n",
  "no",
  "not",
  "but",
  "in advance",
  "I've",
  "introduced",
  "your",
  "laptop",
  "fixed",
  "here is",
  "report",
  "asked for",
  '"',
  "“",
  "”",
  "> ",
  "gracias por",
  "danke für",
  "¿podrías",
  "könntest du",
  "🙏",
  "☕️",
  "Many thanks",
  "much appreciated",
  "pls",
  "cud",
  "do you know anyone who",
  "Re:",
  "Fwd:",
  "   ",
  "Σ",
  "İ",
];

const message = fc.record({
  subject: fc.oneof(
    fc.string(),
    fc.array(fc.constantFrom(...WORDS), { maxLength: 8 }).map((w) => w.join(" ")),
  ),
  text: fc.oneof(
    fc.string({ unit: "grapheme", maxLength: 400 }),
    fc.array(fc.constantFrom(...WORDS), { maxLength: 60 }).map((w) => w.join(" ")),
  ),
  fromMe: fc.boolean(),
});

const squeezed = (s: string) => s.replace(/\s+/g, " ").toLowerCase();

describe("proposeEntries: any text", () => {
  it("never throws, and every reason is quoted from the message", () => {
    fc.assert(
      fc.property(message, (m) => {
        const all = squeezed(`${m.subject}\n${m.text}`);
        for (const p of proposeEntries(m)) {
          expect(all).toContain(squeezed(p.because));
          expect(p.because.length).toBeLessThanOrEqual(80);
          expect(p.summary).not.toBe("");
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("reads a 64 KiB message quickly, finding the ask at its start", () => {
    const text = `Could you review my deck? ${"The quarter went well and thanks for nothing could you. ".repeat(1200)}`;
    const started = performance.now();
    const got = proposeEntries({ subject: "", text, fromMe: false });
    expect(performance.now() - started).toBeLessThan(500);
    expect(got.map((p) => p.summary)).toEqual(["review my deck"]);
  });
});

describe("theirWordsAsMine: what someone asked, as the user writes it down", () => {
  it.each([
    ["send me the Q4 numbers by friday", "send them the Q4 numbers by friday"],
    ["introduce me to your CFO", "introduce them to my CFO"],
    ["water my plants while I'm away", "water their plants while they're away"],
    ["forward me the report you wrote", "forward them the report I wrote"],
    ["review the budget", "review the budget"],
  ])("%s → %s", (asked, written) => {
    expect(theirWordsAsMine(asked)).toBe(written);
  });
});
