/**
 * Recent changes (issue 10): the last 20 writes of the journal, newest first, each with its Undo
 * while it is in force. An import is undone from Import / Export, where it asks first.
 */
import { Link } from "react-router";
import { JournalCard } from "../../components/journal-card";

function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, {
    day: "numeric",
    month: "short",
    hour: "numeric",
    minute: "2-digit",
  });
}

export function RecentChanges() {
  return (
    <JournalCard
      title="Recent changes"
      className="recent-changes"
      intro="Your last 20 changes, newest first. Undo puts back what one of them changed, unless something written since builds on it (then undo that first)."
      queryKey={["undo", "recent"]}
      reading="Reading recent changes"
      none="No change in the last 30 days."
      listClass="rows compact"
      row={(entry, undo) => (
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
              aria-busy={undo.undoing(entry)}
              onClick={() => {
                if (!undo.busy) undo.run(entry);
              }}
            >
              {undo.undoing(entry) ? "Undoing…" : "Undo"}
            </button>
          )}
        </li>
      )}
    />
  );
}
