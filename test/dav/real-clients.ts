/**
 * Real DAV clients (Debian's vdirsyncer, khard, litmus) for the tests: found on the PATH, or a clear
 * reason to skip — and in CI (CI=true) their absence is a failure, not a skip.
 */
import { execFile } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

export function onPath(binary: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const candidate = join(dir, binary);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

/**
 * Whether the tests needing these binaries run: true when all are there; false (with the reason
 * printed) when one is missing locally; in CI a missing one throws, so the run fails.
 */
export function clientsPresent(binaries: readonly string[]): boolean {
  const missing = binaries.filter((b) => onPath(b) === null);
  if (missing.length === 0) return true;
  const reason = `${missing.join(", ")} not installed (apt-get install -y ${missing.join(" ")})`;
  if (process.env.CI === "true")
    throw new Error(`The CardDAV tests need real clients in CI: ${reason}. .ci/run installs them.`);
  console.warn(`Skipping the real-client DAV tests: ${reason}.`);
  return false;
}

/** Runs a binary; its exit code and output, never a throw for a non-zero exit. */
export function run(
  binary: string,
  args: readonly string[],
  options: { env?: Record<string, string>; timeoutMs?: number; input?: string; cwd?: string } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      binary,
      args,
      {
        env: { ...process.env, ...options.env },
        ...(options.cwd ? { cwd: options.cwd } : {}),
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(options.input ?? "");
  });
}
