/**
 * Who is selected on People: a box a row, Shift+click for the rows in between, and "select all"
 * for everyone the filters show (at most LIMITS.bulkPeople, what one change may touch). The rows in
 * between or beyond the window may not have been fetched: their pages are fetched first. A new
 * filter starts a new selection, so a change never reaches people no longer shown.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { type ListRequest, PAGE, type PeopleRow, pageQuery } from "./pages";

export interface Selection {
  /** id → name, in the order they were selected */
  people: ReadonlyMap<string, string>;
  size: number;
  has(id: string): boolean;
  /** one box ticked or cleared; `range`: every row since the last box too */
  toggle(index: number, row: PeopleRow, on: boolean, range: boolean): void;
  /** everyone the filters show (all `total` of them) */
  selectAll(): Promise<void>;
  clear(): void;
  /** selecting many is under way (their pages are being fetched) */
  pending: boolean;
}

export function useSelection(request: ListRequest, total: number): Selection {
  const client = useQueryClient();
  const [people, setPeople] = useState<ReadonlyMap<string, string>>(new Map());
  const [pending, setPending] = useState(false);
  const anchor = useRef<number | null>(null);

  const requestKey = JSON.stringify(request);
  const current = useRef(requestKey);
  current.current = requestKey;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new filter is the event
  useEffect(() => {
    setPeople(new Map());
    anchor.current = null;
  }, [requestKey]);

  /** The rows from index `from` to `to` (both included), fetching the pages not read yet. */
  const rowsBetween = useCallback(
    async (from: number, to: number): Promise<PeopleRow[]> => {
      const rows: PeopleRow[] = [];
      for (let page = Math.floor(from / PAGE); page <= Math.floor(to / PAGE); page++) {
        const data = await client.ensureQueryData(pageQuery(request, page));
        data.people.forEach((row, i) => {
          const index = page * PAGE + i;
          if (index >= from && index <= to) rows.push(row);
        });
      }
      return rows;
    },
    [client, request],
  );

  const apply = useCallback((rows: readonly PeopleRow[], on: boolean, forRequest: string) => {
    // rows fetched for a filter that has changed meanwhile are not the ones shown
    if (forRequest !== current.current) return;
    setPeople((old) => {
      const next = new Map(old);
      for (const row of rows) {
        if (on) next.set(row.person.id, row.person.name);
        else next.delete(row.person.id);
      }
      return next;
    });
  }, []);

  return useMemo(
    () => ({
      people,
      size: people.size,
      has: (id: string) => people.has(id),
      pending,
      toggle: (index, row, on, range) => {
        const from = anchor.current;
        anchor.current = index;
        apply([row], on, requestKey);
        if (!range || from === null || from === index) return;
        setPending(true);
        void rowsBetween(Math.min(from, index), Math.max(from, index))
          .then((rows) => apply(rows, on, requestKey))
          .finally(() => setPending(false));
      },
      selectAll: async () => {
        if (total === 0) return;
        setPending(true);
        try {
          apply(await rowsBetween(0, total - 1), true, requestKey);
        } finally {
          setPending(false);
        }
      },
      clear: () => {
        anchor.current = null;
        setPeople(new Map());
      },
    }),
    [people, pending, total, apply, rowsBetween, requestKey],
  );
}
