/** An introduction of two people, as `intro --json`, the API and the web read it. */
import type { IntroductionMove, IntroductionStatus } from "../domain/introduction.js";

export interface IntroductionJson {
  id: string;
  number: number;
  a: { id: string; name: string };
  b: { id: string; name: string };
  reason: string;
  status: IntroductionStatus;
  aAgreed: boolean;
  bAgreed: boolean;
  madeAt: string | null;
  declinedAt: string | null;
  outcome: string | null;
  outcomeGood: boolean;
  createdAt: string;
  /** the moves `intro set` accepts now */
  allowedMoves: IntroductionMove[];
  /** the opt-in messages to send, one to each side */
  messages: { toA: string; toB: string };
  /**
   * Only in the answer to `made`: the open needs this introduction was made for (one side's need
   * that the other's offer meets), for the user to close as met or keep open (`needs`).
   */
  needsToSettle?: NeedToSettle[];
}

/** An open need of one side that the other side's offer meets. */
export interface NeedToSettle {
  number: number;
  person: { id: string; name: string };
  text: string;
  /** the other side, whose offer meets it */
  by: { id: string; name: string };
  /** "open" until the user says; "met" once closed by this move */
  status: "open" | "met";
}
