/**
 * The Inbox (issue 18): suggested ledger entries found in captured mail, waiting for the user's yes,
 * and the people they write to often who are not yet people in Goodwill. Shared by the CLI, the API
 * and the web app.
 */

export const INBOX_KINDS = ["gave", "received", "ask", "thanks", "alias"] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];
/** The kinds an item may be edited into: an alias is a question about an address, not an entry. */
export const ENTRY_KINDS = ["gave", "received", "ask", "thanks"] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/**
 * What `inbox_items.detail` holds (JSON), written by the capture pipeline: `exchangeKind` for
 * gave/received/thanks (intro, advice, favor, thanks…), `email` (and the `name` it was written
 * with) for an alias: the address that may be the person's.
 */
export interface InboxDetail {
  exchangeKind?: string;
  email?: string;
  name?: string;
}

/** An accepted ask becomes my promise (I said yes to it) or their need. */
export type AskOutcome = "promise" | "need";

export interface InboxItemJson {
  id: string;
  /** stable: the item's place among all the account's items by when they were found (see decisions) */
  number: number;
  kind: InboxKind;
  person: { id: string; name: string } | null;
  summary: string;
  /** for gave/received/thanks */
  exchangeKind: string | null;
  /** for an alias */
  address: string | null;
  /** the words that suggested it */
  because: string;
  occurredAt: string;
  /** the message's subject (the moment it was logged as), when it is known */
  subject: string | null;
  status: "open" | "accepted" | "dismissed";
  /** what accepting it wrote: an exchange, a promise, a need, or the person the alias joined */
  recordId: string | null;
  /** the suggestion in words: "You gave Sofía Ramírez: the intro" */
  text: string;
}

export interface CorrespondentJson {
  /** the folded address: how it is named to add or dismiss it */
  key: string;
  /** place in the ranked list (most messages first), 1-based */
  number: number;
  email: string;
  name: string | null;
  messages: number;
  lastAt: string | null;
}

/** Changes to an item before (or without) accepting it. */
export interface InboxEdit {
  summary?: string;
  kind?: EntryKind;
  exchangeKind?: string;
  /** WHO: a person's id, email or name */
  person?: string;
}

export interface InboxAcceptOptions extends InboxEdit {
  /** for an ask: my promise (the default) or their need */
  as?: AskOutcome;
}

/** The suggestion in words, as the Inbox shows it. */
export function inboxText(item: {
  kind: InboxKind;
  personName: string | null;
  summary: string;
  address: string | null;
}): string {
  const who = item.personName ?? "someone";
  switch (item.kind) {
    case "gave":
      return `You gave ${who}: ${item.summary}`;
    case "received":
      return `${who} gave you: ${item.summary}`;
    case "ask":
      return `${who} asks: ${item.summary}`;
    case "thanks":
      return `You thanked ${who}: ${item.summary}`;
    case "alias":
      return `Is ${item.address ?? item.summary} ${who}?`;
  }
}

/** "because the message says ‘thanks for the intro’"; for an alias, "because s@x.org signs as “Sofía”" */
export function becauseText(item: Pick<InboxItemJson, "kind" | "because">): string {
  return item.kind === "alias" ? `because ${item.because}` : `because the message says ‘${item.because}’`;
}
