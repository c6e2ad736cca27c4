/**
 * Capture without typing (issue 18): what the mail and calendar readers hand to the history import
 * and the forwarding address. The readers (src/formats/read/mail/, calendar) know files, not people;
 * the use-case (src/app/capture/) matches addresses to people and writes moments and inbox items.
 */

/** One address on a message or meeting, as written: the address and its display name, if any. */
export interface MailAddress {
  /** as written (trimmed); matching folds it with `emailKey` */
  address: string;
  name: string | null;
}

/** Why a message is not a personal one: it is skipped and counted, never logged. */
export type BulkReason = "list" | "no-reply" | "auto-reply";

/** One mail message, decoded. */
export interface CapturedMail {
  kind: "email";
  /** the key it is remembered by: `mail:<Message-ID>` (no angle brackets), or `mail:sha1:<hash>` of
   * date, sender and subject when the message has no Message-ID */
  sourceKey: string;
  /** epoch ms of its Date header (else the mbox `From ` line's date); null when neither reads */
  at: number | null;
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  /** whose mailbox it came from (Delivered-To, X-Original-To): tells the user's own addresses */
  deliveredTo: string[];
  subject: string;
  /** the message's own words as plain text: HTML turned to text, quoted replies and the signature
   * cut; at most 64 KiB */
  text: string;
  /** set when it is a mailing list, a no-reply sender or an automatic reply */
  bulk: BulkReason | null;
}

/** One meeting (one instance of a recurring one), decoded. */
export interface CapturedMeeting {
  kind: "meeting";
  /** `ics:<UID>` for a single meeting, `ics:<UID>@<RECURRENCE-ID as UTC ISO>` for an instance */
  sourceKey: string;
  /** epoch ms of its start; an all-day meeting starts at noon UTC of its day */
  at: number;
  allDay: boolean;
  organizer: MailAddress | null;
  attendees: MailAddress[];
  title: string;
  description: string;
  /** a cancelled meeting or instance: skipped and counted */
  cancelled: boolean;
}

export type CapturedItem = CapturedMail | CapturedMeeting;

/** A message or meeting that could not be read: skipped, counted and named, never fatal. */
export interface CaptureProblem {
  kind: "problem";
  /** where it is: "message 12 (byte 40960)", "VEVENT 3 (UID abc)" */
  where: string;
  message: string;
}

/** A suggested ledger entry found in a message's words (src/domain/capture-rules.ts). */
export interface CaptureProposal {
  /** gave: they thank me for something (I gave it); received: they did something for me;
   * ask: they ask me for something; thanks: I thank them (closes a thanks owed) */
  kind: "gave" | "received" | "ask" | "thanks";
  /** what the entry would say: "the intro", "review my deck" */
  summary: string;
  /** the exchange kind for gave/received/thanks: intro, advice, favor, thanks… */
  exchangeKind: string;
  /** the words that suggested it, quoted from the message: "thanks for the intro" */
  because: string;
}

/** How much of a message's body is kept with its moment (setting `capture:bodies`). */
export const BODY_POLICIES = ["none", "snippet", "all"] as const;
export type BodyPolicy = (typeof BODY_POLICIES)[number];
/** The snippet policy keeps the subject and the first this many characters of the body. */
export const SNIPPET_CHARS = 200;

/** Why a message or meeting was read and not logged (counted in the result). */
export type CaptureSkipReason = "list" | "no-reply" | "auto-reply" | "cancelled" | "future";

/** Where the user's own addresses came from: a saved setting (or --me), the account, or the messages. */
export type MyAddressesSource = "setting" | "account" | "inferred" | "none";

/** An address on personal messages that is not yet a person: "people you write to often". */
export interface FrequentCorrespondent {
  email: string;
  name: string | null;
  messages: number;
  lastAt: string | null;
}

/** What a history import (or one forwarded message) did, as `goodwill import --json` and the API say. */
export interface CaptureResult {
  kind: "history";
  /** mbox | eml | ics | forward */
  format: string;
  /** messages and meetings read, problems included */
  read: number;
  /** new moments written */
  logged: number;
  /** distinct people on the new moments */
  people: number;
  /** seen by an earlier import (or earlier in this file): nothing added */
  alreadyImported: number;
  /** read, personal, but with nobody you know on it: looked at again by a later import */
  unmatched: number;
  skipped: Record<CaptureSkipReason, number>;
  problems: { count: number; first: CaptureProblem[] };
  /** suggested entries waiting in the Inbox */
  suggested: number;
  bodies: BodyPolicy;
  myAddresses: { addresses: string[]; source: MyAddressesSource };
  /** the open "people you write to often", most messages first (at most 10) */
  frequent: FrequentCorrespondent[];
}
