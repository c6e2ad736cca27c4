/** The give-first playbook (DESIGN §3.5): concrete ways to help someone first, chosen by context. */
import { DAY_MS } from "./decay.js";
import type { ExchangeKind, Layer } from "./model.js";

export type GiveContext =
  | "it-colleague"
  | "finance-colleague"
  | "legal-colleague"
  | "hr-colleague"
  | "facilities-colleague"
  | "marketing-colleague"
  | "sales-colleague"
  | "leadership"
  | "colleague-other-dept"
  | "colleague-my-team"
  | "client"
  | "association-peer"
  | "mentor"
  | "external"
  | "inner-circle";

const IT_LIKE =
  /\b(it|information technology|help ?desk|service ?desk|tech(nical)? support|infrastructure|devops|sys ?admins?)\b/i;
const FINANCE_LIKE =
  /\b(accounting|accounts|finance|financial|payroll|treasury|controlling|bookkeeping|billing|tax)\b/i;
const LEGAL_LIKE = /\b(legal|law|counsel|compliance|contracts)\b/i;
const HR_LIKE =
  /\b(hr|human resources|people (ops|operations|team|and culture|& culture)|talent|recruiting|recruitment|personnel)\b/i;
const FACILITIES_LIKE =
  /\b(facilities|facility|office (management|services)|administration|admin|workplace|building services|maintenance|reception|front desk|mail ?room)\b/i;
const MARKETING_LIKE =
  /\b(marketing|communications|comms|brand|branding|pr|public relations|proposals?|content)\b/i;
const SALES_LIKE = /\b(sales|business development|biz ?dev|account management|customer success)\b/i;
/** a whole department name that means the company's leadership ("Management" alone, not "Project Management") */
const LEADERSHIP_DEPARTMENT =
  /^\s*(leadership|executive|executives|executive (team|office|board)|senior (management|leadership)|management( team| board)?|board|c-suite)\s*$/i;
const LEADERSHIP_TITLE =
  /\b(ceo|cfo|coo|cto|cio|cmo|chief|president|vice president|vp|svp|evp|managing director|director|head of|partner|founder)\b/i;
const MENTOR_TAG = /^(mentors?|advis[eo]rs?|coach)$/i;
const CLIENT_TAG = /^(clients?|customers?)$/i;
const ASSOCIATION_TAG = /^(associations?|peers?|members?|chapter|alumni)$/i;
const ASSOCIATION_MET =
  /\b(associations?|chapter|society|institute|conference|convention|meetup|summit|congress|guild|peers?|alumni)\b/i;

/** Department contexts in the order they are tried on a colleague's department name. */
const DEPARTMENT_CONTEXTS: [RegExp, GiveContext][] = [
  [IT_LIKE, "it-colleague"],
  [FINANCE_LIKE, "finance-colleague"],
  [LEGAL_LIKE, "legal-colleague"],
  [HR_LIKE, "hr-colleague"],
  [FACILITIES_LIKE, "facilities-colleague"],
  [MARKETING_LIKE, "marketing-colleague"],
  [SALES_LIKE, "sales-colleague"],
  [LEADERSHIP_DEPARTMENT, "leadership"],
];

/**
 * Chosen from the person, the first that applies: the inner circle (layer 5); a mentor (tag mentor,
 * advisor or coach); for a colleague, leadership by title (chief, VP, director, head of, partner…),
 * my own team, then the department's playbook by its name (IT, accounting/finance, legal, HR,
 * facilities/administration, marketing, sales, leadership), else another department; for an outside
 * contact, a client (tag client or customer), an association peer (tag, or met at a chapter,
 * association, conference…), else external. Names match whole words, whatever the case.
 */
export function giveContextFor(p: {
  layer: Layer;
  isColleague: boolean;
  departmentName: string | null;
  sameDepartmentAsMe: boolean;
  tags?: readonly string[];
  title?: string | null;
  metText?: string | null;
}): GiveContext {
  if (p.layer === 5) return "inner-circle";
  const tags = p.tags ?? [];
  if (tags.some((t) => MENTOR_TAG.test(t.trim()))) return "mentor";
  if (p.isColleague) {
    if (p.title && LEADERSHIP_TITLE.test(p.title)) return "leadership";
    if (p.sameDepartmentAsMe) return "colleague-my-team";
    const name = p.departmentName;
    if (name !== null)
      for (const [pattern, context] of DEPARTMENT_CONTEXTS) if (pattern.test(name)) return context;
    return "colleague-other-dept";
  }
  if (tags.some((t) => CLIENT_TAG.test(t.trim()))) return "client";
  if (tags.some((t) => ASSOCIATION_TAG.test(t.trim())) || (p.metText && ASSOCIATION_MET.test(p.metText)))
    return "association-peer";
  return "external";
}

