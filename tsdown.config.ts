import { defineConfig } from "tsdown";

const OUT_DIR = process.env.GOODWILL_DIST ?? "dist";
const NATIVE = /^(pg|pg-native)(\/|$)|\.node$/;

// One bundled entry for the `goodwill` binary. Commands load their code with import(), so tsdown
// splits it into chunks: `goodwill gave` never parses the importers. Dependencies are bundled too
// (Kysely unbundled is hundreds of small modules and costs ~130 ms to load); native ones are not.
export default defineConfig({
  entry: { goodwill: "src/cli/main.ts" },
  format: "esm",
  platform: "node",
  target: "node20",
  // GOODWILL_DIST builds elsewhere (several people testing one checkout at once); dist/ by default.
  outDir: OUT_DIR,
  // Only the bundle's own files: dist/web is Vite's, and a server may be serving it while `npm
  // install` or `npx goodwill` runs `prepare` (which rebuilds this bundle).
  clean: [`${OUT_DIR}/*.mjs`],
  dts: false,
  sourcemap: false,
  logLevel: "warn",
  minify: true,
  deps: {
    neverBundle: NATIVE,
    alwaysBundle: (id) => !NATIVE.test(id),
    onlyBundle: false,
  },
});
