/** /openapi.json (OpenAPI 3.1) and the API reference page, served from this server, no CDN. */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Env } from "../env.js";

const ASSETS = new Set(["swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js"]);

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Goodwill API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="api"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;

// A script file, not inline, so the page works under the server's Content-Security-Policy.
const INIT = `window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#api", deepLinking: true });`;

export function registerDocsRoutes(app: OpenAPIHono<Env>): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "an API token (goodwill token create, or POST /api/v1/auth/token)",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "goodwill_session_4321",
    description:
      "the session cookie set by signing in; its name ends with the port of the server's address (goodwill_session_4321 at :4321), and is goodwill_session when the address names no port",
  });
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Goodwill API",
      version: "1",
      description:
        'Everything the goodwill CLI can do, over HTTP. Errors are {"error":{"code","message","details"?}} with stable codes; another account\'s records answer 404.',
    },
    security: [{ bearer: [] }, { session: [] }],
  });

  const distDir = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
  app.get("/api/docs", (c) => c.html(PAGE));
  app.get("/api/docs/init.js", (c) =>
    c.body(INIT, 200, { "content-type": "text/javascript; charset=utf-8" }),
  );
  app.get("/api/docs/:asset", async (c) => {
    const asset = c.req.param("asset");
    if (!ASSETS.has(asset)) return c.notFound();
    const body = await readFile(join(distDir, asset));
    return c.body(body, 200, {
      "content-type": asset.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8",
      "cache-control": "public, max-age=86400",
    });
  });
}
