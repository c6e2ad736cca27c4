/**
 * Introductions with double opt-in (DESIGN §1): I ask each side first, and only when both agreed do
 * I connect them. Either side may agree first; "agreed" is the status once both have.
 */
import { firstName } from "./playbook.js";

export const INTRODUCTION_STATUSES = [
  "proposed",
  "a_agreed",
  "b_agreed",
  "agreed",
  "made",
  "declined",
] as const;
export type IntroductionStatus = (typeof INTRODUCTION_STATUSES)[number];

/** What the user may say happened next: `intro set ID MOVE`. */
export const INTRODUCTION_MOVES = ["a_agreed", "b_agreed", "made", "declined"] as const;
export type IntroductionMove = (typeof INTRODUCTION_MOVES)[number];

/** The moves allowed from a status; from `made`, only `made` again, to record how it turned out. */
export function allowedMoves(status: IntroductionStatus): IntroductionMove[] {
  switch (status) {
    case "proposed":
      return ["a_agreed", "b_agreed", "declined"];
    case "a_agreed":
      return ["b_agreed", "declined"];
    case "b_agreed":
      return ["a_agreed", "declined"];
    case "agreed":
      return ["made", "declined"];
    case "made":
      return ["made"];
    case "declined":
      return [];
  }
}

/** The status after a move, or null when the move is not allowed from this status. */
export function applyMove(status: IntroductionStatus, move: IntroductionMove): IntroductionStatus | null {
  if (!allowedMoves(status).includes(move)) return null;
  if (move === "a_agreed") return status === "b_agreed" ? "agreed" : "a_agreed";
  if (move === "b_agreed") return status === "a_agreed" ? "agreed" : "b_agreed";
  return move;
}

interface Side {
  name: string;
  title: string | null;
  organization: string | null;
}

function describe(side: Side): string {
  const role = [side.title, side.organization].filter(Boolean).join(" at ");
  return role ? `${side.name} (${role})` : side.name;
}

/** The two opt-in messages, one to each side, for the user to send in their own words or as they are. */
export function optInMessages(a: Side, b: Side, reason: string): { toA: string; toB: string } {
  const why = reason.trim().replace(/[.!]+$/, "");
  const message = (to: Side, other: Side) =>
    `Hi ${firstName(to.name)}, I would like to introduce you to ${describe(other)}. Why I think you should meet: ${why}. ` +
    `Would you be happy for me to connect you? No pressure at all; if now is not a good time, just say so.`;
  return { toA: message(a, b), toB: message(b, a) };
}
