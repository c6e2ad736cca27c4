/**
 * Which of the screens' queries the device keeps (persist.ts): the session while signed in, Today,
 * the week, the profile, the People lists (their first pages, not name searches) with the tags and
 * organizations of their filters, and the pages of the people opened most recently. Nothing else:
 * settings, tokens and the other screens are read from the server only.
 */
import type { DehydratedState, QueryKey } from "@tanstack/react-query";

type DehydratedQuery = DehydratedState["queries"][number];

/** How many people's pages are kept besides Today and People. */
export const RECENT_PEOPLE = 20;

/** How many pages of a People list are kept (pages of 200: the first thousand people). */
export const PEOPLE_PAGES = 5;

/** Whether a query is one the device keeps (its person's recency is decided when saving). */
export function keptKey(key: QueryKey, data: unknown): boolean {
  const [first, second] = key;
  switch (first) {
    case "me":
      // never a signed-out session: the sign-in page must ask the server
      return typeof data === "object" && data !== null && (data as { signedIn?: unknown }).signedIn === true;
    case "today":
    case "week":
    case "profile":
    case "tags":
    case "organizations":
      return true;
    case "people": {
      // lists (their first pages), not the name searches of the search box
      const request = key.slice(1).find((part) => typeof part === "object" && part !== null) as
        | { q?: unknown }
        | undefined;
      const page = key.at(-1);
      return (
        (typeof request?.q !== "string" || request.q === "") &&
        !(typeof page === "number" && page >= PEOPLE_PAGES)
      );
    }
    case "person":
      return typeof second === "string";
    default:
      return false;
  }
}

/** The queries to keep: every one kept by its key, people's pages only for the most recent people. */
export function chooseKept(
  queries: readonly DehydratedQuery[],
  recentPeople = RECENT_PEOPLE,
): DehydratedQuery[] {
  const mine = queries.filter((q) => q.state.status === "success" && keptKey(q.queryKey, q.state.data));
  const seen = new Map<string, number>();
  for (const q of mine) {
    const [first, id] = q.queryKey;
    if (first === "person" && typeof id === "string")
      seen.set(id, Math.max(seen.get(id) ?? 0, q.state.dataUpdatedAt));
  }
  const recent = new Set(
    [...seen.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, recentPeople)
      .map(([id]) => id),
  );
  return mine.filter((q) => q.queryKey[0] !== "person" || recent.has(q.queryKey[1] as string));
}
