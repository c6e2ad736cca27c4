/**
 * The security headers every answer carries, fixed once at start: no framing, no sniffing, no
 * referrer, same-origin resources, and a content security policy for the web app (HTTPS and its
 * Strict-Transport-Security are the reverse proxy's business, docs/deploy.md).
 */
import type { MiddlewareHandler } from "hono";

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Cross-Origin-Resource-Policy": "same-origin",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Origin-Agent-Cluster": "?1",
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
  "X-DNS-Prefetch-Control": "off",
  "X-Download-Options": "noopen",
  "X-Frame-Options": "DENY",
  "X-Permitted-Cross-Domain-Policies": "none",
  "X-XSS-Protection": "0",
  "Content-Security-Policy":
    "frame-ancestors 'none'; default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'",
};
const ENTRIES = Object.entries(SECURITY_HEADERS);

/** Answers made with the headers already in place (see securedJson). */
const secured = new WeakSet<Response>();

/**
 * A JSON answer that carries the security headers from the start. Setting them afterwards would
 * turn the answer's plain header object into a Headers instance, the costly part of a cached read.
 */
export function securedJson(body: string | Uint8Array, status: number): Response {
  const response = new Response(body, {
    status,
    headers: { "content-type": "application/json", ...SECURITY_HEADERS },
  });
  secured.add(response);
  return response;
}

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  if (secured.has(c.res)) return;
  const headers = c.res.headers;
  for (const [name, value] of ENTRIES) headers.set(name, value);
  headers.delete("X-Powered-By");
};
