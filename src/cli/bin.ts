#!/usr/bin/env node
/**
 * The `goodwill` binary (dist/goodwill.cjs): installs the V8 code cache for the bundle's CommonJS
 * files, then runs the CLI (dist/cli.cjs, built from main.ts). See compile-cache.ts. It is
 * CommonJS itself, as Node's ES module loader costs every start a few milliseconds
 * (docs/decisions.md, "CLI start-up, a CommonJS binary").
 */
import { installCompileCache } from "./compile-cache.js";

try {
  installCompileCache(__dirname, module.constructor);
} catch {
  // without the cache, the CLI compiles as usual: never a reason for a command to fail
}
// A path, not a module name: the CLI is another build's entry, never bundled into this one.
require(`${__dirname}/cli.cjs`);
