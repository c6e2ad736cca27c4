/**
 * The share target (issue 14): sharing a text or a link into the installed app opens
 * /share?title=…&text=…&url=… (the web manifest's share_target), which opens Log a moment with what
 * was shared filled in, over Today. Without a session the sign-in page shows first, at this same
 * address, and the log opens after signing in. The app's "Log a moment" shortcut opens it empty.
 */
import { useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { QuickLog } from "../components/quick-log";
import { Today } from "./today";

/** The longest summary the server takes. */
const SUMMARY_MAX = 2000;

/**
 * What was shared, as a moment's summary: the title or the text, then the link unless the text has
 * it already (Android puts a page's address in `text`, some apps in `url`, a few in both).
 */
export function sharedSummary(shared: {
  title?: string | null;
  text?: string | null;
  url?: string | null;
}): string {
  const clean = (value: string | null | undefined) => (value ?? "").replace(/\s+/g, " ").trim();
  const title = clean(shared.title);
  const text = clean(shared.text);
  const link = clean(shared.url);
  // a title the text repeats (or the other way round) is said once
  const words = text.includes(title) ? text : title.includes(text) ? title : `${title} — ${text}`;
  const summary = link && !words.includes(link) ? [words, link].filter(Boolean).join(" ") : words;
  return summary.length > SUMMARY_MAX ? `${summary.slice(0, SUMMARY_MAX - 1)}…` : summary;
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
