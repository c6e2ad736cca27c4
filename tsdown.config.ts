import { defineConfig } from "tsdown";

// One bundled entry for the `goodwill` binary. Commands are loaded with dynamic import(), so
// tsdown splits them into chunks and `goodwill gave` never parses the code of `import`.
export default defineConfig({
  entry: { goodwill: "src/cli/main.ts" },
  format: "esm",
  platform: "node",
  target: "node20",
  outDir: "dist",
  clean: true,
  dts: false,
  sourcemap: false,
  // Native and heavy packages stay as node_modules imports.
  external: ["better-sqlite3", "pg"],
});
