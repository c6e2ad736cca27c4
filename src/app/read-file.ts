/** Opening an import file: existence, size, its first bytes for detection, and a counted stream. */
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, open, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream } from "node:stream/web";
import { GoodwillError, notFound } from "../errors.js";
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
