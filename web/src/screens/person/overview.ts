/** The Person screen's queries and the optimistic timeline entry its writes add. */
import type { InfiniteData, QueryKey } from "@tanstack/react-query";
import type { Result } from "../../api/client";

export type Overview = Result<"show">;
export type TimelineItem = Overview["timeline"][number];
export type TimelinePage = Result<"timeline">;
/** The pages of the timeline shown so far, each fetched with the cursor its predecessor ended on. */
export type TimelinePages = InfiniteData<TimelinePage, string | null>;

/** The id of an item shown before the server has answered (replaced when the person is read again). */
export const PENDING = "pending-";

/** Every query of one person starts with ["person", id]: a delete or merge can skip them all. */
export const personKeys = {
  overview: (id: string) => ["person", id] as const,
  history: (id: string) => ["person", id, "balance-history"] as const,
  suggestions: (id: string) => ["person", id, "suggestions"] as const,
  timeline: (id: string) => ["person", id, "timeline"] as const,
};

function isOverview(value: unknown): value is Overview {
  return typeof value === "object" && value !== null && "timeline" in value && "person" in value;
}

function isTimelinePages(value: unknown): value is TimelinePages {
  return typeof value === "object" && value !== null && "pages" in value && "pageParams" in value;
}

/**
 * An optimistic change for useWrite: the item shows at the top of the timeline at once and is
 * replaced by the server's when the person is read again (or removed if the write fails). The key
 * covers every query of the person; the overview and the timeline's pages take the item, the rest
 * stay as they are.
 */
export function addsToTimeline<T>(
  id: string,
  item: (input: T) => Pick<TimelineItem, "type" | "summary"> & { detail?: string | null },
): { key: QueryKey; update: (old: unknown, input: T) => unknown } {
  return {
    key: personKeys.overview(id),
    update: (old, input) => {
      if (!isOverview(old) && !isTimelinePages(old)) return old;
      const made = item(input);
      const pending: TimelineItem = {
        type: made.type,
        summary: made.summary,
        detail: made.detail ?? "saving…",
        fields: {},
        at: new Date().toISOString(),
        id: `${PENDING}${Date.now()}`,
      };
      if (isOverview(old)) return { ...old, timeline: [pending, ...old.timeline] };
      const [first, ...rest] = old.pages;
      if (!first) return old;
      return { ...old, pages: [{ ...first, items: [pending, ...first.items] }, ...rest] };
    },
  };
}

/** Changes the overview in place (needs, offers), leaving the person's other queries alone. */
export function editsOverview<T>(
  id: string,
  change: (old: Overview, input: T) => Overview,
): { key: QueryKey; update: (old: unknown, input: T) => unknown } {
  return {
    key: personKeys.overview(id),
    update: (old, input) => (isOverview(old) ? change(old, input) : old),
  };
}

/** An optimistic change for useWrite: the item leaves the overview and the timeline's pages at once. */
export function removesFromTimeline<T>(
  id: string,
  itemId: (input: T) => string,
): { key: QueryKey; update: (old: unknown, input: T) => unknown } {
  return {
    key: personKeys.overview(id),
    update: (old, input) => {
      const gone = itemId(input);
      if (isOverview(old)) return { ...old, timeline: old.timeline.filter((t) => t.id !== gone) };
      if (isTimelinePages(old))
        return {
          ...old,
          pages: old.pages.map((page) => ({ ...page, items: page.items.filter((t) => t.id !== gone) })),
        };
      return old;
    },
  };
}