/**
 * The pieces of advice in the seed story every playbook line comes from, each with the words of the
 * story it rests on (shared/seed: Mark and IT, Concetta's quick fixes, Tim's blog, Tyler's SMPS).
 */
export const SEED_PRACTICES = {
  thank: "thanked them when they helped him",
  lunch: "took them out to lunch",
  "support-in-meetings": "supported them in meetings",
  "respect-time": "respected their time",
  "tidy-up": "started cleaning up his server space",
  "no-extra-work": "stopped installing programs from the Internet",
  "learn-their-side": "learning those quick fixes that they do, researching their side of the issues",
  "pay-attention": "paying more attention to what they do for me",
  "help-them-succeed": "people are quick to help you succeed because you are always helping them succeed",
  "serve-buyers": "how do they treat the people who buy from them?",
  "comment-and-share": "I usually read your blog posts; thanks for adding to the post",
  "shared-association": "I've just discovered Cofebuz through our mutual SMPS associations",
  "human-values": "love, respect, compassion, trust: we all share them as human beings",
} as const;
export type SeedPractice = keyof typeof SEED_PRACTICES;

/** Why a practice is a good give, in one sentence, for the reasons of a department's lines. */
const PRACTICE_WHY: Record<SeedPractice, string> = {
  thank: "A thank-you in writing, by name, is remembered long after the help.",
  lunch: "Time together with no request attached builds the relationship, not the queue.",
  "support-in-meetings": "Backing them where decisions are made is help they cannot ask for themselves.",
  "respect-time": "Respecting their time is the give they notice first.",
  "tidy-up": "Doing your part before you ask makes their help quick and their day easier.",
  "no-extra-work": "Not making work for them is a give every single day.",
  "learn-their-side": "People help those who are willing to learn their side of the work.",
  "pay-attention": "Noticing what they do for you is the start of giving back.",
  "help-them-succeed": "People are quick to help those who help them succeed.",
  "serve-buyers": "How you treat the people who buy from you is what they remember.",
  "comment-and-share": "Engaging with their work shows you pay attention to it.",
  "shared-association": "A shared association is a reason to give that needs no excuse.",
  "human-values": "Respect and care are what every relationship rests on.",
};

/** Whom a line speaks of: a person by first name, or a department as a team ("the IT team"). */
export interface Target {
  /** "Raj", "the IT team" */
  name: string;
  /** "Raj's", "the IT team's" */
  s: string;
}

export interface PlaybookLine {
  /** stable: names the line in tests and in the listing's record of lines used */
  id: string;
  /** the ledger kind a give of this line is logged with; a give of this kind rests it */
  kind: ExchangeKind;
  practice: SeedPractice;
  /** words in a give's summary that say this line was acted on ("Took her to lunch") */
  marks?: RegExp;
  text: (t: Target) => string;
}

const line = (
  id: string,
  kind: ExchangeKind,
  practice: SeedPractice,
  text: (t: Target) => string,
  marks?: RegExp,
): PlaybookLine => {
  // A thank-you logged in words ("Thanked Raj for…") answers a thank line whatever its kind.
  const words = marks ?? (kind === "thanks" ? /\bthank/i : undefined);
  return { id, kind, practice, text, ...(words ? { marks: words } : {}) };
};

const LUNCH = /\blunch/i;
const COFFEE = /\b(coffee|pastr|cake|treat|doughnut|donut)/i;
const MANAGER = /\b(manager|boss)\b/i;

