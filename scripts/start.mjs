#!/usr/bin/env node
// `npm start`: build what is missing or older than its sources, then run `goodwill serve` on the
// embedded store (it prints the one-time sign-in link). Extra arguments go to `goodwill serve`.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const dist = join(root, "dist");

/** The newest modification time under a directory (0 when it does not exist). */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

function mtime(file) {
  return existsSync(file) ? statSync(file).mtimeMs : 0;
}

const config = ["package.json", "tsdown.config.ts", "vite.config.ts"].map((f) => mtime(join(root, f)));
const sources = Math.max(newest(join(root, "src")), newest(join(root, "web")), ...config);
const built = Math.min(mtime(join(dist, "goodwill.cjs")), mtime(join(dist, "web", "index.html")));

if (built < sources) {
  console.log("Building Goodwill (the CLI, the server and the web app)…");
  const build = spawnSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const serve = spawn(process.execPath, [join(dist, "goodwill.cjs"), "serve", ...process.argv.slice(2)], {
  stdio: "inherit",
});
// Stopping `npm start` (Ctrl+C, kill) stops the server too.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => serve.kill(signal));
serve.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
