import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

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

export default defineConfig({
  root: "web",
  plugins: [react(), precompress()],
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
