#!/usr/bin/env node
/**
 * The `goodwill` binary (dist/goodwill.mjs): installs the V8 code cache for the bundle's CommonJS
 * files, then runs the CLI (dist/goodwill.cjs, built from main.ts). See compile-cache.ts.
 */
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { installCompileCache } from "./compile-cache.js";

try {
  installCompileCache(dirname(fileURLToPath(import.meta.url)));
} catch {
  // without the cache, the CLI compiles as usual: never a reason for a command to fail
}
createRequire(import.meta.url)("./goodwill.cjs");
