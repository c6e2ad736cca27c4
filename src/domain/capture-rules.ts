/**
 * Suggested ledger entries from a message's words (issue 18, docs/capture-rules.md). A captured
 * message in which someone thanks the user proposes what the user gave; one in which they say they
 * did something for the user proposes what the user received; one in which they ask proposes their
 * ask; one in which the user thanks someone proposes the thank-you. Each proposal quotes the words
 * that suggested it, and none is recorded without the user's yes.
 *
 * Precision over recall: a sign-off "Thanks,", "thanks in advance", "no thanks", "could you not…",
 * "Can you believe…", a quoted question and newsletter boilerplate propose nothing. English, with
 * common phrases in Spanish and German. Pure: no I/O, no clock.
 *
 * The rules are tables of phrases as people type them. A phrase is written plainly and compiled by
 * `phrasePattern`: a space matches any spacing or a comma, an apostrophe either kind or none
 * ("Ive", "I’ve"), a vowel may be stretched ("sooo", "pleeease"), `~` stands for up to three
 * words in between ("thanks ~ for" reads "thanks again Ana for"), `|` marks where the thing
 * proposed starts when the words after it belong to it ("do you know | anyone who…"), and a final
 * `!` means those words and nothing after them ("reading!": "thanks for reading", not "…my essay").
 */
import type { CaptureProposal } from "../contract/capture.js";
import type { ExchangeKind } from "./model.js";

/** What the rules read of one message. */
export interface MessageWords {
  subject: string;
  /** the message's own words (quoted replies and signature already cut by the reader) */
  text: string;
  /** the user sent it */
  fromMe: boolean;
}

// ---------------------------------------------------------------------------------------------
// The tables

/**
 * Saying thank you for something. The thing thanked for follows the phrase: "thanks for the
 * intro" → "the intro"; "thank you so much for looking at my CV" → "looking at my CV".
 */
const THANKS_FOR: readonly string[] = [
  // "thanks for lunch", "thanks again Ana for the intro", "thx for the tips", "ty for the ride"
  "thanks ~ for",
  "thank you ~ for",
  "thank u ~ for",
  "thankyou ~ for",
  "thx ~ for",
  "thnx ~ for",
  "thanx ~ for",
  "tnx ~ for",
  "thks ~ for",
  "tks ~ for",
  "ty ~ for",
  "cheers ~ for",
  // "so grateful for your help", "I really appreciate you looking at my CV"
  "grateful for",
  "i appreciate",
  "i really appreciate",
  "i truly appreciate",
  "i so appreciate",
  "i appreciated",
  "i really appreciated",
  // Spanish: "gracias por la presentación", "te agradezco mucho la ayuda"
  "gracias ~ por",
  "te agradezco",
  "le agradezco",
  "te agradezco mucho",
  "agradecido por",
  "agradecida por",
  // German: "danke für die Vorstellung", "vielen Dank für deine Hilfe"
  "danke ~ für",
  "dankeschön ~ für",
  "vielen dank ~ für",
  "herzlichen dank ~ für",
  "besten dank ~ für",
  "tausend dank ~ für",
  "dankbar für",
];

/**
 * A thank-you that names nothing, strong enough to be one when the user writes it mid-message:
 * "Many thanks!", "much appreciated". A plain "thanks" never is, nor any of these as a sign-off.
 */
const THANKS_BARE: readonly string[] = [
  "many thanks",
  "thanks so much",
  "thank you so much",
  "thank u so much",
  "thanks very much",
  "thank you very much",
  "thanks a lot",
  "thanks a million",
  "thanks a ton",
  "thanks heaps",
  "much appreciated",
  "greatly appreciated",
  "really appreciated",
  "i really appreciate it",
  "i appreciate it",
  "i owe you one",
  // Spanish and German
  "muchas gracias",
  "muchísimas gracias",
  "mil gracias",
  "te lo agradezco",
  "vielen dank",
  "herzlichen dank",
  "tausend dank",
  "danke schön",
  "dankeschön",
];

/**
 * What people thank for out of politeness, or before anything happened: no entry. Read at the
 * start of the thing ("thanks for your email", "thanks for any help").
 */
const NOT_A_THANKS: readonly string[] = [
  "nothing",
  "any",
  "anything",
  "in advance",
  "your email",
  "your e-mail",
  "the email",
  "your mail",
  "your message",
  "the message",
  "your note",
  "your reply",
  "the reply",
  "your quick reply",
  "the quick reply",
  "your response",
  "the response",
  "your quick response",
  "your prompt",
  "the prompt",
  "your swift",
  "your fast",
  "your kind words",
  "the kind words",
  "the note",
  "your time and consideration",
  "attending",
  "your answer",
  "getting back",
  "reaching out",
  "writing",
  "your patience",
  "your understanding",
  "your interest",
  "your consideration",
  "considering",
  "letting me know",
  "the update",
  "the heads up",
  "the invite",
  "the invitation",
  "your invitation",
  "the offer",
  "your offer",
  "asking",
  "checking in",
  "following up",
  "the reminder",
  "your attention",
  "your cooperation",
  "your order",
  "your purchase",
  "your business",
  "subscribing",
  "signing up",
  "registering",
  "being a",
  "shopping",
  "choosing",
  // the whole thing, as a newsletter or a talk ends: "thanks for reading", "thanks for listening"
  "reading!",
  "listening!",
  "watching!",
  "stopping by!",
  "coming!",
  "sharing!",
  "flagging!",
  "tu correo",
  "tu mensaje",
  "tu respuesta",
  "adelantado",
  "de antemano",
  "deine mail",
  "ihre mail",
  "deine nachricht",
  "ihre nachricht",
  "im voraus",
];

