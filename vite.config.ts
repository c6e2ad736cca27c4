import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { VitePWA } from "vite-plugin-pwa";

// Beside the server bundle, where src/http/web-app.ts looks for it (GOODWILL_DIST: see tsdown.config.ts).
const OUT = resolve(process.env.GOODWILL_DIST ?? "dist", "web");

// The server sends these precompressed files to browsers that accept them (src/http/web-app.ts),
// so a phone on a slow link gets the small size without compressing on every request.
function precompress(): Plugin {
  return {
    name: "goodwill-precompress",
    apply: "build",
    closeBundle() {
      const dir = join(OUT, "assets");
      for (const name of readdirSync(dir)) {
        if (!/\.(js|css|svg)$/.test(name)) continue;
        const file = join(dir, name);
        const bytes = readFileSync(file);
        writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
  };
}

/** The colours of the installed app: its title bar, and the screen shown while it starts. */
const THEME = "#2f6f5e";
const BACKGROUND = "#f6f7f5";

/**
 * Installable and usable offline (issue 14): the web manifest, and web/src/sw.ts built into /sw.js
 * with the list of files to keep (the app shell: index.html, every script and style, the icons).
 * The app registers it itself (web/src/offline/update-banner.tsx), asking before a new version
 * takes over.
 */
function installable() {
  return VitePWA({
    strategies: "injectManifest",
    srcDir: "src",
    filename: "sw.ts",
    registerType: "prompt",
    injectRegister: false,
    manifestFilename: "manifest.webmanifest",
    manifest: {
      id: "/",
      name: "Goodwill",
      short_name: "Goodwill",
      description:
        "A give-first relationship manager: your people, the moments you share, and who helped whom.",
      start_url: "/",
      scope: "/",
      display: "standalone",
      theme_color: THEME,
      background_color: BACKGROUND,
      categories: ["productivity", "social"],
      icons: [
        { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
        { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
        { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
      ],
      // Sharing a text or a link into Goodwill opens Log a moment with it (web/src/offline/share-target.tsx).
      share_target: {
        action: "/share",
        method: "GET",
        enctype: "application/x-www-form-urlencoded",
        params: { title: "title", text: "text", url: "url" },
      },
      shortcuts: [{ name: "Log a moment", short_name: "Log", url: "/share" }],
    },
    injectManifest: {
      // Not the .gz and .br copies beside them (precompress above): the server picks those itself.
      // The plugin adds the manifest and its icons.
      globPatterns: ["**/*.{js,css,html,svg}"],
      // Hashed names change with their content: no need to add a revision to their address.
      dontCacheBustURLsMatching: /^assets\//,
      maximumFileSizeToCacheInBytes: 2 * 1024 * 1024,
    },
  });
}

export default defineConfig({
  root: "web",
  plugins: [react(), precompress(), installable()],
  build: {
    outDir: OUT,
    emptyOutDir: true,
    target: "es2022",
    reportCompressedSize: false,
  },
  server: {
    // `npm run dev:web` beside `goodwill serve --port 7777`: the API stays on its own origin.
    proxy: { "/api": "http://127.0.0.1:7777", "/openapi.json": "http://127.0.0.1:7777" },
  },
});
