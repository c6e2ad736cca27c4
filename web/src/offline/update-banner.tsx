/**
 * The service worker (web/src/sw.ts) registered once the page has loaded and is idle (its first
 * install fetches the whole app shell: not while the first screen loads), and "A new version of
 * Goodwill is ready" when the server has a newer build: the page keeps the version it started with
 * (its scripts and pages come from one build) until the user presses Reload. An open app asks the
 * server for a new version every hour, and when it is shown again.
 */

import { useRegisterSW } from "virtual:pwa-register/react";
import { useEffect, useRef, useState } from "react";
import "./offline.css";

const CHECK_EVERY_MS = 60 * 60_000;

/** True once the page has loaded and then had a moment with nothing to do. */
function useIdleAfterLoad(): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    let cancelled = false;
    const settle = () => {
      const done = () => !cancelled && setIdle(true);
      if (typeof requestIdleCallback === "function") requestIdleCallback(done, { timeout: 3_000 });
      else setTimeout(done, 500);
    };
    if (document.readyState === "complete") settle();
    else window.addEventListener("load", settle, { once: true });
    return () => {
      cancelled = true;
      window.removeEventListener("load", settle);
    };
  }, []);
  return idle;
}

export function UpdateBanner() {
  return useIdleAfterLoad() ? <Registered /> : null;
}

function Registered() {
  const registration = useRef<ServiceWorkerRegistration | null>(null);
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    // the page has loaded already (registering on "load" would wait for ever)
    immediate: true,
    onRegisteredSW(_url, registered) {
      registration.current = registered ?? null;
    },
  });

  useEffect(() => {
    const check = () => {
      if (document.visibilityState === "visible" && navigator.onLine) void registration.current?.update();
    };
    const timer = setInterval(check, CHECK_EVERY_MS);
    document.addEventListener("visibilitychange", check);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", check);
    };
  }, []);

  return (
    <div className="update-region" role="status" aria-live="polite">
      {needRefresh && (
        <p className="update-banner">
          <span>A new version of Goodwill is ready.</span>
          <button type="button" onClick={() => void updateServiceWorker(true)}>
            Reload
          </button>
          <button type="button" className="link" onClick={() => setNeedRefresh(false)}>
            Later
          </button>
        </p>
      )}
    </div>
  );
}
