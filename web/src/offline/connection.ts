/**
 * Whether Goodwill's server answers (issue 14). The API client says so after every request (an
 * answer, or none: the connection refused, the proxy's 502/503/504); while it does not, a small
 * request asks again after 1, 2, 4 … up to 10 seconds, and at once when the browser says it is
 * online again, gets the focus or is shown. The browser's own "offline" is not enough: a phone in a
 * hallway is often online with the server out of reach, and chromium's offline switch does not
 * reach service workers.
 */

type Listener = () => void;

/** The answers a reverse proxy gives when the server behind it is down (and ours, when its store is). */
const SERVER_GONE = new Set([502, 503, 504]);
const FIRST_PROBE_MS = 1_000;
const LAST_PROBE_MS = 10_000;
/** Lost again this soon after a probe said "back": the server answers the probe only, keep slowing down. */
const FLAPPING_MS = 5_000;

let reachable = true;
/** when the server was last found unreachable (ms), null while it answers */
let lostAt: number | null = null;
let probeDelay = FIRST_PROBE_MS;
let probeTimer: ReturnType<typeof setTimeout> | null = null;
let probing: Promise<boolean> | null = null;
let backByProbeAt = 0;
const listeners = new Set<Listener>();

/** Whether a status says the server itself did not answer (rather than refused the request). */
export function serverGone(status: number): boolean {
  return SERVER_GONE.has(status);
}

/** Whether the server answered the last request sent to it. */
export function serverReachable(): boolean {
  return reachable;
}

/** When the server stopped answering (ms since the epoch), or null while it answers. */
export function unreachableSince(): number | null {
  return lostAt;
}

/** Calls `listener` whenever the server is found reachable or unreachable; returns the unsubscribe. */
export function onConnectionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify(): void {
  for (const listener of [...listeners]) listener();
}

/** The server answered. */
export function markReachable(): void {
  if (probeTimer !== null) clearTimeout(probeTimer);
  probeTimer = null;
  if (reachable) return;
  reachable = true;
  lostAt = null;
  notify();
}

/** The server did not answer: from now on the screens show the device's copy, and a probe asks again. */
export function markUnreachable(): void {
  if (!reachable) return;
  reachable = false;
  lostAt = Date.now();
  probeDelay =
    Date.now() - backByProbeAt < FLAPPING_MS ? Math.min(probeDelay * 2, LAST_PROBE_MS) : FIRST_PROBE_MS;
  scheduleProbe();
  notify();
}

function scheduleProbe(): void {
  if (probeTimer !== null || reachable) return;
  probeTimer = setTimeout(() => {
    probeTimer = null;
    void checkServer().then((back) => {
      if (back) return;
      probeDelay = Math.min(probeDelay * 2, LAST_PROBE_MS);
      scheduleProbe();
    });
  }, probeDelay);
}

/**
 * Asks the server whether it is there (GET /api/v1/mode: small, and answered without signing in);
 * resolves with the answer and tells the listeners if it changed.
 */
export function checkServer(): Promise<boolean> {
  probing ??= (async () => {
    try {
      const response = await fetch("/api/v1/mode", { cache: "no-store", credentials: "same-origin" });
      if (serverGone(response.status)) {
        markUnreachable();
        return false;
      }
      if (!reachable) backByProbeAt = Date.now();
      markReachable();
      return true;
    } catch {
      markUnreachable();
      return false;
    } finally {
      probing = null;
    }
  })();
  return probing;
}

function askAgainIfLost(): void {
  if (!reachable && document.visibilityState === "visible") void checkServer();
}

if (typeof window !== "undefined") {
  window.addEventListener("online", askAgainIfLost);
  window.addEventListener("focus", askAgainIfLost);
  document.addEventListener("visibilitychange", askAgainIfLost);
}
