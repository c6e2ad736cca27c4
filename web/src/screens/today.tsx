/**
 * Today (DESIGN §3.3–§3.5): who is due and why, the open loops (thanks owed, promises, asks left
 * waiting), occasions, ways to help first and the week's gives — person by person, each once with
 * everything to do for them, led by the single most pressing (today/by-person.ts says the order).
 * Each item has its one-click action; it leaves at once and comes back if the server refuses.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link, useSearchParams } from "react-router";
import { AGENDA_SIZE } from "../../../src/domain/defaults.js";
import { eventPhrase } from "../../../src/domain/event-groups.js";
import { LATE_THANKS_NOTE } from "../../../src/domain/open-loop-texts.js";
import { api } from "../api/client";
import { keys, useWrite } from "../api/hooks";
import { Avatar } from "../components/avatar";
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
import { useTitle } from "../components/title";
import { buttonNamed } from "../components/undo-toast";
import {
  type AgendaItem,
  agendaByPerson,
  leftOut,
  type PersonAgenda,
  type TodayData,
} from "./today/by-person";
import { Welcome } from "./welcome";

/**
 * A one-click action takes its item away at once: the keyboard's focus moves to the next action
 * (or the one before, or the agenda's heading) instead of falling to the page. The next one is
 * found again by its name once the screen has redrawn: it may have moved (the next person now leads).
 */
