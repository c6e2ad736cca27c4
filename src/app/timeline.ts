/**
 * A person's timeline, newest first, a page at a time. A page ends with a cursor (`next`) that the
 * next request passes as `before`; items are ordered by instant, then id, so items logged at the
 * same instant are neither repeated nor skipped between pages.
 */
import {
  TIMELINE_MAX_PAGE_SIZE,
  TIMELINE_PAGE_SIZE,
  type TimelineItem,
  type TimelinePage,
} from "../contract/timeline.js";
import { GoodwillError } from "../errors.js";
import {
  readTimelineRows,
  TIMELINE_SOURCES,
  type TimelineCursor,
  type TimelineSource,
} from "../storage/timeline.repository.js";
import type { AppContext } from "./context.js";

const SOURCE_OF: Record<TimelineItem["type"], TimelineSource> = {
  gave: "exchange",
  received: "exchange",
  moment: "moment",
  ask: "ask",
  promise: "promise",
  note: "note",
};

/**
 * The cursor is opaque to clients (base64url of the last item's instant, id and source), so what
 * it holds can change without breaking anyone who only passes it back.
 */
export function encodeCursor(item: TimelineItem): string {
  return Buffer.from(JSON.stringify([item.at, item.id, SOURCE_OF[item.type]]), "utf8").toString("base64url");
}

export function decodeCursor(text: string): TimelineCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    value = null;
  }
  if (
    Array.isArray(value) &&
    value.length === 3 &&
    typeof value[0] === "string" &&
    value[0] !== "" &&
    typeof value[1] === "string" &&
    value[1] !== "" &&
    (TIMELINE_SOURCES as readonly unknown[]).includes(value[2])
  ) {
    return { at: value[0], id: value[1], source: value[2] as TimelineSource };
  }
  throw new GoodwillError(
    "invalid",
    `before: "${text.slice(0, 60)}" is not a timeline cursor. Pass the "next" of the page before, or leave before out for the newest items.`,
    { field: "before" },
  );
}

/** Newest first: a later instant, then a higher id, then the source's rank (ties never expected). */
function newestFirst(a: TimelineItem, b: TimelineItem): number {
  if (a.at !== b.at) return a.at > b.at ? -1 : 1;
  if (a.id !== b.id) return a.id > b.id ? -1 : 1;
  return TIMELINE_SOURCES.indexOf(SOURCE_OF[a.type]) - TIMELINE_SOURCES.indexOf(SOURCE_OF[b.type]);
}

/** One page of a person's timeline: `limit` items older than `before` (the newest without it). */
export async function timelinePage(
  ctx: AppContext,
  personId: string,
  options: { before?: string | undefined; limit?: number | undefined } = {},
): Promise<TimelinePage> {
  const limit = options.limit ?? TIMELINE_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > TIMELINE_MAX_PAGE_SIZE)
    throw new GoodwillError(
      "invalid",
      `limit: ${limit} is not a page size. Give a whole number from 1 to ${TIMELINE_MAX_PAGE_SIZE}.`,
      { field: "limit" },
    );
  const cursor = options.before ? decodeCursor(options.before) : null;
  // one row more than asked says whether anything older remains
  const rows = await readTimelineRows(ctx.db, ctx.ownerId, personId, cursor, limit + 1);
  const merged: TimelineItem[] = [
    ...rows.exchanges.map((e) => ({
      type: e.direction as "gave" | "received",
      at: e.occurred_at,
      summary: e.summary,
      detail: `${e.kind}, weight ${e.weight}`,
      id: e.id,
      fields: { kind: e.kind, weight: e.weight },
    })),
    ...rows.moments.map((m) => ({
      type: "moment" as const,
      at: m.occurred_at,
      summary: m.summary,
      detail: `${m.channel.replace("_", " ")}${m.participants > 1 ? `, with ${m.participants - 1} more` : ""}`,
      id: m.id,
      fields: { channel: m.channel, notes: m.notes },
    })),
    ...rows.asks.map((a) => ({
      type: "ask" as const,
      at: a.asked_at,
      summary: a.summary,
      detail: `#${a.number} ${a.status}`,
      id: a.id,
      fields: { status: a.status },
    })),
    ...rows.commitments.map((c) => ({
      type: "promise" as const,
      at: c.created_at,
      summary: c.summary,
      detail: `#${c.number} ${c.direction === "i_owe" ? "I owe" : "they owe"}, ${c.status}${c.due_on ? `, due ${c.due_on}` : ""}`,
      id: c.id,
      fields: { status: c.status, direction: c.direction, dueOn: c.due_on },
    })),
    ...rows.notes.map((n) => ({
      type: "note" as const,
      at: n.created_at,
      summary: n.body,
      detail: null,
      id: n.id,
      fields: {},
    })),
  ].sort(newestFirst);
  const items = merged.slice(0, limit);
  const more = merged.length > limit;
  const last = items[items.length - 1];
  return { items, more, next: more && last ? encodeCursor(last) : null };
}
