import { describe, expect, it } from "vitest";
import { DAY_MS } from "./decay.js";
import {
  addLedgerEvent,
  balanceAt,
  balanceSeries,
  combineLedgerSums,
  EMPTY_LEDGER_SUMS,
  labelFor,
  ledgerSumsOf,
  monthlyFlows,
  monthlySamples,
} from "./giving-balance.js";
import type { LedgerEvent } from "./model.js";

const NOW = Date.UTC(2026, 2, 1);
const MONTH_MS = (365 / 12) * DAY_MS;

function received(weight: number, at: number): LedgerEvent {
  return { direction: "received", kind: "favor", weight, at };
}
function gave(weight: number, at: number): LedgerEvent {
  return { direction: "gave", kind: "favor", weight, at };
}

describe("giving balance", () => {
  it("twelve favors of weight 2, one a month, the latest a month ago, give a received total of about 16.8 and a ratio of about 0.05", () => {
    // q = 0.5^(1/12) = 0.943874; Σ_{k=1..12} q^k = q·(1 − q^12)/(1 − q) = 0.943874·0.5/0.056126 = 8.40858
    // R = 2 · 8.40858 = 16.8172; G = 0; ratio = 1 / (16.8172 + 2) = 0.05314
    const events = Array.from({ length: 12 }, (_, i) => received(2, NOW - (i + 1) * MONTH_MS));
    const balance = balanceAt(ledgerSumsOf(events), NOW);
    expect(balance.received).toBeCloseTo(16.8172, 3);
    expect(balance.gave).toBe(0);
    expect(balance.ratio).toBeCloseTo(0.05314, 4);
    expect(balance.label).toBe("overdrawn");
    expect(balance.entries).toBe(12);
  });

  it("a lunch given half a year ago counts half and leaves the balance giving", () => {
    // G = 3 · 0.5^(180/180) = 1.5; R = 0; ratio = 2.5 / 3.5 = 0.714
    const balance = balanceAt(ledgerSumsOf([gave(3, NOW - 180 * DAY_MS)]), NOW);
    expect(balance.gave).toBeCloseTo(1.5, 10);
    expect(balance.ratio).toBeCloseTo(0.7143, 4);
    expect(balance.label).toBe("giving");
  });

  it("a single micro-favor received today leaves the balance balanced at 0.4", () => {
    // G = 0, R = 0.5; ratio = 1 / 2.5 = 0.4: the +1/+2 prior keeps a young ledger near the middle
    const balance = balanceAt(ledgerSumsOf([received(0.5, NOW)]), NOW);
    expect(balance.ratio).toBeCloseTo(0.4, 10);
    expect(balance.label).toBe("balanced");
  });

  it("an empty ledger is balanced at one half", () => {
    const balance = balanceAt(EMPTY_LEDGER_SUMS, NOW);
    expect(balance).toEqual({ gave: 0, received: 0, ratio: 0.5, label: "balanced", entries: 0 });
  });

  it("a communal person shows no numbers, only that the ledger is untracked", () => {
    const balance = balanceAt(ledgerSumsOf([received(8, NOW)]), NOW, "communal");
    expect(balance).toEqual({ gave: null, received: null, ratio: null, label: "untracked", entries: 1 });
  });

  it("labels at the edges: 0.35 and 0.65 are still balanced", () => {
    expect(labelFor(0.3499, 10)).toBe("overdrawn");
    expect(labelFor(0.35, 10)).toBe("balanced");
    expect(labelFor(0.65, 10)).toBe("balanced");
    expect(labelFor(0.6501, 10)).toBe("giving");
  });

  it("overdrawn needs two five-minute favors' worth received: R of 4 as shown, to one decimal", () => {
    expect(labelFor(0.2, 4)).toBe("overdrawn");
    expect(labelFor(0.2, 3.95)).toBe("overdrawn"); // shown as "received 4.0"
    expect(labelFor(0.2, 3.94)).toBe("balanced"); // shown as "received 3.9"
    expect(labelFor(0.01, 0)).toBe("balanced");
  });

  it("one favor received yesterday is a thank-you owed, not an overdraft: balanced at 0.25", () => {
    // R = 2 · 0.5^(1/365) = 1.996; ratio = 1 / 3.996 = 0.250 (below 0.35), but R < 4
    const balance = balanceAt(ledgerSumsOf([received(2, NOW - DAY_MS)]), NOW);
    expect(balance.ratio).toBeCloseTo(0.2502, 4);
    expect(balance.label).toBe("balanced");
  });

  it("two favors received in the last week are overdrawn; the same two favors two months ago are not", () => {
    // 5 days: R = 4 · 0.5^(5/365) = 3.962 → shows 4.0; ratio = 1 / 5.962 = 0.168
    const lastWeek = balanceAt(
      ledgerSumsOf([received(2, NOW - 5 * DAY_MS), received(2, NOW - 5 * DAY_MS)]),
      NOW,
    );
    expect(lastWeek.received).toBeCloseTo(3.962, 3);
    expect(lastWeek.label).toBe("overdrawn");
    // 60 days: R = 4 · 0.5^(60/365) = 3.569 → 3.6, below the evidence
    const older = balanceAt(
      ledgerSumsOf([received(2, NOW - 60 * DAY_MS), received(2, NOW - 60 * DAY_MS)]),
      NOW,
    );
    expect(older.received).toBeCloseTo(3.569, 3);
    expect(older.label).toBe("balanced");
    // a third favor makes it overdrawn again
    const three = balanceAt(
      ledgerSumsOf([
        received(2, NOW - 60 * DAY_MS),
        received(2, NOW - 60 * DAY_MS),
        received(2, NOW - 60 * DAY_MS),
      ]),
      NOW,
    );
    expect(three.label).toBe("overdrawn");
  });

  it("kept on write, the sums equal a recomputation from the whole history", () => {
    const events = [gave(2, NOW - 400 * DAY_MS), received(3, NOW - 10 * DAY_MS), gave(1, NOW - DAY_MS)];
    const incremental = events.reduce(addLedgerEvent, EMPTY_LEDGER_SUMS);
    const full = ledgerSumsOf(events);
    expect(incremental.entries).toBe(3);
    expect(incremental.gave).toBeCloseTo(full.gave, 6);
    expect(incremental.received).toBeCloseTo(full.received, 6);
  });

  it("a department counts its own entries and its members'", () => {
    // IT itself: received 2 now; Raj in IT: received 2 now; gave 1 now to IT.
    // G = 1, R = 4, ratio = 2 / 7 = 0.2857
    const own = ledgerSumsOf([received(2, NOW), gave(1, NOW)]);
    const raj = ledgerSumsOf([received(2, NOW)]);
    const department = balanceAt(combineLedgerSums(own, raj), NOW);
    expect(department.entries).toBe(3);
    expect(department.ratio).toBeCloseTo(2 / 7, 10);
    expect(department.label).toBe("overdrawn");
  });
});

