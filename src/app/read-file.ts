/** Opening an import file: existence, size, its first bytes for detection, and a counted stream. */
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, open, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream } from "node:stream/web";
import { GoodwillError, notFound } from "../errors.js";
import type { CaptureFormat } from "../formats/read/mail/detect-capture-format.js";
import { decodeBytes } from "../formats/read/text-decoding.js";

export interface ImportFile {
  path: string;
  size: number;
  head: string;
  /** The file's bytes; `consumed` says how many have been read so far (for progress). */
  stream(): AsyncIterable<Uint8Array>;
  consumed(): number;
}

const HEAD_BYTES = 64 * 1024;

/** Opens a file to import; `name` is how messages call it (the path, unless said otherwise). */
export async function openImportFile(path: string, name = path): Promise<ImportFile> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new GoodwillError("invalid", `${path} is not a file.`);
    size = info.size;
  } catch (error) {
    if (error instanceof GoodwillError) throw error;
    throw notFound(
      `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "there is no such file" : (error as Error).message}.`,
    );
  }
  const handle = await open(path, "r");
  const buffer = Buffer.alloc(Math.min(HEAD_BYTES, size));
  try {
    await handle.read(buffer, 0, buffer.length, 0);
  } finally {
    await handle.close();
  }
  let consumed = 0;
  return {
    path: name,
    size,
    // The head may end inside a multi-byte character; lenient decoding keeps detection working.
    head: decodeBytes(buffer),
    async *stream() {
      for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
        consumed += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
    },
    consumed: () => consumed,
  };
}

/** An uploaded file held in memory, seen through the same interface as a file on disk. */
export function importFileFromBytes(name: string, bytes: Uint8Array): ImportFile {
  let consumed = 0;
  const CHUNK = 256 * 1024;
  return {
    path: name,
    size: bytes.length,
    head: decodeBytes(bytes.subarray(0, HEAD_BYTES)),
    async *stream() {
      for (let at = 0; at < bytes.length; at += CHUNK) {
        const chunk = bytes.subarray(at, at + CHUNK);
        consumed += chunk.length;
        yield chunk;
      }
    },
    consumed: () => consumed,
  };
}

/**
 * An upload written to a private temporary file as it arrives, then opened like any file: a
 * backup of a hundred megabytes is never held in memory, and a restore can read it twice (once to
 * check it, once to write it). `remove` deletes the file; call it when the import is over.
 */
export async function spoolUpload(
  body: ReadableStream<Uint8Array>,
  name: string,
): Promise<{ file: ImportFile; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "goodwill-upload-"));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    const path = join(dir, "upload");
    await pipeline(Readable.fromWeb(body), createWriteStream(path, { mode: 0o600 }));
    return { file: await openImportFile(path, name), remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

/**
 * Mail or calendar history to import: one file, or a folder of files read one after the other
 * (each opened as it is reached, so a folder of fifty thousand messages holds one at a time).
 */
export interface HistorySource {
  path: string;
  format: CaptureFormat;
  /** bytes in all, for progress */
  size: number;
  files(): AsyncIterable<ImportFile>;
  /** bytes read so far, over all files */
  consumed(): number;
}

/** A single file of history (an mbox, one .eml, an .ics calendar). */
export function historyFile(file: ImportFile, format: CaptureFormat): HistorySource {
  return {
    path: file.path,
    format,
    size: file.size,
    async *files() {
      yield file;
    },
    consumed: () => file.consumed(),
  };
}

/**
 * A folder of history, or null when `path` is not a folder: Apple Mail's export `Name.mbox/` (a
 * folder holding a file `mbox`), or a folder of `.eml` files (its subfolders too, in name order).
 */
export async function openHistoryFolder(path: string): Promise<HistorySource | null> {
  const info = await stat(path).catch(() => null);
  if (!info?.isDirectory()) return null;
  const mbox = join(path, "mbox");
  if ((await stat(mbox).catch(() => null))?.isFile())
    return historyFile(await openImportFile(mbox, `${path.replace(/[\\/]+$/, "")}/mbox`), "mbox");
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  const names = entries
    .filter((e) => e.isFile() && /\.eml$/i.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
  if (names.length === 0)
    throw new GoodwillError(
      "invalid",
      `${path} is a folder without mail Goodwill can read: expected .eml files, or an Apple Mail export (a folder named like Inbox.mbox holding a file "mbox"). Nothing was imported.`,
    );
  const sizes = await Promise.all(names.map(async (n) => (await stat(n)).size));
  let done = 0;
  let current: ImportFile | null = null;
  return {
    path,
    format: "eml",
    size: sizes.reduce((a, b) => a + b, 0),
    async *files() {
      for (const name of names) {
        current = await openImportFile(
          name,
          `${basename(path)}/${name.slice(path.length).replace(/^[\\/]+/, "")}`,
        );
        yield current;
        done += current.size;
        current = null;
      }
    },
    consumed: () => done + (current?.consumed() ?? 0),
  };
}
