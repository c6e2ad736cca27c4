/**
 * A V8 code cache for the bundled CLI on Node 20 (docs/decisions.md, "a V8 code cache for the
 * CLI"): Node 20 caches nothing for ES modules and has no `module.enableCompileCache` (Node 22.1),
 * but CommonJS is compiled through `vm.Script`, which takes and makes V8's cached data. This wraps
 * `Module.prototype._compile` for the files of one folder (the dist folder) only. A cache that is
 * missing, rejected by V8, unreadable or unwritable means a normal compile: it never fails a command.
 */
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, sep } from "node:path";
import { Script } from "node:vm";

/** The environment variable that turns the cache off. */
export const NO_COMPILE_CACHE = "GOODWILL_NO_COMPILE_CACHE";

/**
 * Where the cache lives: `$XDG_CACHE_HOME/goodwill`, else `~/.cache/goodwill`; the temp dir is the
 * fallback. In order and as asked: node:os is loaded only when HOME is unset or the temp folder is
 * reached (a start that finds its caches never loads it).
 */
export function* compileCacheDirs(env: NodeJS.ProcessEnv): Generator<string> {
  const os = () => process.getBuiltinModule("node:os");
  const xdg = env.XDG_CACHE_HOME;
  if (xdg !== undefined && xdg !== "") yield join(xdg, "goodwill");
  else {
    let home: string | undefined;
    try {
      home = env.HOME || os().homedir();
    } catch {
      // no HOME and no passwd entry (homedir() throws): the temp folder only
    }
    if (home !== undefined) yield join(home, ".cache", "goodwill");
  }
  const uid = typeof process.getuid === "function" ? process.getuid() : "user";
  yield join(os().tmpdir(), `goodwill-${uid}-cache`);
}

/** What tells one version of a file from another: every write of it changes one of these. */
export interface FileIdentity {
  size: bigint;
  mtimeNs: bigint;
  ino: bigint;
  dev: bigint;
}

/**
 * The cache file of one compiled file: its name, then a hash of its identity (size, modification
 * time to the nanosecond, inode and device: a rebuilt, replaced or edited file changes them), of
 * the Node that compiles it and of the flags V8 runs with (V8 rejects a cache made under other ones
 * anyway, but checks only a source's length). Not a hash of the content: that needs node:crypto,
 * whose loading (cipher, streams: ~40 modules) cost every start ~3 ms, more than the whole cache
 * saves on the CLI's entry file (docs/decisions.md, "CLI start-up, a CommonJS binary").
 */
export function compileCacheName(filename: string, file: FileIdentity): string {
  const key = [
    process.version,
    process.arch,
    process.execArgv.join(" "),
    process.env.NODE_OPTIONS ?? "",
    file.size,
    file.mtimeNs,
    file.ino,
    file.dev,
  ].join("\0");
  return `${basename(filename)}.${hash128(key)}.v8`;
}

/**
 * 32 hex digits from four FNV-1a hashes of a short text, each lane with its own start. Not
 * cryptographic: it names a cache file; whoever could choose the inputs could write the code.
 */
function hash128(text: string): string {
  const lanes = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b];
  let digest = "";
  for (const start of lanes) {
    let h = start;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    digest += (h >>> 0).toString(16).padStart(8, "0");
  }
  return digest;
}

interface InternalModule {
  _compile(content: string, filename: string): unknown;
  require(id: string): unknown;
  exports: unknown;
}

interface ModuleStatics {
  prototype: InternalModule;
  wrap(content: string): string;
  _resolveFilename(request: string, parent: InternalModule, isMain: boolean, options?: unknown): string;
  _extensions: Record<string, unknown>;
  _cache: Record<string, unknown>;
}

interface Pending {
  script: Script;
  name: string;
}

/**
 * Compiles the CommonJS files under `dir` with a V8 code cache from now on. The cache of a file
 * compiled without one (first run, new build, other Node) is written as the process exits, so it
 * holds the functions that run compiled too; then each later run reads it.
 */
