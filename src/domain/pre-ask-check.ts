/** The pre-ask check (DESIGN §3.6): a gentle warning before asking where you already owe. */
import type { Balance } from "./giving-balance.js";

export interface LastYearCounts {
  received: number;
  gave: number;
}

interface Subject {
  name: string;
  balance: Balance;
  lastYear: LastYearCounts;
}

/** the warning sentence when the person's or the department's balance is overdrawn, else null. e.g. "You have received 14 times from IT in the last year and given once. Consider giving first." (given once / twice / 3 times / nothing) */
export function preAskWarning(input: { person: Subject | null; department: Subject | null }): string | null {
  const { person, department } = input;
  // Untracked (communal) balances are never "overdrawn", so they never warn.
  const subjects = [department, person].filter(
    (s): s is Subject => s !== null && s.balance.label === "overdrawn",
  );
  // Asking a department directly may pass it as both: say it once.
  const distinct = subjects.filter((s, i) => subjects.findIndex((t) => t.name === s.name) === i);
  if (distinct.length === 0) return null;
  const sentences = distinct.map(
    (s) =>
      `You have received ${times(s.lastYear.received)} from ${s.name} in the last year and given ${times(s.lastYear.gave)}.`,
  );
  return `${sentences.join(" ")} Consider giving first.`;
}

function times(n: number): string {
  if (n <= 0) return "nothing";
  if (n === 1) return "once";
  if (n === 2) return "twice";
  return `${n} times`;
}
