/**
 * The vocabulary of Goodwill's domain (DESIGN §1–§2): plain data, no I/O.
 * Times are epoch milliseconds (numbers) inside the domain; storage converts from ISO text.
 */

export const CHANNELS = [
  "in_person",
  "call",
  "video",
  "message",
  "email",
  "meeting",
  "event",
  "social",
  "other",
] as const;
export type Channel = (typeof CHANNELS)[number];

export const INITIATORS = ["me", "them", "unknown"] as const;
export type Initiator = (typeof INITIATORS)[number];

export const DIRECTIONS = ["gave", "received"] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const EXCHANGE_KINDS = [
  "thanks",
  "favor",
  "intro",
  "advice",
  "time",
  "gift",
  "support",
  "referral",
  "other",
] as const;
export type ExchangeKind = (typeof EXCHANGE_KINDS)[number];

export const LAYERS = [5, 15, 50, 150, 500] as const;
export type Layer = (typeof LAYERS)[number];

export const LEDGER_MODES = ["track", "communal"] as const;
export type LedgerMode = (typeof LEDGER_MODES)[number];

export type BalanceLabel = "overdrawn" | "balanced" | "giving" | "untracked";

export type DueStatus = "fresh" | "due-soon" | "due" | "cooling" | "dormant" | "none";

export const SUGGESTION_KINDS = [
  "thank",
  "follow-through",
  "occasion",
  "help-with-need",
  "introduce",
  "give-first",
  "reconnect",
  "meet-new",
] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];

/** A date that may lack its year: birthdays often come as "--MM-DD". */
export interface PartialDate {
  year: number | null;
  month: number; // 1–12
  day: number; // 1–31
}

/** A ledger entry as the scoring model sees it. */
export interface LedgerEvent {
  direction: Direction;
  kind: ExchangeKind;
  weight: number;
  at: number; // epoch ms
}

/** One moment of contact with a person: an interaction they took part in, or a ledger entry with them. */
export interface ContactEvent {
  at: number; // epoch ms
  channel: Channel;
  initiatedBy: Initiator;
}
