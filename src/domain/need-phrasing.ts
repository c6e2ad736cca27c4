/**
 * Needs and offers as sentences (DESIGN §3.5). People type needs and offers the way they would jot
 * them on a card: "Needs a good accountant", "fewer expense reports sent back incomplete", "Knows
 * payroll rules", "Photographer". A recognised form becomes a clause with the person as subject, in
 * the third person ("Omar is looking for a good accountant") or the second ("you are looking for a
 * good accountant"); anything else is quoted whole, with typographic quotes, never pasted into a
 * template.
 */

/** How a need was recognised; `quote` when it was not. */
export type NeedForm = "seeking" | "hiring" | "help" | "activity" | "wish" | "change" | "complaint" | "quote";

/** How an offer was recognised; `quote` when it was not. */
export type OfferForm = "verb" | "modal" | "trait" | "role" | "has" | "thing" | "quote";

/** A clause without its subject, in both persons: "is hiring a designer" / "are hiring a designer". */
interface Predicate {
  third: string;
  second: string;
}

export interface PhrasedNeed {
  form: NeedForm;
  /** "Omar is looking for a good accountant for the firm" (no final stop) */
  about(name: string): string;
  /** "you are looking for a good accountant for the firm" */
  aboutYou(): string;
  /** one concrete thing to do about it, as a full sentence addressed to the user */
  action(name: string): string;
}

export interface PhrasedOffer {
  form: OfferForm;
  /** "Ben knows payroll rules" (no final stop) */
  about(name: string): string;
  /** "you know payroll rules" */
  aboutYou(): string;
}

/** A user's text as a quotation: typographic quotes outside, single ones for any quote inside. */
export function quotation(text: string): string {
  return `“${quotable(text)}”`;
}

function quotable(text: string): string {
  let t = tidy(text);
  let open = true;
  // Inner double quotes become single ones, so a quotation never holds a quotation mark beside its own.
  t = t.replace(/["“”„]/g, (mark) => {
    const single = mark === "“" || mark === "„" ? "‘" : mark === "”" ? "’" : open ? "‘" : "’";
    if (mark === '"') open = !open;
    return single;
  });
  return t;
}

/**
 * Whitespace collapsed, wrapping quotes and a final full stop removed, a label typed before the
 * text ("Offers: …", "Need: …") and runs of exclamation marks ("hiring!!!") dropped; a final ?
 * stays.
 */
