/**
 * Which addresses are the web app's pages (index.html answers them, and the app's router shows the
 * screen) rather than the API, the API's documents or a file. The server and the service worker
 * (web/src/sw.ts, which answers pages from its cache when the server cannot be reached) decide with
 * this one function, so the one-time sign-in link (/api/v1/auth/local?token=…) and the health check
 * always reach the server.
 */

/** The server's own addresses outside /api/ that are not pages. */
const SERVER_PATHS = new Set(["/openapi.json", "/healthz"]);

/**
 * A reminder note's links. Their signed token has a dot in it, and its tail after the dot can look
 * like a file's extension ("/act/eyJ2….Zk3q9"): they are pages all the same.
 */
const NOTE_LINK_PAGE = /^\/(act|unsubscribe)\/[^/]+$/;

/** Whether `path` (an address's path, without the query) is one of the web app's pages. */
export function isWebAppPage(path: string): boolean {
  if (NOTE_LINK_PAGE.test(path)) return true;
  if (path === "/api" || path.startsWith("/api/") || SERVER_PATHS.has(path)) return false;
  return !/\.[a-z0-9]+$/i.test(path);
}