function focusAfterLeaving(button: HTMLElement) {
  const item = button.closest("li");
  const agenda = button.closest(".today");
  if (!item || !agenda) return;
  const actions = [...agenda.querySelectorAll<HTMLElement>("button[aria-label].act")].filter(
    (b) => !item.contains(b),
  );
  const after = actions.find((b) => item.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
  const target = after ?? actions[actions.length - 1];
  const name = target?.getAttribute("aria-label");
  requestAnimationFrame(() => {
    const found = name ? buttonNamed(name)() : null;
    (found ?? agenda.querySelector<HTMLElement>("h1"))?.focus();
  });
}

/** The whole agenda (the address's `all=1`) or the first seven of each part. */
function useWhole(): [boolean, (whole: boolean) => void] {
  const [params, setParams] = useSearchParams();
  const whole = params.get("all") === "1";
  return [whole, (next: boolean) => setParams(next ? { all: "1" } : {})];
}

/** An event's card (going cold, due together): a heading that names the region, and its rows. */
function EventCard({ name, title, children }: { name: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${name}-title`} className="card">
      <h2 id={`${name}-title`}>{title}</h2>
      <ul className="rows">{children}</ul>
    </section>
  );
}

/**
 * Each item with a key of its own: one person may have two gives of one kind in a week, so a
 * repeated key gets its occurrence number.
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
  const [whole, setWhole] = useWhole();
  // ["today"] or ["today", "all"]: a write refreshes both
  const todayKey = whole ? [...keys.today, "all"] : keys.today;
  // the agenda stays on screen while the rest opens (and the focus with it)
  const today = useQuery({
    queryKey: todayKey,
    queryFn: () => api.today({ all: whole }),
    placeholderData: keepPreviousData,
  });

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

  const people = agendaByPerson(data);
  const [first, ...rest] = people;
  const more = leftOut(data);
  const actions: Actions = {
    caughtUp: (row) => caughtUp.mutate(row),
    thanked: (row) => thanked.mutate(row),
    kept: (row) => kept.mutate(row),
    closeAsk: (row) => closeAsk.mutate(row),
  };
  const nothing = people.length + data.groups.length + data.goingCold.length === 0;
  return (
    <section className="today">
      <header className="screen-head">
        <h1 tabIndex={-1}>Today</h1>
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
            Nobody is due and no loop is open. Add what the people you know need and offer (on their pages),
            and Goodwill will find ways to help first.
          </p>
        </Empty>
      )}

      {first && (
        <section aria-labelledby="first-title" className="card agenda-first">
          <h2 id="first-title" className="eyebrow">
            First, today
          </h2>
          <PersonCard agenda={first} actions={actions} lead />
        </section>
      )}

      {rest.length > 0 && (
        <section aria-labelledby="then-title" className="agenda-then">
          <h2 id="then-title">Then</h2>
          <ul className="agenda-people">
            {rest.map((agenda) => (
              <li key={agenda.key} className="card">
                <PersonCard agenda={agenda} actions={actions} />
              </li>
            ))}
          </ul>
        </section>
      )}

      {(more.length > 0 || whole) && (
        <p className="agenda-more">
          {!whole && (
            <span className="muted">
              The first {AGENDA_SIZE} of each kind are shown: {more.join(", ")}.{" "}
            </span>
          )}
          {/* one button whose words change, so the keyboard's focus stays on it */}
          <button type="button" className="link" onClick={() => setWhole(!whole)}>
            {whole ? `Show the first ${AGENDA_SIZE} of each kind` : "Show everything"}
          </button>
        </p>
      )}

      {data.groups.length > 0 && (
        <EventCard name="groups" title="Met at one event, due together">
          {data.groups.map((group) => (
            <li key={group.event.id}>
              <div className="row-main">
                <span className="name">{group.title}</span>
                <p className="idea">{group.action}</p>
                <p className="muted">{group.reason}</p>
              </div>
              <button
                type="button"
                className="secondary act"
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
        </EventCard>
      )}

      {data.goingCold.length > 0 && (
        <EventCard name="cold" title="Going cold">
          {data.goingCold.map((cold) => (
            <li key={cold.event.id}>
              <div className="row-main">
                <span className="name">{cold.title}</span>
                <p className="muted">{cold.reason}</p>
                <p className="idea">{cold.action}</p>
              </div>
              <button
                type="button"
                className="secondary act"
                aria-label={`Keep in touch every ${cold.everyDays} days`}
                onClick={(event) => {
                  focusAfterLeaving(event.currentTarget);
                  rhythm.mutate({ id: cold.event.id, title: cold.title, everyDays: cold.everyDays });
                }}
              >
                Keep in touch every {cold.everyDays} days
              </button>
            </li>
          ))}
        </EventCard>
      )}

      <Week />
    </section>
  );
}

interface Actions {
  caughtUp(row: { id: string; name: string; action: string | null }): void;
  thanked(row: { kind: "person" | "department"; id: string; name: string; summary: string | null }): void;
  kept(row: { id: string; summary: string }): void;
  closeAsk(row: {
    id: string;
    summary: string;
    counterpart: string;
    outcome: "fulfilled" | "withdrawn";
  }): void;
}

/** One person (or department) with everything to do for them, the most pressing first. */
function PersonCard({
  agenda,
  actions,
  lead = false,
}: {
  agenda: PersonAgenda;
  actions: Actions;
  lead?: boolean;
}) {
  const { who, due } = agenda;
  const nameId = `who-${agenda.key.replace(":", "-")}`;
  return (
    <article className={`agenda-person${lead ? " lead" : ""}`} aria-labelledby={nameId}>
      <header className="with-avatar">
        <Avatar id={who.id} name={who.name} size={lead ? "large" : "small"} />
        <div>
          <h3 id={nameId} className="agenda-name">
            {who.kind === "person" ? (
              <Link to={`/people/${who.id}`}>{who.name}</Link>
            ) : (
              <>
                {who.name} <span className="muted">(department)</span>
              </>
            )}
          </h3>
          {due && (
            <p className="agenda-badges">
              <DueBadge due={due.due} /> <BalanceBadge balance={due.balance} />
            </p>
          )}
        </div>
      </header>
      <ul className="rows agenda-items" aria-label={`To do for ${who.name}`}>
        {agenda.items.map((item) => (
          <Item key={item.key} item={item} who={who} actions={actions} />
        ))}
      </ul>
    </article>
  );
}

const KIND_WORDS: Record<AgendaItem["kind"], string> = {
  thanks: "Say thank you",
  promise: "Promise",
  ask: "Ask waiting",
  due: "Reach out",
  occasion: "Occasion",
  idea: "Help first",
};

/** One thing to do for a person: what, why, and its one-click action. */
function Item({ item, who, actions }: { item: AgendaItem; who: PersonAgenda["who"]; actions: Actions }) {
  const act = (run: () => void) => (event: React.MouseEvent<HTMLButtonElement>) => {
    focusAfterLeaving(event.currentTarget);
    run();
  };
  let body: ReactNode;
  let buttons: ReactNode = null;
  let kind = KIND_WORDS[item.kind];
  switch (item.kind) {
    case "thanks": {
      const row = item.row;
      const when = `${daysAgo(row.daysAgo)}${row.late ? `. ${LATE_THANKS_NOTE}` : ""}`;
      body = item.advice ? (
        <>
          <p className="idea">{item.advice}</p>
          <p className="muted">Helped you {when}</p>
        </>
      ) : (
        <p className="idea">
          {row.lastReceived ? `For “${row.lastReceived.summary}”, ` : "For their help, "}
          {when}
        </p>
      );
      buttons = (
        <button
          type="button"
          className="secondary act"
          aria-label={`Thanked ${row.counterpart.name}`}
          onClick={act(() =>
            actions.thanked({
              kind: row.counterpart.kind,
              id: row.counterpart.id,
              name: row.counterpart.name,
              summary: row.lastReceived?.summary ?? null,
            }),
          )}
        >
          Thanked
        </button>
      );
      break;
    }
    case "promise": {
      const c = item.row;
      kind = c.direction === "i_owe" ? "My promise" : "Their promise";
      body = (
        <>
          <p className="idea">{item.advice ?? c.summary}</p>
          <p className="muted">
            {c.direction === "i_owe" ? `I promised ${c.counterpart}` : `${c.counterpart} promised me`}
            {c.dueOn ? `, due ${formatDate(c.dueOn)}` : ""}
            {c.late && <span className="badge late">Late</span>}
          </p>
        </>
      );
      buttons = (
        <button
          type="button"
          className="secondary act"
          aria-label={`Done: ${c.summary}`}
          onClick={act(() => actions.kept({ id: c.id, summary: c.summary }))}
        >
          Done
        </button>
      );
      break;
    }
    case "ask": {
      const a = item.row;
      const close = (outcome: "fulfilled" | "withdrawn") =>
        act(() => actions.closeAsk({ id: a.id, summary: a.summary, counterpart: a.counterpart, outcome }));
      body = (
        <>
          <p className="idea">{a.summary}</p>
          <p className="muted">
            Asked {a.counterpart} on {formatDate(a.askedAt)}
            {a.advice ? `. ${a.advice}` : ""}
          </p>
        </>
      );
      buttons = (
        <div className="buttons">
          <button
            type="button"
            className="secondary act"
            aria-label={`They helped: ${a.summary}`}
            onClick={close("fulfilled")}
          >
            They helped
          </button>
          <button
            type="button"
            className="secondary act"
            aria-label={`Withdraw: ${a.summary}`}
            onClick={close("withdrawn")}
          >
            Withdraw
          </button>
        </div>
      );
      break;
    }
    case "due": {
      const row = item.row;
      body = (
        <>
          {item.advice && <p className="idea">{item.advice}</p>}
          <p className="muted">{dueReason(row.due)}</p>
        </>
      );
      buttons = (
        <button
          type="button"
          className="secondary act"
          aria-label={`Got in touch with ${who.name}`}
          onClick={act(() => actions.caughtUp({ id: who.id, name: who.name, action: null }))}
        >
          Got in touch
        </button>
      );
      break;
    }
    case "occasion":
      body = item.advice ? (
        <>
          <p className="idea">{item.advice}</p>
          <p className="muted">{occasionText(item.row)}</p>
        </>
      ) : (
        <p className="idea">{occasionText(item.row)}</p>
      );
      break;
    case "idea": {
      const s = item.row;
      const words = s.kind.replace(/-/g, " ");
      kind = `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
      body = (
        <>
          <p className="idea">{s.action}</p>
          <p className="muted">{s.reason}</p>
        </>
      );
      if (s.kind === "introduce" && s.otherPerson)
        buttons = (
          <Link
            className="button secondary"
            // The matched reason goes along, so the form starts from why these two should meet.
            to={`/introductions?${new URLSearchParams({ a: s.person.id, b: s.otherPerson.id, reason: s.reason })}`}
          >
            Introduce
          </Link>
        );
      break;
    }
  }
  return (
    <li className={`agenda-item item-${item.kind}`}>
      <div className="row-main">
        <span className={`badge kind kind-${item.kind}`}>{kind}</span>
        {body}
      </div>
      {buttons}
    </li>
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
            {withKeys(session.gives, (g) => `${g.kind}-${g.person.id}`).map(([key, g]) => (
              <li key={key}>
                <div className="row-main">
                  {g.group ? (
                    <span className="name">{g.person.name}</span>
                  ) : g.kind === "meet-new" ? (
                    <span className="name">{g.person.name}</span>
                  ) : (
                    <Link to={`/people/${g.person.id}`} className="name">
                      {g.person.name}
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
