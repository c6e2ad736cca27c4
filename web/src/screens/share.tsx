/**
 * The share target (issue 14): sharing a text or a link into the installed app opens
 * /share?title=…&text=…&url=… (the web manifest's share_target), which opens Log a moment with what
 * was shared filled in, over Today. Without a session the sign-in page shows first, at this same
 * address, and the log opens after signing in. The app's "Log a moment" shortcut opens it empty.
 */
import { useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { QuickLog } from "../components/quick-log";
import { sharedSummary } from "./share-text";
import { Today } from "./today";

const PENDING_SHARE = "goodwill.shared";
/** A share waits this long for its sign-in. */
const PENDING_FOR_MS = 15 * 60_000;

/**
 * Remembers a share that arrived before signing in (its address's query), so that the log opens
 * once signed in: in local mode the sign-in link leads to Today, not back here.
 */
export function rememberShare(search: string): void {
  localStorage.setItem(PENDING_SHARE, JSON.stringify({ search, at: Date.now() }));
}

/** The query of a share remembered before signing in, once (null when there is none, or it is old). */
export function takeRememberedShare(): string | null {
  const kept = localStorage.getItem(PENDING_SHARE);
  if (kept === null) return null;
  localStorage.removeItem(PENDING_SHARE);
  try {
    const { search, at } = JSON.parse(kept) as { search?: unknown; at?: unknown };
    return typeof search === "string" && typeof at === "number" && Date.now() - at < PENDING_FOR_MS
      ? search
      : null;
  } catch {
    return null;
  }
}

export function ShareTarget() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [summary] = useState(() =>
    sharedSummary({ title: params.get("title"), text: params.get("text"), url: params.get("url") }),
  );
  return (
    <>
      <Today />
      <QuickLog open summary={summary} onClose={() => navigate("/", { replace: true })} />
    </>
  );
}
