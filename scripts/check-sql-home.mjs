#!/usr/bin/env node
/**
 * Every SQL statement lives in src/storage (issue 15 §1): a query builder call (`selectFrom`,
 * `insertInto`, `updateTable`, `deleteFrom`, a `with` clause…) or a `sql` template anywhere else
 * fails `npm run lint`, naming the file and line. Benchmarks, tests and scripts may query as they
 * like. Usage: node scripts/check-sql-home.mjs [root] (the repository by default).
 */
import { readdirSync, readFileSync, realpathSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** Where statements may be written: the storage layer, and code that is not the product. */
const ALLOWED = ["src/storage/", "bench/", "test/", "scripts/"];
const ALLOWED_FILE = /\.test\.tsx?$/;

const SKIP_DIRS = new Set(["node_modules", "dist", "coverage", ".git", ".bench"]);
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

/** A statement being built: a query builder's entry point, a CTE, or a raw `sql` template. */
const QUERY = [
  /\.(selectFrom|selectNoFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto)\s*\(/,
  /\.with(Recursive)?\s*\(\s*["'`]/,
  /(^|[^\w.$])sql\s*(<[^`;]*>)?\s*`/,
  /(^|[^\w.$])sql\.(raw|ref|lit|id|table|val|join)\s*\(/,
];

function* sources(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || SKIP_DIRS.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (SOURCE.test(entry.name)) yield path;
  }
}

/** The lines of a file outside comments, with their numbers. */
function* codeLines(text) {
  let inBlock = false;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    if (inBlock) {
      const end = line.indexOf("*/");
      if (end < 0) continue;
      line = line.slice(end + 2);
      inBlock = false;
    }
    line = line.replace(/\/\*.*?\*\//g, "");
    const open = line.indexOf("/*");
    if (open >= 0) {
      line = line.slice(0, open);
      inBlock = true;
    }
    if (line.trimStart().startsWith("//")) continue;
    yield [i + 1, line];
  }
}

/** Every query outside storage, as `file:line`. */
export function findMisplacedQueries(root) {
  const found = [];
  for (const path of sources(root)) {
    const file = relative(root, path).split(sep).join("/");
    if (ALLOWED.some((dir) => file.startsWith(dir)) || ALLOWED_FILE.test(file)) continue;
    for (const [number, line] of codeLines(readFileSync(path, "utf8"))) {
      if (!QUERY.some((pattern) => pattern.test(line))) continue;
      found.push({ file, line: number, text: line.trim() });
    }
  }
  return found;
}

const isMain =
  process.argv[1] && realpathSync(fileURLToPath(import.meta.url)) === realpathSync(process.argv[1]);
if (isMain) {
  const root = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), "..");
  const found = findMisplacedQueries(root);
  if (found.length > 0) {
    for (const q of found) console.error(`${q.file}:${q.line}: a query outside src/storage: ${q.text}`);
    console.error(
      `\n${found.length} ${found.length === 1 ? "query is" : "queries are"} outside src/storage. Move each ` +
        "statement word for word into a repository there (one per table or read model, starting from " +
        "ownedBy(db, ownerId) for the owner filter) and call it from the use-case.",
    );
    process.exit(1);
  }
}
