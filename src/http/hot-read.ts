/**
 * The API's hottest read, `GET /api/v1/people/{id}` with a bearer token, answered before the web
 * framework when everything the answer needs is already in the read cache: the token's verdict
 * (middleware/authenticate.ts) and the person's JSON bytes (routes/people.routes.ts). Both were put
 * there by an earlier request that went the whole way through the app, both are keyed by the owner
 * (or the token) they belong to, and both go with the next write. So this answers exactly what the
 * app would answer now; anything it does not recognise (a miss, a cookie, a query, another Host, a
 * revoked token) goes through the app.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { isId } from "../storage/keys.js";
import type { ReadCache } from "../storage/read-cache.js";
import type { ServerOptions } from "./env.js";
import { bearerKey, type TokenVerdict } from "./middleware/authenticate.js";
import { logRequest, requestLogger } from "./middleware/request-log.js";
import { SECURITY_HEADERS } from "./middleware/security-headers.js";

const PEOPLE = "/api/v1/people/";

/** Where the route keeps a person's answer as JSON bytes, for the owner who may read it. */
export const personAnswerKey = (ownerId: string, personId: string) => `person-json:${ownerId}:${personId}`;

/** The answer's headers but its length: what the app sends with securedJson. */
const HEADERS = { "content-type": "application/json", ...SECURITY_HEADERS };

/**
 * A request handler that answers a cached read of a person and returns true, or returns false
 * having touched nothing, for the app to serve the request.
 */
export function hotPersonRead(
  options: Pick<ServerOptions, "store" | "clock" | "boundHosts" | "logger">,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const cache: ReadCache = options.store.readCache;
  const now = options.clock ?? Date.now;
  const bound = options.boundHosts;
  const log = requestLogger(options.logger);
  return (req, res) => {
    const url = req.url;
    if (req.method !== "GET" || url === undefined || !url.startsWith(PEOPLE)) return false;
    const personId = url.slice(PEOPLE.length);
    if (!isId(personId)) return false;
    const authorization = req.headers.authorization;
    if (authorization === undefined || authorization.slice(0, 7).toLowerCase() !== "bearer ") return false;
    // Node keeps the first of two Authorization headers, the app sees both joined (and refuses them).
    if (authorizations(req.rawHeaders) !== 1) return false;
    // A local-mode server answers only to its own names (middleware/host-check.ts); a team server
    // to any, but a Host it was not bound to is rare enough to leave to the app.
    if (bound && !bound.includes((req.headers.host ?? "").toLowerCase())) return false;
    const started = log ? performance.now() : 0;
    const verdict = cache.peek<TokenVerdict>(bearerKey(authorization.slice(7).trim(), now()));
    if (!verdict?.ownerId) return false;
    const body = cache.peek<Uint8Array>(personAnswerKey(verdict.ownerId, personId));
    if (!body) return false;
    res.writeHead(200, { ...HEADERS, "content-length": body.byteLength });
    res.end(body);
    if (log) logRequest(log, "GET", url, 200, started);
    return true;
  };
}

function authorizations(raw: readonly string[]): number {
  let count = 0;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i];
    if (name?.length === 13 && name.toLowerCase() === "authorization") count++;
  }
  return count;
}
