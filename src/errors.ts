/**
 * The one error type of Goodwill. Every failure a user can cause or meet has a code from this union;
 * adapters map codes to exit codes (CLI) or HTTP statuses (server), nothing else does.
 */
export type ErrorCode =
  | "usage" // the command line itself is wrong: unknown command or option, missing argument
  | "invalid" // a value is not acceptable: bad date, weight out of range, empty summary
  | "not_found" // no such person, ask, commitment, department …
  | "ambiguous" // a name matches several people, or a person and a department
  | "conflict" // the request contradicts what is stored (e.g. fulfilling a declined ask)
  | "not_an_address_book" // an import file that is no address book at all
  | "store_unavailable" // the database cannot be opened or is misconfigured
  | "unauthorized" // no valid session or token (or a team server refused the CLI's token)
  | "token_revoked" // an API token that was valid once and has been revoked: a new one is needed
  | "forbidden" // a cross-site request, or a host name this server does not answer to
  | "rate_limited" // too many attempts; try again later
  | "too_large" // a request body over the limit
  | "malformed" // a request body that is not valid JSON
  | "internal"
  | "possible_duplicate" // adding someone who may already be there (same name, email or phone)
  | "precondition_failed" // a write whose If-Match / If-None-Match no longer holds (CardDAV)
  | "unsupported_media_type"; // a request body sent without its Content-Type (application/json)

export class GoodwillError extends Error {
  override readonly name = "GoodwillError";

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  toJSON(): { error: { code: ErrorCode; message: string; details?: unknown } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

/** Shorthand for the most common failure: a value the user gave is not acceptable. */
export function invalid(message: string, details?: unknown): GoodwillError {
  return new GoodwillError("invalid", message, details);
}

export function notFound(message: string, details?: unknown): GoodwillError {
  return new GoodwillError("not_found", message, details);
}
