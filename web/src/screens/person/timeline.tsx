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
import { byData, useFocusAfterRender } from "../../components/focus";
import { Empty, FormError } from "../../components/states";
import {
  addsToTimeline,
  type Overview,
  PENDING,
  personKeys,
  removesFromTimeline,
  type TimelineItem,
  type TimelinePages,
} from "./overview";
import { EditItem, NOUN, RECORD_KIND, short } from "./timeline-edit";

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
  // one item at a time is edited, or asks to confirm its deletion
  const [open, setOpen] = useState<{ id: string; what: "edit" | "delete" } | null>(null);
  const focusLater = useFocusAfterRender();
  const remove = useWrite((item: TimelineItem) => api.deleteRecord(RECORD_KIND[item.type], item.id), {
    optimistic: removesFromTimeline(personId, (item: TimelineItem) => item.id),
    undo: (_, item) => ({
      message: `Deleted the ${NOUN[item.type]} “${short(item.summary)}”.`,
      refocus: byData("edit", item.id),
    }),
  });
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title" tabIndex={-1}>
        Timeline
      </h2>
      <AddNote personId={personId} />
      {items.length === 0 ? (
        <Empty>
          <p>Nothing yet. Log a moment, a give or a note above.</p>
        </Empty>
      ) : (
        <ol className="rows timeline" aria-label="Timeline items">
          {items.map((item) =>
            open?.id === item.id && open.what === "edit" ? (
              <li key={item.id} className="editing">
                <EditItem
                  item={item}
                  onClose={() => {
                    setOpen(null);
                    // back to the item's Edit button
                    focusLater(byData("edit", item.id));
                  }}
                />
              </li>
            ) : (
              <li key={item.id} className={item.id.startsWith(PENDING) ? "pending" : undefined}>
                <div className="row-main">
                  <span className={`badge type-${item.type}`}>{TYPE_WORDS[item.type]}</span>{" "}
                  <time dateTime={item.at} className="muted">
                    {formatDate(item.at)}
                  </time>
                  <p className="timeline-summary">{item.summary}</p>
                  {item.detail && <p className="muted">{item.detail}</p>}
                  {open?.id === item.id && open.what === "delete" && (
                    <ConfirmDelete
                      item={item}
                      onKeep={() => {
                        setOpen(null);
                        focusLater(byData("delete", item.id));
                      }}
                      onDelete={(button) => {
                        focusAfterLeaving(button);
                        setOpen(null);
                        remove.mutate(item);
                      }}
                    />
                  )}
                </div>
                {/* an item shown before the server answered has no id to correct yet */}
                {!item.id.startsWith(PENDING) && (
                  <div className="buttons">
                    <button
                      type="button"
                      className="secondary"
                      data-edit={item.id}
                      aria-label={`Edit the ${NOUN[item.type]} “${short(item.summary)}”`}
                      onClick={() => setOpen({ id: item.id, what: "edit" })}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      className="secondary danger-text"
                      data-delete={item.id}
                      aria-label={`Delete the ${NOUN[item.type]} “${short(item.summary)}”`}
                      aria-expanded={open?.id === item.id && open.what === "delete"}
                      onClick={() => setOpen({ id: item.id, what: "delete" })}
                    >
                      Delete
                    </button>
                  </div>
                )}
              </li>
            ),
          )}
        </ol>
      )}
      <FormError error={remove.error} />
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

/** A deleted item leaves: the keyboard's focus goes to the next item's Edit (or the heading). */
function focusAfterLeaving(button: HTMLElement) {
  const row = button.closest("li");
  const neighbour = row?.nextElementSibling ?? row?.previousElementSibling;
  const heading = row?.closest("section")?.querySelector<HTMLElement>("h2");
  requestAnimationFrame(() => (neighbour?.querySelector<HTMLElement>("[data-edit]") ?? heading)?.focus());
}

/** Delete asks first; Undo can still bring it back for a while after. */
function ConfirmDelete({
  item,
  onKeep,
  onDelete,
}: {
  item: TimelineItem;
  onKeep: () => void;
  onDelete: (button: HTMLElement) => void;
}) {
  const noun = NOUN[item.type];
  return (
    <div className="confirm danger-zone" role="alertdialog" aria-label={`Delete the ${noun}?`}>
      <p>
        Delete the {noun} “{short(item.summary)}”? Balances and strength are worked out again without it. You
        can undo it right after.
      </p>
      <div className="actions">
        <button
          type="button"
          className="secondary"
          onClick={onKeep}
          // biome-ignore lint/a11y/noAutofocus: the question needs an answer; Keep is the safe one
          autoFocus
        >
          Keep it
        </button>
        <button type="button" className="danger" onClick={(event) => onDelete(event.currentTarget)}>
          Delete
        </button>
      </div>
    </div>
  );
}

function AddNote({ personId }: { personId: string }) {
  const id = useId();
  const [body, setBody] = useState("");
  const add = useWrite((text: string) => api.addNote(personId, text), {
    optimistic: addsToTimeline(personId, (text: string) => ({ type: "note", summary: text })),
    onSuccess: () => setBody(""),
    undo: (_, text) => `Note saved: “${short(text)}”.`,
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
