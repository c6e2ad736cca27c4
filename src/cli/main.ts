#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { isatty } from "node:tty";
import { runCli } from "./program.js";

// No top-level await: the binary is CommonJS (docs/decisions.md, "a V8 code cache for the CLI").
async function main(): Promise<void> {
  let storeLeftOpen = false;
  const code = await runCli(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    // isatty, not process.stderr/stdin.isTTY: reading those makes the streams, and stdin's loads
    // Node's fs streams, fs/promises and readline (~20 modules) that a command seldom uses.
    stderrIsTTY: isatty(2),
    readStdin: async () => readFileSync(0, "utf8"),
    stdinIsTTY: isatty(0),
    prompt: async (question) => {
      // loaded only when a command asks, so that startup stays light
      const { createInterface } = await import("node:readline/promises");
      const terminal = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await terminal.question(question);
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
    // driver's close at a natural exit does not checkpoint the WAL after all.
    const written = (stream: NodeJS.WriteStream) => new Promise((resolve) => stream.write("", resolve));
    await Promise.all([written(process.stdout), written(process.stderr)]);
    process.exit(code);
  }
}

void main();
