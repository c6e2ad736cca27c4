/** The name of the session cookie, the one thing signing in and authenticating must agree on. */
export const SESSION_COOKIE = "goodwill_session";

/**
 * The session cookie's name for a request: `goodwill_session_<port>` when the Host the browser used
 * names a port, else `goodwill_session`. Browsers keep cookies per host name, not per port, so two
 * servers on one machine (4321 and 4322) would otherwise overwrite each other's session.
 */
export function sessionCookieName(host: string | undefined): string {
  const port = /:(\d{1,5})$/.exec(host ?? "")?.[1];
  return port ? `${SESSION_COOKIE}_${port}` : SESSION_COOKIE;
}
