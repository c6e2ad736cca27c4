import { defineConfig, type UserConfig } from "tsdown";

const OUT_DIR = process.env.GOODWILL_DIST ?? "dist";
const NATIVE = /^(pg|pg-native)(\/|$)|\.node$/;
const LAZY_CHILD_PROCESS = "\0goodwill:lazy-child-process";

// The `goodwill` binary is two builds. dist/goodwill.cjs, a small launcher, installs the V8 code
// cache (src/cli/compile-cache.ts) and requires dist/cli.cjs, the CLI. Both are CommonJS: only
// CommonJS can use a code cache on Node 20, and Node's ES module loader costs a start ~3 ms. Commands load their code with import() (a
// require() of a chunk here), so tsdown splits it into chunks: `goodwill gave` never parses the
// importers. Dependencies are bundled too (Kysely unbundled is hundreds of small modules and costs
// ~130 ms to load); native ones are not.
const shared = {
  platform: "node",
  target: "node20",
  // GOODWILL_DIST builds elsewhere (several people testing one checkout at once); dist/ by default.
  outDir: OUT_DIR,
  dts: false,
  sourcemap: false,
  logLevel: "warn",
  minify: true,
} satisfies UserConfig;

// tsdown cleans for both builds before either starts: the bundle's files (.mjs: an older build's
// launcher), never dist/web: that is Vite's, and a server may be serving it while `npm install` or
// `npx goodwill` runs `prepare` (which rebuilds this bundle).
const clean = [`${OUT_DIR}/*.cjs`, `${OUT_DIR}/*.mjs`];

const launcher = defineConfig({
  ...shared,
  entry: { goodwill: "src/cli/bin.ts" },
  format: "cjs",
  clean,
});

const cli = defineConfig({
  ...shared,
  entry: { cli: "src/cli/main.ts" },
  format: "cjs",
  clean,
  outputOptions: {
    // import() of a Node built-in as require(): a file compiled with a code cache (a vm.Script)
    // has no loader for import() on Node 20 (src/cli/compile-cache.ts).
    dynamicImportInCjs: false,
    codeSplitting: {
      groups: [
        {
          // What every command on a store runs (commander, the runtime, the journaled service, the
          // SQLite store) with everything they import, in one chunk: Node's ESM loader resolves,
          // opens, stats and reads each file (about a millisecond each, profiled here), so `goodwill
          // gave` loads 4 files, not 38. The use-cases a command seldom runs stay chunks of their own.
          name: "core",
          test: /node_modules[\\/]commander[\\/]|src[\\/](cli[\\/](runtime|output)\.|service[\\/](journaled|local)-service\.|storage[\\/](store\.|owner\.repository\.|sqlite[\\/]sqlite-dialect\.))/,
        },
        {
          // The migrations, in one chunk loaded when a store's schema is behind (its first command,
          // or after an upgrade): the other commands do not parse them. Kysely's migrator.js stays
          // in the core: its SQLite introspector imports the migration table's name from it.
          name: "migrate",
          test: /src[\\/]storage[\\/](migrations[\\/]\d|sqlite[\\/]sqlite-migrate\.)/,
        },
      ],
    },
  },
  // The runtime and the store are import()ed by commands yet statically by the server: both load
  // the core chunk, which is what is wanted here, not a mistake to warn about.
  checks: { ineffectiveDynamicImport: false },
  plugins: [
    {
      // commander requires node:child_process as it loads, for executable subcommands, which
      // Goodwill has none of; loading it (with net, dgram and streams) costs every command a few
      // milliseconds. Commander gets it on first use instead.
      name: "goodwill:commander-child-process-on-use",
      resolveId(source, importer) {
        if (/^(node:)?child_process$/.test(source) && importer && /[\\/]commander[\\/]/.test(importer))
          return LAZY_CHILD_PROCESS;
        return null;
      },
      load(id) {
        if (id !== LAZY_CHILD_PROCESS) return null;
        // CommonJS, as commander is: what require() hands it is this object, not a namespace.
        return `module.exports = new Proxy({}, { get: (_, key) => require("node:child_process")[key] });`;
      },
    },
  ],
  deps: {
    neverBundle: NATIVE,
    alwaysBundle: (id) => !NATIVE.test(id),
    onlyBundle: false,
  },
});

export default [launcher, cli];
