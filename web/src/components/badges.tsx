/** Small shared pieces: the balance label, the due status and relative days, in words. */
import type { Balance } from "../../../src/domain/giving-balance.js";
import type { DueStatus } from "../../../src/domain/model.js";

const BALANCE_WORDS: Record<Balance["label"], string> = {
  overdrawn: "Overdrawn",
  balanced: "Balanced",
  giving: "Giving",
  untracked: "Not tracked",
};

export function BalanceBadge({ balance }: { balance: Pick<Balance, "label" | "ratio"> }) {
  return (
    <span
      className={`badge balance-${balance.label}`}
      title={
        balance.ratio === null
          ? "This relationship's ledger is not kept"
          : `Balance ${balance.ratio.toFixed(2)}`
      }
    >
      {BALANCE_WORDS[balance.label]}
    </span>
  );
}

/** The circles (Dunbar's layers) in words, closest first. */
export const CIRCLE_WORDS: Record<number, string> = {
  5: "Inner circle (5)",
  15: "Close (15)",
  50: "Active (50)",
  150: "Meaningful (150)",
  500: "Acquaintance (500)",
};

/** A person's own rhythm in words; null: none of their own (the default for their circle). */
export function rhythmWords(cadenceDays: number | null): string {
  if (cadenceDays === null) return "Default rhythm";
  if (cadenceDays === 0) return "No reminders";
  return cadenceDays === 1 ? "Every day" : `Every ${cadenceDays} days`;
}

const DUE_WORDS: Record<DueStatus, string> = {
  fresh: "In touch",
  "due-soon": "Due soon",
  due: "Due",
  cooling: "Cooling",
  dormant: "Dormant",
  none: "No rhythm",
};

/** The due status in a word; someone just added and never contacted is "New", not "In touch". */
export function DueBadge({ due }: { due: { status: DueStatus; daysSinceContact: number | null } }) {
  const word = due.status === "fresh" && due.daysSinceContact === null ? "New" : DUE_WORDS[due.status];
  return <span className={`badge due-${due.status}`}>{word}</span>;
}

/** "1 person", "3 people". */
export function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

export function daysAgo(days: number | null): string {
  if (days === null) return "never";
  if (days === 0) return "today";
  if (days === 1) return "yesterday";
  if (days < 60) return `${days} days ago`;
  if (days < 730) return `${Math.round(days / 30.4)} months ago`;
  return `${Math.round(days / 365)} years ago`;
}

export function dueReason(due: { daysSinceContact: number | null; cadenceDays: number | null }): string {
  const last =
    due.daysSinceContact === null ? "No contact yet" : `Last in touch ${daysAgo(due.daysSinceContact)}`;
  return due.cadenceDays === null
    ? last
    : `${last}; usually every ${Math.round(due.cadenceDays) === 1 ? "day" : `${Math.round(due.cadenceDays)} days`}`;
}

export function formatDate(iso: string): string {
  const date = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  return date.toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric" });
}

/** "birthday (turning 40), Nov 29, 2026 (in 3 days)"; today and tomorrow in words. */
export function occasionText(o: {
  label: string;
  turning: number | null;
  inDays: number;
  on: string;
}): string {
  const turning = o.turning ? ` (turning ${o.turning})` : "";
  const when =
    o.inDays === 0 ? "today" : o.inDays === 1 ? "tomorrow" : `${formatDate(o.on)} (in ${o.inDays} days)`;
  return `${o.label}${turning}, ${when}`;
}