function tidy(text: string): string {
  let t = text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^(?:needs?|offers?|can offer)\s*:\s*/i, "")
    .replace(/^(looking for|seeking|wants?|hiring)\s*:\s*/i, "$1 ")
    .replace(/\s*!+(?=\s|$)/g, "")
    .trim();
  for (;;) {
    const unwrapped = t.replace(/^["“”„'‘’](.*)["“”„'‘’]$/u, "$1").trim();
    if (unwrapped === t) break;
    t = unwrapped;
  }
  // The tone typed after the need ("…, asap please"): the sentence would carry it as part of it.
  for (;;) {
    const calm = t.replace(TONE_AT_END, "");
    if (calm === t || calm === "") break;
    t = calm;
  }
  return t.replace(/[.;,:\s]+$/u, "");
}

/** Urgency or a please typed at the end of a need or offer, with what set it apart. */
const TONE_AT_END = /(?:\s*[-–—,;:(]\s*|\s+)(?:asap|a\.s\.a\.p\.?|urgently|urgent|please|pls|plz)\)?[.\s]*$/i;

/** The text with its first letter lowered, unless the first word looks like a name or an acronym. */
function lowerFirst(text: string): string {
  const first = text.split(" ")[0] ?? "";
  if (first.length > 1 && first.slice(1) !== first.slice(1).toLowerCase()) return text; // SAP, iOS, McKinsey
  if (PROPER_WORDS.has(first.toLowerCase())) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

// Words often typed first that keep their capital: languages, tools, places a need names.
const PROPER_WORDS = new Set(
  (
    "english spanish french german italian portuguese chinese mandarin japanese arabic dutch polish " +
    "python java javascript typescript excel word powerpoint salesforce hubspot linkedin google " +
    "microsoft apple amazon wordpress shopify quickbooks xero london paris berlin madrid monday " +
    "tuesday wednesday thursday friday saturday sunday january february march april may june july " +
    "august september october november december i"
  ).split(" "),
);

// Nouns ending in -ing that are things, not activities ("marketing help" is not "doing marketing").
const ING_NOUNS = new Set(
  (
    "marketing accounting training funding housing parking printing painting booking banking " +
    "wedding meeting meetings building clothing catering engineering planning financing consulting " +
    "bookkeeping lighting recruiting hiring morning evening spring nothing something anything " +
    "everything thing things king ring string ceiling offering pricing branding networking " +
    "coaching mentoring onboarding tutoring lodging writing"
  ).split(" "),
);

// Nouns that name a person by what they do ("a good accountant", "guest writers").
const ROLE_WORDS = new Set(
  (
    "accountant lawyer attorney solicitor designer developer engineer photographer videographer " +
    "writer editor translator interpreter tutor coach mentor consultant adviser advisor expert " +
    "specialist architect plumber electrician contractor builder mechanic nurse doctor dentist " +
    "therapist trainer teacher speaker sponsor investor partner cofounder co-founder intern " +
    "assistant bookkeeper recruiter manager director analyst researcher volunteer babysitter " +
    "nanny caterer chef cook cleaner driver agent broker realtor planner organizer organiser " +
    "guest host moderator illustrator programmer copywriter marketer strategist candidate " +
    "freelancer notary auditor actuary scientist economist journalist reporter producer " +
    "musician dj singer artist painter printer tester reviewer proofreader buyer tenant " +
    "landlord roommate flatmate babysitters volunteers"
  ).split(" "),
);

function isRole(word: string): boolean {
  const w = word.toLowerCase().replace(/[^a-z-]/g, "");
  return ROLE_WORDS.has(w) || (w.endsWith("s") && ROLE_WORDS.has(w.slice(0, -1)));
}

const article = (phrase: string) =>
  /^[aeio]|^u(?!ni|se|sa|su)/i.test(phrase) ? `an ${phrase}` : `a ${phrase}`;

// A finite verb inside a bare phrase means it is a whole clause ("the printer is broken"): quote it.
const FINITE_VERB =
  /\b(is|are|was|were|am|has|have|had|does|do|did|can|could|will|would|should|must|keeps|seems|takes|isn't|aren't|doesn't|don't|won't|can't)\b/i;
// A state at the end ("printer on floor 3 broken") is a complaint in shorthand, not a thing wanted.
const TRAILING_STATE = /\b(broken|down|missing|stuck|late|slow|gone|dead|full|empty|overdue|wrong|\w+ed)$/i;

/** "his/her/their/my" → "your", for a sentence that speaks to the person. */
function toYou(text: string): string {
  return text.replace(/\b(his|her|their|my)\b/gi, (w) => (w[0] === w[0]?.toUpperCase() ? "Your" : "your"));
}

/** first-person possessives as typed by the person ("my thesis") → "their thesis" */
function toThem(text: string): string {
  return text.replace(/\bmy\b/gi, "their").replace(/\bour\b/gi, "their");
}

/** "a grant application" → "the grant application": the thing is known by now. */
function definite(phrase: string): string {
  return phrase.replace(/^(a|an)\s+/i, "the ");
}

// Leading subjects people type ("I need…", "She's looking for…", "We're hiring…").
const SUBJECT = /^(?:(?:i|we|he|she|they)(?:'m|'re|'s| am| are| is)?\s+)/i;

function stripSubject(text: string): { rest: string; firstPerson: boolean } {
  const m = SUBJECT.exec(text);
  if (!m) return { rest: text, firstPerson: false };
  const who = m[0].trim().toLowerCase();
  const rest = text.slice(m[0].length);
  // "He/She/I am" + verb-ing or adjective: keep the participle, drop the subject and its "am/is/are".
  return { rest, firstPerson: who.startsWith("i") || who.startsWith("we") };
}

function need(form: NeedForm, p: Predicate, action: (name: string) => string): PhrasedNeed {
  return {
    form,
    about: (name) => `${name} ${p.third}`,
    aboutYou: () => `you ${p.second}`,
    action,
  };
}

const pair = (third: string, second: string, rest: string): Predicate => ({
  third: `${third} ${rest}`.trim(),
  second: `${second} ${toYou(rest)}`.trim(),
});

const CONCRETE = "and offer one concrete thing you can do.";

/** A need, as a clause about its person and as one thing to do about it. */
export function phraseNeed(text: string): PhrasedNeed {
  const raw = tidy(text);
  const quoted = quoteNeed(raw);
  if (raw === "" || raw.endsWith("?")) return quoted;
  const { rest: afterSubject, firstPerson } = stripSubject(raw);
  const t = firstPerson ? toThem(afterSubject) : afterSubject;
  return recogniseNeed(t) ?? quoted;
}

function quoteNeed(raw: string): PhrasedNeed {
  const q = quotation(raw);
  const what = raw.endsWith("?") ? "a question" : "a need";
  return need("quote", { third: `mentioned ${what}: ${q}`, second: `mentioned ${what}: ${q}` }, (name) =>
    raw.endsWith("?")
      ? `Ask ${name} about their question, ${q}, and offer what you know.`
      : `Ask ${name} about their need, ${q}, ${CONCRETE}`,
  );
}

function recogniseNeed(t: string): PhrasedNeed | null {
  let m: RegExpExecArray | null;

  // Help of a kind, about a topic: "needs help with the website", "advice on pricing".
  const help =
    /^(?:(needs?|needed|wants?|would like|'d like|looking for|seeking)\s+)?(some\s+)?(help|advice|feedback|input|support|a hand|guidance|tips|ideas)\s+(with|on|about|for|in|finding|choosing|getting|moving|setting up|writing|preparing)\s+(.+)$/i;
  m = help.exec(t);
  if (m) {
    const verb = (m[1] ?? "").toLowerCase();
    const kind = (m[3] ?? "help").toLowerCase();
    const topic = `${m[4]} ${m[5]}`;
    const p = verb.startsWith("need")
      ? pair("needs", "need", `${kind} ${topic}`)
      : pair("would like", "would like", `${kind} ${topic}`);
    const yours =
      kind === "a hand" ? "a hand" : kind === "tips" || kind === "ideas" ? `your ${kind}` : `your ${kind}`;
    return need("help", p, (name) => `Offer ${name} ${yours} ${topic}, or ask who else could help.`);
  }

  // Hiring: "Hiring a designer", "is recruiting two engineers", "we're hiring for sales".
  m = /^(?:is\s+|are\s+)?(hiring|recruiting)\s+(.+)$/i.exec(t);
  if (m) {
    const verb = (m[1] ?? "hiring").toLowerCase();
    const what = m[2] ?? "";
    if (FINITE_VERB.test(what)) return null;
    return need(
      "hiring",
      pair(`is ${verb}`, `are ${verb}`, what),
      (name) =>
        `Ask ${name} how ${verb} ${what} is going, and offer to pass the opening on or suggest someone.`,
    );
  }

  // Wishes: "wants to learn Python", "would love to speak at a conference", "hoping to move to Lisbon".
  m =
    /^(wants?|would like|'d like|would love|wishes|wish|hopes?|hoping|is hoping|trying|is trying|tries|planning|is planning|plans?|aims?|keen|eager)\s+to\s+(.+)$/i.exec(
      t,
    ) ?? /^to\s+(.+)$/i.exec(t);
  if (m) {
    const verb = (m.length > 2 ? (m[1] ?? "") : "").toLowerCase();
    const vp = (m.length > 2 ? m[2] : m[1]) ?? "";
    if (FINITE_VERB.test(vp.split(" ")[0] ?? "")) return null;
    const forms: Record<string, [string, string]> = {
      want: ["wants to", "want to"],
      wants: ["wants to", "want to"],
      wish: ["wishes to", "wish to"],
      wishes: ["wishes to", "wish to"],
      hope: ["hopes to", "hope to"],
      hopes: ["hopes to", "hope to"],
      hoping: ["is hoping to", "are hoping to"],
      "is hoping": ["is hoping to", "are hoping to"],
      trying: ["is trying to", "are trying to"],
      "is trying": ["is trying to", "are trying to"],
      tries: ["is trying to", "are trying to"],
      planning: ["is planning to", "are planning to"],
      "is planning": ["is planning to", "are planning to"],
      plan: ["plans to", "plan to"],
      plans: ["plans to", "plan to"],
      aim: ["aims to", "aim to"],
      aims: ["aims to", "aim to"],
      keen: ["is keen to", "are keen to"],
      eager: ["is eager to", "are eager to"],
      "would love": ["would love to", "would love to"],
    };
    const [third, second] = forms[verb] ?? ["would like to", "would like to"];
    return need(
      "wish",
      pair(third, second, vp),
      (name) => `Ask ${name} what would help them ${vp}, ${CONCRETE}`,
    );
  }

  // Complaints: "tired of chasing invoices", "struggling with the new CRM", "too many meetings".
  const complaints: [RegExp, string, string, (rest: string) => string][] = [
    [/^(?:is\s+)?(?:tired|sick) of\s+(.+)$/i, "is tired of", "are tired of", (r) => r],
    [/^(?:is\s+)?fed up with\s+(.+)$/i, "is fed up with", "are fed up with", (r) => r],
    [
      /^(?:is\s+)?frustrated (?:with|by|about)\s+(.+)$/i,
      "is frustrated with",
      "are frustrated with",
      (r) => r,
    ],
    [/^(?:is\s+)?annoyed (?:with|by|at|about)\s+(.+)$/i, "is annoyed by", "are annoyed by", (r) => r],
    [/^(?:is\s+)?unhappy (?:with|about)\s+(.+)$/i, "is unhappy with", "are unhappy with", (r) => r],
    [/^(?:is\s+)?struggling with\s+(.+)$/i, "is struggling with", "are struggling with", (r) => r],
    [/^(?:complains?|complaining) about\s+(.+)$/i, "is unhappy about", "are unhappy about", (r) => r],
    [
      /^(?:has\s+|having\s+)?(?:problems?|trouble|issues?) with\s+(.+)$/i,
      "has trouble with",
      "have trouble with",
      (r) => r,
    ],
    [/^(?:has\s+)?too many\s+(.+)$/i, "has too many", "have too many", (r) => `too many ${r}`],
    [/^(?:has\s+)?too much\s+(.+)$/i, "has too much", "have too much", (r) => `too much ${r}`],
    [
      /^(?:does not have |doesn't have |has )?not enough\s+(.+)$/i,
      "does not have enough",
      "do not have enough",
      (r) => `the lack of ${r}`,
    ],
    [/^(?:has\s+)?no (time|budget|money|help|staff|one|budget) (?:for|to)\s+(.+)$/i, "", "", (r) => r],
  ];
  for (const [re, third, second, topic] of complaints) {
    m = re.exec(t);
    if (!m) continue;
    if (third === "") {
      // "no time for the newsletter" → "has no time for the newsletter"
      const all = t.replace(/^has\s+/i, "");
      const what = m[2] ?? "";
      return need(
        "complaint",
        pair("has", "have", lowerFirst(all)),
        (name) => `Ask ${name} what would help with ${what}, and make sure your own part does not add to it.`,
      );
    }
    const rest = m[1] ?? "";
    if (FINITE_VERB.test(rest)) return null;
    return need(
      "complaint",
      pair(third, second, rest),
      (name) =>
        `Ask ${name} what would help with ${topic(rest)}, and make sure your own part does not add to it.`,
    );
  }

  // A change wished for: "fewer expense reports sent back incomplete", "more budget for training".
  m =
    /^(?:wants?\s+|would like\s+|needs?\s+)?((?:fewer|less|more|faster|quicker|shorter|better)\s+.+)$/i.exec(
      t,
    );
  if (m) {
    const phrase = lowerFirst(m[1] ?? "");
    if (FINITE_VERB.test(phrase)) return null;
    // "more people to know about the rules" is a wish about others, not a thing to work toward.
    if (/\b(people|everyone|others|staff|colleagues|clients|customers|us|them|him|her)\s+to\s/i.test(phrase))
      return null;
    return need(
      "change",
      pair("would like", "would like", phrase),
      (name) => `Do your own part toward ${phrase}, then ask ${name} what else would help.`,
    );
  }

  // Something or someone sought: "Needs a good accountant", "looking for someone who knows payroll".
  m =
    /^(needs?|needed|is looking for|are looking for|looking for|searching for|is searching for|seeking|is seeking|in search of|on the lookout for|wants?|would like|'d like|would love)\s+(.+)$/i.exec(
      t,
    );
  if (m) {
    const verb = (m[1] ?? "").toLowerCase();
    const obj = m[2] ?? "";
    if (FINITE_VERB.test(obj.replace(/\b(who|that|to)\b.*$/i, ""))) return null;
    const [third, second] = verb.startsWith("need")
      ? ["needs", "need"]
      : verb.startsWith("want") || verb.includes("like") || verb.includes("love")
        ? ["would like", "would like"]
        : ["is looking for", "are looking for"];
    return seeking(third, second, obj);
  }

  // Activities under way: "Launching a podcast", "moving to Berlin in May", "working on a grant".
  m = /^(?:is\s+|are\s+|busy\s+)?(\p{L}+ing)\b\s*(.*)$/iu.exec(t);
  if (m) {
    const gerund = (m[1] ?? "").toLowerCase();
    const rest = m[2] ?? "";
    if (!ING_NOUNS.has(gerund) && rest !== "" && !FINITE_VERB.test(rest)) {
      const phrase = `${gerund} ${rest}`;
      const subject = gerund === "working" && /^on\s+(a|an)\s/i.test(rest) ? definite(rest.slice(3)) : phrase;
      return need(
        "activity",
        pair("is", "are", phrase),
        (name) => `Ask ${name} how ${subject} is going, ${CONCRETE}`,
      );
    }
  }

  // A bare thing or person: "A good accountant for the firm", "Guest writers for a series", "Photographer".
  return bareSought(t);
}

function seeking(third: string, second: string, obj: string): PhrasedNeed {
  const o = obj;
  return need(
    "seeking",
    pair(third, second, o),
    (name) => `Ask ${name} how the search for ${toThemIfYou(o)} is going, ${CONCRETE}`,
  );
}

// The object as the user typed it may speak to the person ("your"): in advice to the user it is theirs.
function toThemIfYou(text: string): string {
  return text.replace(/\byour\b/gi, "their");
}

function bareSought(t: string): PhrasedNeed | null {
  if (FINITE_VERB.test(t) || TRAILING_STATE.test(t)) return null;
  const words = t.split(" ");
  const first = (words[0] ?? "").toLowerCase();
  if (/^(a|an|some|someone|somebody|anyone|a person|people|an?\s)$/.test(first) || first === "someone") {
    return seeking("is looking for", "are looking for", lowerFirst(t));
  }
  if (/^(intro|introduction|introductions)$/.test(first) && /^\S+ to\s/i.test(t)) {
    const obj = first === "introductions" ? lowerFirst(t) : `an ${lowerFirst(t)}`;
    return seeking("is looking for", "are looking for", obj);
  }
  // A role within the first three words, before any preposition: "Guest writers", "a tax accountant".
  const head = words.slice(0, 3);
  const prep = head.findIndex((w) => /^(for|to|who|that|with|in|on|at|of|from)$/i.test(w));
  const roleAt = head.slice(0, prep === -1 ? head.length : prep).findLastIndex(isRole);
  if (roleAt !== -1) {
    const role = words[roleAt] ?? "";
    const plural = /s$/i.test(role) && !ROLE_WORDS.has(role.toLowerCase());
    const phrase = lowerFirst(t);
    return seeking("is looking for", "are looking for", plural ? phrase : article(phrase));
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Offers

// Verbs an offer often starts with; the -s form comes from `thirdPerson`.
const OFFER_VERBS = new Set(
  (
    "know write speak teach run fix build organize organise offer provide have do lead manage review " +
    "translate coach mentor host own sell make take shoot edit play understand handle cover lend drive " +
    "bake cook paint code program design photograph film draw tutor train advise help introduce share " +
    "proofread repair install set create plan prepare give support connect negotiate read sing deliver " +
    "research analyse analyze draft cater clean babysit carry bring keep hold grow ship print store rent " +
    "loan walk watch move collect volunteer sponsor donate judge recommend refer find source run"
  ).split(" "),
);

/** "teach" → "teaches", "carry" → "carries", "have" → "has", "do" → "does" */
export function thirdPerson(verb: string): string {
  const v = verb.toLowerCase();
  if (v === "have") return "has";
  if (v === "be") return "is";
  if (/[^aeiou]y$/.test(v)) return `${v.slice(0, -1)}ies`;
  if (/(ch|sh|ss|x|z|o)$/.test(v)) return `${v}es`;
  return `${v}s`;
}

/** "teaches" → "teach", "carries" → "carry", "has" → "have": the base of a verb's -s form, or null. */
export function baseOfThirdPerson(word: string): string | null {
  const w = word.toLowerCase();
  if (w === "has") return "have";
  if (w === "is") return "be";
  const candidates = [
    w.endsWith("ies") ? `${w.slice(0, -3)}y` : null,
    w.endsWith("es") ? w.slice(0, -2) : null,
    w.endsWith("s") ? w.slice(0, -1) : null,
  ];
  for (const c of candidates) if (c && OFFER_VERBS.has(c) && thirdPerson(c) === w) return c;
  return null;
}

function offer(form: OfferForm, p: Predicate): PhrasedOffer {
  return { form, about: (name) => `${name} ${p.third}`, aboutYou: () => `you ${p.second}` };
}

/** An offer, as a clause about its person in the third and the second person. */
export function phraseOffer(text: string): PhrasedOffer {
  const raw = tidy(text);
  const q = quotation(raw);
  const quoted = offer("quote", { third: `offered ${q}`, second: `offered ${q}` });
  if (raw === "" || raw.endsWith("?")) return quoted;
  // "Writes about IT; happy to be a guest": each part on its own, joined into one clause.
  const parts = raw
    .split(/\s*;\s*|\.\s+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const predicates: Predicate[] = [];
  for (const part of parts) {
    const p = offerPredicate(part);
    if (p === null) return quoted;
    predicates.push(p);
  }
  if (predicates.length === 0) return quoted;
  const form = predicates.length === 1 ? (formOf.get(predicates[0] as Predicate) ?? "thing") : "verb";
  // Two parts without a comma: a sentence that joins this clause to another uses ", and" itself.
  const join = (xs: string[]) =>
    xs.length <= 2 ? xs.join(" and ") : `${xs.slice(0, -1).join(", ")} and ${xs.at(-1)}`;
  return offer(form, {
    third: join(predicates.map((p) => p.third)),
    second: join(predicates.map((p) => p.second)),
  });
}

const formOf = new WeakMap<Predicate, OfferForm>();
function tagged(form: OfferForm, p: Predicate): Predicate {
  formOf.set(p, form);
  return p;
}

function offerPredicate(part: string): Predicate | null {
  const { rest: afterSubject, firstPerson } = stripSubject(part);
  const wasAmIs = /^(?:i|he|she|we|they)(?:'m|'re|'s| am| are| is)\s/i.test(part);
  const t = firstPerson ? toThem(afterSubject) : afterSubject;
  const words = t.split(" ");
  const first = words[0] ?? "";
  const rest = words.slice(1).join(" ");
  let m: RegExpExecArray | null;

  // "Can review contracts", "could lend a van", "will proofread"
  m = /^(can|could|will|would|may)\s+(.+)$/i.exec(t);
  if (m) {
    const modal = (m[1] ?? "").toLowerCase();
    return tagged("modal", pair(modal, modal, m[2] ?? ""));
  }
  // "happy to review CVs", "good at Excel", "fluent in Spanish", "an expert in tax law"
  m =
    /^((?:very\s+|always\s+)?(?:happy|glad|willing|able|available|keen|eager|ready|good|great|fluent|experienced|skilled|familiar|comfortable|qualified|certified|trained|handy|an expert|expert|a specialist|specialist|well connected|connected|well-connected))\b\s*(.*)$/i.exec(
      t,
    );
  if (m) {
    let adj = (m[1] ?? "").toLowerCase();
    if (adj === "expert" || adj === "specialist") adj = article(adj);
    const tail = m[2] ?? "";
    if (FINITE_VERB.test(tail)) return null;
    return tagged("trait", pair("is", "are", `${adj} ${tail}`.trim()));
  }
  if (wasAmIs) {
    // "I'm a photographer", "She's a notary"
    if (/^(a|an|the)\s/i.test(t) && !FINITE_VERB.test(t)) return tagged("role", pair("is", "are", t));
    return null;
  }
  // "Has a van", "access to the board", "experience with grant writing"
  if (
    /^(access|experience|contacts|connections|ties|links|friends|a network|network)\b/i.test(t) &&
    !FINITE_VERB.test(t)
  )
    return tagged("has", pair("has", "have", lowerFirst(t)));
  // "Knows payroll rules", "Designs logos", and first-person "I know payroll rules"
  const base =
    firstPerson && OFFER_VERBS.has(first.toLowerCase()) ? first.toLowerCase() : baseOfThirdPerson(first);
  if (base !== null && rest !== "" && !/^(of|for)\b/i.test(rest)) {
    if (FINITE_VERB.test(rest)) return null;
    return tagged("verb", pair(thirdPerson(base), base === "be" ? "are" : base, rest));
  }
  // "Review contracts", "Fix bikes": a bare verb is an offer to do it
  if (OFFER_VERBS.has(first.toLowerCase()) && rest !== "" && !FINITE_VERB.test(rest) && !isRole(first)) {
    return tagged("modal", pair("can", "can", lowerFirst(t)));
  }
  // "Reviewing CVs": an activity they can help with
  if (
    /^\p{L}+ing$/iu.test(first) &&
    !ING_NOUNS.has(first.toLowerCase()) &&
    rest !== "" &&
    !FINITE_VERB.test(rest)
  )
    return tagged("modal", pair("can help with", "can help with", lowerFirst(t)));
  if (FINITE_VERB.test(t)) return null;
  // "Photographer", "Freelance photographer", "a tax accountant in Lyon"
  const head = words.slice(0, 3);
  const prep = head.findIndex((w) => /^(for|to|who|that|with|in|on|at|of|from|and)$/i.test(w));
  const roleAt = head.slice(0, prep === -1 ? head.length : prep).findLastIndex(isRole);
  if (roleAt !== -1) {
    const role = (words[roleAt] ?? "").toLowerCase();
    const plural = role.endsWith("s") && !ROLE_WORDS.has(role);
    if (!plural) {
      const phrase = /^(a|an|the)\s/i.test(t) ? lowerFirst(t) : article(lowerFirst(t));
      return tagged("role", pair("is", "are", phrase));
    }
  }
  // "Payroll advice", "Brochure and proposal graphics for engineering firms"
  if (TRAILING_STATE.test(t) && !/\b(advice|help|support)\b/i.test(t)) return null;
  return tagged("thing", pair("offers", "offer", lowerFirst(t)));
}

/** `clause` as a sentence: a capital first and a full stop, unless it already ends a sentence. */
export function asSentence(clause: string): string {
  const c = clause.charAt(0).toUpperCase() + clause.slice(1);
  return /[.?!][”’]?$/.test(c) ? c : `${c}.`;
}
