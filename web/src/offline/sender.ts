/**
 * Sends the writes kept on this device (outbox.ts) once the server answers again: when it is found
 * reachable, when the browser is online again or the app gets the focus, when a write is kept, and
 * every 20 seconds while some still wait. Each goes with the Idempotency-Key it was made with, so a
 * write whose answer was lost, or that two tabs send at once, is recorded once; one tab sends at a
 * time (Web Locks) all the same. What the server says decides:
 *
 * - a success: sent, forgotten here; the screens are read again;
 * - no answer (or the proxy's 502/503/504): it waits for the server;
 * - 401: it waits until the account signs in again;
 * - 408, 429, a 409 with Retry-After (its first copy is still being handled) or another 5xx: it is
 *   tried again later;
 * - another refusal (4xx: the person was deleted meanwhile): kept, with the server's reason, until
 *   the user retries or discards it.
 */
import { ApiError, call, isUnreachable } from "../api/client";
import { checkServer, onConnectionChange, serverReachable } from "./connection";
import { type KeptWrite, keptNow, onKept, outboxAccount, removeKept, setSending, updateKept } from "./outbox";

const RETRY_MS = 20_000;

type Outcome = "sent" | "unreachable" | "signed-out" | "later" | "refused";

function classify(error: unknown): Outcome {
  if (isUnreachable(error)) return "unreachable";
  if (!(error instanceof ApiError)) return "later";
  if (error.status === 401) return "signed-out";
  if (error.status === 408 || error.status === 429 || error.status >= 500) return "later";
  // A 409 about the key itself: its first copy is still being handled, or just failed.
  if (
    error.status === 409 &&
    error.details?.field === "Idempotency-Key" &&
    !/never finished/.test(error.message)
  )
    return "later";
  return "refused";
}

async function send(item: KeptWrite): Promise<{ outcome: Outcome; error?: ApiError }> {
  try {
    await call(item.method, item.path, { body: item.body, idempotencyKey: item.key });
    return { outcome: "sent" };
  } catch (error) {
    const outcome = classify(error);
    return error instanceof ApiError ? { outcome, error } : { outcome };
  }
}

/** One tab at a time sends (where the browser has Web Locks; the keys keep it right where not). */
function oneTabAtATime(work: () => Promise<void>): Promise<void> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  return locks ? locks.request("goodwill-outbox", work) : work();
}

let running = false;
let again = false;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let afterSent: (count: number) => void = () => {};

/** Sends what waits, oldest first; resolves when this round is over. */
export async function sendKept(): Promise<void> {
  if (running) {
    again = true;
    return;
  }
  running = true;
  try {
    do {
      again = false;
      await oneTabAtATime(round);
    } while (again);
  } finally {
    running = false;
  }
}

async function round(): Promise<void> {
  if (outboxAccount() === null) return;
  if (!serverReachable() && !(await checkServer())) return;
  let sent = 0;
  let waiting = 0;
  try {
    // read again: another tab may have sent some meanwhile
    for (const item of await keptNow()) {
      if (item.state !== "waiting") continue;
      setSending(item.id);
      const { outcome, error } = await send(item);
      const problem = error ? { status: error.status, code: error.code, message: error.message } : null;
      if (outcome === "sent") {
        await removeKept(item.id);
        sent++;
        continue;
      }
      if (outcome === "refused") {
        await updateKept(item.id, { state: "refused", problem, attempts: item.attempts + 1 });
        continue;
      }
      waiting++;
      await updateKept(item.id, { problem, attempts: item.attempts + 1 });
      if (outcome === "unreachable" || outcome === "signed-out") break;
    }
  } finally {
    setSending(null);
  }
  if (sent > 0) afterSent(sent);
  if (waiting > 0 && serverReachable()) retryLater();
}

function retryLater(): void {
  if (retryTimer !== null) return;
  retryTimer = setTimeout(() => {
    retryTimer = null;
    void sendKept();
  }, RETRY_MS);
}

/**
 * Starts sending: now, and whenever the server comes back, a write is kept, the browser is online
 * again or the app is looked at. `onSent` runs after writes were sent (to read the screens again).
 */
export function startSending(onSent: (count: number) => void): void {
  afterSent = onSent;
  const kick = () => void sendKept();
  onConnectionChange(() => {
    if (serverReachable()) kick();
  });
  onKept(kick);
  window.addEventListener("online", kick);
  window.addEventListener("focus", kick);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") kick();
  });
  kick();
}