describe("balance over time", () => {
  it("each point counts only the entries made by then, and the last point is today's balance", () => {
    const events = [
      received(2, NOW - 60 * DAY_MS),
      gave(3, NOW - 30 * DAY_MS),
      received(1, NOW - 10 * DAY_MS),
    ];
    const times = [NOW - 90 * DAY_MS, NOW - 45 * DAY_MS, NOW - 20 * DAY_MS, NOW];
    const series = balanceSeries(events, times);
    expect(series.map((p) => p.entries)).toEqual([0, 1, 2, 3]);
    expect(series[0]?.ratio).toBe(0.5);
    // 45 days in: R = 2 · 0.5^(15/365) = 1.9443; ratio = 1 / 3.9443 = 0.2535, but one favor is
    // below the evidence for overdrawn (R ≥ 4)
    expect(series[1]?.ratio).toBeCloseTo(1 / (2 * 0.5 ** (15 / 365) + 2), 10);
    expect(series[1]?.label).toBe("balanced");
    const today = balanceAt(ledgerSumsOf(events), NOW);
    expect(series[3]?.ratio).toBeCloseTo(today.ratio as number, 12);
    expect(series[3]?.at).toBe(NOW);
  });

  it("a communal ledger has no numbers at any point", () => {
    const series = balanceSeries([gave(3, NOW - DAY_MS)], [NOW], "communal");
    expect(series[0]).toMatchObject({ ratio: null, label: "untracked", entries: 1 });
  });

  it("samples the first of each month from the first entry (at most two years back) and ends at now", () => {
    const now = Date.UTC(2026, 10, 25, 12);
    expect(
      monthlySamples(Date.UTC(2026, 7, 14), now).map((t) => new Date(t).toISOString().slice(0, 10)),
    ).toEqual(["2026-08-14", "2026-09-01", "2026-10-01", "2026-11-01", "2026-11-25"]);
    expect(monthlySamples(Date.UTC(2019, 0, 1), now)).toHaveLength(25);
    expect(monthlySamples(null, now).map((t) => new Date(t).toISOString().slice(0, 10))).toEqual([
      "2026-11-01",
      "2026-11-25",
    ]);
  });
});

describe("monthlyFlows: what went each way, month by month", () => {
  const at = (iso: string) => Date.parse(iso);
  const now = at("2026-11-25T12:00:00Z");

  it("every month from the first entry to this one, empty months as zeros, gives and receipts apart", () => {
    const flows = monthlyFlows(
      [
        { direction: "received", weight: 2, at: at("2026-08-03T09:00:00Z") },
        { direction: "received", weight: 1, at: at("2026-08-20T09:00:00Z") },
        { direction: "gave", weight: 0.5, at: at("2026-10-01T00:00:00Z") },
        { direction: "gave", weight: 1, at: at("2026-11-24T17:00:00Z") },
      ],
      now,
    );
    expect(flows).toEqual([
      { month: "2026-08", gave: 0, received: 3, gaveEntries: 0, receivedEntries: 2 },
      { month: "2026-09", gave: 0, received: 0, gaveEntries: 0, receivedEntries: 0 },
      { month: "2026-10", gave: 0.5, received: 0, gaveEntries: 1, receivedEntries: 0 },
      { month: "2026-11", gave: 1, received: 0, gaveEntries: 1, receivedEntries: 0 },
    ]);
  });

  it("nothing before the window counts, nothing in the future; no entries, no months", () => {
    expect(monthlyFlows([], now)).toEqual([]);
    const flows = monthlyFlows(
      [
        { direction: "gave", weight: 1, at: at("2020-01-01T00:00:00Z") },
        { direction: "gave", weight: 1, at: at("2026-10-15T00:00:00Z") },
        { direction: "received", weight: 5, at: at("2026-12-15T00:00:00Z") },
      ],
      now,
      3,
    );
    expect(flows.map((f) => [f.month, f.gave, f.received])).toEqual([
      ["2026-10", 1, 0],
      ["2026-11", 0, 0],
    ]);
  });
});
