import type { ErrorCode } from "../errors.js";

/** The HTTP status of each error code: the server's half of the two tables that map codes. */
export const ERROR_STATUS: Record<
  ErrorCode,
  400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 429 | 500 | 503
> = {
  usage: 400,
  malformed: 400,
  invalid: 422,
  not_an_address_book: 422,
  not_found: 404,
  ambiguous: 409,
  conflict: 409,
  unauthorized: 401,
  token_revoked: 401,
  forbidden: 403,
  too_large: 413,
  rate_limited: 429,
  store_unavailable: 503,
  internal: 500,
  possible_duplicate: 409,
  precondition_failed: 412,
  unsupported_media_type: 415,
};
