/**
 * The web app (DESIGN §4.3): the files Vite built into dist/web, served on the API's port. Hashed
 * assets are cached for good; every other page address gets index.html, where the app's router
 * takes over. index.html, the service worker and the web manifest are asked for again each time
 * (`no-cache`): they name the other files, and a stale one would keep an old version of the app
 * after an upgrade. Precompressed .br/.gz files (written at build time) are sent to browsers that
 * take them.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { serveStatic } from "@hono/node-server/serve-static";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Env } from "./env.js";
import { isWebAppPage } from "./web-app-pages.js";

/** dist/web beside the bundled server, or the package's dist/web when running from the sources. */
export function findWebRoot(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, "web"), join(here, "..", "..", "dist", "web")];
  return candidates.find((dir) => existsSync(join(dir, "index.html"))) ?? null;
}

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Goodwill</title>
<p>The web app has not been built yet. Run <code>npm run build</code> (or <code>npm start</code>), then reload.
The API answers meanwhile: <a href="/api/docs">/api/docs</a>.</p>`;

/** The files that name the others: asked for again on every use, never taken from a cache unasked. */
const ALWAYS_CHECKED = new Set(["/index.html", "/sw.js", "/manifest.webmanifest"]);

export function registerWebApp(app: OpenAPIHono<Env>, root: string | null = findWebRoot()): void {
  if (root === null) {
    app.get("*", (c, next) => (isWebAppPage(c.req.path) ? c.html(NOT_BUILT, 200) : next()));
    return;
  }
  app.use(
    "/assets/*",
    async (c, next) => {
      await next();
      if (c.res.status === 200) c.header("Cache-Control", "public, max-age=31536000, immutable");
    },
    serveStatic({ root, precompressed: true }),
  );
  const files = serveStatic({ root });
  const index = serveStatic({ root, path: "index.html" });
  app.get("*", async (c, next) => {
    if (!isWebAppPage(c.req.path)) {
      if (ALWAYS_CHECKED.has(c.req.path)) c.header("Cache-Control", "no-cache");
      return files(c, next);
    }
    c.header("Cache-Control", "no-cache");
    return index(c, next);
  });
}
