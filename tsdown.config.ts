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
  outDir: "dist",
  clean: true,
  dts: false,
  sourcemap: false,
  minify: true,
  // Few, purposeful chunks: each one costs a module load at start-up. The CLI's own code rides in
  // the entry; the store (Kysely, SQLite) and the address-book formats load when a command needs them.
  outputOptions: {
    codeSplitting: {
      groups: [
        {
          name: "store",
          test: /node_modules[\\/](kysely|better-sqlite3|bindings|file-uri-to-path)[\\/]|src[\\/]storage[\\/]/,
        },
        { name: "app", test: /src[\\/](app|domain|errors)/ },
      ],
    },
  },
  deps: {
    neverBundle: NATIVE,
    alwaysBundle: (id) => !NATIVE.test(id),
    onlyBundle: false,
  },
});
