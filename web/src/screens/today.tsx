/**
 * Today (DESIGN §3.3–§3.5): who is due and why, the open loops (thanks owed, promises, asks left
 * waiting), occasions, ways to help first and the week's gives. Each has its one-click action; the
 * row leaves the list at once and comes back if the server refuses.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link, useSearchParams } from "react-router";
import { AGENDA_SIZE } from "../../../src/domain/defaults.js";
import { eventPhrase } from "../../../src/domain/event-groups.js";
import { LATE_THANKS_NOTE } from "../../../src/domain/open-loop-texts.js";
import { api, type Result } from "../api/client";
import { keys, useWrite } from "../api/hooks";
import {
  BalanceBadge,
  count,
  DueBadge,
  daysAgo,
  dueReason,
  formatDate,
  occasionText,
} from "../components/badges";
import { Empty, ErrorState, FormError, Loading } from "../components/states";
import { SuggestionRow } from "../components/suggestion-row";
import { useTitle } from "../components/title";
import { buttonNamed } from "../components/undo-toast";
import { Welcome } from "./welcome";

type TodayData = Result<"today">;

/**
 * A one-click action takes its row away at once: the keyboard's focus moves to the next row's
 * button (or the one before, or the part's heading) instead of falling to the page.
 */
function focusAfterLeaving(button: HTMLElement) {
  const row = button.closest("li");
  const neighbour = row?.nextElementSibling ?? row?.previousElementSibling;
  const heading = row?.closest("section")?.querySelector<HTMLElement>("h2");
  requestAnimationFrame(() => (neighbour?.querySelector<HTMLElement>("button") ?? heading)?.focus());
}

/** The parts shown whole (the address's `all`, e.g. `?all=thanks,ideas`); the others show seven. */
function useExpanded(): [Set<string>, (name: string, whole: boolean) => void] {
  const [params, setParams] = useSearchParams();
  const expanded = new Set((params.get("all") ?? "").split(",").filter(Boolean));
  const set = (name: string, whole: boolean) => {
    const next = new Set(expanded);
    if (whole) next.add(name);
    else next.delete(name);
    setParams(next.size > 0 ? { all: [...next].join(",") } : {});
  };
  return [expanded, set];
}

/**
 * One part of the agenda: a card with its heading (which names the region) and a list of rows. The
 * agenda shows the first seven of each part; when there are more, the card says so and offers all.
 */
function AgendaCard({
  name,
  title,
  children,
  total,
}: {
  name: string;
  title: string;
  children: ReactNode;
  total?: number;
}) {
  const [expanded, setExpanded] = useExpanded();
  const whole = expanded.has(name);
  const more = total !== undefined && total > AGENDA_SIZE;
  return (
    <section aria-labelledby={`${name}-title`} className="card">
      <h2 id={`${name}-title`} tabIndex={-1}>
        {title}
      </h2>
      <ul className="rows">{children}</ul>
      {more && (
        <p className="agenda-more">
          {!whole && (
            <span className="muted">
              {AGENDA_SIZE} of {total}.{" "}
            </span>
          )}
          {/* one button whose words change, so the keyboard's focus stays on it */}
          <button type="button" className="link" onClick={() => setExpanded(name, !whole)}>
            {whole ? `Show the first ${AGENDA_SIZE}` : `Show all ${total}`}
          </button>
        </p>
      )}
    </section>
  );
}

/**
 * Each item with a key of its own: one person may have two ideas of one kind (two promises to
 * follow through), so a repeated key gets its occurrence number.
 */
function withKeys<T>(items: readonly T[], keyOf: (item: T) => string): [string, T][] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const key = keyOf(item);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return [n === 1 ? key : `${key}#${n}`, item];
  });
}

/** Removes one row from a list of today's document, for an optimistic update. */
function without<K extends "due" | "thanksOwed" | "commitments" | "asks">(
  list: K,
  match: (row: TodayData[K][number]) => boolean,
) {
  return (old: unknown) => {
    const data = old as TodayData;
    return { ...data, [list]: (data[list] as TodayData[K][number][]).filter((row) => !match(row)) };
  };
}

