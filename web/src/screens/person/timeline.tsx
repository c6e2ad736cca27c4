/**
 * What happened with a person, newest first: the overview brings the newest page, "Show older"
 * appends the next one (each asked for with the cursor the page before ended on). Every text is
 * plain text: React escapes it.
 */
import { useInfiniteQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { api } from "../../api/client";
import { useWrite } from "../../api/hooks";
import { formatDate } from "../../components/badges";
import { Empty, FormError } from "../../components/states";
import { addsToTimeline, type Overview, PENDING, personKeys, type TimelinePages } from "./overview";

const TYPE_WORDS: Record<Overview["timeline"][number]["type"], string> = {
  gave: "Gave",
  received: "Received",
  moment: "Moment",
  ask: "Ask",
  promise: "Promise",
  note: "Note",
};

export function Timeline({ overview, overviewAt }: { overview: Overview; overviewAt: number }) {
  const personId = overview.person.id;
  const timeline = useInfiniteQuery({
    queryKey: personKeys.timeline(personId),
    queryFn: ({ pageParam, signal }) =>
      api.timeline(personId, pageParam === null ? {} : { before: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next,
    // The overview already holds the newest page: no second request when the screen opens.
    initialData: (): TimelinePages => ({
      pages: [
        { items: overview.timeline, more: overview.timelineNext !== null, next: overview.timelineNext },
      ],
      pageParams: [null],
    }),
    initialDataUpdatedAt: overviewAt,
    staleTime: 30_000,
  });
  const items = timeline.data.pages.flatMap((page) => page.items);
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      <AddNote personId={personId} />
      {items.length === 0 ? (
        <Empty>
          <p>Nothing yet. Log a moment, a give or a note above.</p>
        </Empty>
      ) : (
        <ol className="rows timeline" aria-label="Timeline items">
          {items.map((item) => (
            <li key={item.id} className={item.id.startsWith(PENDING) ? "pending" : undefined}>
              <div className="row-main">
                <span className={`badge type-${item.type}`}>{TYPE_WORDS[item.type]}</span>{" "}
                <time dateTime={item.at} className="muted">
                  {formatDate(item.at)}
                </time>
                <p className="timeline-summary">{item.summary}</p>
                {item.detail && <p className="muted">{item.detail}</p>}
              </div>
            </li>
          ))}
        </ol>
      )}
      <FormError error={timeline.isFetchNextPageError ? timeline.error : null} />
      {timeline.hasNextPage && (
        <div className="actions timeline-more">
          <button
            type="button"
            className="secondary"
            // not disabled while loading: a disabled button drops the keyboard's focus to the page
            aria-busy={timeline.isFetchingNextPage}
            onClick={() => {
              if (!timeline.isFetchingNextPage) void timeline.fetchNextPage();
            }}
          >
            {timeline.isFetchingNextPage ? "Loading older…" : "Show older"}
          </button>
        </div>
      )}
    </section>
  );
}

function AddNote({ personId }: { personId: string }) {
  const id = useId();
  const [body, setBody] = useState("");
  const add = useWrite((text: string) => api.addNote(personId, text), {
    optimistic: addsToTimeline(personId, (text: string) => ({ type: "note", summary: text })),
    onSuccess: () => setBody(""),
  });
  return (
    <form
      className="note-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (body.trim()) add.mutate(body.trim());
      }}
    >
      <label htmlFor={`${id}-note`}>Add a note</label>
      <div className="inline-field">
        <textarea
          id={`${id}-note`}
          rows={2}
          maxLength={10000}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          placeholder="What to remember about them"
        />
        <button type="submit" className="secondary" disabled={add.isPending || !body.trim()}>
          Save note
        </button>
      </div>
      <FormError error={add.error} />
    </form>
  );
}
