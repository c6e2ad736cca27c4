/** A person's timeline, a page at a time, as `person timeline --json`, the API and the web read it. */

export interface TimelineItem {
  type: "gave" | "received" | "moment" | "ask" | "promise" | "note";
  at: string;
  summary: string;
  detail: string | null;
  id: string;
  /** the fields a correction starts from (what PATCH on the record takes), as they are now */
  fields: TimelineFields;
}

/** Per type: gave/received kind and weight; moment channel and notes; ask status; promise status, direction, dueOn. */
export interface TimelineFields {
  kind?: string;
  weight?: number;
  channel?: string;
  notes?: string | null;
  status?: string;
  direction?: string;
  dueOn?: string | null;
}

export interface TimelinePage {
  items: TimelineItem[];
  /** whether older items remain */
  more: boolean;
  /** pass as `before` for the next (older) page; null when there is none */
  next: string | null;
}

export const TIMELINE_PAGE_SIZE = 30;
export const TIMELINE_MAX_PAGE_SIZE = 200;
