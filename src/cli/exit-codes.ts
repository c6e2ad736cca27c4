import type { ErrorCode } from "../errors.js";

/** DESIGN §4.1: 0 ok · 1 internal · 2 usage · 3 not found · 4 ambiguous, invalid, conflict or a possible duplicate · 5 store. */
export const EXIT_CODES: Record<ErrorCode, number> = {
  internal: 1,
  usage: 2,
  not_found: 3,
  ambiguous: 4,
  invalid: 4,
  conflict: 4,
  not_an_address_book: 4,
  store_unavailable: 5,
  // Talking to a team server: a refused token or address is a configuration problem.
  unauthorized: 5,
  token_revoked: 5,
  forbidden: 5,
  rate_limited: 4,
  too_large: 4,
  malformed: 4,
  possible_duplicate: 4,
  precondition_failed: 4,
  unsupported_media_type: 4,
};
