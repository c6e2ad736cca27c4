/** What was shared into the app (the web manifest's share target), as a moment's summary. */

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
