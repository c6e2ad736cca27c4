/** The giving balance (DESIGN §3.1): what I gave against what I received, both fading with time. */
import { decayedAt, growth, HALF_LIFE } from "./decay.js";
import type { BalanceLabel, LedgerEvent, LedgerMode } from "./model.js";

/** Growth sums of a ledger: gave = Σ w·growth(at,180), received = Σ w·growth(at,365), entries = count. */
export interface LedgerSums {
  gave: number;
  received: number;
  entries: number;
}

export const EMPTY_LEDGER_SUMS: LedgerSums = Object.freeze({ gave: 0, received: 0, entries: 0 });

/** Adds one ledger entry to the sums, as storage does on every write. */
export function addLedgerEvent(sums: LedgerSums, event: LedgerEvent): LedgerSums {
  if (event.direction === "gave") {
    return {
      ...sums,
      gave: sums.gave + event.weight * growth(event.at, HALF_LIFE.gave),
      entries: sums.entries + 1,
    };
  }
  return {
    ...sums,
    received: sums.received + event.weight * growth(event.at, HALF_LIFE.received),
    entries: sums.entries + 1,
  };
}

/** Computes the sums from the whole history; equal to adding the entries one by one. */
export function ledgerSumsOf(events: Iterable<LedgerEvent>): LedgerSums {
  let sums = EMPTY_LEDGER_SUMS;
  for (const event of events) sums = addLedgerEvent(sums, event);
  return sums;
}

/** Adds ledgers together: a department's balance is its own entries plus its members'. */
export function combineLedgerSums(...sums: LedgerSums[]): LedgerSums {
  let total = EMPTY_LEDGER_SUMS;
  for (const s of sums) {
    total = {
      gave: total.gave + s.gave,
      received: total.received + s.received,
      entries: total.entries + s.entries,
    };
  }
  return total;
}

export interface Balance {
  gave: number | null;
  received: number | null;
  ratio: number | null;
  label: BalanceLabel;
  entries: number;
}

/** decayed G and R at now, ratio (G+1)/(G+R+2), label; communal → label "untracked" and null numbers */
export function balanceAt(sums: LedgerSums, nowMs: number, mode: LedgerMode = "track"): Balance {
  if (mode === "communal") {
    return { gave: null, received: null, ratio: null, label: "untracked", entries: sums.entries };
  }
  const gave = decayedAt(sums.gave, nowMs, HALF_LIFE.gave);
  const received = decayedAt(sums.received, nowMs, HALF_LIFE.received);
  // The +1/+2 prior keeps a young ledger near 0.5: one favor must not brand anyone overdrawn.
  const ratio = (gave + 1) / (gave + received + 2);
  return { gave, received, ratio, label: labelFor(ratio, received), entries: sums.entries };
}

/**
 * How much must have been received (decayed R) before a low ratio reads `overdrawn`: two five-minute
 * favors' worth. One favor yesterday is a thank-you owed, not an overdraft.
 */
export const OVERDRAWN_MIN_RECEIVED = 4;

/** A ratio below this reads `overdrawn` (with evidence enough: OVERDRAWN_MIN_RECEIVED). */
export const OVERDRAWN_BELOW = 0.35;

/**
 * The label of a ratio and the decayed received total R: overdrawn below 0.35 when R ≥ 4, balanced
 * from 0.35 to 0.65 (or below 0.35 on less evidence), giving above 0.65.
 */
export function labelFor(ratio: number, received: number): Exclude<BalanceLabel, "untracked"> {
  if (ratio > 0.65) return "giving";
  // R is compared as it is shown, to one decimal: a ledger that reads "received 4.0" is evidence
  // enough, though two favors of last week have faded to 3.99.
  const evidence = Math.round(received * 10) / 10 >= OVERDRAWN_MIN_RECEIVED;
  if (ratio < OVERDRAWN_BELOW && evidence) return "overdrawn";
  return "balanced";
}

/** One point of a balance over time: the balance as it stood at `at` (epoch ms). */
export interface BalancePoint extends Balance {
  at: number;
}

/**
 * The balance as it stood at each sample time (ascending), counting only the entries made by then:
 * the curve the web app draws. Entries are added in time order, so the cost is O(entries + samples).
 */
export function balanceSeries(
  events: readonly LedgerEvent[],
  sampleTimes: readonly number[],
  mode: LedgerMode = "track",
): BalancePoint[] {
  const sorted = [...events].sort((a, b) => a.at - b.at);
  let sums = EMPTY_LEDGER_SUMS;
  let next = 0;
  return sampleTimes.map((at) => {
    while (next < sorted.length && (sorted[next] as LedgerEvent).at <= at) {
      sums = addLedgerEvent(sums, sorted[next] as LedgerEvent);
      next += 1;
    }
    return { at, ...balanceAt(sums, at, mode) };
  });
}

/**
 * Sample times for a balance chart: the first of each month from the month of the first entry (at
 * most `months` back) to now, and now itself, so the last point equals today's balance.
 */
export function monthlySamples(firstEntryMs: number | null, nowMs: number, months = 24): number[] {
  const now = new Date(nowMs);
  const earliest = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months + 1, 1);
  const start =
    firstEntryMs === null
      ? Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)
      : Math.max(earliest, firstEntryMs);
  const first = new Date(start);
  const samples = [start];
  for (let m = 1; ; m += 1) {
    const at = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + m, 1);
    if (at >= nowMs) break;
    samples.push(at);
  }
  if (start < nowMs) samples.push(nowMs);
  return samples;
}

export interface MonthFlow {
  /** YYYY-MM (UTC) */
  month: string;
  /** the weights given and received that month, and how many entries */
  gave: number;
  received: number;
  gaveEntries: number;
  receivedEntries: number;
}

/**
 * What was given and received month by month, from the month of the first entry (at most `months`
 * back) to the current month, every month present (empty ones are zeros): a chart shows the flow both
 * ways, where the balance ratio of a long, unequal relationship stays flat near one value.
 */
export function monthlyFlows(
  events: readonly { direction: "gave" | "received"; weight: number; at: number }[],
  nowMs: number,
  months = 24,
): MonthFlow[] {
  const now = new Date(nowMs);
  const monthKey = (ms: number) => new Date(ms).toISOString().slice(0, 7);
  const earliest = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months + 1, 1);
  const shown = events.filter((e) => e.at >= earliest && e.at <= nowMs);
  if (shown.length === 0) return [];
  const first = new Date(Math.min(...shown.map((e) => e.at)));
  const flows: MonthFlow[] = [];
  const byMonth = new Map<string, MonthFlow>();
  for (let m = 0; ; m += 1) {
    const at = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + m, 1);
    if (at > nowMs) break;
    const flow = { month: monthKey(at), gave: 0, received: 0, gaveEntries: 0, receivedEntries: 0 };
    flows.push(flow);
    byMonth.set(flow.month, flow);
  }
  for (const e of shown) {
    const flow = byMonth.get(monthKey(e.at));
    if (!flow) continue;
    if (e.direction === "gave") {
      flow.gave += e.weight;
      flow.gaveEntries += 1;
    } else {
      flow.received += e.weight;
      flow.receivedEntries += 1;
    }
  }
  return flows;
}
