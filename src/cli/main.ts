#!/usr/bin/env node
import { readFileSync, writeSync } from "node:fs";
import { forTerminal } from "./output.js";
import { runCli } from "./program.js";

/** Whether a descriptor is a terminal: node:tty (which loads node:net) is loaded when first asked. */
const isTerminal = (fd: number) => process.getBuiltinModule("node:tty").isatty(fd);

/**
 * Standard output, written with fs.writeSync while the descriptor takes each text whole (what Node's
 * own stdout does for a file): `process.stdout` on a pipe or a terminal is a stream whose making
 * loads Node's net, tty and stream modules, a few milliseconds of every command's start. A write
 * that would block (EAGAIN: a non-blocking pipe), a short write or any error (EPIPE) hands the rest,
 * and every later text, to process.stdout, which queues, retries or fails as it always has. On
 * Windows the stream writes to the console as it should.
 */
function standardOutput() {
  let stream: NodeJS.WriteStream | undefined = process.platform === "win32" ? process.stdout : undefined;
  return {
    write(text: string): void {
      if (stream !== undefined) {
        stream.write(text);
        return;
      }
      const bytes = Buffer.from(text);
      let written = 0;
      try {
        written = writeSync(1, bytes);
      } catch {
        // the stream takes it from here, and reports what it must
      }
      if (written === bytes.length) return;
      stream = process.stdout;
      stream.write(bytes.subarray(written));
    },
    /** The stream, once the output needed it. */
    stream: () => stream,
  };
}

// No top-level await: the binary is CommonJS (docs/decisions.md, "a V8 code cache for the CLI").
async function main(): Promise<void> {
  let storeLeftOpen = false;
  let errorsWritten = false;
  const stdout = standardOutput();
  const code = await runCli(process.argv.slice(2), {
    out: (text) => stdout.write(text),
    err: (text) => {
      errorsWritten = true;
      process.stderr.write(text);
    },
    env: process.env,
    // Asked when a command needs to know, not as every command starts: reading
    // process.stdin.isTTY makes the stream, which loads Node's fs streams, fs/promises and readline.
    get stdoutIsTTY() {
      return isTerminal(1);
    },
    get stderrIsTTY() {
      return isTerminal(2);
    },
    readStdin: async () => readFileSync(0, "utf8"),
    get stdinIsTTY() {
      return isTerminal(0);
    },
    prompt: async (question) => {
      // loaded only when a command asks, so that startup stays light
      const { createInterface } = await import("node:readline/promises");
      const terminal = createInterface({ input: process.stdin, output: process.stderr });
      try {
        // A question names people: what others wrote about them is shown, never obeyed.
        return await terminal.question(forTerminal(question, false));
      } finally {
        terminal.close();
      }
    },
    storeLeftOpen: () => {
      storeLeftOpen = true;
    },
  });
  process.exitCode = code;
  if (storeLeftOpen) {
    // The store was left open (Store.leave): end here, once the output is written, so that the
    // driver's close at a natural exit does not checkpoint the WAL after all. Only a stream that
    // was written to can hold anything back.
    const written = (stream: NodeJS.WriteStream) => new Promise((resolve) => stream.write("", resolve));
    const streams = [stdout.stream(), errorsWritten ? process.stderr : undefined];
    await Promise.all(streams.filter((s) => s !== undefined).map(written));
    process.exit(code);
  }
}

void main();
