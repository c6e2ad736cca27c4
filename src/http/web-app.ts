/**
 * The web app (DESIGN §4.3): the files Vite built into dist/web, served on the API's port. Hashed
 * assets are cached for good; every other page address gets index.html, where the app's router
 * takes over. Precompressed .br/.gz files (written at build time) are sent to browsers that take them.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { serveStatic } from "@hono/node-server/serve-static";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Env } from "./app.js";

/** dist/web beside the bundled server, or the package's dist/web when running from the sources. */
export function findWebRoot(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, "web"), join(here, "..", "..", "dist", "web")];
  return candidates.find((dir) => existsSync(join(dir, "index.html"))) ?? null;
}

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Goodwill</title>
<p>The web app has not been built yet. Run <code>npm run build</code> (or <code>npm start</code>), then reload.
The API answers meanwhile: <a href="/api/docs">/api/docs</a>.</p>`;

/**
 * The web app's pages a reminder note links to. Their signed token has a dot in it, and its tail
 * after the dot can look like a file's extension ("/act/eyJ2….Zk3q9"): they are pages all the same.
 */
const NOTE_LINK_PAGE = /^\/(act|unsubscribe)\/[^/]+$/;

export function registerWebApp(app: OpenAPIHono<Env>, root: string | null = findWebRoot()): void {
  const isPage = (path: string) =>
    NOTE_LINK_PAGE.test(path) ||
    (!path.startsWith("/api/") && path !== "/openapi.json" && !/\.[a-z0-9]+$/i.test(path));

  if (root === null) {
    app.get("*", (c, next) => (isPage(c.req.path) ? c.html(NOT_BUILT, 200) : next()));
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
    if (!isPage(c.req.path)) return files(c, next);
    c.header("Cache-Control", "no-cache");
    return index(c, next);
  });
}