/**
 * Asking for something. The thing asked follows: "could you review my deck" → "review my deck".
 * Longer phrases are tried first, so "would you mind" wins over "would you".
 */
const ASKS: readonly string[] = [
  // "could you…", "cud u…", "pls can you…"
  "could you",
  "could u",
  "cud you",
  "cud u",
  "coud you",
  "culd you",
  "can you",
  "can u",
  "cn you",
  "cn u",
  "would you",
  "would u",
  "wud you",
  "wud u",
  "would you mind",
  "would u mind",
  "do you mind",
  "would you be able to",
  "would you be willing to",
  "would you be open to",
  "would you be up for",
  "would you have time to",
  "do you have time to",
  "have you got time to",
  // "any chance you could…", "any chance of a lift?"
  "any chance you could",
  "any chance you can",
  "any chance u could",
  "any chance of",
  "i was wondering if you could",
  "i was wondering if you would",
  "i was wondering if you might",
  "wondering if you could",
  "wondering if you can",
  "wondering if u could",
  "i wondered if you could",
  "i'd be grateful if you could",
  "i would be grateful if you could",
  "i'd appreciate it if you could",
  "i would appreciate it if you could",
  "i'd love it if you could",
  "it would be great if you could",
  "would it be possible for you to",
  "is it possible for you to",
  "could i ask you to",
  "can i ask you to",
  "may i ask you to",
  "could i ask you for",
  "can i ask you for",
  "could i ask | a favor",
  "could i ask | a favour",
  "can i ask | a favor",
  "can i ask | a favour",
  "can i | pick your brain",
  "could i | pick your brain",
  // "do you know anyone who does payroll?" → "someone who does payroll"
  "do you know | anyone",
  "do you know | anybody",
  "do you know | someone",
  "do you know | somebody",
  "do you know | a good",
  "do u know | anyone",
  "know | anyone who",
  // Spanish: "¿podrías revisar mi CV?", "¿conoces a alguien que…?"
  "podrías",
  "podrias",
  "me podrías",
  "me podrias",
  "podría usted",
  "puedes",
  "me puedes",
  "te importaría",
  "te importaria",
  "le importaría",
  "conoces a | alguien",
  // German: "könntest du dir meinen Lebenslauf ansehen?", "kennst du jemanden, der…"
  "könntest du",
  "kannst du",
  "könnten sie",
  "können sie",
  "würdest du",
  "würden sie",
  "hättest du zeit",
  "hätten sie zeit",
  "kennst du | jemanden",
  "kennen sie | jemanden",
];

/**
 * "please review…" with one of these verbs is an ask too; "please find attached", "please let me
 * know" are not.
 */
const PLEASE_ASKS: readonly string[] = ["please", "pls", "plz"].flatMap((p) =>
  ["review", "send me", "introduce", "connect me", "forward", "proofread", "recommend me", "take a look"].map(
    (verb) => `${p} | ${verb}`,
  ),
);

/**
 * What follows an ask phrase without it being an ask for a favour: wonder ("Can you believe…"),
 * refusal ("could you not…"), invitations and logistics ("can you make it", "let me know").
 */
const NOT_AN_ASK: readonly string[] = [
  "not",
  "never",
  "ever",
  "really",
  "believe",
  "imagine",
  "guess",
  "tell",
  "see",
  "hear",
  "let me know",
  "lmk",
  "confirm",
  "reply",
  "respond",
  "get back",
  "remind me",
  "call me",
  "ring me",
  "make it",
  "come",
  "join",
  "attend",
  "be",
  "like",
  "prefer",
  "rather",
  "want",
  "please ignore",
  "ignore",
  "take our survey",
  "take a short survey",
  "take a quick survey",
  "rate",
  "recommend us",
  "help us",
  "donate",
  "spare",
  // Logistics: "can you do Tuesday instead?", "can you jump on a call", "could you send me the link"
  "meet",
  "talk",
  "chat",
  "hop on",
  "jump on",
  "resend",
  "send me your availability",
  "send me your address",
  "send me your number",
  "send me the link",
  "send the link",
  ...[
    "today",
    "tomorrow",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
  ].flatMap((day) => [`do ${day}`, `make ${day}`]),
  // Spanish and German
  "no",
  "creer",
  "creerlo",
  "imaginar",
  "imaginarte",
  "confirmar",
  "venir",
  "nicht",
  "glauben",
  "dir vorstellen",
  "bestätigen",
  "kommen",
];

/**
 * The deeds someone tells the user they did for them, in the past tense: "I've introduced you to
 * Maria", "I fixed your laptop", "we sent you the slides". The deed must name the user ("you",
 * "your"), and "I haven't…", "once I've…" or a question propose nothing.
 */
const DONE_FOR_YOU: readonly string[] = [
  "introduced",
  "connected",
  "put you in touch",
  "put in a good word",
  "put in a word",
  "recommended",
  "referred",
  "fixed",
  "repaired",
  "sorted",
  "set up",
  "reset",
  "installed",
  "updated",
  "reviewed",
  "read",
  "looked at",
  "looked over",
  "looked into",
  "proofread",
  "edited",
  "sent",
  "forwarded",
  "shared",
  "booked",
  "reserved",
  "covered",
  "signed",
  "approved",
  "submitted",
  "dropped off",
  "picked up",
  "ordered",
  "paid",
  "found",
  "renewed",
  "unlocked",
  "restored",
  "recovered",
  "printed",
  "drafted",
  "wrote",
  "written",
  "made",
  "prepared",
  "organised",
  "organized",
  "arranged",
  "took care of",
  "taken care of",
];