// Drawn from the seed story: Mark, who only ever called IT for quick fixes, and Concetta, who learnt them.
const LINES: Record<GiveContext, readonly PlaybookLine[]> = {
  "it-colleague": [
    line(
      "it-manager",
      "support",
      "thank",
      (t) => `Tell ${t.s} manager, in a short note, how ${t.name} helped you last time.`,
      MANAGER,
    ),
    line(
      "it-tidy",
      "other",
      "tidy-up",
      (t) =>
        `Before you file your next ticket with ${t.name}, tidy up your files and clean out your server space.`,
      /\b(server space|tid(y|ied)|clean(ed)? (up|out))/i,
    ),
    line(
      "it-quick-fix",
      "other",
      "learn-their-side",
      (t) =>
        `Learn the quick fix ${t.name} keeps doing for you, so the next small problem never reaches ${t.s} queue.`,
      /\b(quick fix|learn)/i,
    ),
    line(
      "it-training",
      "time",
      "learn-their-side",
      (t) => `Go to ${t.s} next training session and try what it teaches.`,
      /\b(training|lunch-and-learn|session)/i,
    ),
    line(
      "it-meeting",
      "support",
      "support-in-meetings",
      (t) => `Speak up for ${t.name} in the next meeting where IT's time or budget comes up.`,
      /\bmeeting/i,
    ),
    line(
      "it-coffee",
      "gift",
      "help-them-succeed",
      (t) => `Bring coffee for ${t.name}, with no request attached.`,
      COFFEE,
    ),
    line("it-lunch", "time", "lunch", (t) => `Take ${t.name} to lunch, with no ticket to talk about.`, LUNCH),
    line(
      "it-batch",
      "other",
      "respect-time",
      (t) =>
        `Batch your non-urgent requests into one clear note for ${t.name} instead of calling about each.`,
      /\bbatch/i,
    ),
    line(
      "it-no-installs",
      "other",
      "no-extra-work",
      (t) => `Stop installing programs from the internet, so ${t.name} has one less mess to clean up.`,
      /\binstall/i,
    ),
    line(
      "it-thank",
      "thanks",
      "thank",
      (t) => `Thank ${t.name} by name, in writing, right after the next fix.`,
    ),
  ],
  "finance-colleague": [
    line(
      "finance-complete",
      "other",
      "tidy-up",
      (t) => `Send ${t.name} your next expense report complete and before the cutoff, receipts attached.`,
      /\b(expense|receipt|cutoff)/i,
    ),
    line(
      "finance-rules",
      "other",
      "learn-their-side",
      (t) =>
        `Learn the rules ${t.name} keeps explaining to you (approvals, cost codes, deadlines), so your next request needs no fixing.`,
      /\b(rules|learn)/i,
    ),
    line(
      "finance-month-end",
      "favor",
      "respect-time",
      (t) => `Ask ${t.name} when their month-end close is, and keep your requests out of that week.`,
      /\b(month-end|month end|close)/i,
    ),
    line(
      "finance-manager",
      "support",
      "thank",
      (t) => `Tell ${t.s} manager how ${t.name} saved you time or money this quarter.`,
      MANAGER,
    ),
    line(
      "finance-meeting",
      "support",
      "support-in-meetings",
      (t) => `Speak up for ${t.name} in the next meeting where budgets or deadlines come up.`,
      /\bmeeting/i,
    ),
    line(
      "finance-thank",
      "thanks",
      "thank",
      (t) => `Thank ${t.name} in writing the next time a payment or a report goes through smoothly.`,
    ),
    line(
      "finance-lunch",
      "time",
      "lunch",
      (t) => `Take ${t.name} to lunch once the books are closed.`,
      LUNCH,
    ),
  ],
  "legal-colleague": [
    line(
      "legal-early",
      "other",
      "respect-time",
      (t) => `Bring ${t.name} in early on your next contract, not the day before it must be signed.`,
      /\b(early|in advance)/i,
    ),
    line(
      "legal-whole-picture",
      "other",
      "tidy-up",
      (t) =>
        `Send ${t.name} the whole picture in one note (parties, dates, what you need) before you ask for a review.`,
      /\b(whole picture|one note|brief)/i,
    ),
    line(
      "legal-templates",
      "favor",
      "no-extra-work",
      (t) => `Use ${t.s} templates and checklists, so what reaches them is already half done.`,
      /\b(template|checklist)/i,
    ),
    line(
      "legal-learn",
      "time",
      "learn-their-side",
      (t) => `Ask ${t.name} what trips people up most, and share the answer with your team.`,
      /\b(trips|pitfall|share)/i,
    ),
    line(
      "legal-manager",
      "support",
      "thank",
      (t) => `Tell ${t.s} manager how ${t.s} advice kept your project out of trouble.`,
      MANAGER,
    ),
    line(
      "legal-thank",
      "thanks",
      "thank",
      (t) => `Thank ${t.name} in writing when a contract they reviewed is signed.`,
    ),
    line("legal-lunch", "gift", "lunch", (t) => `Take ${t.name} to lunch, with no question to ask.`, LUNCH),
  ],
  "hr-colleague": [
    line(
      "hr-forms",
      "other",
      "tidy-up",
      (t) => `Return ${t.s} forms complete and on time, so nobody has to chase you.`,
      /\bforms?\b/i,
    ),
    line(
      "hr-workshop",
      "time",
      "learn-their-side",
      (t) => `Go to ${t.s} next workshop or onboarding session and tell them what you took from it.`,
      /\b(workshop|session|training|onboarding)/i,
    ),
    line(
      "hr-new-hire",
      "favor",
      "help-them-succeed",
      (t) => `Volunteer to help ${t.name} welcome the next new hire in your team.`,
      /\b(new hire|welcome)/i,
    ),
    line(
      "hr-manager",
      "support",
      "thank",
      (t) => `Tell ${t.s} manager how ${t.name} helped you or your team.`,
      MANAGER,
    ),
    line(
      "hr-candidate",
      "referral",
      "help-them-succeed",
      (t) => `Send ${t.name} a candidate worth talking to, or share ${t.s} job posting with your network.`,
      /\b(candidate|posting|job ad)/i,
    ),
    line(
      "hr-thank",
      "thanks",
      "thank",
      (t) => `Thank ${t.name} in writing after the next question they answer for you.`,
    ),
    line("hr-lunch", "gift", "lunch", (t) => `Take ${t.name} to lunch, with no request on the table.`, LUNCH),
  ],
  "facilities-colleague": [
    line(
      "facilities-report",
      "other",
      "tidy-up",
      (t) =>
        `Leave the meeting room tidy, and report a fault to ${t.name} once, clearly, with where and when.`,
      /\b(tid(y|ied)|fault)/i,
    ),
    line(
      "facilities-system",
      "other",
      "respect-time",
      (t) => `Book rooms and equipment through ${t.s} system instead of asking in the hallway.`,
      /\bbook/i,
    ),
    line(
      "facilities-notice",
      "favor",
      "respect-time",
      (t) => `Give ${t.name} a week's notice of your next event or visitor, not a same-day request.`,
      /\bnotice/i,
    ),
    line(
      "facilities-manager",
      "support",
      "thank",
      (t) => `Tell ${t.s} manager about something ${t.name} fixed or set up well for you.`,
      MANAGER,
    ),
    line(
      "facilities-thank",
      "thanks",
      "thank",
      (t) =>
        `Thank ${t.name} by name the next time the office just works: the room set up, the delivery found.`,
    ),
    line(
      "facilities-coffee",
      "gift",
      "pay-attention",
      (t) => `Bring coffee for ${t.name} on a move or event day, when they are busiest.`,
      COFFEE,
    ),
    line(
      "facilities-easier",
      "time",
      "help-them-succeed",
      (t) => `Ask ${t.name} what would make their week easier, and do one piece of it.`,
      /\beasier/i,
    ),
  ],
  "marketing-colleague": [
    line(
      "marketing-material",
      "favor",
      "tidy-up",
      (t) =>
        `Send ${t.name} your project photos, facts and client quotes as soon as you have them, not at the deadline.`,
      /\b(photos|facts|quotes)/i,
    ),
    line(
      "marketing-share",
      "support",
      "comment-and-share",
      (t) => `Share ${t.s} latest post or campaign with your network, with a line of your own.`,
      /\b(shared|post|campaign)/i,
    ),
    line(
      "marketing-story",
      "advice",
      "help-them-succeed",
      (t) => `Give ${t.name} a client success story they can use, with the details checked.`,
      /\b(story|case study)/i,
    ),
    line(
      "marketing-manager",
      "support",
      "thank",
      (t) => `Tell ${t.s} manager how a proposal or brochure from ${t.name} helped you win or present work.`,
      MANAGER,
    ),
    line(
      "marketing-deadline",
      "other",
      "respect-time",
      (t) => `Meet ${t.s} proposal deadlines a day early, so they are not rewriting at midnight.`,
      /\b(deadline|a day early)/i,
    ),
    line(
      "marketing-thank",
      "thanks",
      "thank",
      (t) => `Thank ${t.name} in writing after the next proposal goes out.`,
    ),
    line(
      "marketing-lunch",
      "time",
      "lunch",
      (t) => `Take ${t.name} to lunch and ask what they need from people in your role.`,
      LUNCH,
    ),
  ],
  "sales-colleague": [
    line(
      "sales-lead",
      "referral",
      "help-them-succeed",
      (t) => `Pass ${t.name} a lead: someone you met who needs what your company sells.`,
      /\b(lead|referr)/i,
    ),
    line(
      "sales-client-news",
      "advice",
      "pay-attention",
      (t) => `Tell ${t.name} what you hear from clients in your own work, before their next call with them.`,
      /\b(heard|hear)/i,
    ),
    line(
      "sales-join-call",
      "time",
      "support-in-meetings",
      (t) => `Join one of ${t.s} client calls where your expertise helps close it.`,
      /\bcall/i,
    ),
    line(
      "sales-manager",
      "support",
      "thank",
      (t) => `Tell ${t.s} manager about a deal or a client that ${t.name} handled well.`,
      MANAGER,
    ),
    line(
      "sales-answer",
      "favor",
      "respect-time",
      (t) => `Answer ${t.s} questions about your work the same day, so they can reply to the client.`,
      /\b(answer|same day)/i,
    ),
    line(
      "sales-thank",
      "thanks",
      "thank",
      (t) => `Thank ${t.name} in writing for the next client they bring your team.`,
    ),
    line(
      "sales-lunch",
      "gift",
      "lunch",
      (t) => `Take ${t.name} to lunch and ask which clients they are working on.`,
      LUNCH,
    ),
  ],
  leadership: [
    line(
      "leadership-solution",
      "other",
      "respect-time",
      (t) => `Bring ${t.name} a solution along with the next problem, in a note they can read in a minute.`,
      /\bsolution/i,
    ),
    line(
      "leadership-win",
      "advice",
      "pay-attention",
      (t) => `Send ${t.name} a short update on a win their support made possible.`,
      /\b(update|win)/i,
    ),
    line(
      "leadership-back",
      "support",
      "support-in-meetings",
      (t) => `Back ${t.s} priority out loud in the next meeting where it is discussed.`,
      /\bmeeting/i,
    ),
    line(
      "leadership-take-piece",
      "favor",
      "help-them-succeed",
      (t) => `Ask ${t.name} what worries them most this quarter, and offer to take one piece of it.`,
      /\b(worr|take one|took one)/i,
    ),
    line(
      "leadership-thank",
      "thanks",
      "thank",
      (t) => `Thank ${t.name} in writing for a decision that made your work easier, and say what it changed.`,
    ),
    line(
      "leadership-agenda",
      "time",
      "respect-time",
      (t) => `Keep your next meeting with ${t.name} short: send an agenda ahead and finish early.`,
      /\bagenda/i,
    ),
    line(
      "leadership-recommend",
      "referral",
      "help-them-succeed",
      (t) => `Recommend someone good to ${t.name} for a role or a project they are staffing.`,
      /\b(recommend|referr)/i,
    ),
  ],
  "colleague-other-dept": [
    line(
      "dept-early",
      "other",
      "respect-time",
      (t) => `Send ${t.name} your next request early and complete, with everything needed in one message.`,
      /\b(early|complete)/i,
    ),
    line(
      "dept-mention",
      "support",
      "support-in-meetings",
      (t) => `Mention ${t.s} help by name in your next team meeting.`,
      /\bmeeting/i,
    ),
    line(
      "dept-hour",
      "time",
      "help-them-succeed",
      (t) => `Ask ${t.name} about their current project and offer an hour of your time.`,
      /\bhour/i,
    ),
    line(
      "dept-lunch",
      "gift",
      "lunch",
      (t) => `Take ${t.name} to lunch and ask how things are going in their department.`,
      LUNCH,
    ),
    line(
      "dept-manager",
      "thanks",
      "thank",
      (t) => `Tell ${t.s} manager how ${t.s} work made your project easier.`,
      MANAGER,
    ),
    line(
      "dept-learn",
      "favor",
      "learn-their-side",
      (t) => `Learn ${t.s} forms, deadlines and rules, so your requests arrive right the first time.`,
      /\b(forms|rules|learn)/i,
    ),
    line(
      "dept-invite",
      "advice",
      "pay-attention",
      (t) => `Invite ${t.name} to a meeting where their expertise is welcome, and give them the credit.`,
      /\binvit/i,
    ),
  ],
  "colleague-my-team": [
    line(
      "team-task",
      "favor",
      "help-them-succeed",
      (t) => `Offer to take one task off ${t.s} plate this week.`,
      /\btask/i,
    ),
    line(
      "team-credit",
      "support",
      "support-in-meetings",
      (t) => `Credit ${t.name} by name in the next team meeting for something they did well.`,
      /\b(credit|meeting)/i,
    ),
    line(
      "team-unblock",
      "time",
      "help-them-succeed",
      (t) => `Ask ${t.name} what is blocking them right now and help clear it.`,
      /\bblock/i,
    ),
    line(
      "team-review",
      "other",
      "respect-time",
      (t) => `Review ${t.s} work promptly and thoughtfully the next time they ask.`,
      /\breview/i,
    ),
    line(
      "team-shortcut",
      "advice",
      "learn-their-side",
      (t) => `Share a shortcut or a tool with ${t.name} that saves you time.`,
      /\b(shortcut|tool)/i,
    ),
    line(
      "team-coffee",
      "gift",
      "pay-attention",
      (t) => `Bring coffee for ${t.name} on their busiest day.`,
      COFFEE,
    ),
    line(
      "team-cover",
      "time",
      "human-values",
      (t) => `Cover for ${t.name} so they can take a real break.`,
      /\bcover/i,
    ),
  ],
  client: [
    line(
      "client-idea",
      "advice",
      "help-them-succeed",
      (t) => `Send ${t.name} one useful idea for their business, with nothing to sell.`,
      /\bidea/i,
    ),
    line(
      "client-refer",
      "referral",
      "help-them-succeed",
      (t) => `Refer someone to ${t.name}: a customer, a partner or a hire they would want.`,
      /\b(refer|recommend)/i,
    ),
    line(
      "client-check-in",
      "favor",
      "serve-buyers",
      (t) => `Ask ${t.name} how the work you delivered is doing now, and fix anything small at no charge.`,
      /\b(check|fix)/i,
    ),
    line(
      "client-share",
      "support",
      "comment-and-share",
      (t) => `Share ${t.s} news or announcement with your network, with a line of your own.`,
      /\b(shared|news|announcement)/i,
    ),
    line(
      "client-thank",
      "thanks",
      "thank",
      (t) => `Thank ${t.name} in writing for their business, saying what you enjoyed about the work.`,
    ),
    line(
      "client-event",
      "intro",
      "shared-association",
      (t) => `Invite ${t.name} to an event where they can meet people useful to them.`,
      /\b(invit|event)/i,
    ),
    line(
      "client-answer",
      "other",
      "serve-buyers",
      (t) => `Answer ${t.s} next question faster than they expect, even a small one.`,
      /\banswer/i,
    ),
    line("client-lunch", "time", "lunch", (t) => `Take ${t.name} to lunch with no sales agenda.`, LUNCH),
  ],
  "association-peer": [
    line(
      "peer-comment",
      "support",
      "comment-and-share",
      (t) => `Leave a thoughtful comment on ${t.s} latest post or article, adding a thought of your own.`,
      /\bcomment/i,
    ),
    line(
      "peer-chapter",
      "intro",
      "shared-association",
      (t) => `Save a seat for ${t.name} at the next chapter meeting, and introduce them to one person there.`,
      /\b(chapter|seat|introduc)/i,
    ),
    line(
      "peer-article",
      "advice",
      "pay-attention",
      (t) =>
        `Send ${t.name} an article on something they care about, with a line on why it made you think of them.`,
      /\barticle/i,
    ),
    line(
      "peer-recommend",
      "referral",
      "help-them-succeed",
      (t) => `Recommend ${t.name} to someone who needs what they do, and tell them you did.`,
      /\b(recommend|referr)/i,
    ),
    line(
      "peer-volunteer",
      "time",
      "shared-association",
      (t) => `Offer ${t.name} a hand with the association: a committee task, a talk, the sign-in table.`,
      /\b(committee|volunteer|association)/i,
    ),
    line(
      "peer-thank",
      "thanks",
      "thank",
      (t) => `Thank ${t.name} in writing for something they shared at the last event.`,
    ),
    line(
      "peer-lunch",
      "gift",
      "lunch",
      (t) => `Take ${t.name} to lunch before the next meeting and ask what they are working on.`,
      LUNCH,
    ),
  ],
  mentor: [
    line(
      "mentor-report-back",
      "other",
      "pay-attention",
      (t) => `Tell ${t.name} what you did with their last piece of advice, and how it turned out.`,
      /\b(advice|turned out)/i,
    ),
    line(
      "mentor-book",
      "gift",
      "comment-and-share",
      (t) => `Send ${t.name} an article or a book on a topic they care about, with a line on why.`,
      /\b(article|book)/i,
    ),
    line(
      "mentor-teach-back",
      "advice",
      "learn-their-side",
      (t) => `Offer ${t.name} something you know that they do not: a tool, a skill, a contact.`,
      /\b(tool|skill)/i,
    ),
    line(
      "mentor-introduce",
      "intro",
      "help-them-succeed",
      (t) => `Introduce ${t.name} to someone they would enjoy knowing.`,
      /\bintroduc/i,
    ),
    line(
      "mentor-thank",
      "thanks",
      "thank",
      (t) => `Thank ${t.name} in writing, naming one thing they taught you.`,
    ),
    line(
      "mentor-hour",
      "time",
      "help-them-succeed",
      (t) => `Ask ${t.name} what they are working on now, and offer an hour of your time to it.`,
      /\bhour/i,
    ),
    line(
      "mentor-pass-on",
      "support",
      "human-values",
      (t) => `Pass on what ${t.name} taught you to someone newer, and let them know you did.`,
      /\b(pass(ed)? on|taught)/i,
    ),
  ],
  external: [
    line(
      "external-article",
      "advice",
      "pay-attention",
      (t) =>
        `Share an article with ${t.name} on something they care about, with a line on why it made you think of them.`,
      /\barticle/i,
    ),
    line(
      "external-recommend",
      "referral",
      "help-them-succeed",
      (t) => `Recommend ${t.name} to someone who could use their help, and let them know you did.`,
      /\b(recommend|referr)/i,
    ),
    line(
      "external-comment",
      "support",
      "comment-and-share",
      (t) => `Leave a thoughtful comment on ${t.s} latest post or blog.`,
      /\bcomment/i,
    ),
    line(
      "external-introduce",
      "intro",
      "help-them-succeed",
      (t) => `Introduce ${t.name} to someone in your network they would enjoy knowing.`,
      /\bintroduc/i,
    ),
    line(
      "external-public",
      "other",
      "comment-and-share",
      (t) => `Write ${t.name} a short public recommendation for their work.`,
      /\b(public|review|testimonial)/i,
    ),
    line(
      "external-event",
      "time",
      "shared-association",
      (t) => `Invite ${t.name} to the next association event you are going to.`,
      /\b(invit|event)/i,
    ),
    line(
      "external-lead",
      "favor",
      "help-them-succeed",
      (t) => `Send ${t.name} a lead, an opening or an opportunity that fits them.`,
      /\b(lead|opening|opportunit)/i,
    ),
    line(
      "external-thank",
      "thanks",
      "thank",
      (t) => `Thank ${t.name} in writing for the last thing they did for you, saying what it made possible.`,
    ),
  ],
  "inner-circle": [
    line(
      "inner-call",
      "time",
      "human-values",
      (t) => `Call ${t.name} just to ask how they are, with nothing to ask for.`,
      /\bcall/i,
    ),
    line(
      "inner-meal",
      "gift",
      "lunch",
      (t) => `Cook ${t.name} a meal, or take them out for one.`,
      /\b(meal|dinner|lunch|cook)/i,
    ),
    line(
      "inner-note",
      "thanks",
      "thank",
      (t) => `Write ${t.name} a handwritten note about what they mean to you.`,
      /\bnote/i,
    ),
    line(
      "inner-hand",
      "favor",
      "help-them-succeed",
      (t) => `Offer ${t.name} a hand with something on their to-do list this weekend.`,
      /\b(hand|helped)/i,
    ),
    line(
      "inner-evening",
      "other",
      "human-values",
      (t) => `Plan an evening with ${t.name}, your treat.`,
      /\bevening/i,
    ),
    line(
      "inner-follow-up",
      "support",
      "pay-attention",
      (t) => `Follow up with ${t.name} on something they told you about last time.`,
      /\bfollow/i,
    ),
  ],
};

