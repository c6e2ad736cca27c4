/** The defaults drawn from the research (DESIGN §2): Dunbar layers, cadences, effort weights. */
import type { Channel, ExchangeKind, Layer } from "./model.js";

export interface LayerRule {
  meaning: string;
  /** Default keep-in-touch cadence in days; colleagues and others differ only in layer 50. null: no cadence. */
  cadenceDays: { colleague: number; other: number } | null;
  priorityWeight: number;
}

export const LAYER_RULES: Record<Layer, LayerRule> = {
  5: { meaning: "inner circle", cadenceDays: { colleague: 7, other: 7 }, priorityWeight: 4 },
  15: { meaning: "close", cadenceDays: { colleague: 30, other: 30 }, priorityWeight: 3 },
  50: { meaning: "active", cadenceDays: { colleague: 90, other: 180 }, priorityWeight: 2 },
  150: { meaning: "meaningful", cadenceDays: { colleague: 365, other: 365 }, priorityWeight: 1 },
  500: { meaning: "acquaintance", cadenceDays: null, priorityWeight: 0 },
};

/** The default cadence of a layer in days, or null when the layer has none. */
export function layerCadence(layer: Layer, isColleague: boolean): number | null {
  const cadence = LAYER_RULES[layer].cadenceDays;
  if (cadence === null) return null;
  return isColleague ? cadence.colleague : cadence.other;
}

export const DEFAULT_LAYER_MANUAL: Layer = 150;
// An import must not flood the agenda, so imported people start without a cadence.
export const DEFAULT_LAYER_IMPORTED: Layer = 500;
export const DEFAULT_CLOSENESS = 3;
// An imported contact is a name in a file: how close you are is unknown, so it starts below the middle.
export const DEFAULT_CLOSENESS_IMPORTED = 2;

// Bridges between groups decay fastest (Burt 2002), so they are checked on sooner.
export const BRIDGE_FACTOR = 0.75;

export const WEIGHT_MIN = 0.25;
export const WEIGHT_MAX = 8;

const KIND_WEIGHTS: Record<ExchangeKind, number> = {
  thanks: 1,
  favor: 2,
  advice: 2,
  referral: 2,
  time: 3,
  support: 3,
  intro: 2,
  gift: 2,
  other: 1,
};

/** The effort weight of a ledger kind when the user gives none. */
export function defaultWeight(kind: ExchangeKind): number {
  return KIND_WEIGHTS[kind];
}

/** An introduction whose outcome turned out good is worth more than a plain one. */
export const INTRO_GOOD_OUTCOME_WEIGHT = 5;

/** Keeps a user-given weight within [WEIGHT_MIN, WEIGHT_MAX]; NaN falls back to the minimum. */
export function clampWeight(w: number): number {
  if (Number.isNaN(w)) return WEIGHT_MIN;
  return Math.min(WEIGHT_MAX, Math.max(WEIGHT_MIN, w));
}

/** How much one contact-day on a channel says about a tie (§3.2): meeting in person says most. */
export const CHANNEL_WEIGHTS: Record<Channel, number> = {
  in_person: 3,
  call: 2,
  video: 2,
  meeting: 1.5,
  message: 1,
  email: 1,
  event: 1,
  social: 0.25,
  other: 1,
};

/** A thank-you stays owed this long; after LATE_THANKS_DAYS it is worded as a late thank-you. */
export const THANKS_WINDOW_DAYS = 90;
export const LATE_THANKS_DAYS = 30;
export const STALE_ASK_DAYS = 30;
export const OCCASION_WINDOW_DAYS = 7;
export const AGENDA_SIZE = 7;