/** Introductions being made as the message is sent: "let me introduce you to Maria". */
const INTRODUCING: readonly string[] = [
  "let me | introduce you to",
  "i'd like to | introduce you to",
  "i would like to | introduce you to",
  "i want to | introduce you to",
  "| introducing you to",
  "| connecting you with",
  "| connecting you to",
  "| putting you in touch with",
];

/** "Here is the report you asked for": handing over what the user asked for. */
const HANDING_OVER: readonly string[] = [
  "here's",
  "here is",
  "here are",
  "attached is",
  "attached are",
  "please find attached",
  "i've attached",
  "i have attached",
  "i'm attaching",
  "attaching",
];
const AS_PROMISED: readonly string[] = ["as promised", "as requested", "as you asked"];
// The thing handed over must be what the user asked for ("…you asked for"), unless "as promised".
const ASKED_FOR =
  /\byou\s+(?:asked\s+(?:for|about)|requested|wanted|needed|were\s+after|were\s+looking\s+for)\b/i;

/** A deed gone wrong or a refusal is not a favour: "I sent you the wrong file", "…and regret to inform you". */
const MISTAKE = /\b(?:wrong|by mistake|accidentally|in error|regret|unfortunately)\b/i;

/** Sent things that are the message's own logistics, not a favour: "I've sent you an invite". */
const NOT_A_DEED: readonly string[] = [
  "an invite",
  "the invite",
  "a calendar invite",
  "an invitation",
  "a link",
  "the link",
  "a reminder",
  "a message",
  "an email",
  "an e-mail",
  "a text",
  "a dm",
  "a note",
  "my availability",
  "a meeting request",
  "this email",
  "this e-mail",
  "this message",
  "an update",
  "the newsletter",
  "your email",
  "your e-mail",
  "your mail",
  "your message",
  "your note",
  "your text",
  "your reply",
];

/**
 * What a thing is, as an exchange kind (DESIGN §2: time and support weigh 3, favor, advice,
 * referral, intro and gift 2). The kind whose word comes first in the thing wins ("the feedback on
 * my intro" is advice); no word found: a deed ("organising the offsite") is a favor, else other.
 */
const THING_KINDS: readonly [ExchangeKind, readonly string[]][] = [
  [
    "intro",
    [
      "intro",
      "intros",
      "introduction",
      "introductions",
      "introducing",
      "introduced",
      "introduce",
      "connect me",
      "connect us",
      "connecting us",
      "connecting me",
      "connected us",
      "connected me",
      "connected you",
      "connecting you",
      "put you in touch",
      "putting you in touch",
      "putting us in touch",
      "putting me in touch",
      "presentación",
      "presentacion",
      "presentarme",
      "presentarnos",
      "vorstellung",
      "vorgestellt",
      "vermittlung",
      "kontakt",
    ],
  ],
  [
    "referral",
    [
      "referral",
      "referring",
      "referred",
      "recommendation",
      "recommending",
      "recommended",
      "reference",
      "good word",
      "put in a word",
      "recomendación",
      "recomendacion",
      "empfehlung",
    ],
  ],
  [
    "advice",
    [
      "advice",
      "feedback",
      "review",
      "reviewing",
      "reviewed",
      "tips",
      "input",
      "thoughts",
      "suggestions",
      "insights",
      "pointers",
      "guidance",
      "comments",
      "looking at",
      "look at",
      "look over",
      "a look",
      "go through",
      "going through",
      "went through",
      "ansehen",
      "anschauen",
      "durchsehen",
      "looking over",
      "looking through",
      "looked at",
      "looked over",
      "reading",
      "proofreading",
      "proofread",
      "edits",
      "mentoring",
      "coaching",
      "second opinion",
      "pick your brain",
      "consejo",
      "consejos",
      "comentarios",
      "revisar",
      "opinión",
      "rat",
      "ratschlag",
      "tipps",
      "rückmeldung",
    ],
  ],
  [
    "time",
    [
      "lunch",
      "coffee",
      "dinner",
      "breakfast",
      "drinks",
      "a drink",
      "beer",
      "the call",
      "the chat",
      "your time",
      "the time",
      "meeting with me",
      "hosting",
      "having me",
      "the tour",
      "showing me around",
      "comida",
      "almuerzo",
      "café",
      "cena",
      "tu tiempo",
      "mittagessen",
      "kaffee",
      "abendessen",
      "essen",
      "deine zeit",
      "ihre zeit",
      "gespräch",
    ],
  ],
  [
    "gift",
    [
      "gift",
      "present",
      "flowers",
      "book",
      "card",
      "cake",
      "cookies",
      "chocolates",
      "chocolate",
      "wine",
      "bottle",
      "voucher",
      "tickets",
      "regalo",
      "flores",
      "libro",
      "geschenk",
      "blumen",
      "buch",
    ],
  ],
  [
    "support",
    [
      "support",
      "supporting",
      "backing",
      "encouragement",
      "being there",
      "standing up for",
      "vouching",
      "apoyo",
      "unterstützung",
      "rückendeckung",
    ],
  ],
  [
    "favor",
    [
      "help",
      "helping",
      "a hand",
      "favor",
      "favour",
      "fixing",
      "fixed",
      "covering",
      "covered",
      "lending",
      "lent",
      "the loan",
      "the ride",
      "the lift",
      "picking up",
      "picked up",
      "dropping off",
      "sorting",
      "sorted",
      "setting up",
      "set up",
      "repaired",
      "taking care",
      "took care",
      "sending",
      "sent",
      "forwarding",
      "sharing",
      "ayuda",
      "ayudarme",
      "hilfe",
      "gefallen",
    ],
  ],
];