export function Today() {
  useTitle("Today");
  const [expanded] = useExpanded();
  const all = expanded.size > 0;
  // ["today"] or ["today", "all"]: a write refreshes both
  const todayKey = all ? [...keys.today, "all"] : keys.today;
  // the agenda stays on screen while a part opens (and the focus with it)
  const today = useQuery({
    queryKey: todayKey,
    queryFn: () => api.today({ all }),
    placeholderData: keepPreviousData,
  });
  /** A part's rows: all of them if that part is expanded, else the first seven. */
  const part = <T,>(name: string, rows: readonly T[]): readonly T[] =>
    expanded.has(name) ? rows : rows.slice(0, AGENDA_SIZE);

  const caughtUp = useWrite(
    (row: { id: string; name: string; action: string | null }) =>
      api.logInteraction({
        personIds: [row.id],
        summary: row.action ?? `Caught up with ${row.name}`,
        channel: "message",
      }),
    {
      optimistic: {
        key: todayKey,
        update: (old, row) => without("due", (d) => d.person?.id === row.id)(old),
      },
      undo: (_, row) => ({
        message: `Got in touch with ${row.name}.`,
        refocus: buttonNamed(`Got in touch with ${row.name}`),
      }),
    },
  );
  const thanked = useWrite(
    (row: { kind: "person" | "department"; id: string; name: string; summary: string | null }) =>
      api.recordExchange(row.kind === "person" ? { personId: row.id } : { departmentId: row.id }, {
        direction: "gave",
        kind: "thanks",
        summary: row.summary ? `Thanked them for: ${row.summary}` : "Said thank you",
      }),
    {
      optimistic: {
        key: todayKey,
        update: (old, row) => without("thanksOwed", (t) => t.counterpart.id === row.id)(old),
      },
      undo: (_, row) => ({ message: `Thanked ${row.name}.`, refocus: buttonNamed(`Thanked ${row.name}`) }),
    },
  );
  const kept = useWrite((row: { id: string; summary: string }) => api.completePromise(row.id), {
    optimistic: {
      key: todayKey,
      update: (old, row) => without("commitments", (c) => c.id === row.id)(old),
    },
    undo: (_, row) => ({ message: `Done: ${row.summary}.`, refocus: buttonNamed(`Done: ${row.summary}`) }),
  });
  const closeAsk = useWrite(
    (row: { id: string; summary: string; counterpart: string; outcome: "fulfilled" | "withdrawn" }) =>
      row.outcome === "fulfilled" ? api.fulfillAsk(row.id) : api.closeAsk(row.id, "withdrawn"),
    {
      optimistic: { key: todayKey, update: (old, row) => without("asks", (a) => a.id === row.id)(old) },
      undo: (_, row) =>
        row.outcome === "fulfilled"
          ? {
              message: `Settled: ${row.counterpart} helped with ${row.summary}.`,
              refocus: buttonNamed(`They helped: ${row.summary}`),
            }
          : { message: `Withdrawn: ${row.summary}.`, refocus: buttonNamed(`Withdraw: ${row.summary}`) },
    },
  );
  // People met at one event and due together: one note to all of them is one moment with all.
  const groupNoted = useWrite(
    (group: { title: string; eventName: string; ids: string[] }) =>
      api.logInteraction({
        personIds: group.ids,
        summary: `Follow-up note after ${eventPhrase(group.eventName)}`,
        channel: "message",
        initiatedBy: "me",
      }),
    {
      optimistic: {
        key: todayKey,
        update: (old, group) => {
          const data = old as TodayData;
          return { ...data, groups: data.groups.filter((g) => g.title !== group.title) };
        },
      },
      undo: (_, group) => ({
        message: `Noted the follow-up to the ${group.title}.`,
        refocus: buttonNamed(`Sent the note to the ${group.title}`),
      }),
    },
  );
  // Weak ties of an event going cold: a rhythm for all of them in one step.
  const rhythm = useWrite(
    (cold: { id: string; title: string; everyDays: number }) => api.eventRhythm(cold.id, cold.everyDays),
    {
      optimistic: {
        key: todayKey,
        update: (old, cold) => {
          const data = old as TodayData;
          return { ...data, goingCold: data.goingCold.filter((c) => c.event.id !== cold.id) };
        },
      },
      undo: (result) => ({
        message: `${count(result.updated.length, "person", "people")} from ${eventPhrase(result.event.name)} now have a rhythm of ${result.everyDays} days.`,
        refocus: buttonNamed(`Keep in touch every ${result.everyDays} days`),
      }),
    },
  );
  const failed =
    caughtUp.error ?? thanked.error ?? kept.error ?? closeAsk.error ?? groupNoted.error ?? rhythm.error;

  if (today.isPending) return <Loading what="Reading today's agenda" />;
  if (today.isError) return <ErrorState error={today.error} retry={() => void today.refetch()} />;
  const data = today.data;
  if (data.counts.people === 0) return <Welcome />;

  const nothing =
    data.due.length +
      data.groups.length +
      data.goingCold.length +
      data.thanksOwed.length +
      data.commitments.length +
      data.asks.length +
      data.occasions.length ===
    0;
  return (
    <section className="today">
      <header className="screen-head">
        <h1>Today</h1>
        <p className="muted">
          {formatDate(data.date)} · {count(data.counts.people, "person", "people")} · {data.counts.due} due ·{" "}
          {count(
            data.counts.thanksOwed + data.counts.commitments + data.counts.asks,
            "open loop",
            "open loops",
          )}
        </p>
      </header>
      {/* what a one-click action just did shows at the bottom with its Undo (components/undo-toast) */}
      <FormError error={failed} />
      {nothing && (
        <Empty>
          <p>
            Nobody is due and no loop is open.
            {data.suggestions.length > 0
              ? " A good day to help someone first: see below."
              : " Add what the people you know need and offer (on their pages), and Goodwill will find ways to help first."}
          </p>
        </Empty>
      )}

      {data.goingCold.length > 0 && (
        <AgendaCard name="cold" title="Going cold">
          {data.goingCold.map((cold) => (
            <li key={cold.event.id}>
              <div className="row-main">
                <span className="name">{cold.title}</span>
                <p className="muted">{cold.reason}</p>
                <p className="idea">{cold.action}</p>
              </div>
              <button
                type="button"
                className="secondary"
                onClick={(event) => {
                  focusAfterLeaving(event.currentTarget);
                  rhythm.mutate({ id: cold.event.id, title: cold.title, everyDays: cold.everyDays });
                }}
              >
                Keep in touch every {cold.everyDays} days
              </button>
            </li>
          ))}
        </AgendaCard>
      )}

      {data.groups.length > 0 && (
        <AgendaCard name="groups" title="Met at one event, due together" total={data.counts.groups}>
          {part("groups", data.groups).map((group) => (
            <li key={group.event.id}>
              <div className="row-main">
                <span className="name">{group.title}</span>
                <p className="idea">{group.action}</p>
                <p className="muted">{group.reason}</p>
              </div>
              <button
                type="button"
                className="secondary"
                aria-label={`Sent the note to the ${group.title}`}
                onClick={(event) => {
                  focusAfterLeaving(event.currentTarget);
                  groupNoted.mutate({
                    title: group.title,
                    eventName: group.event.name,
                    ids: group.people.map((p) => p.id),
                  });
                }}
              >
                Sent the note
              </button>
            </li>
          ))}
        </AgendaCard>
      )}

      {data.due.length > 0 && (
        <AgendaCard name="due" title="Reach out" total={data.counts.due}>
          {part("due", data.due).map((row) =>
            row.person ? (
              <li key={row.person.id}>
                <div className="row-main">
                  <Link to={`/people/${row.person.id}`} className="name">
                    {row.person.name}
                  </Link>{" "}
                  <DueBadge due={row.due} /> <BalanceBadge balance={row.balance} />
                  <p className="muted">{dueReason(row.due)}</p>
                  {row.suggestion && <p className="idea">{row.suggestion.action}</p>}
                </div>
                <button
                  type="button"
                  className="secondary"
                  aria-label={`Got in touch with ${row.person.name}`}
                  onClick={(event) => {
                    focusAfterLeaving(event.currentTarget);
                    if (!row.person) return;
                    caughtUp.mutate({ id: row.person.id, name: row.person.name, action: null });
                  }}
                >
                  Got in touch
                </button>
              </li>
            ) : null,
          )}
        </AgendaCard>
      )}

      {data.thanksOwed.length > 0 && (
        <AgendaCard name="thanks" title="Say thank you" total={data.counts.thanksOwed}>
          {part("thanks", data.thanksOwed).map((row) => (
            <li key={row.counterpart.id}>
              <div className="row-main">
                {row.counterpart.kind === "person" ? (
                  <Link to={`/people/${row.counterpart.id}`} className="name">
                    {row.counterpart.name}
                  </Link>
                ) : (
                  <span className="name">{row.counterpart.name} (department)</span>
                )}
                <p className="muted">
                  {row.lastReceived ? `“${row.lastReceived.summary}”, ` : ""}
                  {daysAgo(row.daysAgo)}
                  {row.late ? `. ${LATE_THANKS_NOTE}` : ""}
                </p>
              </div>
              <button
                type="button"
                className="secondary"
                aria-label={`Thanked ${row.counterpart.name}`}
                onClick={(event) => {
                  focusAfterLeaving(event.currentTarget);
                  thanked.mutate({
                    kind: row.counterpart.kind,
                    id: row.counterpart.id,
                    name: row.counterpart.name,
                    summary: row.lastReceived?.summary ?? null,
                  });
                }}
              >
                Thanked
              </button>
            </li>
          ))}
        </AgendaCard>
      )}

      {data.commitments.length > 0 && (
        <AgendaCard name="promises" title="Promises" total={data.counts.commitments}>
          {part("promises", data.commitments).map((c) => (
            <li key={c.id}>
              <div className="row-main">
                <span className="name">{c.summary}</span>
                {c.late && <span className="badge late">Late</span>}
                <p className="muted">
                  {c.direction === "i_owe" ? `I promised ${c.counterpart}` : `${c.counterpart} promised me`}
                  {c.dueOn ? `, due ${formatDate(c.dueOn)}` : ""}
                </p>
              </div>
              <button
                type="button"
                className="secondary"
                aria-label={`Done: ${c.summary}`}
                onClick={(event) => {
                  focusAfterLeaving(event.currentTarget);
                  kept.mutate({ id: c.id, summary: c.summary });
                }}
              >
                Done
              </button>
            </li>
          ))}
        </AgendaCard>
      )}

      {data.asks.length > 0 && (
        <AgendaCard name="asks" title="Asks left waiting" total={data.counts.asks}>
          {part("asks", data.asks).map((a) => (
            <li key={a.id}>
              <div className="row-main">
                <span className="name">{a.summary}</span>
                <p className="muted">
                  Asked {a.counterpart} on {formatDate(a.askedAt)}
                  {a.advice ? `. ${a.advice}` : ""}
                </p>
              </div>
              <div className="buttons">
                <button
                  type="button"
                  className="secondary"
                  aria-label={`They helped: ${a.summary}`}
                  onClick={(event) => {
                    focusAfterLeaving(event.currentTarget);
                    closeAsk.mutate({
                      id: a.id,
                      summary: a.summary,
                      counterpart: a.counterpart,
                      outcome: "fulfilled",
                    });
                  }}
                >
                  They helped
                </button>
                <button
                  type="button"
                  className="secondary"
                  aria-label={`Withdraw: ${a.summary}`}
                  onClick={(event) => {
                    focusAfterLeaving(event.currentTarget);
                    closeAsk.mutate({
                      id: a.id,
                      summary: a.summary,
                      counterpart: a.counterpart,
                      outcome: "withdrawn",
                    });
                  }}
                >
                  Withdraw
                </button>
              </div>
            </li>
          ))}
        </AgendaCard>
      )}

      {data.occasions.length > 0 && (
        <AgendaCard name="occasions" title="Occasions" total={data.counts.occasions}>
          {part("occasions", data.occasions).map((o) => (
            <li key={`${o.person.id}-${o.label}`}>
              <div className="row-main">
                <Link to={`/people/${o.person.id}`} className="name">
                  {o.person.name}
                </Link>
                <p className="muted">{occasionText(o)}</p>
              </div>
            </li>
          ))}
        </AgendaCard>
      )}

      <Suggestions suggestions={part("ideas", data.suggestions)} total={data.counts.suggestions} />
      <Week />
    </section>
  );
}

