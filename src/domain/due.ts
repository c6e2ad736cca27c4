/** Who is due for attention (DESIGN §3.3): time since contact measured in the person's own rhythm. */
import { daysBetween } from "./decay.js";
import { BRIDGE_FACTOR, LAYER_RULES, layerCadence } from "./defaults.js";
import type { DueStatus, Layer } from "./model.js";

export interface CadenceInput {
  layer: Layer;
  cadenceDays: number | null;
  isColleague: boolean;
  isBridge: boolean;
}

/** override wins (0 → none); layer default (50: 90 colleague / 180 otherwise; 500 none); ×0.75 for bridge ties (override not scaled) */
export function cadenceFor(input: CadenceInput): number | null {
  if (input.cadenceDays !== null) return input.cadenceDays > 0 ? input.cadenceDays : null;
  const base = layerCadence(input.layer, input.isColleague);
  if (base === null) return null;
  return input.isBridge ? base * BRIDGE_FACTOR : base;
}

/** a bridge tie: a colleague in another department than mine (both known), or an external contact who has an organization */
export function isBridgeTie(
  p: { isColleague: boolean; departmentId: string | null; organizationId: string | null },
  me: { departmentId: string | null },
): boolean {
  if (p.isColleague)
    return p.departmentId !== null && me.departmentId !== null && p.departmentId !== me.departmentId;
  // An external contact with an organization is a work tie into another world: Burt's bridge.
  return p.organizationId !== null;
}

export interface DueInput {
  layer: Layer;
  /** effective cadence from cadenceFor */
  cadenceDays: number | null;
  lastContactAt: number | null;
  addedAt: number;
  openLoops: number;
  occasionSoon: boolean;
  overdrawn: boolean;
}

export interface Due {
  status: DueStatus;
  daysSinceContact: number | null;
  cadenceDays: number | null;
  overdueRatio: number | null;
  priority: number;
}

// After eight missed rhythms a tie has most likely decayed (Navarro et al. 2017): more overdue adds nothing.
export const MAX_OVERDUE = 8;

/** Status and priority at `now`; with no contact yet the clock runs from the day the person was added. */
export function dueAt(input: DueInput, nowMs: number): Due {
  const sinceContact =
    input.lastContactAt === null ? null : Math.max(0, daysBetween(input.lastContactAt, nowMs));
  const daysSinceContact = sinceContact === null ? null : Math.floor(sinceContact);
  const extras = input.openLoops + (input.occasionSoon ? 0.5 : 0) + (input.overdrawn ? 0.5 : 0);

  const cadence = input.cadenceDays !== null && input.cadenceDays > 0 ? input.cadenceDays : null;
  if (cadence === null) {
    return {
      status: "none",
      daysSinceContact,
      cadenceDays: null,
      overdueRatio: null,
      priority: round2(extras),
    };
  }
  const elapsed = sinceContact ?? Math.max(0, daysBetween(input.addedAt, nowMs));
  const x = elapsed / cadence;
  const priority = LAYER_RULES[input.layer].priorityWeight * Math.min(x, MAX_OVERDUE) + extras;
  return {
    status: statusFor(x),
    daysSinceContact,
    cadenceDays: cadence,
    overdueRatio: round2(x),
    priority: round2(priority),
  };
}

function statusFor(x: number): DueStatus {
  if (x < 0.8) return "fresh";
  if (x < 1) return "due-soon";
  if (x < 2) return "due";
  if (x < MAX_OVERDUE) return "cooling";
  return "dormant";
}

/** Whether a status asks for attention now: due, cooling or dormant. */
export function isDue(status: DueStatus): boolean {
  return status === "due" || status === "cooling" || status === "dormant";
}

// floor(x + 0.5) rather than Math.round: the agenda's SQL ranking computes the same bits (issue 16 §2).
function round2(x: number): number {
  return Math.floor(x * 100 + 0.5) / 100;
}
