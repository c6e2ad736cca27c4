#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { runCli } from "./program.js";

const code = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  readStdin: async () => readFileSync(0, "utf8"),
  stdinIsTTY: process.stdin.isTTY === true,
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
});
process.exitCode = code;
