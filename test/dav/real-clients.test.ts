import { afterEach, expect, it, vi } from "vitest";
import { clientsPresent } from "./real-clients.js";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

it("a missing DAV client skips its tests with the reason locally, and fails the run in CI", () => {
  vi.stubEnv("PATH", "/nonexistent");
  vi.stubEnv("CI", "");
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  expect(clientsPresent(["vdirsyncer", "khard"])).toBe(false);
  expect(warn).toHaveBeenCalledWith(
    "Skipping the real-client DAV tests: vdirsyncer, khard not installed (apt-get install -y vdirsyncer khard).",
  );
  vi.stubEnv("CI", "true");
  expect(() => clientsPresent(["litmus"])).toThrow(
    "The CardDAV tests need real clients in CI: litmus not installed (apt-get install -y litmus). .ci/run installs them.",
  );
});