/** Words before an ask phrase that make it a question about something else ("how can you…"). */
const ASK_REPORTED = new Set(
  (
    "how why what when where who whom which whether if that asked as than i we not never don't dont doesn't didn't qué que cómo como " +
    "cuándo dónde si was wie warum wann wo ob dass"
  ).split(" "),
);
/** Words before a deed that make it conditional or future ("once I've sent you…"). */
const DEED_CONDITIONAL = new Set("if once when after before until unless whether till soon".split(" "));
/** Words before a thank-you that refuse or defer it ("no thanks", "I'd appreciate…"). */
const THANKS_REFUSED = new Set("no nein would i'd we'd i’d we’d will".split(" "));

/** Reply prefixes of a subject, whose words may be the other side's. */
const SUBJECT_PREFIX = /^\s*(re|aw|sv|vs|rv|r|antw|ref|fw|fwd|wg|tr|enc)\s*(?:\[\d+\])?\s*:\s*/i;
const FORWARD_PREFIXES = new Set(["fw", "fwd", "wg", "tr", "enc"]);

/** Boilerplate of bulk mail that slipped through the reader: the whole message proposes nothing. */
const NEWSLETTER =
  /\bunsubscribe\b|\bview (?:this (?:e-?mail )?)?in (?:your )?browser\b|\bmanage (?:your )?(?:e-?mail )?(?:preferences|subscription)|\byou(?:'re| are) receiving this\b|\bno longer wish to receive\b|\bdarse de baja\b|\babbestellen\b/i;

/** A reply header or a signature delimiter: the user's or sender's own words end there. */
const REPLY_HEADER =
  /^(?:on .{1,200} wrote:|-{2,} ?original message ?-{2,}|_{10,}|from: .+|am .{1,200} schrieb .{0,120}:|el .{1,200} escribió:|-- ?|sent from my \w+.*)$/i;

/** A long message is read in its first characters: asks and thanks come early. */
const READ_CHARS = 8000;
const BECAUSE_CHARS = 80;
const SUMMARY_CHARS = 80;

// ---------------------------------------------------------------------------------------------
// Compiling the tables

const WORD = "\\p{L}\\p{N}";
const START = `(?<![${WORD}])`;
const END = `(?![${WORD}])`;
// `~`: up to three words, never a refusal or deferral ("thanks, but not for…", "thanks in advance for").
const BETWEEN = `(?:[\\s,]+(?:(?!(?:but|not|no|nor|in|advance)[\\s,])[\\p{L}'’!]+)){0,3}?[\\s,]+`;

function wordsPattern(words: string): string {
  let out = "";
  for (const ch of words.trim()) {
    if (ch === " ") out += "[\\s,]+";
    else if (ch === "'" || ch === "’") out += "['’]?";
    else if ("aeiouy".includes(ch)) out += `${ch}+`;
    else out += ch.replace(/[.*+?^${}()[\]\\]/g, "\\$&");
  }
  return out;
}

/**
 * One table phrase as a pattern: the words before `|` are matched, those after only looked at; a
 * final `!` asks for the words and nothing after them.
 */
function phrasePattern(phrase: string): string {
  const whole = phrase.endsWith("!");
  const [said = "", kept] = (whole ? phrase.slice(0, -1) : phrase).split("|");
  const saidPattern = said.split("~").map(wordsPattern).join(BETWEEN);
  if (kept === undefined) return `${saidPattern}${whole ? "$" : END}`;
  const lead = said.trim() === "" ? "" : `${saidPattern}[\\s,]+`;
  return `${lead}(?=${wordsPattern(kept)}${END})`;
}

/** A table as one expression, longest phrase first; `anchored` tests at the start only. */
function tablePattern(phrases: readonly string[], anchored = false): RegExp {
  const sorted = [...phrases].sort((a, b) => b.length - a.length);
  const body = sorted.map(phrasePattern).join("|");
  return anchored ? new RegExp(`^(?:${body})`, "iu") : new RegExp(`${START}(?:${body})`, "giu");
}

const THANKS_FOR_RE = tablePattern(THANKS_FOR);
const THANKS_BARE_RE = tablePattern(THANKS_BARE);
const NOT_A_THANKS_RE = tablePattern(NOT_A_THANKS, true);
const ASKS_RE = tablePattern([...ASKS, ...PLEASE_ASKS]);
const NOT_AN_ASK_RE = tablePattern(NOT_AN_ASK, true);
const DONE_RE = new RegExp(
  `${START}(?:i|we)(?:['’]ve|\\s+have|\\s+had)?(?:\\s+(?:just|already|finally|now|also|quickly|went ahead and|gone ahead and)){0,2}\\s+(?=(?:${DONE_FOR_YOU.map(wordsPattern).join("|")})${END})`,
  "giu",
);
const INTRODUCING_RE = tablePattern(INTRODUCING);
const HANDING_OVER_RE = new RegExp(
  `${START}(?:(?:${AS_PROMISED.map(wordsPattern).join("|")})[\\s,]+)?(?:${HANDING_OVER.map(wordsPattern).join("|")})[\\s,:]+`,
  "giu",
);
const NOT_A_DEED_RE = tablePattern(NOT_A_DEED, true);
// A sentence without the telling word of any phrase cannot match one: most sentences are skipped
// after this one pass instead of one per table.
const COMMON_WORDS = new Set(["for", "you", "u", "to", "me", "a", "the", "i", "we", "of", "with", "in"]);
const telling = (phrase: string) =>
  phrase
    .replace(/[~|!]/g, " ")
    .split(" ")
    .filter((w) => !COMMON_WORDS.has(w))
    .reduce((a, b) => (b.length > a.length ? b : a), "");
const KEY_RE = new RegExp(
  `${START}(?:${[
    ...new Set(
      [
        ...THANKS_FOR,
        ...THANKS_BARE,
        ...ASKS,
        ...PLEASE_ASKS,
        ...INTRODUCING,
        ...HANDING_OVER,
        ...DONE_FOR_YOU,
      ].map(telling),
    ),
  ]
    .map(wordsPattern)
    .join("|")})${END}`,
  "iu",
);
const THING_KIND_RES: readonly [ExchangeKind, RegExp][] = THING_KINDS.map(([kind, words]) => [
  kind,
  // "coverin my shift": a dropped final g is still the word.
  new RegExp(
    `${START}(?:${words.map((w) => wordsPattern(w).replace(/i\+ng$/, "i+n[g'’]?")).join("|")})${END}`,
    "iu",
  ),
]);

// ---------------------------------------------------------------------------------------------
// Reading a message

/** One sentence of the message, whitespace collapsed, with where it stands. */
interface Sentence {
  text: string;
  /** the subject, or the body */
  inSubject: boolean;
  /** the subject of a reply: whoever started the thread wrote it (see `proposeEntries`) */
  replyWords: boolean;
  /** only a name, a greeting or nothing follows it: a sign-off */
  closing: boolean;
}

/** A proposal as a rule finds it in one sentence. */
interface Match {
  proposal: CaptureProposal;
  /** a proposal that names its thing beats one that does not ("thanks" alone, "a favor") */
  specific: boolean;
}

interface Found extends Match {
  inSubject: boolean;
}

const collapse = (s: string) => s.replace(/\s+/g, " ").trim();

/** An answer to a thank-you: the thanks in the subject of this reply were the user's own. */
const WELCOME =
  /(?<![\p{L}])(?:any ?time|you['’]?re welcome|you are welcome|my pleasure|no problem|no worries|happy to help|glad (?:to help|i could help|it (?:helped|worked|went))|de nada|con gusto|gern geschehen|keine ursache)(?![\p{L}])/iu;

/** Suggested ledger entries for one message: at most one per kind, each with the words that suggested it. */
export function proposeEntries(input: MessageWords): CaptureProposal[] {
  if (NEWSLETTER.test(input.subject) || NEWSLETTER.test(input.text)) return [];
  const body = bodySentences(input.text);
  // A reply's subject was written by whoever started the thread. Their ask or deed there was
  // captured from their own message, and the user replying to "Thanks for the intro" is not
  // thanking; someone else's reply still counts, unless it answers thanks ("Any time.").
  const subject = subjectSentences(input.subject).filter(
    (s) => !s.replyWords || (!input.fromMe && !body.some((b) => WELCOME.test(b.text))),
  );
  const found: Found[] = [];
  // An ask makes a later "thanks for your help" a thanks in advance, whoever asks.
  let askSeen = false;
  for (const sentence of [...subject, ...body]) {
    if (!KEY_RE.test(sentence.text)) continue;
    const afterAsk = askSeen;
    // A reply subject's ask is the other side's, already answered: it makes no thanks early.
    const ask = sentence.replyWords ? null : findAsk(sentence);
    if (ask !== null) askSeen = true;
    const where = { inSubject: sentence.inSubject };
    if (input.fromMe) {
      found.push(...orNone(findThanks(sentence, afterAsk, "thanks")).map((f) => ({ ...f, ...where })));
      continue;
    }
    const own = sentence.replyWords ? [] : [ask, findDeed(sentence)];
    for (const f of [...own, findThanks(sentence, afterAsk, "gave")])
      if (f !== null) found.push({ ...f, ...where });
  }
  // Per kind: one that names its thing, then the body's words over the subject's headline, then the first.
  const rank = (f: Found) => (f.specific ? 2 : 0) + (f.inSubject ? 0 : 1);
  const best = new Map<CaptureProposal["kind"], Found>();
  for (const f of found) {
    const held = best.get(f.proposal.kind);
    if (held === undefined || rank(f) > rank(held)) best.set(f.proposal.kind, f);
  }
  const order: CaptureProposal["kind"][] = ["gave", "received", "ask", "thanks"];
  return order.flatMap((kind) => {
    const f = best.get(kind);
    return f === undefined ? [] : [inLedgerWords(f.proposal, input.fromMe)];
  });
}

// ---------------------------------------------------------------------------------------------
// Whose words: a message says "my deck" and "you"; the ledger is the user's, so the entry says
// "their deck" and "me" ("You gave Leila: looking at their CV", "You promised Dana: send them the
// numbers"). English only: the other languages' things are kept as written.

const ENGLISH_TRIGGER =
  /\b(?:thank|thanks|thx|ty|could|can|would|will|please|pls|cud|introduc|fixed|sent|here|as promised|do you know|any chance|wondering)/i;

/** "you" before one of these is the one who did it ("the intro you made"), else the one it was done for. */
const DOER_VERB =
  /^\s+(?:made|did|gave|sent|wrote|shared|found|put|set|arranged|organi[sz]ed|brought|got|spent|took|showed|recommended|suggested|helped|asked|wanted|needed|requested|mentioned|said|are|were|have|had|do|can|could|will|would)\b/i;

const THEIR_WORDS: [RegExp, string][] = [
  [/\bmyself\b/gi, "themselves"],
  [/\bmine\b/gi, "theirs"],
  [/\bmy\b/gi, "their"],
  [/\bme\b/gi, "them"],
];

const THEY_CONTRACTED: Record<string, string> = { m: "re", ve: "ve", d: "d", ll: "ll" };

function swapYou(
  text: string,
  subject: string,
  object: string,
  possessive: string,
  own: string,
  self: string,
): string {
  return text
    .replace(/\byourself\b/gi, self)
    .replace(/\byours\b/gi, own)
    .replace(/\b(?:your|ur)\b/gi, possessive)
    .replace(/\b(?:you|u)\b/gi, (_word, at: number, whole: string) =>
      DOER_VERB.test(whole.slice(at + _word.length)) ? subject : object,
    );
}

/**
 * The proposal's summary in the user's words (see above). An ask keeps the asker's words: "Dana
 * asks: send me the numbers" reads as she wrote it; accepting it words the promise (`theirWordsAsMine`).
 */
export function inLedgerWords(proposal: CaptureProposal, fromMe: boolean): CaptureProposal {
  if (proposal.kind === "ask" || !ENGLISH_TRIGGER.test(proposal.because)) return proposal;
  let text = fromMe
    ? swapYou(proposal.summary, "they", "them", "their", "theirs", "themselves")
    : theirWordsAsMine(proposal.summary);
  // What they thank me for is mine without saying so: "your help" is "help" in my ledger.
  if (proposal.kind === "gave") text = text.replace(/^my\s+(?=\S)/, "");
  return text === proposal.summary ? proposal : { ...proposal, summary: text };
}

/** Someone else's words as the user would write them down: "send me your notes" → "send them my notes". */
export function theirWordsAsMine(words: string): string {
  let text = words;
  // Their "I" and "my" first, then their "you" (the user) becomes "I" and "my".
  for (const [pattern, word] of THEIR_WORDS) text = text.replace(pattern, word);
  text = text.replace(
    /\bi(['’])(m|ve|d|ll)\b/gi,
    (_w, apostrophe: string, rest: string) =>
      `they${apostrophe}${THEY_CONTRACTED[rest.toLowerCase()] ?? rest}`,
  );
  text = text.replace(/\bi\b/g, "they").replace(/\bI\b/g, "they");
  return swapYou(text, "I", "me", "my", "mine", "myself");
}

const orNone = <T>(x: T | null): T[] => (x === null ? [] : [x]);

function subjectSentences(subject: string): Sentence[] {
  let rest = subject;
  let reply = false;
  for (let m = SUBJECT_PREFIX.exec(rest); m !== null; m = SUBJECT_PREFIX.exec(rest)) {
    const prefix = (m[1] ?? "").toLowerCase();
    // A forwarded subject is someone else's words to someone else.
    if (FORWARD_PREFIXES.has(prefix)) return [];
    reply = true;
    rest = rest.slice(m[0].length);
  }
  return splitSentences(maskQuotes(rest)).map((text) => ({
    text,
    inSubject: true,
    closing: false,
    replyWords: reply,
  }));
}

function bodySentences(text: string): Sentence[] {
  const lines = text.slice(0, READ_CHARS).split(/\r?\n/);
  const own: string[] = [];
  for (const line of lines) {
    if (REPLY_HEADER.test(line.trim())) break;
    // A quoted line is someone else's: a blank keeps sentences from joining across it.
    own.push(/^\s*>/.test(line) ? "" : line);
  }
  const sentences = splitSentences(maskQuotes(joinWrappedLines(own)));
  // From the end: a sentence closes the message while all that follows is a name or a greeting.
  let closing = true;
  const read: Sentence[] = [];
  for (const text of sentences.reverse()) {
    read.unshift({ text, inSubject: false, closing, replyWords: false });
    closing &&= text.split(" ").length <= 4;
  }
  return read;
}

/**
 * Lines wrapped by a mail program joined back: a break after a long line, before a lower-case
 * word, continues the sentence; any other break ends it ("Thanks for the intro\nBest, Ana").
 */
function joinWrappedLines(lines: readonly string[]): string {
  let out = "";
  lines.forEach((line, i) => {
    if (i === 0) {
      out = line;
      return;
    }
    const before = lines[i - 1] ?? "";
    const soft = before.trim().length >= 40 && /^\s*\p{Ll}/u.test(line) && !/[.!?:;]\s*$/.test(before);
    out += (soft ? " " : "\n") + line;
  });
  return out;
}

// Quoted words are someone else's ("she asked “could you help?”"): each quotation becomes a break.
const QUOTATIONS =
  /"[^"\n]{1,300}"|“[^”\n]{1,300}”|„[^“”\n]{1,300}[“”]|«[^»\n]{1,300}»|(?<![\p{L}\p{N}])‘[^’\n]{1,300}’(?![\p{L}\p{N}])/gu;

function maskQuotes(text: string): string {
  return text.replace(QUOTATIONS, "\n");
}

/** Sentences: after . ! ? … or ; and at every line break, whitespace collapsed. */
function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?…;])\s+|\n+/u)
    .map(collapse)
    .filter((s) => /\p{L}/u.test(s));
}

