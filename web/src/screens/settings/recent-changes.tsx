/**
 * Recent changes (issue 10): the last 20 writes of the journal, newest first, each with its Undo
 * while it is in force. An import is undone from Import / Export, where it asks first.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useRef } from "react";
import { Link } from "react-router";
import { api } from "../../api/client";
import { Empty, ErrorState, FormError, Loading } from "../../components/states";

function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, {
    day: "numeric",
    month: "short",
    hour: "numeric",
    minute: "2-digit",
  });
}

export function RecentChanges() {
  const id = useId();
  const client = useQueryClient();
  const list = useQuery({ queryKey: ["undo", "recent"], queryFn: () => api.listUndo({ limit: 20 }) });
  const said = useRef<HTMLParagraphElement>(null);
  const undo = useMutation({
    mutationFn: (entryId: string) => api.undo(entryId),
    onSettled: () => client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== "me" }),
    // the Undo button has gone: the keyboard's focus goes to what happened
    onSuccess: () => requestAnimationFrame(() => said.current?.focus()),
  });
  return (
    <section className="card recent-changes" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Recent changes</h2>
      <p className="muted">
        Your last 20 changes, newest first. Undo puts back what one of them changed, unless something written
        since builds on it (then undo that first).
      </p>
      <p ref={said} className="notice" role="status" aria-live="polite" tabIndex={-1}>
        {undo.data?.summary}
      </p>
      <FormError error={undo.error} />
      {list.isPending ? (
        <Loading what="Reading recent changes" />
      ) : list.isError ? (
        <ErrorState error={list.error} retry={() => void list.refetch()} />
      ) : list.data.entries.length === 0 ? (
        <Empty>
          <p>No change in the last 30 days.</p>
        </Empty>
      ) : (
        <ul className="rows compact" aria-label="Recent changes">
          {list.data.entries.map((entry) => (
            <li key={entry.id} className={entry.undoneAt ? "undone" : undefined}>
              <div className="row-main">
                <span className={entry.undoneAt ? "muted" : undefined}>{entry.description}</span>{" "}
                {entry.undoneAt && <span className="badge">Undone</span>}
                <p className="muted">
                  <time dateTime={entry.createdAt}>{when(entry.createdAt)}</time>
                </p>
              </div>
              {entry.undoneAt ? null : entry.kind === "import" ? (
                <Link to="/import" className="button secondary">
                  Past imports
                </Link>
              ) : (
                <button
                  type="button"
                  className="secondary"
                  aria-label={`Undo: ${entry.description}`}
                  aria-busy={undo.isPending && undo.variables === entry.id}
                  onClick={() => {
                    if (!undo.isPending) undo.mutate(entry.id);
                  }}
                >
                  {undo.isPending && undo.variables === entry.id ? "Undoing…" : "Undo"}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
