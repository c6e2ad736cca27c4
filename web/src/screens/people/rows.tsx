/**
 * People's rows, as a list or as a compact table, with a box to select each. Either way only the
 * rows on screen exist: while the window flies (a fling, the scrollbar dragged) no page is asked
 * for; once it rests (or at most every half second), the pages under it are fetched — so a jump to
 * the end costs one request, not twenty.
 */
import { useQueries, useQueryClient } from "@tanstack/react-query";
import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { type ReactNode, useEffect, useLayoutEffect, useRef, useState } from "react";
import { Link } from "react-router";
import type { Result } from "../../api/client";
import { Avatar } from "../../components/avatar";
import { BalanceBadge, CIRCLE_WORDS, DueBadge, daysAgo, rhythmWords } from "../../components/badges";
import { ErrorState } from "../../components/states";
import { type ListRequest, PAGE, type PeopleRow, pageQuery } from "./pages";
import type { Selection } from "./selection";

export type PeopleView = "list" | "table";

/** The rows of the pages under the window: fetched once the window rests. */
function useVirtualPeople<E extends HTMLElement>(request: ListRequest, total: number, estimate: number) {
  const anchor = useRef<E>(null);
  const [margin, setMargin] = useState(0);
  useLayoutEffect(() => {
    const element = anchor.current;
    if (!element) return;
    const measure = () => setMargin(element.getBoundingClientRect().top + window.scrollY);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);

  const virtual = useWindowVirtualizer({
    count: total,
    estimateSize: () => estimate,
    overscan: 8,
    scrollMargin: margin,
  });
  const items = virtual.getVirtualItems();
  const firstPage = Math.floor((items[0]?.index ?? 0) / PAGE);
  const lastPage = Math.floor((items[items.length - 1]?.index ?? 0) / PAGE);

  const [wanted, setWanted] = useState<[number, number]>([0, 0]);
  const lastAsked = useRef(0);
  useEffect(() => {
    const ask = () => {
      lastAsked.current = performance.now();
      setWanted((w) => (w[0] === firstPage && w[1] === lastPage ? w : [firstPage, lastPage]));
    };
    if (!virtual.isScrolling || performance.now() - lastAsked.current > 500) {
      ask();
      return;
    }
    const timer = setTimeout(ask, 500);
    return () => clearTimeout(timer);
  }, [firstPage, lastPage, virtual.isScrolling]);

  const pageNumbers: number[] = [];
  for (let page = wanted[0]; page <= wanted[1]; page++) pageNumbers.push(page);
  const pages = useQueries({ queries: pageNumbers.map((page) => pageQuery(request, page)) });
  const client = useQueryClient();
  const rowAt = (index: number): PeopleRow | undefined => {
    const page = Math.floor(index / PAGE);
    const at = pageNumbers.indexOf(page);
    const data =
      at >= 0
        ? pages[at]?.data
        : client.getQueryData<Result<"listPeople">>(pageQuery(request, page).queryKey);
    return data?.people[index - page * PAGE];
  };
  return {
    anchor,
    virtual,
    items,
    rowAt,
    busy: pages.some((p) => p.isFetching),
    failed: pages.find((p) => p.isError),
  };
}

/** The box that selects one person; Shift+click selects (or clears) the rows since the last one. */
function SelectBox({ row, index, selection }: { row: PeopleRow; index: number; selection: Selection }) {
  const shift = useRef(false);
  return (
    <input
      type="checkbox"
      className="select-box"
      aria-label={`Select ${row.person.name}`}
      checked={selection.has(row.person.id)}
      onClick={(event) => {
        shift.current = event.shiftKey;
      }}
      onChange={(event) => {
        selection.toggle(index, row, event.target.checked, shift.current);
        shift.current = false;
      }}
    />
  );
}

export function PeopleRows({
  view,
  request,
  total,
  selection,
}: {
  view: PeopleView;
  request: ListRequest;
  total: number;
  selection: Selection;
}) {
  // a new view measures its rows afresh
  return view === "table" ? (
    <PeopleTable key="table" request={request} total={total} selection={selection} />
  ) : (
    <PeopleList key="list" request={request} total={total} selection={selection} />
  );
}

/** What the list and the table both show: the filtered request, how many match, and the ticks. */
interface PeopleViewProps {
  request: ListRequest;
  total: number;
  selection: Selection;
}

function PeopleList({ request, total, selection }: PeopleViewProps) {
  const { anchor, virtual, items, rowAt, busy, failed } = useVirtualPeople<HTMLUListElement>(
    request,
    total,
    72,
  );
  return (
    <>
      {failed && <ErrorState error={failed.error} retry={() => void failed.refetch()} />}
      <ul
        ref={anchor}
        className="card people-list"
        aria-label="People"
        aria-busy={busy}
        style={{ height: virtual.getTotalSize() }}
      >
        {items.map((item) => {
          const row = rowAt(item.index);
          return (
            <li
              key={row?.person.id ?? `pending-${item.index}`}
              data-index={item.index}
              ref={virtual.measureElement}
              aria-setsize={total}
              aria-posinset={item.index + 1}
              className={row && selection.has(row.person.id) ? "selected" : undefined}
              style={{ transform: `translateY(${item.start - virtual.options.scrollMargin}px)` }}
            >
              {row ? (
                <>
                  <SelectBox row={row} index={item.index} selection={selection} />
                  <PersonRow row={row} />
                </>
              ) : (
                <span className="muted people-pending">Loading…</span>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}

function PersonRow({ row }: { row: PeopleRow }) {
  const place = [row.person.organization, row.person.department].filter(Boolean).join(" · ");
  return (
    <>
      <Avatar id={row.person.id} name={row.person.name} />
      <div className="row-main">
        <Link to={`/people/${row.person.id}`} className="name">
          {row.person.name}
        </Link>
        {place && <p className="muted">{place}</p>}
      </div>
      <div className="people-facts">
        <span className="people-badges">
          <DueBadge due={row.due} /> <BalanceBadge balance={row.balance} />
        </span>
        <span className="muted">Last contact {daysAgo(row.due.daysSinceContact)}</span>
      </div>
    </>
  );
}

const COLUMNS = ["Name", "Organization · department", "Circle", "Rhythm", "Last contact", "Balance"];

/**
 * The compact table: one line a person, the columns a user sorts 150 new contacts by. It keeps its
 * width and scrolls sideways inside its own box on a phone; the page does not.
 */
function PeopleTable({ request, total, selection }: PeopleViewProps) {
  const { anchor, virtual, items, rowAt, busy, failed } = useVirtualPeople<HTMLTableSectionElement>(
    request,
    total,
    45,
  );
  const first = items[0];
  const last = items[items.length - 1];
  const before = first ? first.start - virtual.options.scrollMargin : 0;
  const after = last ? virtual.getTotalSize() - last.end : 0;
  const spacer = (height: number, key: string): ReactNode =>
    height > 0 ? (
      <tr key={key} className="people-spacer">
        <td colSpan={COLUMNS.length + 1} style={{ height }} />
      </tr>
    ) : null;
  return (
    <>
      {failed && <ErrorState error={failed.error} retry={() => void failed.refetch()} />}
      <div className="card table-scroll people-table-box">
        <table className="people-table" aria-label="People" aria-rowcount={total + 1} aria-busy={busy}>
          <thead>
            <tr aria-rowindex={1}>
              <th scope="col" className="select-cell">
                <span className="visually-hidden">Selected</span>
              </th>
              {COLUMNS.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody ref={anchor}>
            {spacer(before, "before")}
            {items.map((item) => {
              const row = rowAt(item.index);
              return (
                <tr
                  key={row?.person.id ?? `pending-${item.index}`}
                  data-index={item.index}
                  ref={virtual.measureElement}
                  aria-rowindex={item.index + 2}
                  className={row && selection.has(row.person.id) ? "selected" : undefined}
                >
                  {row ? (
                    <TableRow row={row} index={item.index} selection={selection} />
                  ) : (
                    <td colSpan={COLUMNS.length + 1} className="muted">
                      Loading…
                    </td>
                  )}
                </tr>
              );
            })}
            {spacer(after, "after")}
          </tbody>
        </table>
      </div>
    </>
  );
}

function TableRow({ row, index, selection }: { row: PeopleRow; index: number; selection: Selection }) {
  const { person } = row;
  return (
    <>
      <td className="select-cell">
        <SelectBox row={row} index={index} selection={selection} />
      </td>
      <th scope="row">
        <span className="with-avatar">
          <Avatar id={person.id} name={person.name} />
          <span>
            <Link to={`/people/${person.id}`} className="name">
              {person.name}
            </Link>{" "}
            <DueBadge due={row.due} />
          </span>
        </span>
      </th>
      <td className="place">{[person.organization, person.department].filter(Boolean).join(" · ") || "—"}</td>
      <td>{CIRCLE_WORDS[person.layer] ?? person.layer}</td>
      <td className={person.cadenceDays === null ? "muted" : undefined}>
        {person.cadenceDays === null ? "Default" : rhythmWords(person.cadenceDays)}
      </td>
      <td>{daysAgo(row.due.daysSinceContact)}</td>
      <td>
        <BalanceBadge balance={row.balance} />
      </td>
    </>
  );
}