/** Every line of a context, in the playbook's order (the story's first advice first). */
export function playbookLines(context: GiveContext): readonly PlaybookLine[] {
  return LINES[context];
}

/** A give acted on: what the user logged as given (within the rest period). */
export interface RecentGive {
  kind: ExchangeKind;
  summary: string;
  occurredAt: number;
}

/** A line the user acted on for someone rests for 8 weeks before it is offered to them again. */
export const LINE_REST_DAYS = 56;

/** whether a line rests: a give of its kind, or whose summary names what it suggests, in the last 8 weeks */
export function isLineResting(l: PlaybookLine, gives: readonly RecentGive[], now: number): boolean {
  const since = now - LINE_REST_DAYS * DAY_MS;
  return gives.some(
    (g) =>
      g.occurredAt > since &&
      g.occurredAt <= now &&
      (g.kind === l.kind || (l.marks?.test(g.summary) ?? false)),
  );
}

/**
 * The playbook lines given out in one listing (an agenda, a `week`, a `suggest`): a line appears in
 * it at most once, so people of one department get different lines.
 */
export class PlaybookListing {
  private readonly used = new Set<string>();

  constructor(private readonly now: number) {}

  /**
   * Up to `count` lines of `context` not yet in this listing and not resting for whoever acted on
   * them, starting at `start` (a stable number per person) and wrapping round; taken lines are
   * recorded. `distinctPractices` keeps one line per piece of the story's advice.
   */
  take(
    context: GiveContext,
    options: {
      count: number;
      start: number;
      recentGives: readonly RecentGive[];
      distinctPractices?: boolean;
    },
  ): PlaybookLine[] {
    const lines = LINES[context];
    const n = lines.length;
    const first = ((Math.floor(options.start) % n) + n) % n;
    const taken: PlaybookLine[] = [];
    const practices = new Set<SeedPractice>();
    for (let i = 0; i < n && taken.length < options.count; i++) {
      const l = lines[(first + i) % n];
      if (l === undefined || this.used.has(l.id) || isLineResting(l, options.recentGives, this.now)) continue;
      if (options.distinctPractices && practices.has(l.practice)) continue;
      taken.push(l);
      practices.add(l.practice);
      this.used.add(l.id);
    }
    return taken;
  }
}

