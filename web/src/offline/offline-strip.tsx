/**
 * What the app says about the server and the device (issue 14), above every signed-in screen:
 * "Offline — as of 10:42" while the server cannot be reached (the time of the data on screen), and
 * the writes waiting on this device to be sent, each with its state; one the server refused shows
 * its reason and stays until the user retries or discards it.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useState, useSyncExternalStore } from "react";
import { checkServer, onConnectionChange, serverReachable } from "./connection";
import { type KeptWrite, onOutboxChange, outboxView, removeKept, retryKept } from "./outbox";
import { shownDataTime } from "./persist";
import "./offline.css";

/** Whether the server answers, as a React value. */
export function useServerReachable(): boolean {
  return useSyncExternalStore(onConnectionChange, serverReachable);
}

/** "10:42", or "24 Nov, 10:42" when it is not today's. */
export function timeOfData(at: number, now = Date.now()): string {
  const when = new Date(at);
  const time = when.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  return when.toDateString() === new Date(now).toDateString()
    ? time
    : `${when.toLocaleDateString([], { day: "numeric", month: "short" })}, ${time}`;
}

/** The time of the data on screen, followed while the server is away. */
function useShownDataTime(active: boolean): number | null {
  const client = useQueryClient();
  const [at, setAt] = useState<number | null>(null);
  useEffect(() => {
    if (!active) return;
    const read = () => setAt(shownDataTime(client));
    read();
    return client.getQueryCache().subscribe(read);
  }, [active, client]);
  return active ? at : null;
}

export function OfflineBanner() {
  const reachable = useServerReachable();
  const at = useShownDataTime(!reachable);
  const [asking, setAsking] = useState(false);
  return (
    // The live region is always there (a region added with its text is not reliably read out).
    <div className="offline-region" role="status" aria-live="polite">
      {!reachable && (
        <p className="offline-banner">
          <strong>Offline — {at === null ? "not kept on this device yet" : `as of ${timeOfData(at)}`}</strong>
          <span>
            Goodwill's server cannot be reached. What you log is kept on this device and sent when it is back.
          </span>
          <button
            type="button"
            className="link"
            disabled={asking}
            onClick={() => {
              setAsking(true);
              void checkServer().finally(() => setAsking(false));
            }}
          >
            {asking ? "Asking…" : "Try now"}
          </button>
        </p>
      )}
    </div>
  );
}

function stateOf(item: KeptWrite, sending: boolean): string {
  if (sending) return "Sending…";
  if (item.state === "refused") return "Not sent: the server refused it.";
  if (item.problem?.status === 401) return "Waiting for you to sign in again.";
  if (item.problem && item.problem.status !== 0)
    return `Not sent yet (${item.problem.message}). Trying again.`;
  return "Waiting for the server.";
}

/** A phone shows the panel folded to its one line (unless the server refused something). */
const FOLDED_ON = "(max-width: 640px)";

export function OutboxPanel() {
  const id = useId();
  const { items, sending } = useSyncExternalStore(onOutboxChange, outboxView);
  const [unfolded, setUnfolded] = useState<boolean | null>(null);
  if (items.length === 0) return null;
  const refused = items.some((item) => item.state === "refused");
  const shown = unfolded ?? (refused || !window.matchMedia(FOLDED_ON).matches);
  return (
    <section className="outbox" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        <button
          type="button"
          className="outbox-toggle"
          aria-expanded={shown}
          aria-controls={`${id}-list`}
          onClick={() => setUnfolded(!shown)}
        >
          Waiting to send ({items.length})
        </button>
      </h2>
      <ul id={`${id}-list`} hidden={!shown}>
        {items.map((item) => (
          <li key={item.id} className={item.state === "refused" ? "refused" : undefined}>
            <div className="outbox-what">
              <span className="outbox-label">{item.label}</span>
              <span className="muted">
                {" "}
                · kept at {timeOfData(item.keptAt)} · {stateOf(item, sending === item.id)}
              </span>
              {item.state === "refused" && item.problem && (
                <p className="form-error" role="alert">
                  {item.problem.message}
                </p>
              )}
            </div>
            <div className="buttons">
              {item.state === "refused" && (
                <button
                  type="button"
                  className="secondary"
                  aria-label={`Retry: ${item.label}`}
                  onClick={() => void retryKept(item.id)}
                >
                  Retry
                </button>
              )}
              {sending !== item.id && (
                <button
                  type="button"
                  className="secondary"
                  aria-label={`Discard: ${item.label}`}
                  onClick={() => void removeKept(item.id)}
                >
                  Discard
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
