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
