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
});
process.exitCode = code;