export function installCompileCache(
  dir: string,
  moduleClass: NodeJS.Module["constructor"],
  env: NodeJS.ProcessEnv = process.env,
): void {
  if (env[NO_COMPILE_CACHE] === "1") return;
  const dirs = () => compileCacheDirs(env);
  const prefix = dir.endsWith(sep) ? dir : dir + sep;
  const pending: Pending[] = [];
  // node:module's internals, which Node 20 has no public hook for (the same ones v8-compile-cache
  // uses). The class comes from the caller's `module.constructor`: importing node:module loads
  // parts of Node's ES module loader.
  const statics = moduleClass as unknown as ModuleStatics;
  const original = statics.prototype._compile;
  statics.prototype._compile = function compileWithCache(this: InternalModule, content, filename) {
    if (!filename.startsWith(prefix)) return original.call(this, content, filename);
    const identity = statSync(filename, { bigint: true, throwIfNoEntry: false });
    // gone since Node read it (a build replacing dist/ meanwhile): compiled as usual
    if (identity === undefined) return original.call(this, content, filename);
    const name = compileCacheName(filename, identity);
    const cachedData = readCache(dirs(), name);
    // A vm.Script has no loader for import() (Node 20's USE_MAIN_CONTEXT_DEFAULT_LOADER is
    // experimental, warns, and is lost when the script comes from a cache): such a file compiles
    // as usual, and has no cache. So a file with a cache was looked at when it was written (the
    // look costs ~0.4 ms on the core chunk). The bundle has none (tsdown.config.ts,
    // dynamicImportInCjs).
    if (cachedData === undefined && content.includes("import("))
      return original.call(this, content, filename);
    const script = new Script(statics.wrap(stripShebang(content)), {
      filename,
      ...(cachedData === undefined ? {} : { cachedData }),
    });
    if (cachedData === undefined || script.cachedDataRejected === true) pending.push({ script, name });
    const require = Object.assign((id: string) => this.require(id), {
      resolve: (request: string, options?: unknown) =>
        statics._resolveFilename(request, this, false, options),
      main: process.mainModule,
      extensions: statics._extensions,
      cache: statics._cache,
    });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, require, this, filename, dirname(filename));
  };
  process.once("exit", () => {
    const written = new Set<string>();
    for (const { script, name } of pending) {
      const dir = writeCache(dirs(), name, script);
      if (dir !== undefined) written.add(dir);
    }
    for (const dir of written) dropStale(dir);
  });
}

function stripShebang(content: string): string {
  return content.startsWith("#!") ? `//${content.slice(2)}` : content;
}

function readCache(dirs: Iterable<string>, name: string): Buffer | undefined {
  for (const dir of dirs) {
    if (!trusted(dir)) continue;
    try {
      return readFileSync(join(dir, name));
    } catch {
      // not there (or unreadable): the next folder, then a normal compile
    }
  }
  return undefined;
}

const trust = new Map<string, boolean>();

/**
 * A cache is code that runs: it is read only from a folder of this user that no one else may
 * write to (the temp folder's is shared with every user, who could make it first).
 */
function trusted(dir: string): boolean {
  let known = trust.get(dir);
  if (known === undefined) {
    try {
      const stat = statSync(dir);
      known =
        stat.isDirectory() && (stat.mode & 0o022) === 0 && stat.uid === (process.getuid?.() ?? stat.uid);
    } catch {
      known = false;
    }
    trust.set(dir, known);
  }
  return known;
}

/** Writes atomically (a temp file renamed) into the first folder that takes it, and says which. */
function writeCache(dirs: Iterable<string>, name: string, script: Script): string | undefined {
  let data: Buffer;
  try {
    data = script.createCachedData();
  } catch {
    return undefined;
  }
  for (const dir of dirs) {
    const temp = join(dir, `${name}.${process.pid}.tmp`);
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      trust.delete(dir);
      if (!trusted(dir)) continue;
      writeFileSync(temp, data, { mode: 0o600 });
      renameSync(temp, join(dir, name));
      return dir;
    } catch {
      try {
        unlinkSync(temp);
      } catch {
        // never written
      }
    }
  }
  return undefined;
}

/** A week: a build's caches go a week after they were written (one still in use is written again). */
const STALE_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Drops the caches written more than a week ago: each build leaves its own, named by content hash.
 * It runs only after a write (a new build, a first run), never on a warm start.
 */
function dropStale(dir: string): void {
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch {
    return;
  }
  const now = Date.now();
  for (const file of files) {
    if (!file.endsWith(".v8") && !file.endsWith(".tmp")) continue;
    try {
      const path = join(dir, file);
      if (now - statSync(path).mtimeMs > STALE_MS) unlinkSync(path);
    } catch {
      // another process dropped it first: harmless
    }
  }
}
