/** The department map (DESIGN §4.1 `map`): how well I am connected to each department of my organization. */
import type { BalanceLabel } from "./model.js";

export type DepartmentStatus = "strong" | "thin" | "none" | "overdrawn";

/** At least this many people known in a department, with at least this average strength, is strong. */
export const STRONG_MIN_PEOPLE = 2;
export const STRONG_MIN_AVERAGE_STRENGTH = 40;

/**
 * A department's status: `none` when I know nobody there; `overdrawn` when its balance is (that is
 * the one to fix first, however many people I know); `strong` with two or more people and an
 * average strength of 40 or more; `thin` otherwise.
 */
export function departmentStatus(input: {
  people: number;
  averageStrength: number | null;
  balance: BalanceLabel;
}): DepartmentStatus {
  if (input.people === 0) return "none";
  if (input.balance === "overdrawn") return "overdrawn";
  if (input.people >= STRONG_MIN_PEOPLE && (input.averageStrength ?? 0) >= STRONG_MIN_AVERAGE_STRENGTH)
    return "strong";
  return "thin";
}