/** Why a line is worth doing, from the piece of the story's advice it comes from. */
export function practiceWhy(l: PlaybookLine): string {
  return PRACTICE_WHY[l.practice];
}

/** A person as a line's target: the first name, or the name the listing calls them by. */
export function personTarget(personName: string, callName: string = firstName(personName)): Target {
  const name = callName;
  return { name, s: `${name}'s` };
}

/** A department as a line's target: "the IT team". */
export function teamTarget(departmentName: string): Target {
  const bare = departmentName.trim().replace(/\s+team$/i, "");
  const name = `the ${bare} team`;
  return { name, s: `${name}'s` };
}

/** `count` distinct ideas for a context, starting at `rotation` (e.g. the number of gives so far to that person) so consecutive suggestions differ */
export function giveFirstIdeas(
  context: GiveContext,
  count: number,
  rotation: number,
  personName: string,
  /** how the lines name them: the person's first name unless told ("the IT team") */
  target: Target = personTarget(personName),
): string[] {
  const ideas = LINES[context];
  const start = ((Math.floor(rotation) % ideas.length) + ideas.length) % ideas.length;
  const n = Math.max(0, Math.min(Math.floor(count), ideas.length));
  const chosen: string[] = [];
  for (let i = 0; i < n; i++) {
    const idea = ideas[(start + i) % ideas.length];
    if (idea) chosen.push(idea.text(target));
  }
  return chosen;
}

/** The name to use in a friendly sentence: the first word of the display name. */
export function firstName(personName: string): string {
  return personName.trim().split(/\s+/)[0] || personName;
}