// ---------------------------------------------------------------------------------------------
// The rules

/** The word just before `index` in the same clause ("" after a colon or comma: "to ask: could you…"). */
function lastWordBefore(text: string, index: number): string {
  const before = text.slice(Math.max(0, index - 60), index);
  if (/[:;,–—(]\s*$/.test(before)) return "";
  const words = before
    .toLowerCase()
    .split(/[^\p{L}'’]+/u)
    .filter(Boolean);
  return words.at(-1) ?? "";
}

function proposal(
  kind: CaptureProposal["kind"],
  text: string,
  start: number,
  thingAt: number,
  thing: Thing,
  exchangeKind: string,
): CaptureProposal {
  return {
    kind,
    summary: summaryCase(thing.text),
    exchangeKind,
    because: quote(text, start, thingAt + thing.end),
  };
}

function findThanks(s: Sentence, afterAsk: boolean, kind: "gave" | "thanks"): Match | null {
  for (const m of s.text.matchAll(THANKS_FOR_RE)) {
    const start = m.index;
    if (THANKS_REFUSED.has(lastWordBefore(s.text, start)) || butFollows(s.text, start)) continue;
    const thingAt = start + m[0].length;
    const rest = s.text.slice(thingAt);
    const thing = tidyThing(rest, /^[\s,]*you\s+(?=\p{L}+ing\b)/iu);
    if (thing === null) continue;
    if (NOT_A_THANKS_RE.test(thing.text) || /^(?:it|if)\b/i.test(thing.text) || /\bin advance\b/i.test(rest))
      continue;
    // "Could you look at my deck? Thanks for your help!" thanks for what is still to come.
    if (afterAsk && /^(?:your |the |all your )?(?:help|time|assistance|support)$/i.test(thing.text)) continue;
    const exchangeKind = kind === "thanks" ? "thanks" : kindOf(thing.text);
    return { proposal: proposal(kind, s.text, start, thingAt, thing, exchangeKind), specific: true };
  }
  if (kind === "gave" || s.inSubject) return null;
  for (const m of s.text.matchAll(THANKS_BARE_RE)) {
    const start = m.index;
    const end = start + m[0].length;
    const after = s.text.slice(end);
    if (THANKS_REFUSED.has(lastWordBefore(s.text, start)) || butFollows(s.text, start)) continue;
    if (/^[\s,]*(?:in advance|im voraus|de antemano|por adelantado|to|for|por|für)(?![\p{L}])/iu.test(after))
      continue;
    // "Many thanks,\nJo" and "Vielen Dank und viele Grüße\nJonas" sign off; "Many thanks!" thanks.
    const rest = after.split(/\s+/).filter((w) => /\p{L}/u.test(w));
    const signOff = /^\s*,/.test(after) || (s.closing && !after.includes("!") && rest.length <= 4);
    if (signOff || afterAsk) continue;
    return {
      proposal: {
        kind: "thanks",
        summary: "thanks",
        exchangeKind: "thanks",
        because: quote(s.text, start, end),
      },
      specific: false,
    };
  }
  return null;
}

/** "thanks, but…", "thanks for the offer but…": a refusal. */
function butFollows(text: string, from: number): boolean {
  return /^[^.!?]*?[\s,]+(?:but|pero|aber)(?![\p{L}])/iu.test(text.slice(from));
}

function findAsk(s: Sentence): Match | null {
  for (const m of s.text.matchAll(ASKS_RE)) {
    const start = m.index;
    if (ASK_REPORTED.has(lastWordBefore(s.text, start))) continue;
    const thingAt = start + m[0].length;
    const thing = tidyThing(s.text.slice(thingAt));
    if (thing === null || NOT_AN_ASK_RE.test(thing.text)) continue;
    const generic = /^(?:help|(?:do )?(?:me )?a (?:quick |small )?(?:favou?r|question))$/i.test(thing.text);
    const asked = {
      ...thing,
      text: thing.text.replace(/^(?:anyone|anybody|somebody)(?![\p{L}])/iu, "someone"),
    };
    return {
      proposal: proposal("ask", s.text, start, thingAt, asked, kindOf(asked.text, "favor")),
      specific: !generic,
    };
  }
  return null;
}

function findDeed(s: Sentence): Match | null {
  if (/\?\s*$/.test(s.text)) return null;
  const received = (start: number, thingAt: number, thing: Thing): Match => ({
    proposal: proposal("received", s.text, start, thingAt, thing, kindOf(thing.text, "favor")),
    specific: true,
  });
  for (const m of s.text.matchAll(DONE_RE)) {
    if (DEED_CONDITIONAL.has(lastWordBefore(s.text, m.index))) continue;
    const thingAt = m.index + m[0].length;
    const thing = tidyThing(s.text.slice(thingAt));
    if (thing === null || !/(?<![\p{L}])(?:you|your|yours|u|ur)(?![\p{L}])/iu.test(thing.text)) continue;
    const object = thing.text.replace(/^\S+\s+(?:(?:you|u)\s+)?/i, "");
    if (NOT_A_DEED_RE.test(object) || MISTAKE.test(s.text.slice(thingAt))) continue;
    return received(m.index, thingAt, thing);
  }
  for (const m of s.text.matchAll(INTRODUCING_RE)) {
    if (DEED_CONDITIONAL.has(lastWordBefore(s.text, m.index))) continue;
    const thingAt = m.index + m[0].length;
    const thing = tidyThing(s.text.slice(thingAt));
    if (thing !== null) return received(m.index, thingAt, thing);
  }
  for (const m of s.text.matchAll(HANDING_OVER_RE)) {
    const thingAt = m.index + m[0].length;
    const rest = s.text.slice(thingAt);
    const asked = ASKED_FOR.exec(rest);
    const promised = /^as\s/i.test(m[0]);
    if (asked === null && !promised) continue;
    const thing = tidyThing(asked === null ? rest : rest.slice(0, asked.index + asked[0].length));
    if (thing !== null) return received(m.index, thingAt, thing);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Words

const LEADING_FILLER =
  /^(?:[\s,:]|guys\b|both\b|please\b|pls\b|plz\b|kindly\b|possibly\b|maybe\b|perhaps\b|just\b|also\b|quickly\b|por favor\b|bitte\b|mal\b)+/iu;

// Where the thing ends: a new clause, a courtesy, an aside or an emoji.
const THING_END = new RegExp(
  [
    "[,;:(]\\s*(?:she|he|they|we|i|it|you|u|which|who|and|or|owe|that|this|really|see|let|hope|looking forward|lol|xx?|will|would|can|could|great|much|very|such|super|team|all|everyone|guys|folks|both|the|my|your|our|these|those|thanks|thank you|thx|ty|cheers|please|pls|if|when|as|so|because|since|but|and thanks|saved|made|helped|meant|worked|went|was|is|are|were|totally|truly|hugely|it would|that would|i'd|i would|would be|it'?s|that'?s|gracias|danke|bitte|por favor)\\b",
    "\\s+[-–—]\\s+",
    // a name or a word of address after a last comma: "your hard work on the launch, team!"
    ",\\s*[\\p{L}'’-]+[\\s\\p{P}\\p{Extended_Pictographic}]*$",
    "\\s+and\\s+(?:regret|i|we|will|would|it|is|are|can|hope|let)\\b",
    "\\s*\\(",
    "\\s+(?:btw|by any chance|at all|if possible|if (?:you|u) (?:have|get|can|could|don'?t|do not|are|were|'re)|when (?:you|u) (?:have|get|can)|(?:for me )?(?:please|pls|plz)|thanks|thx|ty|cheers|real quick)\\b",
    "\\s*[:;]-?[()DPp]",
    "\\s*\\p{Extended_Pictographic}",
    "[.!?…]",
  ].join("|"),
  "iu",
);

// When it happened is the moment's date, not part of the thing ("thanks for lunch yesterday").
const TRAILING_WHEN =
  /(?:\s+(?:for me|yesterday|today|tonight|earlier|again|the other day|(?:last|this) (?:week|night|time|month|morning|afternoon|evening|weekend)|ayer|hoy|gestern|heute))+\s*$/iu;

/** A thing as found in a sentence: its words, and where they end in the text after the phrase. */
interface Thing {
  text: string;
  end: number;
}

/**
 * The thing as the entry would say it: one clause, without courtesies, at most 80 characters.
 * `skip` drops a lead the entry does not need ("appreciate you looking at…" → "looking at…").
 */
function tidyThing(raw: string, skip?: RegExp): Thing | null {
  let from = (LEADING_FILLER.exec(raw)?.[0] ?? "").length;
  const skipped = skip?.exec(raw.slice(from));
  if (skipped) from += skipped[0].length;
  let t = raw.slice(from);
  const stop = THING_END.exec(t);
  if (stop !== null) t = t.slice(0, stop.index);
  const untidyEnd = /[^\p{L}\p{N})'’"%$€£]+$/u;
  t = t.replace(untidyEnd, "").replace(TRAILING_WHEN, "").replace(untidyEnd, "");
  if (t.length > SUMMARY_CHARS) {
    const cut = t.lastIndexOf(" ", SUMMARY_CHARS);
    t = t.slice(0, cut > 0 ? cut : SUMMARY_CHARS);
  }
  t = t.trimEnd();
  if (!/\p{L}/u.test(t)) return null;
  return { text: t, end: from + t.length };
}

/** The summary as the user reads it: shouting lowered, a capital first word lowered unless a name. */
function summaryCase(thing: string): string {
  if (!/\p{Ll}/u.test(thing) && /\p{Lu}{3}/u.test(thing)) return thing.toLowerCase();
  const first = thing.split(" ")[0] ?? "";
  if (first.length > 1 && first.slice(1) !== first.slice(1).toLowerCase()) return thing; // CV, iPhone
  return COMMON_FIRST.test(first) ? thing.charAt(0).toLowerCase() + thing.slice(1) : thing;
}
const COMMON_FIRST =
  /^(?:the|a|an|your|my|our|his|her|their|this|that|all|some|someone|any|me|us|you|\p{L}+ing|\p{L}+ed|review|send|help|look|check|introduce|connect|share|forward|read|lunch|coffee|dinner|la|el|los|las|mi|tu|die|der|das|den|dem|deine|meine|ihre)$/iu;

/** The words that suggested a proposal, at most 80 characters, quoted from the sentence. */
function quote(text: string, start: number, end: number): string {
  const said = text.slice(start, Math.max(start + 1, end)).trim();
  if (said.length <= BECAUSE_CHARS) return said;
  const cut = said.lastIndexOf(" ", BECAUSE_CHARS);
  return said.slice(0, cut > 20 ? cut : BECAUSE_CHARS).trim();
}

/** The exchange kind of a thing (THING_KINDS): the kind whose word comes first. */
function kindOf(thing: string, fallback?: ExchangeKind): ExchangeKind {
  let best: { kind: ExchangeKind; at: number } | null = null;
  for (const [kind, re] of THING_KIND_RES) {
    const m = re.exec(thing);
    if (m !== null && (best === null || m.index < best.at)) best = { kind, at: m.index };
  }
  if (best !== null) return best.kind;
  if (fallback !== undefined) return fallback;
  return /^\p{L}+(?:ing|ed)\b/iu.test(thing) ? "favor" : "other";
}
