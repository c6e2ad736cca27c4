import { defineConfig } from "tsdown";

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
  outDir: process.env.GOODWILL_DIST ?? "dist",
  clean: true,
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