function Suggestions({
  suggestions,
  total,
}: {
  suggestions: readonly TodayData["suggestions"][number][];
  total: number;
}) {
  if (suggestions.length === 0) return null;
  return (
    <AgendaCard name="ideas" title="Help someone first" total={total}>
      {withKeys(suggestions, (s) => `${s.kind}-${s.personId}-${s.otherPerson?.id ?? ""}`).map(([key, s]) => (
        <SuggestionRow key={key} suggestion={s} named />
      ))}
    </AgendaCard>
  );
}

function Week() {
  const week = useQuery({ queryKey: keys.week, queryFn: api.week });
  if (week.isPending) return <Loading what="Planning the week's gives" />;
  if (week.isError) return <ErrorState error={week.error} retry={() => void week.refetch()} />;
  if (week.data.total === 0) return null;
  return (
    <section aria-labelledby="week-title" className="card">
      <h2 id="week-title">This week's gives</h2>
      <p className="muted">
        {count(week.data.total, "give", "gives")} from {formatDate(week.data.from)} to{" "}
        {formatDate(week.data.to)}, on {count(week.data.sessions.length, "day", "days")}: overdue first, at
        most three a day, work contacts on your workdays.
      </p>
      {week.data.sessions.map((session) => (
        <div key={session.date}>
          <h3>{formatDate(session.date)}</h3>
          <ul className="rows compact">
            {withKeys(session.gives, (g) => `${g.kind}-${g.personId}`).map(([key, g]) => (
              <li key={key}>
                <div className="row-main">
                  {g.group ? (
                    <span className="name">{g.personName}</span>
                  ) : g.kind === "meet-new" ? (
                    <span className="name">{g.personName}</span>
                  ) : (
                    <Link to={`/people/${g.personId}`} className="name">
                      {g.personName}
                    </Link>
                  )}
                  : {g.action}
                  {g.overdue && <span className="badge late">Overdue</span>}
                </div>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
