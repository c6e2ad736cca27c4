/**
 * Introductions with double opt-in (DESIGN §1): I ask each side first, and only when both agreed do
 * I connect them. Either side may agree first; "agreed" is the status once both have.
 */

import { tellApart } from "./call-names.js";
import { matchNeedsToOffers } from "./need-offer-match.js";
import { asSentence, phraseNeed, phraseOffer } from "./need-phrasing.js";
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

/** One side of an introduction, with what they told the user they need and offer (open ones). */
export interface Side {
  name: string;
  title: string | null;
  organization: string | null;
  needs?: string[];
  offers?: string[];
}

function describe(side: Side): string {
  const role = [side.title, side.organization].filter(Boolean).join(" at ");
  return role ? `${side.name} (${role})` : side.name;
}

/**
 * What `other` brings to `to`, in a sentence to `to` that names `other`: their offer that meets one
 * of `to`'s needs first, then `to`'s offer that meets one of `other`'s needs (a chance to help),
 * then anything `other` offers; null when nothing is known.
 */
export function whatTheOtherBrings(to: Side, other: Side): string | null {
  // To Ana Lopez about Ana Silva, "Ana designs brochures" could be the reader: the whole name.
  const [, name] = tellApart(to, other);
  const pick = (needs: string[], offers: string[]) =>
    matchNeedsToOffers(
      needs.map((text, i) => ({ id: `n${i}`, personId: "needs", text })),
      offers.map((text, i) => ({ id: `o${i}`, personId: "offers", text })),
    )[0];
  const theyHelp = pick(to.needs ?? [], other.offers ?? []);
  if (theyHelp)
    return asSentence(
      `${phraseOffer(theyHelp.offer.text).about(name)}, and ${phraseNeed(theyHelp.need.text).aboutYou()}`,
    );
  const youHelp = pick(other.needs ?? [], to.offers ?? []);
  if (youHelp)
    return asSentence(
      `${phraseNeed(youHelp.need.text).about(name)}, and ${phraseOffer(youHelp.offer.text).aboutYou()}`,
    );
  const [offer] = other.offers ?? [];
  if (offer !== undefined) return asSentence(phraseOffer(offer).about(name));
  return null;
}

/** Whether `text` names this person by their first name (then it is not for their eyes as it is). */
function names(text: string, side: Side): boolean {
  const first = firstName(side.name).toLowerCase();
  return (
    first !== "" &&
    new RegExp(`(^|[^\\p{L}])${first.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}([^\\p{L}]|$)`, "iu").test(text)
  );
}

/**
 * The two opt-in messages, one to each side, for the user to send in their own words or as they
 * are. Each side reads its own sentence about what the other brings (from needs and offers), then
 * the user's reason, but only where the reason does not talk about that side in the third person
 * (it names them, or says he or she).
 */
const THIRD_PERSON = /\b(he|she|him|her|his|hers|himself|herself)\b/i;

export function optInMessages(a: Side, b: Side, reason: string): { toA: string; toB: string } {
  const why = reason.trim().replace(/[.!]+$/, "");
  const message = (to: Side, other: Side) => {
    const brings = whatTheOtherBrings(to, other);
    // "She knows macros", "Tom can get her in": a he or she may be the reader, so such a reason
    // stays the user's own note rather than describe its reader in the third person.
    const because =
      why !== "" && !names(why, to) && !THIRD_PERSON.test(why)
        ? `Why I think you should meet: ${asSentence(why)}`
        : null;
    const said = [brings, because].filter((x): x is string => x !== null);
    return (
      `Hi ${firstName(to.name)}, I would like to introduce you to ${describe(other)}. ` +
      (said.length === 0 ? "I think you two would have a lot to talk about. " : `${said.join(" ")} `) +
      "Would you be happy for me to connect you? No pressure at all; if now is not a good time, just say so."
    );
  };
  return { toA: message(a, b), toB: message(b, a) };
}
