/** The department map (DESIGN §4.1 `map`): how well I am connected to each department of my organization. */
import type { BalanceLabel } from "./model.js";

export type DepartmentStatus = "strong" | "thin" | "none" | "overdrawn";

/** At least this many people known in a department, with at least this average strength, is strong. */
export const STRONG_MIN_PEOPLE = 2;
export const STRONG_MIN_AVERAGE_STRENGTH = 40;

/**
 * A department's status, from the people there I have been in touch with (a name never contacted,
 * an imported card, is not a tie): `none` when there is nobody; `overdrawn` when the department's
 * balance is (that is the one to fix first, however many people I know); `strong` with two or more
 * of them and an average strength of 40 or more; `thin` otherwise.
 */
export function departmentStatus(input: {
  /** people there I have been in touch with at least once */
  contacted: number;
  /** their average strength; null when there is none */
  averageStrength: number | null;
  balance: BalanceLabel;
}): DepartmentStatus {
  if (input.contacted === 0) return "none";
  if (input.balance === "overdrawn") return "overdrawn";
  if (input.contacted >= STRONG_MIN_PEOPLE && (input.averageStrength ?? 0) >= STRONG_MIN_AVERAGE_STRENGTH)
    return "strong";
  return "thin";
}
